"""E-mail ingestion: the shared data set's inbound_eml/ (1,000 raw messages) into a database loaded
with the matching clients, on SQLite and PostgreSQL, with 1 and 2 worker processes; plus the peak
RSS of a worker ingesting a 100 MB message and a 25 MB attachment.

    python bench/bench_ingest.py --data /tmp/gwdata/c1000 \
        [--postgres postgres://postgres@127.0.0.1:5432/bench_email] [--skip-rss]

Each run starts from a fresh copy of the loaded database. Workers store the messages durably in
batches (one sync and one commit per 50) and process them one by one, exactly as the IMAP sweep
does. Messages/s is the wall time from the first worker's start to the last one's end.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def django_env(database_url: str, data_dir: Path) -> dict[str, str]:
    # Follow-up work services enqueue (acknowledgements to deliver, ...) goes to a queue as in
    # production, run by the worker's consumer threads, not inline in the measured loop.
    env = {**os.environ, "DATABASE_URL": database_url, "GOODWILL_DATA_DIR": str(data_dir),
           "DJANGO_SETTINGS_MODULE": "goodwill.settings", "PYTHONPATH": str(ROOT),
           "GOODWILL_QUEUE_URL": f"sqlite:///{data_dir.parent / 'bench-queue.sqlite3'}"}
    env.pop("PYTEST_VERSION", None)
    return env


def prepare(database_url: str, data: Path, work: Path) -> None:
    """A database with the data set's sites, staff, clients, cases and history."""
    if database_url.startswith("postgres"):
        import psycopg

        base, name = database_url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    env = django_env(database_url, work / "data")
    shutil.rmtree(work / "data", ignore_errors=True)
    subprocess.run([PY, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603  (our own programs, fixed arguments)
    subprocess.run([PY, "manage.py", "import_dataset", str(data)], cwd=ROOT, env=env, check=True,  # noqa: S603  (our own programs, fixed arguments)
                   stdout=subprocess.DEVNULL)


def worker(index: int, count: int, data: Path, batch: int) -> None:
    import django

    django.setup()
    from django.db import connection

    from goodwill.channels.email.services import email_ingest_many

    files = [f for i, f in enumerate(sorted((data / "inbound_eml").iterdir())) if i % count == index]
    connection.ensure_connection()
    started = time.time()
    for start in range(0, len(files), batch):
        email_ingest_many(raws=list(files[start:start + batch]))
    print(json.dumps({"started": started, "ended": time.time(), "messages": len(files)}))


def check(data: Path) -> dict[str, object]:
    import django

    django.setup()
    from django.db.models import Count

    from goodwill.channels.email.models import InboundMessage

    manifest = [json.loads(line) for line in (data / "inbound_manifest.jsonl").read_text().splitlines()]
    by_id = dict(InboundMessage.objects.values_list("message_id", "case__reference"))
    replies = [m for m in manifest if m["kind"] == "reply" and not m["autoreply"]]
    landed = sum(1 for m in replies if by_id.get(m["message_id"]) == m["case_ref"])
    auto = [m for m in manifest if m["autoreply"]]
    ignored = set(InboundMessage.objects.filter(status="ignored").values_list("message_id", flat=True))
    return {
        "rows": InboundMessage.objects.count(),
        "statuses": dict(InboundMessage.objects.values_list("status").annotate(n=Count("id"))),
        "replies": len(replies), "replies_on_their_case": landed,
        "autoreplies": len(auto), "autoreplies_ignored": sum(1 for m in auto if m["message_id"] in ignored),
        "malformed_in_manifest": sum(1 for m in manifest if m["malformed"]),
    }


def run(database_url: str, data: Path, work: Path, workers: int, batch: int) -> dict[str, object]:
    prepare(database_url, data, work)
    env = django_env(database_url, work / "data")
    processes = [
        subprocess.Popen([PY, __file__, "--worker", f"{i}/{workers}", "--data", str(data), "--batch", str(batch)],  # noqa: S603  (our own programs, fixed arguments)
                         cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for i in range(workers)
    ]
    results = []
    for process in processes:
        out, _err = process.communicate()
        assert process.returncode == 0, "a worker failed"
        results.append(json.loads(out.strip().splitlines()[-1]))
    wall = max(r["ended"] for r in results) - min(r["started"] for r in results)
    messages = sum(r["messages"] for r in results)
    checked = json.loads(subprocess.run([PY, __file__, "--check", "--data", str(data)], cwd=ROOT, env=env,  # noqa: S603  (our own programs, fixed arguments)
                                        check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
    return {"backend": "postgresql" if database_url.startswith("postgres") else "sqlite", "workers": workers,
            "messages": messages, "seconds": round(wall, 2), "per_second": round(messages / wall, 1), **checked}


def big_message(path: Path, attachment_bytes: int, sender: str) -> None:
    """A message with one attachment of the given size, base64-encoded, written without holding it twice."""
    import base64

    with path.open("wb") as out:
        out.write(b"From: " + sender.encode() + b"\nTo: care@aurelis.example\nSubject: Scans\n"
                  b"Message-ID: <big." + str(attachment_bytes).encode() + b"@example.com>\nMIME-Version: 1.0\n"
                  b"Content-Type: multipart/mixed; boundary=BIG\n\n--BIG\nContent-Type: text/plain\n\n"
                  b"Please find the scans attached.\n--BIG\nContent-Type: application/pdf; name=scan.pdf\n"
                  b"Content-Disposition: attachment; filename=scan.pdf\nContent-Transfer-Encoding: base64\n\n")
        chunk = os.urandom(57 * 1024)
        written = 0
        while written < attachment_bytes:
            piece = chunk[: min(len(chunk), attachment_bytes - written)]
            encoded = base64.b64encode(piece)
            out.write(b"\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76)) + b"\n")
            written += len(piece)
        out.write(b"--BIG--\n")


def rss_probe(path: Path) -> None:
    import resource

    import django

    django.setup()
    from goodwill.channels.email.services import email_ingest

    inbound = email_ingest(raw=path)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"status": inbound.status, "reason": inbound.reason, "size": inbound.size,
                      "peak_rss_mb": round(peak_kb / 1024, 1)}))


def rss(database_url: str, data: Path, work: Path) -> list[dict[str, object]]:
    prepare(database_url, data, work)
    env = django_env(database_url, work / "data")
    out = []
    for label, size in (("100 MB message", 74 * 1024 * 1024), ("25 MB attachment", 25 * 1000 * 1000)):
        path = work / f"big-{size}.eml"
        client = json.loads((data / "clients.jsonl").open().readline())
        big_message(path, size, f"Client <{client['email']}>")
        result = subprocess.run([PY, __file__, "--rss-probe", str(path)], cwd=ROOT, env=env, check=True,  # noqa: S603  (our own programs, fixed arguments)
                                capture_output=True, text=True)
        out.append({"case": label, "file_mb": round(path.stat().st_size / 2**20, 1),
                    **json.loads(result.stdout.strip().splitlines()[-1])})
        path.unlink()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("/tmp/gwdata/c1000"))  # noqa: S108  (the shared data set's documented place)
    parser.add_argument("--work", type=Path, default=Path("/tmp/gwbench-ingest"))  # noqa: S108  (the shared data set's documented place)
    parser.add_argument("--postgres", default="")
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--skip-rss", action="store_true")
    parser.add_argument("--worker")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--rss-probe", type=Path)
    args = parser.parse_args()
    if args.worker:
        index, count = map(int, args.worker.split("/"))
        worker(index, count, args.data, args.batch)
        return
    if args.check:
        print(json.dumps(check(args.data)))
        return
    if args.rss_probe:
        rss_probe(args.rss_probe)
        return
    if not (args.data / "inbound_eml").is_dir():
        sys.exit(f"{args.data}/inbound_eml is missing: python3 /work/shared/bench/dataset.py --clients 1000 --out {args.data}")
    args.work.mkdir(parents=True, exist_ok=True)
    sqlite_url = f"sqlite:///{args.work / 'bench.sqlite3'}"
    runs = []
    for path in args.work.glob("bench.sqlite3*"):
        path.unlink()
    runs.append(run(sqlite_url, args.data, args.work, 1, args.batch))
    if args.postgres:
        runs.append(run(args.postgres, args.data, args.work, 1, args.batch))
        runs.append(run(args.postgres, args.data, args.work, 2, args.batch))
    for result in runs:
        print(json.dumps(result))
    if not args.skip_rss:
        for path in args.work.glob("bench.sqlite3*"):
            path.unlink()
        for result in rss(sqlite_url, args.data, args.work):
            print(json.dumps(result))


if __name__ == "__main__":
    main()
