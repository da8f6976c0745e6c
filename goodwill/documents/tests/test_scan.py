"""The optional virus scan (GOODWILL_CLAMD): every document goes to clamd before it is kept; a
virus is refused whoever sent it and never written; clamd down refuses a person's upload (they
try again later) but keeps a mail attachment, marked not scanned. Against a clamd stand-in on
loopback that speaks the INSTREAM protocol (fake_clamd)."""

from __future__ import annotations

import socketserver
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from goodwill.clients.models import Client
from goodwill.conf import clamd_url
from goodwill.documents import scan
from goodwill.documents.models import Document, documents_dir
from goodwill.documents.samples import text_pdf
from goodwill.documents.services import document_store
from goodwill.documents.tests.conftest import login
from goodwill.documents.tests.fake_clamd import EICAR, _Clamd, closed_port, fake_clamd
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry

RECEIPT = text_pdf(["Invoice No. 2026-0412", "Total EUR 1,240.00"])
INFECTED = b"Here is my invoice\n" + EICAR + b"\n"


def test_without_a_scanner_nothing_is_scanned(client_t: Client, settings: object) -> None:
    settings.GOODWILL_CLAMD = ""  # type: ignore[attr-defined]
    document = document_store(client=client_t, content=RECEIPT, filename="r.pdf", source="portal")
    assert document.virus_scan == Document.VirusScan.OFF


def test_a_clean_file_is_scanned_in_chunks_and_kept(client_t: Client, settings: object) -> None:
    big = RECEIPT + b"\n" + b"x" * (3 * scan.CHUNK)
    with fake_clamd() as (address, streams):
        settings.GOODWILL_CLAMD = address  # type: ignore[attr-defined]
        document = document_store(client=client_t, content=big, filename="r.pdf", source="portal")
    assert document.virus_scan == Document.VirusScan.CLEAN
    assert streams == [(big, 4)]  # every byte reached clamd, a chunk at a time


def test_a_virus_is_refused_and_never_written(client_t: Client, settings: object) -> None:
    with fake_clamd() as (address, _streams):
        settings.GOODWILL_CLAMD = address  # type: ignore[attr-defined]
        for source in ("portal", "staff", "mail"):
            with pytest.raises(ValidationError) as refused:
                document_store(
                    client=client_t, content=INFECTED, filename="invoice.txt", source=source
                )
            problem = refused.value.error_dict["file"][0]
            assert problem.code == "infected"
            assert "Eicar-Test-Signature" in " ".join(problem.messages)
    assert not Document.objects.exists()
    assert not Entry.objects.filter(kind=Entry.Kind.DOCUMENT_ADDED).exists()
    assert not documents_dir().exists() or not any(documents_dir().iterdir())


def test_a_virus_uploaded_on_the_client_page_is_refused_with_the_reason(
    client_t: Client, advisor: User, settings: object
) -> None:
    with fake_clamd() as (address, _streams):
        settings.GOODWILL_CLAMD = address  # type: ignore[attr-defined]
        page = login(advisor).post(
            f"/clients/{client_t.ref}/documents/",
            {"file": SimpleUploadedFile("eicar.txt", INFECTED, "text/plain")},
        )
    assert page.status_code == 422
    assert "virus" in page.content.decode() and not Document.objects.exists()


def test_clamd_down_refuses_a_person_but_keeps_the_mail_marked(
    client_t: Client, settings: object
) -> None:
    settings.GOODWILL_CLAMD = closed_port()  # type: ignore[attr-defined]
    for source in ("portal", "staff"):
        with pytest.raises(ValidationError) as refused:
            document_store(client=client_t, content=RECEIPT, filename="r.pdf", source=source)
        assert refused.value.error_dict["file"][0].code == "scan_unavailable"
    assert not Document.objects.exists()
    # The client's mail cannot be asked for again: kept, and marked for staff.
    document = document_store(client=client_t, content=RECEIPT, filename="r.pdf", source="mail")
    assert document.virus_scan == Document.VirusScan.UNAVAILABLE
    # The same bytes again once clamd is back: the document on file is marked clean.
    with fake_clamd() as (address, _streams):
        settings.GOODWILL_CLAMD = address  # type: ignore[attr-defined]
        again = document_store(client=client_t, content=RECEIPT, filename="r.pdf", source="mail")
    again.refresh_from_db()
    assert again.pk == document.pk and again.virus_scan == Document.VirusScan.CLEAN


def test_an_answer_that_is_no_verdict_is_unavailable(settings: object) -> None:
    class Broken(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            self.rfile.read(10)
            self.wfile.write(b"INSTREAM size limit exceeded. ERROR\0")

    server = socketserver.TCPServer(("127.0.0.1", 0), Broken)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        host, port = server.server_address[:2]
        with pytest.raises(scan.ScanUnavailable, match="size limit"):
            scan.scan(b"hello", address=f"tcp://{host}:{port}")
    finally:
        server.shutdown()
        server.server_close()


def test_it_speaks_to_clamd_on_a_unix_socket(tmp_path: Path) -> None:
    path = tmp_path / "clamd.ctl"
    server = socketserver.ThreadingUnixStreamServer(str(path), _Clamd)
    server.streams = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert scan.scan(b"hello", address=f"unix://{path}") == scan.Verdict(clean=True)
        verdict = scan.scan(EICAR, address=f"unix://{path}")
        assert not verdict.clean and verdict.virus == "Eicar-Test-Signature"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:3310", "tcp://127.0.0.1", "tcp://:3310", "tcp://host:port", "unix://"],
)
def test_a_bad_clamd_setting_stops_start_up(url: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        clamd_url(url)


def test_good_clamd_settings_are_taken() -> None:
    assert clamd_url("") == ""
    assert clamd_url(" tcp://127.0.0.1:3310 ") == "tcp://127.0.0.1:3310"
    assert clamd_url("unix:///run/clamav/clamd.ctl") == "unix:///run/clamav/clamd.ctl"


def test_nothing_listening_is_unavailable_not_an_error() -> None:
    with pytest.raises(scan.ScanUnavailable):
        scan.scan(b"hello", address=closed_port())
