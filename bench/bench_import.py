"""Benchmark `manage.py import_dataset` on a fresh database; prints one markdown table row.

Run on demand, not by the test suite:

    .venv/bin/python bench/bench_import.py /tmp/gwdata/c10000 --backend sqlite
    .venv/bin/python bench/bench_import.py /tmp/gwdata/c10000 --backend postgres \\
        --postgres postgres://postgres@127.0.0.1:5432/gw_import_bench

The SQLite file (/tmp/gw_import_<N>.sqlite3 by default) or the PostgreSQL database is dropped and
created again, migrated, then loaded under /usr/bin/time -v for the peak RSS. Rows/s counts the
dataset's rows read (every line of the six files); the rows written include contact points,
identifiers, covers and timeline entries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg

ROOT = Path(__file__).resolve().parents[1]


def fresh_postgres(url: str) -> None:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--sqlite", help="SQLite file (default /tmp/gw_import_<clients>.sqlite3)")
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432/gw_import_bench",
        help="database URL; the database is dropped and created again",
    )
    args = parser.parse_args()

    meta = json.loads((args.dataset / "meta.json").read_text())
    clients = meta["counts"]["clients"]
    if args.backend == "sqlite":
        path = Path(args.sqlite or Path(tempfile.gettempdir()) / f"gw_import_{clients}.sqlite3")
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
        url = f"sqlite:///{path}"
    else:
        url = args.postgres
        fresh_postgres(url)
    env = {**os.environ, "DATABASE_URL": url}
    python = str(ROOT / ".venv" / "bin" / "python")
    # The commands are this repository's own manage.py with fixed arguments.
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603

    started = time.perf_counter()
    run = subprocess.run(  # noqa: S603
        [
            "/usr/bin/time",
            "-v",
            python,
            "manage.py",
            "import_dataset",
            str(args.dataset),
            "--no-progress",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if run.returncode != 0:
        sys.exit(f"import failed:\n{run.stdout}\n{run.stderr}")
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    summary = re.search(
        r"Read ([\d,]+) rows in ([\d.]+) s \(([\d,]+) rows/s\); wrote ([\d,]+) rows", run.stdout
    )
    rows, seconds, rate, written = summary.groups()
    print(run.stdout, file=sys.stderr)
    print(
        "| date | machine | dataset | backend | import s | wall s | rows read | rows/s | rows "
        "written | peak RSS |"
    )
    print("|---|---|---|---|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {dt.datetime.now(dt.UTC).date()} | {os.cpu_count()} cores, Python "
        f"{platform.python_version()} | c{clients} | {args.backend} | {seconds} | {wall:.1f} | "
        f"{rows} | {rate} | {written} | {rss_kb / 1024:.0f} MB |"
    )


if __name__ == "__main__":
    main()
