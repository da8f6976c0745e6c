"""The client's documents on their portal: they send one (from their documents page or a case),
in their language, within the vault's limits; they download what they sent and what staff
shared with them, as a file; nobody else's."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD
from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.documents.models import Document
from goodwill.documents.samples import text_pdf
from goodwill.documents.services import document_share, document_store
from goodwill.documents.tests.fake_clamd import EICAR, closed_port, fake_clamd
from goodwill.notifications.models import Notification
from goodwill.organisation.access import OtherSite
from goodwill.organisation.models import User
from goodwill.portal.tests.conftest import portal_open
from goodwill.timeline.models import Entry

RECEIPT = text_pdf(["Rechnung Nr. 2026-0412", "Gesamt EUR 1.240,00"])


@pytest.fixture(autouse=True)
def _vault_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    settings.GOODWILL_CLAMD = ""  # type: ignore[attr-defined]


def upload(browser: Browser, url: str, name: str, content: bytes, kind: str) -> object:
    if "csrftoken" not in browser.cookies:
        browser.get("/portal/documents/")
    return browser.post(
        url,
        {
            "file": SimpleUploadedFile(name, content, kind),
            "csrfmiddlewaretoken": browser.cookies["csrftoken"].value,
        },
    )


def test_a_client_sends_a_document_from_their_documents_page(client_t: Client) -> None:
    # Given Mr. T on his portal, from the link on his overview
    browser = portal_open(client_t)
    assert 'href="/portal/documents/"' in browser.get("/portal/").content.decode()
    # When he sends his invoice
    response = upload(browser, "/portal/documents/", "Rechnung.pdf", RECEIPT, "application/pdf")
    # Then it is in the vault as his, on his story, and listed for him, in German
    assert response.status_code == 302
    assert response["Location"] == "/portal/documents/?uploaded=1#documents"
    document = Document.objects.get(client=client_t)
    assert document.source == "portal" and document.case is None and document.added_by is None
    assert Entry.objects.filter(client=client_t, kind=Entry.Kind.DOCUMENT_ADDED).count() == 1
    page = browser.get(response["Location"])
    assert page["Content-Language"] == "de" and page["Cache-Control"] == "private, no-store"
    assert f'href="/portal/documents/{document.pk}/"' in page.content.decode()


def test_a_document_sent_from_a_case_lands_on_it_and_tells_its_owner(
    client_t: Client, case_t: Case, advisor: User
) -> None:
    browser = portal_open(client_t)
    assert "/documents/" in browser.get(f"/portal/cases/{case_t.reference}/").content.decode()
    response = upload(
        browser,
        f"/portal/cases/{case_t.reference}/documents/",
        "Foto.pdf",
        RECEIPT,
        "application/pdf",
    )
    assert response.status_code == 302
    assert response["Location"] == f"/portal/cases/{case_t.reference}/?uploaded=1#documents"
    document = Document.objects.get(client=client_t)
    assert document.case == case_t and document.source == "portal"
    entry = Entry.objects.get(kind=Entry.Kind.DOCUMENT_ADDED)
    assert entry.case == case_t
    told = Notification.objects.get(recipient=case_t.owner)
    assert "Foto.pdf" in told.title and told.case == case_t
    # The page shows it on the case
    page = browser.get(response["Location"]).content.decode()
    assert "Foto.pdf" in page


def test_another_clients_case_takes_no_document(
    client_t: Client, paris_client: Client, case_t: Case
) -> None:
    browser = portal_open(paris_client)
    response = upload(
        browser, f"/portal/cases/{case_t.reference}/documents/", "r.pdf", RECEIPT, "application/pdf"
    )
    assert response.status_code == 404 and not Document.objects.exists()


def test_too_big_is_a_413_saying_the_limit_in_their_language(
    client_t: Client, settings: object
) -> None:
    settings.GOODWILL_DOCUMENT_MAX_BYTES = 1024  # type: ignore[attr-defined]
    browser = portal_open(client_t)
    response = upload(browser, "/portal/documents/", "big.pdf", RECEIPT * 4, "application/pdf")
    assert response.status_code == 413
    page = response.content.decode()
    assert "das Limit liegt bei" in page
    assert 'lang="de"' in page and not Document.objects.exists()


def test_what_is_no_document_is_a_415_in_their_language(client_t: Client) -> None:
    browser = portal_open(client_t)
    response = upload(
        browser, "/portal/documents/", "invoice.pdf", b"<html><script>x</script>", "application/pdf"
    )
    assert response.status_code == 415
    assert "Diese Dateiart wird nicht angenommen" in response.content.decode()
    assert not Document.objects.exists()


def test_no_file_is_a_400(client_t: Client) -> None:
    browser = portal_open(client_t)
    browser.get("/portal/documents/")
    response = browser.post(
        "/portal/documents/", {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value}
    )
    assert response.status_code == 400


def test_a_virus_is_refused_and_clamd_down_asks_to_try_later(
    client_t: Client, settings: object
) -> None:
    browser = portal_open(client_t)
    with fake_clamd() as (address, _streams):
        settings.GOODWILL_CLAMD = address  # type: ignore[attr-defined]
        response = upload(browser, "/portal/documents/", "a.txt", EICAR, "text/plain")
    assert response.status_code == 422 and "Eicar-Test-Signature" in response.content.decode()
    settings.GOODWILL_CLAMD = closed_port()  # type: ignore[attr-defined]
    response = upload(browser, "/portal/documents/", "r.pdf", RECEIPT, "application/pdf")
    assert response.status_code == 503
    assert not Document.objects.exists()


def test_a_document_downloads_as_a_file_never_inline(client_t: Client) -> None:
    browser = portal_open(client_t)
    upload(browser, "/portal/documents/", "notes.txt", b"<p>hello</p>\nplain", "text/plain")
    document = Document.objects.get()
    response = browser.get(f"/portal/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Type"] == "text/plain"
    assert b"".join(response.streaming_content) == document.path.read_bytes()  # type: ignore[attr-defined]


def test_it_rejects_another_clients_document(client_t: Client, paris_client: Client) -> None:
    theirs = document_store(client=paris_client, content=RECEIPT, filename="p.pdf", source="portal")
    browser = portal_open(client_t)
    assert browser.get(f"/portal/documents/{theirs.pk}/").status_code == 404
    assert browser.get("/portal/documents/999999/").status_code == 404
    assert "p.pdf" not in browser.get("/portal/documents/").content.decode()


def test_a_staff_share_appears_on_the_portal(client_t: Client, advisor: User) -> None:
    # Given the advisor uploads the repair report, shared with the client
    staff = Browser()
    assert staff.login(username=advisor.username, password=PASSWORD)
    report = text_pdf(["Werkstattbericht", "Bremsen erneuert"])
    response = staff.post(
        f"/clients/{client_t.ref}/documents/",
        {
            "file": SimpleUploadedFile("Werkstattbericht.pdf", report, "application/pdf"),
            "share": "1",
        },
    )
    assert response.status_code == 302
    # and a scan only staff should keep
    internal = document_store(
        client=client_t, content=RECEIPT, filename="intern.pdf", source="staff", actor=advisor
    )
    shared = Document.objects.get(filename="Werkstattbericht.pdf")
    assert shared.shared_with_client
    # Then Mr. T sees and downloads the report, never the other
    browser = portal_open(client_t)
    page = browser.get("/portal/documents/").content.decode()
    assert "Werkstattbericht.pdf" in page and "intern.pdf" not in page
    assert browser.get(f"/portal/documents/{shared.pk}/").status_code == 200
    assert browser.get(f"/portal/documents/{internal.pk}/").status_code == 404
    # When the advisor stops sharing it, it is gone from the portal
    staff.post(f"/documents/{shared.pk}/share/", {"shared": "0"})
    assert browser.get(f"/portal/documents/{shared.pk}/").status_code == 404
    staff.post(f"/documents/{internal.pk}/share/", {"shared": "1"})
    assert browser.get(f"/portal/documents/{internal.pk}/").status_code == 200


def test_it_rejects_a_foreign_dealer_sharing(client_t: Client, foreign_dealer: User) -> None:
    document = document_store(client=client_t, content=RECEIPT, filename="r.pdf", source="mail")
    staff = Browser()
    assert staff.login(username=foreign_dealer.username, password=PASSWORD)
    assert staff.post(f"/documents/{document.pk}/share/", {"shared": "1"}).status_code == 404
    document.refresh_from_db()
    assert not document.shared_with_client
    with pytest.raises(OtherSite):
        document_share(actor=foreign_dealer, document=document, shared=True)


def test_the_documents_page_costs_the_same_queries_however_many(client_t: Client) -> None:
    browser = portal_open(client_t)
    document_store(client=client_t, content=RECEIPT, filename="0.pdf", source="portal")
    browser.get("/portal/documents/")
    with CaptureQueriesContext(connection) as one:
        browser.get("/portal/documents/")
    for n in range(1, 6):
        document_store(
            client=client_t, content=RECEIPT + bytes([n]), filename=f"{n}.pdf", source="portal"
        )
    with CaptureQueriesContext(connection) as six:
        page = browser.get("/portal/documents/").content.decode()
    assert "5.pdf" in page and len(six.captured_queries) == len(one.captured_queries)
