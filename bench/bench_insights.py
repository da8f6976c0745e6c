"""Server time of the insight dashboards (issue 14, parts 4 and 5), read from the summaries.

In-process through django.test.Client with a signed-in manager, as bench_pages.py measures pages:
routing, middleware, session, view, ORM, the SVG charts, the template, the body read. The data set
is loaded with `import_dataset` when the database holds no client yet; the summaries are rebuilt
(`insights_rebuild`, timed) when they are empty or with --rebuild. Each page gets a few untimed
warm-ups, then REPS timed requests over a rotation of filters (periods, breakdowns, sites), and
every timed answer is checked to carry chart data: a 200 whose charts have bars with values (the
dashboards), case rows (the drill-down), data rows (the CSV), a case link (the digest).

    .venv/bin/python bench/bench_insights.py --data /tmp/c100000 \
        --database-url sqlite:////tmp/gw100k.sqlite3

Prints one markdown table; paste it into BENCHMARKS.md with the machine and date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import dataset_loaded, django_setup

# The data set's "now" (shared/bench/DATASET.md): the periods end there.
DATA_NOW = dt.date(2026, 6, 30)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", required=True, type=Path, help="a shared/bench/dataset.py set")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--reps", type=int, default=40)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the summaries first")
    args = parser.parse_args()

    django_setup(args.database_url)
    from django.db import connection
    from django.test import Client as HttpClient

    from goodwill.cases.models import Case
    from goodwill.clients.models import Client
    from goodwill.insights.models import CaseDay, DailySummary
    from goodwill.insights.services import summaries_rebuild
    from goodwill.organisation.models import Site, User
    from goodwill.organisation.services import site_create, staff_create
    from goodwill.timeline.models import Entry

    dataset_loaded(args.data)
    rebuilt = ""
    if args.rebuild or not DailySummary.objects.exists():
        started = time.perf_counter()
        summaries_rebuild()
        rebuilt = f"{time.perf_counter() - started:.0f} s"
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    care = Site.objects.filter(kind="care_centre").first() or site_create(
        code="BENCH-CARE", name="Bench care centre", kind="care_centre", country="CH"
    )
    brand = User.objects.filter(username="bench-brand-manager").first() or staff_create(
        username="bench-brand-manager", password=None, first_name="Brand", last_name="Manager",
        role="manager", site=care, email="brand@bench.example",
    )  # fmt: skip
    busiest = (
        DailySummary.objects.values_list("site_id", flat=True).order_by("-opened").first() or 0
    )
    dealer_site = Site.objects.get(pk=busiest)
    dealer = User.objects.filter(username="bench-dealer-manager").first() or staff_create(
        username="bench-dealer-manager", password=None, first_name="Dealer", last_name="Manager",
        role="manager", site=dealer_site, email="dealer@bench.example",
    )  # fmt: skip
    sites = list(
        Site.objects.exclude(kind="care_centre").order_by("pk").values_list("code", flat=True)
    )
    models = list(
        CaseDay.objects.exclude(product_model="")
        .values_list("product_model", flat=True)
        .distinct()[:5]
    )
    quarter = {"from": (DATA_NOW - dt.timedelta(weeks=12)).isoformat(), "to": DATA_NOW.isoformat()}
    year = {
        "from": (DATA_NOW - dt.timedelta(days=364)).isoformat(),
        "to": DATA_NOW.isoformat(),
        "grain": "month",
    }

    def rotation(base: dict[str, str], extra: list[dict[str, str]]) -> list[str]:
        return [urlencode(base | more) for more in extra]

    def has_charts(body: bytes) -> bool:
        # Every metric's card is drawn, and the opened-cases chart has bars with values.
        text = body.decode()
        card = text.split('data-metric="opened"', 1)[-1].split("</section>", 1)[0]
        return text.count("data-metric=") >= 8 and card.count('class="value"') >= 1

    def digest_has_figures(body: bytes) -> bool:
        # The data set has no chasers, promises or complaints: its worst stories are empty; the
        # week's cases opened must not be.
        found = re.search(rb'Cases opened</td><td class="num">(\d+)<', body)
        return found is not None and int(found[1]) > 0

    def dash(base: dict[str, str], extra: list[dict[str, str]]) -> list[str]:
        return ["/insights/?" + q for q in rotation(base, extra)]

    tiers = [{"by": "model", "tier": tier} for tier in ("standard", "premium", "vip")]
    per_model = [{"by": "category", "model": model} for model in models]
    week = {"from": "2026-06-22", "to": "2026-06-28", "metric": "opened"}
    drills = [{}, {"category": "breakdown"}, {"tier": "vip"}]
    resolution = rotation(year, [{"by": "site", "metric": "resolution"}])
    pages: list[tuple[str, User, list[str], object]] = [
        ("dashboard, 12 weeks by week, every site", brand, dash(quarter, [{}]), has_charts),
        ("dashboard, 12 weeks, one site", brand, dash(quarter, [{"site": s} for s in sites[:20]]),
            has_charts),
        ("dashboard, a year by month, by site", brand, dash(year, [{"by": "site"}]), has_charts),
        ("dashboard, a year by month, by advisor", brand, dash(year, [{"by": "advisor"}]),
            has_charts),
        ("dashboard, a year, by model, per tier", brand, dash(year, tiers), has_charts),
        ("dashboard, a year, by category, per model", brand, dash(year, per_model), has_charts),
        ("dashboard, dealer's manager (own site), a year", dealer,
            dash(year, [{"by": "category"}]), has_charts),
        ("drill-down: cases opened, a week", brand,
            ["/insights/cases/?" + q for q in rotation(week, drills)],
            lambda body: b"data-case=" in body),
        ("CSV export: resolution time by site, a year", brand,
            ["/insights/export.csv?" + q for q in resolution],
            lambda body: body.count(b"\n") > 10),
        ("weekly digest 2026-W26, every site", brand, ["/insights/digest/?week=2026-W26"],
            digest_has_figures),
    ]  # fmt: skip

    results = []
    for name, user, urls, check in pages:
        http = HttpClient()
        http.force_login(user)
        first = http.get(urls[0])
        assert first.status_code == 200, (name, urls[0], first.status_code)
        for url in urls[:3]:
            http.get(url)
        timings = []
        for n in range(args.reps):
            url = urls[n % len(urls)]
            started = time.perf_counter()
            response = http.get(url)
            body = response.content
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            assert check(body), (name, url, "has no data")  # type: ignore[operator]
        results.append((name, timings))
        print(f"{name}: p50 {statistics.median(timings):.0f} ms", file=sys.stderr)

    # The sweep after a little activity: a note on 20 cases, then one refresh (their days only).
    from goodwill.cases.services import case_add_note
    from goodwill.insights.services import summaries_refresh

    summaries_refresh()  # whatever the bench's own users wrote
    sweeps = []
    for n in range(5):
        for case in Case.objects.order_by("?")[:20]:
            case_add_note(actor=None, case=case, text=f"Bench note {n}")
        started = time.perf_counter()
        days = summaries_refresh()
        sweeps.append((time.perf_counter() - started) * 1000)
        assert days, "the sweep found nothing to refresh"
    sweep_line = (
        f"sweep after notes on 20 random cases: median {statistics.median(sweeps):.0f} ms, "
        f"worst {max(sweeps):.0f} ms ({len(days)} days refreshed in the last run)"
    )

    print(
        f"\n{connection.vendor}, {Client.objects.count():,} clients, {Case.objects.count():,} "
        f"cases, {Entry.objects.count():,} timeline entries, {CaseDay.objects.count():,} case-day "
        f"and {DailySummary.objects.count():,} daily summary rows; {platform.node()}, "
        f"{os.cpu_count()} cores, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
        + (f"; summaries rebuilt in {rebuilt}" if rebuilt else "")
    )
    print("\n| page | p50 ms | p95 ms | n |\n|---|---:|---:|---:|")
    for name, timings in results:
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) >= 20 else max(timings)
        print(f"| {name} | {statistics.median(timings):.0f} | {p95:.0f} | {len(timings)} |")
    print("\n" + sweep_line)


if __name__ == "__main__":
    main()
