"""Server time of the pages staff wait on, measured like shared/bench/PEER-RESULTS.md.

In-process through django.test.Client with a logged-in staff member: URL routing, middleware,
session, view, ORM and template rendering, with the response body read. Each endpoint gets a few
untimed warm-ups, then REPS timed requests, each against a different random target (seed 7).
Every timed answer is checked: a 200 that shows what was asked for (the client found by a search,
the client's name on their page, the case's reference on the case page, the advisor's own name).

    .venv/bin/python bench/bench_pages.py --data /tmp/c100000 --database-url sqlite:////tmp/gw100k.sqlite3
    .venv/bin/python bench/bench_pages.py --data /tmp/c100000 --database-url postgres://postgres@127.0.0.1:5432/gw100k

The database is created and loaded with `import_dataset` when it holds no clients yet. Prints one
markdown table; paste it into BENCHMARKS.md with the machine and date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_agent, dataset_loaded, django_setup


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", required=True, type=Path, help="a data set directory from shared/bench/dataset.py"
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--only", default="", help="measure only the endpoints whose name has this")
    args = parser.parse_args()

    django_setup(args.database_url)
    import phonenumbers
    from django.db import connection
    from django.test import Client as HttpClient
    from django.test.utils import CaptureQueriesContext
    from django.utils.html import escape

    from goodwill.cases.models import Case
    from goodwill.cases.services import case_add_note, case_open
    from goodwill.clients.models import Client, ContactPoint, Product
    from goodwill.clients.normalize import folded
    from goodwill.organisation.models import User
    from goodwill.timeline.models import Entry

    dataset_loaded(args.data)

    agent = bench_agent()
    advisor = User.objects.filter(role="advisor", code__isnull=False).order_by("code").first()
    assert advisor is not None

    rng = random.Random(7)
    max_id = Client.objects.order_by("-id").values_list("id", flat=True).first() or 0
    min_id = Client.objects.order_by("id").values_list("id", flat=True).first() or 0

    def random_clients(n: int) -> list[Client]:
        picked: list[Client] = []
        while len(picked) < n:
            found = (
                Client.objects.filter(id__gte=rng.randint(min_id, max_id)).order_by("id").first()
            )
            if found is not None:
                picked.append(found)
        return picked

    targets = random_clients(args.reps)
    phones = {
        c.client_id: c.normalized
        for c in ContactPoint.objects.filter(client__in=targets, kind="phone")
    }
    emails = {
        c.client_id: c.value for c in ContactPoint.objects.filter(client__in=targets, kind="email")
    }
    plates = list(
        Product.objects.exclude(plate="")
        .filter(
            id__gte=rng.randint(
                0,
                max(1, Product.objects.order_by("-id").values_list("id", flat=True).first() or 1)
                // 2,
            )
        )
        .values_list("plate", "client__ref")[: args.reps]
    )

    def as_told(e164: str) -> str:
        """The number as a caller gives it: national format from the agent's own country, else
        international (a national number is read in the searching agent's country)."""
        number = phonenumbers.parse(e164, None)
        home = phonenumbers.region_code_for_number(number) == agent.site.country
        return phonenumbers.format_number(
            number,
            phonenumbers.PhoneNumberFormat.NATIONAL
            if home
            else phonenumbers.PhoneNumberFormat.INTERNATIONAL,
        )

    # (typed text, what the answer must show): the client looked for, by the reference each hit
    # shows; a partial name may match more clients than a page lists, so any hit will do there.
    queries = {
        "search: phone as told (national at home, else international)": [
            (as_told(phones[c.id]), c.ref) for c in targets if c.id in phones
        ],
        "search: plate, lower case without separators": [
            (plate.replace("-", "").replace(" ", "").lower(), ref) for plate, ref in plates
        ],
        "search: e-mail": [(emails[c.id], c.ref) for c in targets if c.id in emails],
        "search: partial name (first 4 letters, no accents)": [
            (folded(c.last_name)[:4], 'class="hit"') for c in targets
        ],
    }

    # The client page of a long story: ~30 cases and ~250 timeline entries.
    heavy: list[Client] = []
    for client in random_clients(20):
        have_cases = client.cases.count()
        for n in range(max(0, 30 - have_cases)):
            case_open(
                actor=None, client=client, summary=f"Bench case {n}", owner=client.advisor or agent
            )
        cases = list(client.cases.all())
        missing = 250 - Entry.objects.filter(client=client).count()
        for n in range(max(0, missing)):
            case_add_note(actor=None, case=cases[n % len(cases)], text=f"Bench note {n}")
        heavy.append(client)
    case_refs = [c.reference for c in Case.objects.filter(client__in=targets)[: args.reps]]

    http = HttpClient()
    http.force_login(agent)
    results: list[tuple[str, list[float], int]] = []

    def measure(name: str, pages: list[tuple[str, str]]) -> None:
        """Time GET of each (url, text the page must show)."""
        if args.only not in name:
            return
        with CaptureQueriesContext(connection) as captured:
            response = http.get(pages[0][0])
            assert response.status_code == 200, (pages[0][0], response.status_code)
        query_count = len(captured)
        for url, _shows in pages[:3]:
            _ = http.get(url).content
        timings = []
        for url, shows in pages:
            started = time.perf_counter()
            response = http.get(url)
            body = response.content
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            assert shows.encode() in body, (url, "does not show", shows)
        results.append((name, timings, query_count))

    for name, values in queries.items():
        measure(name, [(f"/search/?{urlencode({'q': text})}", shows) for text, shows in values])
    measure(
        "client page, ~30 cases / ~250 entries",
        [(f"/clients/{c.ref}/", escape(c.name)) for c in heavy] * 5,
    )
    measure("client page, random client", [(f"/clients/{c.ref}/", escape(c.name)) for c in targets])
    measure("case page, random case", [(f"/cases/{ref}/", ref) for ref in case_refs])
    http.force_login(advisor)
    measure("advisor home (my book)", [("/", escape(advisor.get_full_name()))] * 50)

    clients_count = Client.objects.count()
    entries_count = Entry.objects.count()
    print(
        f"\n{connection.vendor}, {clients_count:,} clients, {entries_count:,} timeline entries, "
        f"{platform.node()}, {os.cpu_count()} cores, {dt.datetime.now(dt.UTC):%Y-%m-%d}, data "
        f"{args.data.name}"
    )
    print("\n| endpoint | p50 ms | p95 ms | queries | n |\n|---|---:|---:|---:|---:|")
    for name, timings, query_count in results:
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) >= 20 else max(timings)
        print(
            f"| {name} | {statistics.median(timings):.1f} | {p95:.1f} | {query_count} | "
            f"{len(timings)} |"
        )
    print(json.dumps({"vendor": connection.vendor, "clients": clients_count}), file=sys.stderr)


if __name__ == "__main__":
    main()
