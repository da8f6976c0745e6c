"""Reading documents (issue 13, parts 2 and 6): how long the worker takes to read a one-page
scan (a PNG rendered here, A4 at 200 dpi, read by Tesseract) and a one-page PDF with its own text
(pypdf), and whether it found the words on the page. Target: a one-page scan read in under 5 s.

Extraction only (reading.extract_text, then recognise): no database, no queue.

    .venv/bin/python bench/bench_documents.py               # prints the section
    .venv/bin/python bench/bench_documents.py --write       # and replaces it in BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodwill.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from goodwill.documents import reading, samples  # noqa: E402

HEADING = "## Documents: `bench/bench_documents.py` (issue 13)"
LINES = [
    "INVOICE No. 2026-0412",
    "Date: 2026-03-14",
    "Aurelis GT Spyder - front brake pads",
    "Total EUR 1,240.00",
]
SCAN_TARGET_S = 5.0


def _time(run: Callable[[], str], repeat: int) -> tuple[list[float], str]:
    timings, text = [], ""
    for _ in range(repeat):
        started = time.perf_counter()
        text = run()
        timings.append(time.perf_counter() - started)
    return timings, text


def _tesseract_version() -> str:
    try:
        out = subprocess.run(  # noqa: S603  (the configured tesseract, asked its version)
            [settings.GOODWILL_TESSERACT_CMD, "--version"],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except OSError:
        return "missing"
    return (out.stdout or out.stderr).splitlines()[0] if (out.stdout or out.stderr) else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="replace the section in BENCHMARKS.md")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    scan = samples.scan_png(LINES)
    pdf = samples.text_pdf(LINES)
    rows = []
    ok = True
    for name, content, mime in (
        ("one-page scan (PNG, 1654×2338, Tesseract)", scan, "image/png"),
        ("one-page PDF with text (pypdf)", pdf, "application/pdf"),
    ):
        timings, text = _time(lambda c=content, m=mime: reading.extract_text(c, m), args.repeat)
        found = reading.recognise(text=text, filename="document", mime_type=mime)
        words = all(line in text for line in LINES)
        right = (
            found.kind == "proof_of_purchase"
            and found.facts.get("number") == "2026-0412"
            and found.facts.get("amount") == "EUR 1,240.00"
        )
        ok = ok and words and right
        rows.append(
            f"| {name} | {len(content) / 1024:.0f} KB | {statistics.median(timings):.3f} s | "
            f"{max(timings):.3f} s | {'all' if words else 'NOT all'} | "
            f"{found.kind or '—'}, {found.facts.get('number', '—')}, "
            f"{found.facts.get('amount', '—')} |"
        )
        if mime == "image/png":
            scan_worst = max(timings)
    lines = [
        HEADING,
        "",
        f"**Date**: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC. "
        f"**Machine**: {platform.node()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {_tesseract_version()} "
        f"(languages {settings.GOODWILL_OCR_LANGUAGES}).",
        "",
        f"**Data**: one page of {len(LINES)} lines rendered here "
        f"(`goodwill/documents/samples.py`): {' / '.join(LINES)}. "
        f"{args.repeat} runs each.",
        "",
        "| document | size | median | worst | words found | kind, number, amount |",
        "|---|---:|---:|---:|---|---|",
        *rows,
        "",
        f"Target: a one-page scan read in under {SCAN_TARGET_S:.0f} s — "
        + (
            "**met**"
            if scan_worst < SCAN_TARGET_S and ok
            else "**not met**" + ("" if ok else " (the text or the facts were not all found)")
        )
        + f" (worst {scan_worst:.2f} s).",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    if args.write:
        path = ROOT / "BENCHMARKS.md"
        text = path.read_text(encoding="utf-8")
        start = text.find(HEADING)
        if start == -1:
            text = text.rstrip("\n") + "\n\n" + section
        else:
            end = text.find("\n## ", start + len(HEADING))
            text = text[:start] + section + ("" if end == -1 else text[end:])
        path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
