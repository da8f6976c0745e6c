from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client as HttpClient

from conftest import PASSWORD
from goodwill.cases.models import Case
from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.channels.messaging.models import InboundText
from goodwill.channels.messaging.services import text_receive
from goodwill.channels.messaging.webhook import TextIn
from goodwill.clients.models import Client, Product
from goodwill.clients.services import product_add
from goodwill.documents.models import Document
from goodwill.documents.samples import text_pdf
from goodwill.documents.services import document_store
from goodwill.organisation.models import User

EMAIL = "thomas.lefevre@example.com"
NAMES = ("Lefèvre", "Thomas")
RECEIPT = text_pdf(
    [
        "Autohaus Order confirmation for Thomas Lefevre",
        "Order number: TT-4471-2093",
        "Navigationssystem Europa 1 x EUR 49.95",
    ]
)
LETTER = text_pdf(["Dear Mr Lefevre, your Kundenkarte 88-ZX-4410 is enclosed."])


@pytest.fixture(autouse=True)
def _data_dir(settings: Any, tmp_path: Path) -> None:
    """Documents and mail go to a fresh DATA_DIR per test."""
    settings.DATA_DIR = tmp_path


def login(user: User) -> HttpClient:
    browser = HttpClient()
    assert browser.login(username=user.username, password=PASSWORD)
    return browser


@pytest.fixture
def watch(client_t: Client, advisor: User) -> Product:
    return product_add(
        actor=advisor,
        client=client_t,
        kind="watch",
        brand="Aurelis",
        model="Chrono",
        serial="SN-998877",
    )


@pytest.fixture
def story(
    client_t: Client,
    case_t: Case,
    watch: Product,
    advisor: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> Client:
    """Mr. T's whole story: a case, a watch, a mail with his receipt (read: its order number and
    words indexed), a letter staff uploaded, the acknowledgement sent to him."""
    with django_capture_on_commit_callbacks(execute=True):
        email_ingest(
            raw=make_mail(
                subject="Quittung Navigationssystem",
                body="Guten Tag, anbei die Quittung. Thomas Lefèvre, +49 171 2345678",
                attachments=[("quittung-lefevre.pdf", "application/pdf", RECEIPT)],
            )
        )
    with django_capture_on_commit_callbacks(execute=True):
        document_store(
            client=client_t,
            case=case_t,
            content=LETTER,
            filename="lefevre-letter.pdf",
            source="staff",
            actor=advisor,
        )
    # And a WhatsApp message signed by his name, from his mobile number.
    text_receive(
        text=TextIn(
            sid="SMprivacy0000000000000000000000001",
            channel="whatsapp",
            number="+491712345678",
            to="whatsapp:+4930123457",
            body="Hier Thomas Lefèvre: ist der Wagen fertig?",
        )
    )
    assert InboundMessage.objects.filter(client=client_t).exists()
    assert InboundText.objects.filter(client=client_t).exists()
    assert Document.objects.filter(client=client_t, status=Document.Status.READ).count() == 2
    return client_t


@pytest.fixture
def bystander(
    paris_client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> Client:
    """Another client, whose mail and data must survive Mr. T's erasure."""
    with django_capture_on_commit_callbacks(execute=True):
        email_ingest(
            raw=make_mail(
                sender="Camille Bernard <camille.bernard@example.com>",
                subject="Ma montre",
                body="Bonjour, ma montre retarde.",
            )
        )
    return paris_client
