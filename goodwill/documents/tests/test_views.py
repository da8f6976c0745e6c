"""The vault on the client page: staff upload, download as a file, nobody else's documents."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from goodwill.clients.models import Client
from goodwill.documents.models import Document
from goodwill.documents.samples import text_pdf
from goodwill.documents.services import document_store
from goodwill.documents.tests.conftest import login
from goodwill.organisation.models import User

RECEIPT = text_pdf(["Invoice No. 2026-0412", "Total EUR 1,240.00"])


def test_staff_upload_a_scan_from_the_client_page(client_t: Client, advisor: User) -> None:
    browser = login(advisor)
    response = browser.post(
        f"/clients/{client_t.ref}/documents/",
        {"file": SimpleUploadedFile("Rechnung.pdf", RECEIPT, content_type="image/png")},
    )
    assert response.status_code == 302
    document = Document.objects.get(client=client_t)
    assert document.source == "staff" and document.added_by == advisor
    assert document.mime_type == "application/pdf"  # what it is, not what the browser said
    page = browser.get(f"/clients/{client_t.ref}/").content.decode()
    assert "Documents on file" in page and "Rechnung.pdf" in page


def test_an_upload_too_big_or_not_a_document_is_refused_with_the_reason(
    client_t: Client, advisor: User, settings: object
) -> None:
    browser = login(advisor)
    page = browser.post(
        f"/clients/{client_t.ref}/documents/",
        {"file": SimpleUploadedFile("x.html", b"<html><script>alert(1)</script>", "text/html")},
    )
    assert page.status_code == 415 and "not taken" in page.content.decode()
    settings.GOODWILL_DOCUMENT_MAX_BYTES = 1024  # type: ignore[attr-defined]
    page = browser.post(
        f"/clients/{client_t.ref}/documents/",
        {"file": SimpleUploadedFile("big.pdf", RECEIPT * 10, "application/pdf")},
    )
    assert page.status_code == 413 and "the limit is" in page.content.decode()
    assert not Document.objects.exists()


def test_a_document_downloads_as_a_file_never_inline(client_t: Client, advisor: User) -> None:
    document = document_store(
        client=client_t, content=b"<p>hello</p>\n" * 3 + b"plain", filename="n.txt", source="mail"
    )
    response = login(advisor).get(f"/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == document.path.read_bytes()  # type: ignore[attr-defined]


def test_it_rejects_a_foreign_dealer(
    client_t: Client, foreign_dealer: User, paris_client: Client
) -> None:
    document = document_store(client=client_t, content=RECEIPT, filename="r.pdf", source="mail")
    browser = login(foreign_dealer)
    assert browser.get(f"/documents/{document.pk}/").status_code == 404
    upload = SimpleUploadedFile("r.pdf", RECEIPT, "application/pdf")
    assert browser.post(f"/clients/{client_t.ref}/documents/", {"file": upload}).status_code == 404
    assert Document.objects.count() == 1


def test_the_client_pages_documents_cost_the_same_queries_however_many(
    client_t: Client, advisor: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    browser = login(advisor)
    document_store(client=client_t, content=RECEIPT, filename="0.pdf", source="mail")
    browser.get(f"/clients/{client_t.ref}/")  # sessions and caches warmed
    with CaptureQueriesContext(connection) as one:
        browser.get(f"/clients/{client_t.ref}/")
    for n in range(1, 6):
        document_store(
            client=client_t, content=RECEIPT + bytes([n]), filename=f"{n}.pdf", source="mail"
        )
    with CaptureQueriesContext(connection) as six:
        page = browser.get(f"/clients/{client_t.ref}/").content.decode()
    assert "5.pdf" in page and len(six.captured_queries) == len(one.captured_queries)
