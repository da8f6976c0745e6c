"""The clocks' sweep at scale: find and claim due clocks among 100,000 and 1,000,000 running ones
(target ≤ 200 ms a sweep, flat as the table grows), and alert throughput (clocks breached →
notifications written per second) with one worker process and with two at once.

    .venv/bin/python bench/bench_clocks.py                      # PostgreSQL, own database
    .venv/bin/python bench/bench_clocks.py --sizes 100000 --keep

It creates the database `bench_clocks` (dropped at the end unless --keep) on the server of
--server-url, migrates it, and loads rows with INSERT … SELECT FROM generate_series (server-side,
one statement per table): 100,000 clients (--clients), one case per three clocks (the schema allows
one live
clock of each kind per case), and clocks whose due times are spread evenly from 6 h ago to 18 h
ahead, so a quarter of them are due. Each timed "claim" sweep is one transaction running
care.sweeps.breach_claim(limit=1000): the indexed search (clock_running_due), FOR UPDATE SKIP
LOCKED and the conditional UPDATE, committed. The alert runs call clocks_breach_batch (claim,
load, notify the backup and the manager, write the timeline) for a fixed number of clocks.
Prints markdown tables for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DB_NAME = "bench_clocks"
CLIENTS = 100_000


def percentiles(timings: list[float]) -> tuple[float, float]:
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) >= 20 else max(timings)
    return statistics.median(timings), p95


def _admin(server_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _setup_django(server_url: str) -> None:
    os.environ["DATABASE_URL"] = f"{server_url}/{DB_NAME}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodwill.settings")
    import django

    django.setup()


def _people(clients: int) -> None:
    """A manager, an advisor and their backup at one dealer, and the clients."""
    from django.db import connection

    from goodwill.organisation.services import site_create, staff_create

    care = site_create(
        code="BENCH-CARE", name="Bench care centre", kind="care_centre", country="CH"
    )
    dealer = site_create(
        code="BENCH-DEALER",
        name="Bench dealer",
        kind="dealer",
        country="DE",
        timezone="Europe/Berlin",
    )
    staff_create(
        username="bench-manager",
        password=None,
        first_name="Mia",
        last_name="Manager",
        role="manager",
        site=care,
    )
    backup = staff_create(
        username="bench-backup",
        password=None,
        first_name="Ben",
        last_name="Backup",
        role="advisor",
        site=dealer,
    )
    staff_create(
        username="bench-advisor",
        password=None,
        first_name="Ada",
        last_name="Advisor",
        role="advisor",
        site=dealer,
        backup=backup,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO clients_client (ref, title, first_name, last_name, address_as, language,
                   country, tier, tier_set_by_hand, writes_in, site_id, verified, client_since)
               SELECT 'BC-' || g, '', 'Bench', 'Client ' || g, '', 'de', 'DE', 'vip', false, '', %s,
                   true, now()
               FROM generate_series(1, %s) g""",
            [dealer.pk, clients],
        )


def _grow_to(clocks: int, now: dt.datetime, clients: int) -> float:
    """Add cases and running clocks until the table holds `clocks` live clocks; returns seconds."""
    from django.db import connection

    from goodwill.organisation.models import Site, User

    dealer = Site.objects.get(code="BENCH-DEALER")
    advisor = User.objects.get(username="bench-advisor")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM care_clock WHERE state = 'running'")
        have = cursor.fetchone()[0]
        cases = (clocks - have + 2) // 3
        if cases <= 0:
            return 0.0
        cursor.execute("SELECT coalesce(max(id), 0) FROM cases_case")
        first_case = cursor.fetchone()[0] + 1
        cursor.execute("SELECT min(id) FROM clients_client")
        first_client = cursor.fetchone()[0]
        cursor.execute(
            """INSERT INTO cases_case (reference, client_id, summary, category, channel, status,
                   priority, language, owner_id, site_id, opened_at, last_activity_at, chaser_count)
               SELECT 'BENCH-' || (%s + g), %s + (g %% %s), 'Bench case', 'breakdown', 'phone',
                   'open', 3, 'de', %s, %s, %s, %s, 0
               FROM generate_series(0, %s - 1) g""",
            [
                first_case,
                first_client,
                clients,
                advisor.pk,
                dealer.pk,
                now - dt.timedelta(days=1),
                now - dt.timedelta(days=1),
                cases,
            ],
        )
        # Due times evenly from 6 h ago to 18 h ahead: a quarter of the clocks are due.
        cursor.execute(
            """WITH spread AS (
                   SELECT c.id AS case_id, k.kind,
                       %s::timestamptz + (random() * 24 - 6) * interval '1 hour' AS due
                   FROM cases_case c
                   CROSS JOIN (VALUES ('first_response'), ('update'), ('resolution')) AS k(kind)
                   WHERE c.id >= %s)
               INSERT INTO care_clock (case_id, kind, state, started_at, due_at, budget_minutes,
                   consumed_minutes, warn_at)
               SELECT case_id, kind, 'running', due - interval '4 hours', due, 240, 0,
                   due - interval '48 minutes'
               FROM spread""",
            [now, first_case],
        )
    # What autovacuum does after a bulk load (and keeps doing behind a sweep): without it the
    # claims walk over the dead index entries of the previous ones. VACUUM cannot run in a
    # transaction.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE care_clock")
        cursor.execute("VACUUM ANALYZE cases_case")
    return time.perf_counter() - started


def _claim_sweeps(now: dt.datetime, sweeps: int, batch: int) -> tuple[list[float], int]:
    from django.db import transaction

    from goodwill.care.sweeps import breach_claim

    timings, claimed = [], 0
    for _ in range(sweeps):
        started = time.perf_counter()
        with transaction.atomic():
            claimed += len(breach_claim(now=now, limit=batch))
        timings.append((time.perf_counter() - started) * 1000)
    return timings, claimed


def _alert_worker(
    server_url: str, now_iso: str, clocks: int, batch: int, results: multiprocessing.Queue
) -> None:
    _setup_django(server_url)
    from goodwill.care.sweeps import clocks_breach_batch

    now = dt.datetime.fromisoformat(now_iso)
    done = 0
    started = time.perf_counter()
    while done < clocks:
        handled = clocks_breach_batch(now=now, limit=min(batch, clocks - done))
        if handled == 0:
            break
        done += handled
    results.put((done, time.perf_counter() - started))


def _alerts(
    server_url: str, now: dt.datetime, processes: int, clocks_each: int, batch: int
) -> tuple[int, int, float]:
    from goodwill.notifications.models import Notification

    before = Notification.objects.count()
    context = multiprocessing.get_context("spawn")
    results: multiprocessing.Queue = context.Queue()
    workers = [
        context.Process(
            target=_alert_worker, args=(server_url, now.isoformat(), clocks_each, batch, results)
        )
        for _ in range(processes)
    ]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    outcomes = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    clocks = sum(done for done, _ in outcomes)
    # Wall time of the slowest worker, not counting process start-up (Django import and setup).
    busy = max(seconds for _, seconds in outcomes)
    written = Notification.objects.count() - before
    return clocks, written, busy or elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--server-url",
        default="postgres://postgres@127.0.0.1:5432",
        help="the PostgreSQL server, without a database name",
    )
    parser.add_argument(
        "--sizes", default="100000,1000000", help="running clocks in the table, comma separated"
    )
    parser.add_argument("--sweeps", type=int, default=20)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument(
        "--alert-clocks", type=int, default=2000, help="clocks breached per alert run and process"
    )
    parser.add_argument(
        "--clients", type=int, default=CLIENTS, help="clients the cases are spread over"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    _admin(args.server_url, f"DROP DATABASE IF EXISTS {DB_NAME}")
    _admin(args.server_url, f"CREATE DATABASE {DB_NAME}")
    try:
        _setup_django(args.server_url)
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        _people(args.clients)
        now = dt.datetime.now(dt.UTC)
        claim_rows, alert_rows = [], []
        for size in (int(s) for s in args.sizes.split(",")):
            load = _grow_to(size, now, args.clients)
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM care_clock WHERE state = 'running'")
                running = cursor.fetchone()[0]
                cursor.execute(
                    "SELECT count(*) FROM care_clock WHERE state = 'running' AND due_at <= %s",
                    [now],
                )
                due = cursor.fetchone()[0]
                cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('care_clock'))")
                table_size = cursor.fetchone()[0]
            _claim_sweeps(now, 2, args.batch)  # warm-up, untimed
            timings, claimed = _claim_sweeps(now, args.sweeps, args.batch)
            p50, p95 = percentiles(timings)
            with connection.cursor() as cursor:  # give the claimed clocks back for the alert runs
                cursor.execute(
                    "UPDATE care_clock SET state = 'running', breached_at = NULL, warned_at = NULL "
                    "WHERE state = 'breached'"
                )
                cursor.execute("VACUUM care_clock")
            claim_rows.append(
                (size, running, due, table_size, load, claimed, p50, p95, max(timings))
            )
            print(f"{size:,}: p50 {p50:.1f} ms, p95 {p95:.1f} ms", file=sys.stderr)
            for processes in (1, 2):
                clocks, written, seconds = _alerts(
                    args.server_url, now, processes, args.alert_clocks, 100
                )
                alert_rows.append((size, processes, clocks, written, seconds))
                print(
                    f"{size:,} alerts x{processes}: {written / seconds:,.0f} notifications/s",
                    file=sys.stderr,
                )
        print(
            f"\nPostgreSQL {version}, {args.clients:,} clients, batch {args.batch}, {args.sweeps} "
            "timed sweeps after 2 warm-ups\n"
        )
        print(
            "| running clocks | due at the start | table + indexes | load s | clocks claimed | "
            "p50 ms | p95 ms | max ms |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for _size, running, due, table_size, load, claimed, p50, p95, worst in claim_rows:
            print(
                f"| {running:,} | {due:,} | {table_size} | {load:.1f} | {claimed:,} | {p50:.1f} | "
                f"{p95:.1f} | {worst:.1f} |"
            )
        print(
            "\n| running clocks | worker processes | clocks breached | notifications written | "
            "seconds | clocks/s | notifications/s |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for size, processes, clocks, written, seconds in alert_rows:
            print(
                f"| {size:,} | {processes} | {clocks:,} | {written:,} | {seconds:.1f} | "
                f"{clocks / seconds:,.0f} | {written / seconds:,.0f} |"
            )
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            _admin(args.server_url, f"DROP DATABASE IF EXISTS {DB_NAME}")


if __name__ == "__main__":
    main()
