"""Never ask twice (story 003): asking the client for a kind of document the vault already holds
is said before sending, with the one on file to use; sent anyway, it is counted."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client as Browser

from goodwill.cases.models import Case
from goodwill.checks.services import reply_send
from goodwill.documents.samples import text_pdf
from goodwill.documents.selectors import asked_again_counts
from goodwill.documents.services import document_read, document_store
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry

pytestmark = pytest.mark.usefixtures("brush_offs")

ASKS = (
    "Guten Tag Herr Lefèvre,\n\nBitte senden Sie uns den Kaufbeleg. Wir melden uns, sobald wir "
    "ihn geprüft haben.\n\nMit freundlichen Grüßen\nAnna Schmid"
)


@pytest.fixture
def receipt_on_file(case_t: Case, settings: object, tmp_path: Path) -> int:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    # A scan named by the phone: only its text says it is an invoice
    document = document_store(
        client=case_t.client,
        content=text_pdf(["Invoice No. 2026-0412", "Total EUR 1,240.00"]),
        filename="IMG_0042.pdf",
        source="mail",
    )
    document_read(document_id=document.pk)
    return document.pk


def test_the_preview_says_the_proof_of_purchase_is_on_file_and_offers_it(
    client: Browser, advisor: User, case_t: Case, receipt_on_file: int
) -> None:
    client.force_login(advisor)
    page = client.post(
        f"/cases/{case_t.reference}/message/preview/",
        {"language": "de", "subject": "", "body": ASKS, "nonce": "n1"},
    ).content.decode()
    assert "already sent the proof of purchase" in page and "IMG_0042.pdf" in page
    assert f'href="/documents/{receipt_on_file}/">Use the one on file' in page


def test_a_document_not_yet_recognised_is_not_claimed_on_file(
    advisor: User, case_t: Case, settings: object, tmp_path: Path
) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    document_store(client=case_t.client, content=b"see you", filename="a.txt", source="mail")
    sent = reply_send(actor=advisor, case=case_t, subject="", body=ASKS, language="de")
    assert sent.pk and asked_again_counts() == {}


def test_asking_again_anyway_is_counted_for_the_dashboards(
    advisor: User, case_t: Case, receipt_on_file: int
) -> None:
    reply_send(actor=advisor, case=case_t, subject="", body=ASKS, language="de")
    reply_send(actor=advisor, case=case_t, subject="", body=ASKS, language="de", key="2")
    assert asked_again_counts() == {case_t.client_id: 2}
    entry = Entry.objects.filter(kind=Entry.Kind.DOCUMENT_ASKED).first()
    assert entry is not None and entry.payload["document_ids"] == [receipt_on_file]


def test_the_request_sent_anyway_reads_on_the_clients_story(
    client: Browser, advisor: User, case_t: Case, receipt_on_file: int
) -> None:
    reply_send(actor=advisor, case=case_t, subject="", body=ASKS, language="de")
    client.force_login(advisor)
    page = client.get(f"/clients/{case_t.client.ref}/").content.decode()
    assert "Asked for a document on file" in page and "Invoice or proof of purchase" in page
