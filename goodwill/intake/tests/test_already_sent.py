"""Story 003: "I already sent it" — the intake finds the document on file for the advisor, and a
mail attachment is in the vault the moment the mail is taken in."""

from __future__ import annotations

from pathlib import Path

import pytest

from goodwill.cases.models import Case
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.clients.models import Client
from goodwill.documents.models import Document
from goodwill.documents.samples import text_pdf
from goodwill.documents.services import document_read
from goodwill.intake.already_sent import says_already_sent
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry

RECEIPT = text_pdf(["TomTom order confirmation", "Order number: TT-4471-2093", "EUR 49.95"])


@pytest.mark.parametrize(
    "text",
    [
        "I already sent you the invoice!",
        "Je vous ai déjà envoyé la facture trois fois.",
        "Ich habe die Rechnung bereits geschickt.",
        "Ve l'ho già inviato.",
        "Ya lo envié la semana pasada.",
        "Ik heb het al gestuurd.",
        "Já enviei a fatura.",
    ],
)
def test_it_hears_already_sent_in_every_language(text: str) -> None:
    assert says_already_sent(text)


def test_it_does_not_hear_it_in_an_ordinary_message() -> None:
    assert not says_already_sent("Could you send me the invoice again? I lost it.")


def test_a_client_saying_they_sent_it_gets_the_document_found_for_the_advisor(
    client_t: Client, case_t: Case, advisor: User, settings: object, tmp_path: Path
) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    # Given the client mailed their receipt, under a name that says nothing
    email_ingest(
        raw=make_mail(
            subject="maps",
            body="Here it is.",
            attachments=[("Document1.pdf", "application/pdf", RECEIPT)],
        )
    )
    document = Document.objects.get(client=client_t)
    assert document.source == "mail" and document.mime_type == "application/pdf"
    document_read(document_id=document.pk)
    # When they write that they already sent it
    email_ingest(
        raw=make_mail(subject="maps", body="I already sent you the invoice. Please read it!")
    )
    # Then the advisor is told which document on file it is, and it is on the story
    told = Notification.objects.filter(recipient=advisor, title__contains="already sent").get()
    assert "Document1.pdf" in told.title
    found = Entry.objects.get(kind=Entry.Kind.DOCUMENT_FOUND)
    assert found.payload == {"document_id": document.pk} and found.case_id == case_t.pk


def test_nothing_on_file_means_nothing_to_find(
    client_t: Client, case_t: Case, advisor: User
) -> None:
    email_ingest(raw=make_mail(subject="maps", body="I already sent it twice!"))
    assert not Entry.objects.filter(kind=Entry.Kind.DOCUMENT_FOUND).exists()
