"""Server time of the client's portal pages (issue 13, part 6): target p95 ≤ 50 ms at 10,000
clients.

In-process through django.test.Client, as bench_pages.py measures staff pages: URL routing,
middleware, the portal session (the link checked on every page), view, ORM and template, the body
read. Each sampled client gets their own private link (portal_link_issue), opened once as they
would from their e-mail, then each portal page is asked for, untimed warm-ups first. Every timed
answer is checked: a 200 showing that client's own things (their product, their case's
reference), never an empty page.

    .venv/bin/python bench/bench_portal.py --data /tmp/c10000 \
        --database-url postgres://postgres@127.0.0.1:5432/bench_portal [--write]

The database is created and loaded with `import_dataset` when it holds no clients yet. Prints a
markdown section; --write replaces it in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_agent, dataset_loaded, django_setup

HEADING = "## Client portal: `bench/bench_portal.py` (issue 13)"
TARGET_P95_MS = 50.0


def _p95(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=20)[-1] if len(timings) >= 20 else max(timings)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", required=True, type=Path, help="a data set from dataset.py")
    parser.add_argument("--database-url", required=True)
    parser.add_argument(
        "--clients", type=int, default=100, help="clients sampled (one session each)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="timed requests per page and client")
    parser.add_argument("--write", action="store_true", help="replace the section in BENCHMARKS.md")
    args = parser.parse_args()

    django_setup(args.database_url)
    from django.db import connection
    from django.test import Client as HttpClient
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils.html import escape

    from goodwill.appointments.services import slots_generate
    from goodwill.cases.models import Case
    from goodwill.clients.models import Client, Product
    from goodwill.documents.samples import text_pdf
    from goodwill.documents.services import document_store
    from goodwill.organisation.models import Site
    from goodwill.portal.services import portal_link_issue
    from goodwill.timeline.models import Entry

    dataset_loaded(args.data)

    # Clients with a product and a case: the pages then have something of theirs to show.
    rng = random.Random(13)
    with_cases = list(
        Case.objects.filter(client__products__isnull=False)
        .values_list("client_id", flat=True)
        .distinct()
        .order_by("client_id")[:50000]
    )
    sample = rng.sample(with_cases, min(args.clients, len(with_cases)))
    clients = list(Client.objects.filter(pk__in=sample).select_related("site"))
    assert clients, "the data set holds no client with a product and a case"

    def pages_of(client: Client) -> list[tuple[str, str, str]]:
        """(page, url, what it must show) for one client's own pages."""
        product = Product.objects.filter(client=client).order_by("-purchase_date", "id").first()
        case = Case.objects.filter(client=client).order_by("-opened_at").first()
        assert product is not None and case is not None
        pages = [
            ("overview", reverse("portal-home"), escape(product.model)),
            (
                "a case and its conversation",
                reverse("portal-case", args=[case.reference]),
                case.reference,
            ),
            ("settings", reverse("portal-settings"), 'name="language"'),
            (
                "documents (theirs and shared)",
                reverse("portal-documents"),
                f"bench-{client.ref}.pdf",
            ),
            ("appointments", reverse("portal-appointments"), "book-kind"),
        ]
        return pages

    # What the documents and appointments pages list: one document each client sent, and a
    # fortnight of workshop times at each sampled client's site.
    agent = bench_agent()
    from django.utils import timezone

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for site_id in {client.site_id for client in clients}:
        slots_generate(
            actor=agent,
            site=Site.objects.get(pk=site_id),
            kind="workshop",
            first_day=tomorrow,
            last_day=tomorrow + dt.timedelta(days=14),
            weekdays=range(5),
            times=[dt.time(9, 0), dt.time(14, 0)],
            minutes=90,
            capacity=3,
        )
    for client in clients:
        document_store(
            client=client,
            content=text_pdf([f"Invoice for {client.ref}"]),
            filename=f"bench-{client.ref}.pdf",
            source="portal",
        )

    timings: dict[str, list[float]] = defaultdict(list)
    queries: dict[str, int] = {}
    for client in clients:
        link = portal_link_issue(client=client, actor=None)
        http = HttpClient()
        opened = http.get(reverse("portal-open", args=[link.issued_token]))
        assert opened.status_code == 302, opened.status_code
        pages = pages_of(client)
        for _name, url, _shows in pages:  # warm-up, untimed
            _ = http.get(url).content
        for name, url, shows in pages:
            if name not in queries:
                with CaptureQueriesContext(connection) as captured:
                    http.get(url)
                queries[name] = len(captured)
            for _ in range(args.rounds):
                started = time.perf_counter()
                response = http.get(url)
                body = response.content
                timings[name].append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
                assert shows.encode() in body, (url, "does not show", shows)

    clients_count = Client.objects.count()
    entries_count = Entry.objects.count()
    every = [value for values in timings.values() for value in values]
    lines = [
        HEADING,
        "",
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}; {connection.vendor}, {clients_count:,} clients, "
        f"{entries_count:,} timeline entries (data `{args.data.name}`, shared dataset.py); "
        f"{len(clients)} clients sampled, each with their own link and session, "
        f"{args.rounds} timed requests per page and client, every answer checked.",
        "",
        "| portal page | p50 ms | p95 ms | queries | n |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, values in timings.items():
        lines.append(
            f"| {name} | {statistics.median(values):.1f} | {_p95(values):.1f} | "
            f"{queries[name]} | {len(values)} |"
        )
    overall = _p95(every)
    verdict = "met" if overall <= TARGET_P95_MS else "**missed**"
    lines += [
        f"| **all portal pages** | {statistics.median(every):.1f} | {overall:.1f} | "
        f"| {len(every)} |",
        "",
        f"Target p95 ≤ {TARGET_P95_MS:.0f} ms over every portal page: {verdict}.",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    if args.write:
        path = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
        text = path.read_text()
        pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
        text = (
            pattern.sub(section + "\n", text)
            if pattern.search(text)
            else text.rstrip() + "\n\n" + section
        )
        path.write_text(text)


if __name__ == "__main__":
    main()
