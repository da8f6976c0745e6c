"""The screen pop's lookup at scale: number → client, open cases, last entries; target p95 ≤ 20 ms.

Measured like bench/bench_pages.py: in-process, a few untimed warm-ups, then REPS timed runs, each
for a different random client's phone number (seed 7). Two levels:

* the selector `phone.selectors.screen_pop(number=, viewer=)` alone (ORM and Python);
* the full `GET /phone/pop/` through django.test.Client, as the agent's page polls it while a call
  rings for them: routing, middleware, session, the call query, the selector and the template.

    .venv/bin/python bench/bench_screen_pop.py --data /tmp/gwdata/c100000 --database-url sqlite:////tmp/gw100k.sqlite3
    .venv/bin/python bench/bench_screen_pop.py --data /tmp/gwdata/c100000 --database-url postgres://postgres@127.0.0.1:5432/gw100k

The database is created and loaded with `import_dataset` when it holds no clients yet. Prints one
markdown table; paste it into BENCHMARKS.md with the machine and date.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_agent, dataset_loaded, django_setup


def percentiles(timings: list[float]) -> tuple[float, float]:
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) >= 20 else max(timings)
    return statistics.median(timings), p95


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", required=True, type=Path, help="a data set directory from shared/bench/dataset.py"
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--reps", type=int, default=300)
    args = parser.parse_args()

    django_setup(args.database_url)
    from django.db import connection
    from django.test import Client as HttpClient
    from django.utils import timezone, translation

    from goodwill.channels.phone.models import Call
    from goodwill.channels.phone.selectors import screen_pop
    from goodwill.clients.models import Client, ContactPoint
    from goodwill.organisation.models import User
    from goodwill.timeline.models import Entry

    dataset_loaded(args.data)

    agent = bench_agent()

    rng = random.Random(7)
    max_id = Client.objects.order_by("-id").values_list("id", flat=True).first() or 0
    min_id = Client.objects.order_by("id").values_list("id", flat=True).first() or 0
    numbers: list[str] = []
    while len(numbers) < args.reps:
        found = (
            ContactPoint.objects.filter(kind="phone", client_id__gte=rng.randint(min_id, max_id))
            .order_by("client_id")
            .values_list("normalized", flat=True)
            .first()
        )
        if found:
            numbers.append(found)
    unknown = [f"+4179{rng.randint(1000000, 9999999)}" for _ in range(args.reps)]
    dealer_site = (
        Client.objects.filter(id__gte=rng.randint(min_id, max_id))
        .values_list("site_id", flat=True)
        .first()
    )
    dealer = (
        User.objects.select_related("site").filter(site_id=dealer_site, is_active=True).first()
        or agent
    )

    results: list[tuple[str, list[float], int]] = []

    @contextlib.contextmanager
    def counting() -> Iterator[list[str]]:
        """The queries run inside, counted at the cursor (a request resets Django's query log)."""
        seen: list[str] = []

        def wrapper(execute: Callable[..., object], sql: str, *rest: object) -> object:
            seen.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(wrapper):
            yield seen

    def measure(name: str, run: Callable[[str], object], inputs: list[str]) -> None:
        with counting() as captured:
            run(inputs[0])
        for value in inputs[:5]:
            run(value)
        timings = []
        for value in inputs:
            started = time.perf_counter()
            run(value)
            timings.append((time.perf_counter() - started) * 1000)
        results.append((name, timings, len(captured)))

    translation.activate("en")

    def pop_for(viewer: User) -> Callable[[str], object]:
        return lambda number: screen_pop(number=number, viewer=viewer, language="en")

    hits_e164 = sum(screen_pop(number=n, viewer=agent).client is not None for n in numbers)
    measure("selector: known number (E.164), care agent", pop_for(agent), numbers)
    measure("selector: unknown number", pop_for(agent), unknown)
    measure("selector: dealer's agent (site-scoped)", pop_for(dealer), numbers)

    # The full request: one call ringing for the agent, its number changed (untimed) before each
    # poll.
    Call.objects.filter(provider="bench").delete()
    call = Call.objects.create(
        provider="bench",
        call_id="bench-1",
        from_number=numbers[0],
        agent=agent,
        started_at=timezone.now(),
    )
    http = HttpClient()
    http.force_login(agent)
    headers = {"HX-Request": "true"}

    def full_request(number: str) -> object:
        Call.objects.filter(pk=call.pk).update(from_number=number)
        started = time.perf_counter()
        response = http.get("/phone/pop/", headers=headers)
        body = response.content
        elapsed = time.perf_counter() - started
        assert response.status_code == 200 and b"pop-ringing" in body, response.status_code
        return elapsed

    def timed_full(name: str, inputs: list[str]) -> None:
        with counting() as captured:
            http.get("/phone/pop/", headers=headers)
        for value in inputs[:5]:
            full_request(value)
        timings = [full_request(value) * 1000 for value in inputs]  # type: ignore[operator]
        results.append((name, timings, len(captured)))

    Call.objects.filter(pk=call.pk).update(from_number=numbers[0])
    timed_full("GET /phone/pop/: known caller ringing", numbers)
    key = f"{call.pk}.ringing.{agent.pk}.0"
    measure(
        "GET /phone/pop/: unchanged since last poll (204)",
        lambda _n: http.get("/phone/pop/", {"shown": key}, headers=headers),
        numbers,
    )
    call.delete()
    measure(
        "GET /phone/pop/: nothing ringing (204)",
        lambda _n: http.get("/phone/pop/", headers=headers),
        numbers,
    )

    clients_count = Client.objects.count()
    entries_count = Entry.objects.count()
    print(
        f"\n{connection.vendor}, {clients_count:,} clients, {entries_count:,} timeline entries, "
        f"{platform.node()}, {os.cpu_count()} cores, {dt.datetime.now(dt.UTC):%Y-%m-%d}, data "
        f"{args.data.name}, {hits_e164}/{len(numbers)} numbers found, load average "
        f"{os.getloadavg()[0]:.1f}"
    )
    print("\n| lookup | p50 ms | p95 ms | queries | n |\n|---|---:|---:|---:|---:|")
    for name, timings, query_count in results:
        p50, p95 = percentiles(timings)
        print(f"| {name} | {p50:.2f} | {p95:.2f} | {query_count} | {len(timings)} |")


if __name__ == "__main__":
    main()
