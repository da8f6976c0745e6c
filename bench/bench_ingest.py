"""E-mail ingestion on PostgreSQL: `manage.py mail_import <the data set's inbound_eml/>` into a
database loaded by `manage.py import_dataset`, with one process and with two; then the worker
that drains what the import left on the task queue; then a check that every message is stored
and accounted for.

    python bench/bench_ingest.py --data /work/data/c10000 \
        --postgres postgres://postgres@127.0.0.1:5432/gw_ingest [--runs 3] [--write] [--rss]

The data set is loaded once into a template database (`<name>_base`, rebuilt when the data set or
the migrations change); each run starts from a copy of it (CREATE DATABASE … TEMPLATE), an empty
data directory and an empty queue. A run of N processes gives each `mail_import` a folder of
symlinks to every N-th file of inbound_eml/. Messages/s is the number of files over the wall
time from the first process's start to the last one's exit, Django's start-up included.

After the import, the worker (`run_huey`, the task queue's consumer alone, without the sweeps
that would act on the data set's own due clocks) runs until the queue is empty: the reactions
deferred after commit (staff told of new cases, ...) and the deliveries (acknowledgements,
staff e-mails, through the capture transport). Its time is reported beside the import's, and
"end to end" counts both.

The check: one stored row per file; each processed row has its case and timeline entry, each
ignored or kept-aside row its reason; replies from the client's address on the case their
reference names (a reply without a From is kept aside: it proves no client); auto-replies
ignored; nothing left on the queue. A run that fails the check fails the benchmark.

`--statements` also counts the SQL statements a message costs (an in-process mail_import with
connection.execute_wrapper) and the transactions (pg_stat_database.xact_commit).
`--write` puts the figures in BENCHMARKS.md between the markers of the e-mail ingestion section.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
BEGIN, END = "<!-- bench_ingest: begin -->", "<!-- bench_ingest: end -->"


def django_env(database_url: str, work: Path) -> dict[str, str]:
    # The queue is a file as in the embedded default: what the import enqueues waits there for the
    # worker, which the benchmark runs after the import (drain()).
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "GOODWILL_DATA_DIR": str(work / "data"),
        "DJANGO_SETTINGS_MODULE": "goodwill.settings",
        "PYTHONPATH": str(ROOT),
        "GOODWILL_QUEUE_URL": f"sqlite:///{work / 'queue.sqlite3'}",
        "GOODWILL_SMTP_URL": "",
    }
    env.pop("PYTEST_VERSION", None)
    return env


def _admin(url: str) -> tuple[str, str]:
    parsed = urlparse(url)
    return parsed._replace(path="/postgres").geturl(), parsed.path.lstrip("/")


def _fingerprint(data: Path) -> str:
    """The data set's meta and the migrations: a template loaded from others is rebuilt."""
    digest = hashlib.sha256((data / "meta.json").read_bytes())
    for path in sorted(ROOT.glob("goodwill/**/migrations/0*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def template(url: str, data: Path, work: Path) -> str:
    """The loaded database every run copies (`<name>_base`), built when missing or stale."""
    import psycopg

    admin, name = _admin(url)
    base = f"{name}_base"
    mark = f"bench_ingest {_fingerprint(data)} {data}"
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [base],
        ).fetchone()
        if row is not None and row[0] == mark:
            return base
        conn.execute(f'DROP DATABASE IF EXISTS "{base}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{base}"')
    print(f"loading {data} into {base} …", file=sys.stderr)
    env = django_env(url.rsplit("/", 1)[0] + f"/{base}", work / "template")
    for args in (["migrate", "-v", "0"], ["import_dataset", str(data), "--no-progress"]):
        subprocess.run(  # noqa: S603  (ours)
            [PY, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    with psycopg.connect(url.rsplit("/", 1)[0] + f"/{base}", autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"COMMENT ON DATABASE \"{base}\" IS '{mark}'")
    return base


def fresh(url: str, base: str, work: Path) -> None:
    import psycopg

    admin, name = _admin(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{base}"')
    for path in (
        work / "data",
        work / "queue.sqlite3",
        work / "queue.sqlite3-wal",
        work / "queue.sqlite3-shm",
    ):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def shards(data: Path, work: Path, count: int) -> list[Path]:
    """inbound_eml/ itself for one process; else `count` folders of symlinks to every
    count-th file."""
    source = data / "inbound_eml"
    if count == 1:
        return [source]
    files = sorted(source.iterdir())
    out = []
    for index in range(count):
        folder = work / "shards" / f"{index + 1}-of-{count}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for file in files[index::count]:
            (folder / file.name).symlink_to(file)
        out.append(folder)
    return out


class BackendCpu:
    """CPU seconds used by the database's server processes (PostgreSQL backends) while it runs,
    read from /proc: a busy shared machine stretches wall time, not CPU time."""

    def __init__(self, url: str) -> None:
        self.url, self.name = url, _admin(url)[1]
        self.seen: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psycopg

        tick = os.sysconf("SC_CLK_TCK")
        with psycopg.connect(_admin(self.url)[0], autocommit=True) as conn:
            while not self.stop.is_set():
                pids = [
                    pid
                    for (pid,) in conn.execute(
                        "SELECT pid FROM pg_stat_activity "
                        "WHERE datname = %s AND pid <> pg_backend_pid()",
                        [self.name],
                    ).fetchall()
                ]
                for pid in pids:
                    try:
                        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    except OSError:
                        continue
                    self.seen[pid] = (int(fields[11]) + int(fields[12])) / tick
                self.stop.wait(0.1)

    def __enter__(self) -> BackendCpu:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    @property
    def seconds(self) -> float:
        return sum(self.seen.values())


def import_run(url: str, base: str, data: Path, work: Path, processes: int) -> dict[str, Any]:
    fresh(url, base, work)
    env = django_env(url, work)
    folders = shards(data, work, processes)
    load = os.getloadavg()[0]
    with BackendCpu(url) as backend:
        started = time.perf_counter()
        running = [
            subprocess.Popen(  # noqa: S603
                [PY, "manage.py", "mail_import", "-v", "0", str(folder)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            for folder in folders
        ]
        cpu = 0.0
        outputs = []
        for process in running:
            _pid, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            outputs.append(process.stdout.read().strip() if process.stdout else "")
            if process.returncode != 0:
                raise SystemExit(f"mail_import failed ({process.returncode}): {outputs[-1]}")
            cpu += usage.ru_utime + usage.ru_stime
        wall = time.perf_counter() - started
    files = sum(1 for _ in (data / "inbound_eml").iterdir())
    return {
        "processes": processes,
        "files": files,
        "seconds": round(wall, 2),
        "per_second": round(files / wall, 1),
        "cpu_ms_per_message": round(1000 * cpu / files, 1),
        "db_cpu_ms_per_message": round(1000 * backend.seconds / files, 1),
        "load_before": round(load, 1),
        "load_after": round(os.getloadavg()[0], 1),
        "outputs": outputs,
    }


def drain(url: str, work: Path) -> dict[str, Any]:
    """Run the queue's consumer until every task the import enqueued has finished."""
    env = django_env(url, work)
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603
        [PY, __file__, "--drain-here"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    out = json.loads(result.stdout.strip().splitlines()[-1])
    return {**out, "seconds": round(time.perf_counter() - started, 2)}


def drain_here() -> None:
    import django

    django.setup()
    from huey import signals
    from huey.contrib.djhuey import HUEY

    from goodwill.worker.loop import start_queue_consumer

    seen: Counter[str] = Counter()
    lock = threading.Lock()

    @HUEY.signal(signals.SIGNAL_EXECUTING, signals.SIGNAL_COMPLETE, signals.SIGNAL_ERROR)
    def _count(signal: str, task: Any, *args: Any, **kwargs: Any) -> None:
        with lock:
            seen[signal] += 1

    def busy() -> bool:
        with lock:
            running = seen[signals.SIGNAL_EXECUTING]
            done = seen[signals.SIGNAL_COMPLETE] + seen[signals.SIGNAL_ERROR]
        return bool(HUEY.pending_count()) or running > done

    queued = HUEY.pending_count()
    started = time.perf_counter()
    consumer = start_queue_consumer(1)
    assert consumer is not None, "the queue runs tasks inline: nothing to drain"
    while busy():
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    consumer.stop(graceful=True)
    print(
        json.dumps(
            {
                "queued_by_import": queued,
                "tasks": seen[signals.SIGNAL_EXECUTING],
                "failed": seen[signals.SIGNAL_ERROR],
                "busy_seconds": round(seconds, 2),
            }
        )
    )


def check(data: Path) -> dict[str, Any]:
    import django

    django.setup()
    from django.db.models import Count

    from goodwill.channels.email.models import InboundMessage
    from goodwill.channels.outbox.models import OutboundMessage
    from goodwill.notifications.models import Notification
    from goodwill.timeline.models import Entry

    lines = (data / "inbound_manifest.jsonl").read_text().splitlines()
    manifest = [json.loads(line) for line in lines]
    rows = InboundMessage.objects.all()
    statuses = dict(rows.values_list("status").annotate(n=Count("id")))
    by_id = dict(rows.values_list("message_id", "case__reference"))
    # A reply threads on proof only (intake_thread): our Message-ID, or the case named from the
    # client's own address. One with no From at all proves nothing: it is kept aside for the
    # managers (unprocessable), never put on the case its guessable reference names.
    replies = [
        m
        for m in manifest
        if m["kind"] == "reply" and not m["autoreply"] and m["case_ref"] and m["from_addr"]
    ]
    auto = [m for m in manifest if m["autoreply"]]
    ignored = set(rows.filter(status="ignored").values_list("message_id", flat=True))
    processed = rows.filter(status="processed")
    aside = rows.exclude(status__in=["processed", "received"])
    reasons = Counter(
        f"{status}: {re.sub(r'[0-9]+', 'N', reason)[:60]}"
        for status, reason in aside.values_list("status", "reason")
    )
    return {
        "files": len(manifest),
        "rows": rows.count(),
        "statuses": statuses,
        "processed_without_entry": processed.filter(entry__isnull=True).count(),
        "processed_without_case": processed.filter(case__isnull=True).count(),
        "aside_without_reason": aside.filter(reason="").count(),
        "aside_reasons": dict(reasons),
        "messages_in_on_timeline": Entry.objects.filter(
            kind="message_in", payload__inbound_id__isnull=False
        ).count(),
        "replies": len(replies),
        "replies_on_their_case": sum(
            1 for m in replies if by_id.get(m["message_id"]) == m["case_ref"]
        ),
        "autoreplies": len(auto),
        "autoreplies_ignored": sum(1 for m in auto if m["message_id"] in ignored),
        "acknowledgements": OutboundMessage.objects.filter(purpose="acknowledgement").count(),
        "outbound": dict(OutboundMessage.objects.values_list("status").annotate(n=Count("id"))),
        "notifications": Notification.objects.count(),
    }


def verify(checked: dict[str, Any]) -> list[str]:
    problems = []
    statuses = checked["statuses"]
    if checked["rows"] != checked["files"]:
        problems.append(f"{checked['rows']} rows for {checked['files']} files")
    if statuses.get("received"):
        problems.append(f"{statuses['received']} left unprocessed")
    for key in ("processed_without_entry", "processed_without_case", "aside_without_reason"):
        if checked[key]:
            problems.append(f"{checked[key]} {key.replace('_', ' ')}")
    if checked["messages_in_on_timeline"] != statuses.get("processed", 0):
        problems.append(
            f"{checked['messages_in_on_timeline']} timeline entries for "
            f"{statuses.get('processed', 0)} processed"
        )
    if checked["replies_on_their_case"] != checked["replies"]:
        problems.append(
            f"{checked['replies_on_their_case']}/{checked['replies']} replies on their case"
        )
    if checked["autoreplies_ignored"] != checked["autoreplies"]:
        problems.append(
            f"{checked['autoreplies_ignored']}/{checked['autoreplies']} auto-replies ignored"
        )
    if checked["outbound"].get("queued"):
        problems.append(f"{checked['outbound']['queued']} outbound messages still queued")
    return problems


def statements(url: str, base: str, data: Path, work: Path) -> dict[str, Any]:
    fresh(url, base, work)
    out = subprocess.run(  # noqa: S603  (our own program)
        [PY, __file__, "--statements-here", str(data / "inbound_eml")],
        cwd=ROOT,
        env=django_env(url, work),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def statements_here(folder: Path) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    kinds: Counter[str] = Counter()

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        kinds[sql.lstrip().split(None, 1)[0].upper()] += 1
        return execute(sql, params, many, context)

    def commits() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"
            )
            return int(cursor.fetchone()[0])

    files = sum(1 for _ in folder.iterdir())
    before = commits()
    with connection.execute_wrapper(count):
        call_command("mail_import", str(folder), verbosity=0)
    time.sleep(0.6)  # the statistics collector reports at most every 500 ms
    transactions = commits() - before
    total = sum(kinds.values())
    savepoints = kinds["SAVEPOINT"] + kinds["RELEASE"] + kinds["ROLLBACK"]
    print(
        json.dumps(
            {
                "per_message": round(total / files, 1),
                "savepoints_per_message": round(savepoints / files, 1),
                "data_per_message": round((total - savepoints) / files, 1),
                "transactions_per_message": round(transactions / files, 2),
                "by_kind": {kind: round(n / files, 2) for kind, n in kinds.most_common()},
            }
        )
    )


def big_message(path: Path, attachment_bytes: int, sender: str) -> None:
    """A message with one attachment of the given size, base64-encoded, written without holding
    it twice."""
    import base64

    with path.open("wb") as out:
        out.write(
            b"From: " + sender.encode() + b"\nTo: care@aurelis.example\nSubject: Scans\n"
            b"Message-ID: <big." + str(attachment_bytes).encode() + b"@example.com>\n"
            b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=BIG\n\n--BIG\n"
            b"Content-Type: text/plain\n\nPlease find the scans attached.\n--BIG\n"
            b"Content-Type: application/pdf; name=scan.pdf\n"
            b"Content-Disposition: attachment; filename=scan.pdf\n"
            b"Content-Transfer-Encoding: base64\n\n"
        )
        chunk = os.urandom(57 * 1024)
        written = 0
        while written < attachment_bytes:
            piece = chunk[: min(len(chunk), attachment_bytes - written)]
            encoded = base64.b64encode(piece)
            out.write(b"\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76)) + b"\n")
            written += len(piece)
        out.write(b"--BIG--\n")


def rss_probe(path: Path) -> None:
    import resource

    import django

    django.setup()
    from goodwill.channels.email.services import email_ingest

    inbound = email_ingest(raw=path)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "status": inbound.status,
                "reason": inbound.reason,
                "size": inbound.size,
                "peak_rss_mb": round(peak_kb / 1024, 1),
            }
        )
    )


def rss(url: str, base: str, data: Path, work: Path) -> list[dict[str, Any]]:
    """Peak RSS of a worker ingesting a 100 MB message and a 25 MB attachment (issue #3)."""
    out = []
    client = json.loads((data / "clients.jsonl").open().readline())
    sizes = (("100 MB message", 74 * 1024 * 1024), ("25 MB attachment", 25 * 1000 * 1000))
    for label, size in sizes:
        fresh(url, base, work)
        path = work / f"big-{size}.eml"
        big_message(path, size, f"Client <{client['email']}>")
        result = subprocess.run(  # noqa: S603  (our own program)
            [PY, __file__, "--rss-probe", str(path)],
            cwd=ROOT,
            env=django_env(url, work),
            check=True,
            capture_output=True,
            text=True,
        )
        out.append(
            {
                "case": label,
                "file_mb": round(path.stat().st_size / 2**20, 1),
                **json.loads(result.stdout.strip().splitlines()[-1]),
            }
        )
        path.unlink()
    return out


def machine(url: str) -> dict[str, Any]:
    import psycopg

    memory = Path("/proc/meminfo").read_text().split()[1]
    with psycopg.connect(_admin(url)[0]) as conn:
        version = conn.execute("SHOW server_version").fetchone()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "date": dt.datetime.now(dt.UTC).date().isoformat(),
        "nproc": os.cpu_count(),
        "ram_gib": round(int(memory) / 2**20, 1),
        "python": sys.version.split()[0],
        "postgres": version[0] if version else "?",
        "commit": commit,
    }


def markdown(
    meta: dict[str, Any], data: Path, results: list[dict[str, Any]], counted: dict[str, Any] | None
) -> str:
    info = json.loads((data / "meta.json").read_text())
    counts = info.get("counts", {})
    lines = [
        f"Measured {meta['date']} at commit {meta['commit']} by `bench/bench_ingest.py`: `nproc` "
        f"{meta['nproc']}, {meta['ram_gib']} GiB RAM, PostgreSQL {meta['postgres']} on 127.0.0.1 "
        f"(stock settings, sharing the cores), Python {meta['python']}. Data: `dataset.py "
        f"--clients {counts.get('clients')}` (seed {info.get('seed')}): "
        f"{counts.get('clients'):,} clients, "
        f"{counts.get('cases'):,} cases, {counts.get('messages'):,} messages of history loaded by "
        f"`import_dataset`; `inbound_eml/` holds {results[0]['files']:,} raw messages.",
        "",
        "| processes | run | import s | messages/s | import CPU ms/msg | PostgreSQL CPU ms/msg | "
        "load avg | worker drain s (tasks) | end to end msg/s | check |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        drained = r["drain"]
        lines.append(
            f"| {r['processes']} | {r['run']} | {r['seconds']} | **{r['per_second']}** | "
            f"{r['cpu_ms_per_message']} | {r['db_cpu_ms_per_message']} | "
            f"{r['load_before']}→{r['load_after']} | {drained['seconds']} ({drained['tasks']}) | "
            f"{round(r['files'] / (r['seconds'] + drained['seconds']), 1)} | "
            f"{'ok' if not r['problems'] else '; '.join(r['problems'])} |"
        )
    by = {}
    for r in results:
        by.setdefault(r["processes"], []).append(r["per_second"])
    medians = {n: round(statistics.median(v), 1) for n, v in by.items()}
    lines.append("")
    summary = ", ".join(
        f"{n} process{'es' if n > 1 else ''}: median {m} messages/s"
        for n, m in sorted(medians.items())
    )
    if 1 in medians and 2 in medians:
        summary += f" ({medians[2] / medians[1]:.2f}× with two)"
    lines.append(f"Medians: {summary}.")
    last = results[-1]["check"]
    lines += [
        "",
        f"Every run's check (last run shown): {last['rows']} rows for "
        f"{last['files']} files; statuses {json.dumps(last['statuses'], sort_keys=True)}; "
        "kept aside with their reason: "
        f"{json.dumps(last['aside_reasons'], sort_keys=True, ensure_ascii=False)}; "
        f"{last['replies_on_their_case']}/{last['replies']} replies on their case, "
        f"{last['autoreplies_ignored']}/{last['autoreplies']} auto-replies ignored; "
        f"{last['acknowledgements']} acknowledgements, outbound after the drain "
        f"{json.dumps(last['outbound'], sort_keys=True)}, "
        f"{last['notifications']} staff notifications.",
    ]
    if counted:
        lines += [
            "",
            "SQL a message (one process, in-process count): "
            f"{counted['per_message']} statements, "
            f"of which {counted['savepoints_per_message']} SAVEPOINT/RELEASE; "
            f"{counted['transactions_per_message']} transactions (commits) a message.",
        ]
    return "\n".join(lines)


def write(text: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    content = path.read_text()
    if BEGIN not in content:
        raise SystemExit(f"BENCHMARKS.md has no {BEGIN} marker")
    head, rest = content.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    path.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("/work/data/c10000"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/gwbench-ingest"))  # noqa: S108  (scratch space)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/gw_ingest")
    parser.add_argument("--processes", default="1,2", help="comma-separated process counts")
    parser.add_argument(
        "--runs", type=int, default=1, help="runs of each process count, interleaved"
    )
    parser.add_argument(
        "--statements", action="store_true", help="also count SQL statements a message"
    )
    parser.add_argument("--write", action="store_true", help="put the figures in BENCHMARKS.md")
    parser.add_argument("--rss", action="store_true", help="also the peak RSS on big messages")
    parser.add_argument("--rss-probe", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--drain-here", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--check-here", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--statements-here", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drain_here:
        drain_here()
        return
    if args.check_here:
        print(json.dumps(check(args.data)))
        return
    if args.statements_here:
        statements_here(args.statements_here)
        return
    if args.rss_probe:
        rss_probe(args.rss_probe)
        return
    if not (args.data / "inbound_eml").is_dir():
        sys.exit(
            f"{args.data}/inbound_eml is missing: "
            f"python3 ../shared/bench/dataset.py --clients 10000 --out {args.data}"
        )
    args.work.mkdir(parents=True, exist_ok=True)
    meta = machine(args.postgres)
    base = template(args.postgres, args.data, args.work)
    results = []
    counts = [int(n) for n in args.processes.split(",")]
    for run in range(1, args.runs + 1):
        for processes in counts:
            result = import_run(args.postgres, base, args.data, args.work, processes)
            result["drain"] = drain(args.postgres, args.work)
            out = subprocess.run(  # noqa: S603  (our own program)
                [PY, __file__, "--check-here", "--data", str(args.data)],
                cwd=ROOT,
                env=django_env(args.postgres, args.work),
                check=True,
                capture_output=True,
                text=True,
            )
            result["check"] = json.loads(out.stdout.strip().splitlines()[-1])
            result["problems"] = verify(result["check"])
            if result["drain"]["failed"]:
                result["problems"].append(f"{result['drain']['failed']} tasks failed")
            result["run"] = run
            print(json.dumps({k: v for k, v in result.items() if k != "check"}), flush=True)
            results.append(result)
    counted = statements(args.postgres, base, args.data, args.work) if args.statements else None
    if counted:
        print(json.dumps(counted))
    if args.rss:
        for probe in rss(args.postgres, base, args.data, args.work):
            print(json.dumps(probe))
    text = markdown(meta, args.data, results, counted)
    print(text)
    if args.write:
        write(text)
    if any(r["problems"] for r in results):
        sys.exit("the check failed: " + "; ".join(p for r in results for p in r["problems"]))


if __name__ == "__main__":
    main()
