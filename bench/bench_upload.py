"""Portal upload (issue 13, part 1): a client sends a 25 MB document through the portal's upload
view; the page answers in under 1 s, because the request only checks, hashes and writes the file
(and scans it when GOODWILL_CLAMD is set): the text is read by the worker, after the commit.

Each upload goes through Django's test client (the multipart body built and parsed, the portal
session, CSRF, the view, documents.services.document_store), on an embedded SQLite database and
a data directory made for the run, with the task queue on a SQLite file that nobody consumes: so
the timing holds no OCR, and each upload is checked to have produced its stored Document (the
bytes on disk, waiting to be read). Every upload is different bytes (no deduplication).

    .venv/bin/python bench/bench_upload.py                           # prints the section
    .venv/bin/python bench/bench_upload.py --write --machine python-svc   # and into BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADING = "## Portal upload: `bench/bench_upload.py` (issue 13)"
TARGET_S = 1.0
SIZE = 25 * 1024 * 1024


def _setup(work: Path) -> None:
    # Never the shared PostgreSQL server: a database of the run's own.
    os.environ.pop("DATABASE_URL", None)
    os.environ["GOODWILL_DATA_DIR"] = str(work)
    os.environ["GOODWILL_QUEUE_URL"] = f"sqlite:///{work / 'queue.sqlite3'}"
    os.environ["GOODWILL_CLAMD"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodwill.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _client_on_portal() -> tuple[object, object]:
    from django.test import Client as Browser

    from goodwill.clients.services import client_create
    from goodwill.organisation.services import site_create, staff_create
    from goodwill.portal.services import portal_link_issue

    site = site_create(code="BENCH-MUC", name="Bench Munich", kind="dealer", country="DE")
    advisor = staff_create(
        username="bench-advisor",
        password=None,
        first_name="Bench",
        last_name="Advisor",
        role="advisor",
        site=site,
    )
    client = client_create(
        actor=advisor,
        first_name="Thomas",
        last_name="Bench",
        email="thomas.bench@example.com",
        phone="",
        language="de",
        country="DE",
        site=site,
        advisor=advisor,
    )
    browser = Browser(enforce_csrf_checks=True)
    link = portal_link_issue(client=client, actor=None)
    assert browser.get(f"/portal/open/{link.issued_token}/").status_code == 302
    browser.get("/portal/documents/")
    return browser, client


def _document(n: int) -> bytes:
    """A PDF of SIZE bytes: a page of text, then random bytes after its end (as a scanner's
    big file is mostly image data), different for each upload."""
    from goodwill.documents.samples import text_pdf

    head = text_pdf([f"Rechnung Nr. 2026-{n:04d}", "Gesamt EUR 1.240,00"]) + b"\n%"
    return head + os.urandom(SIZE - len(head))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="replace the section in BENCHMARKS.md")
    parser.add_argument("--repeat", type=int, default=12)
    parser.add_argument("--machine", default=platform.node())
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-upload-"))
    try:
        _setup(work)
        section = _run(args.repeat, args.machine, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
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


def _run(repeat: int, machine: str, work: Path) -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from goodwill.documents.models import Document

    browser, client = _client_on_portal()
    timings: list[float] = []
    stored = 0
    for n in range(repeat):
        content = _document(n)
        digest = hashlib.sha256(content).hexdigest()
        data = {
            "file": SimpleUploadedFile("Rechnung.pdf", content, "application/pdf"),
            "csrfmiddlewaretoken": browser.cookies["csrftoken"].value,  # type: ignore[attr-defined]
        }
        started = time.perf_counter()
        response = browser.post("/portal/documents/", data)  # type: ignore[attr-defined]
        timings.append(time.perf_counter() - started)
        assert response.status_code == 302, (response.status_code, response.content[:300])
        document = Document.objects.get(client=client, sha256=digest)
        # Stored whole, as the client's, and left for the worker to read.
        assert document.source == "portal" and document.size == SIZE
        assert document.status == Document.Status.PENDING
        assert document.path.stat().st_size == SIZE
        stored += 1
    ordered = sorted(timings)
    p50 = statistics.median(ordered)
    p95 = statistics.quantiles(ordered, n=20, method="inclusive")[18]
    met = ordered[-1] < TARGET_S and stored == repeat
    load = os.getloadavg()[0]
    return "\n".join(
        [
            HEADING,
            "",
            f"**Date**: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC. **Machine**: {machine}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}, SQLite, load "
            f"{load:.1f} at the end (other engineers' work beside it).",
            "",
            f"**Data**: {repeat} uploads of a {SIZE / 1048576:.0f} MB PDF (a page of text, then "
            "random bytes), each different, by a client's portal session through Django's test "
            "client (`POST /portal/documents/`: the multipart body built and parsed, CSRF, the "
            "session, `document_store`: size, type read from the bytes, sha256, written to a "
            "temporary file, fsynced, renamed, the row and the timeline entry; no virus scan). "
            "The reading (pypdf, Tesseract) is queued for the worker, not run.",
            "",
            "| uploads | p50 | p95 | worst | stored (checked: row, bytes on disk, pending) |",
            "|---:|---:|---:|---:|---:|",
            f"| {repeat} | {p50:.3f} s | {p95:.3f} s | {ordered[-1]:.3f} s "
            f"| {stored} of {repeat} |",
            "",
            f"Target: a 25 MB upload answered in under {TARGET_S:.0f} s — "
            + ("**met**" if met else "**not met**")
            + f" (worst {ordered[-1]:.2f} s).",
            "",
        ]
    )


if __name__ == "__main__":
    main()
