"""The client page has one card for every document: the vault's, each mail document with the
message it came with and how often, and the mail attachments the vault does not take."""

from __future__ import annotations

from goodwill.channels.email.models import Attachment
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.clients.models import Client
from goodwill.documents.models import Document
from goodwill.documents.samples import text_pdf
from goodwill.documents.tests.conftest import login
from goodwill.organisation.models import User

RECEIPT = text_pdf(["Invoice No. 2026-0412", "Total EUR 1,240.00"])
SPREADSHEET = b"PK\x03\x04" + b"\x00" * 64  # not a document the vault takes


def test_the_vault_card_says_which_message_a_document_came_with(
    client_t: Client, advisor: User
) -> None:
    # Given Mr. T mails his receipt twice, and a spreadsheet once
    for _n in range(2):
        email_ingest(
            raw=make_mail(
                subject="Quittung Bremsen",
                attachments=[("receipt.pdf", "application/pdf", RECEIPT)],
            )
        )
    email_ingest(
        raw=make_mail(
            subject="Kosten",
            attachments=[("kosten.xlsx", "application/vnd.ms-excel", SPREADSHEET)],
        )
    )
    assert Document.objects.filter(client=client_t).count() == 1
    # When his advisor opens his page
    page = login(advisor).get(f"/clients/{client_t.ref}/").content.decode()
    # Then one card lists the receipt once, with its message and how often it came, and the
    # spreadsheet among the other files from e-mail, for download from its message
    assert "Documents the client sent" not in page
    card = page.split('id="vault"', 1)[1].split("</section>", 1)[0]
    assert card.count("receipt.pdf</a>") == 1
    assert "came with “Quittung Bremsen”" in card and "sent 2 times" in card
    spreadsheet = Attachment.objects.get(filename="kosten.xlsx")
    other = card.split("Other files from e-mail", 1)[1]
    assert f'href="/mail/attachments/{spreadsheet.pk}/">kosten.xlsx</a>' in other
    assert "“Kosten”" in other
