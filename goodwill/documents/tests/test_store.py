"""Storing a document: once by content, its type read from its bytes, within the limits."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from goodwill.clients.models import Client
from goodwill.documents.models import Document
from goodwill.documents.samples import text_pdf
from goodwill.documents.services import document_store
from goodwill.organisation.access import OtherSite
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry

RECEIPT = text_pdf(["Order confirmation", "Order number: TT-4471-2093", "Total EUR 49.95"])


def test_the_same_file_sent_twice_is_one_document(client_t: Client, advisor: User) -> None:
    # Given the client's receipt arrives by mail, then again under another name
    first = document_store(client=client_t, content=RECEIPT, filename="receipt.pdf", source="mail")
    again = document_store(client=client_t, content=RECEIPT, filename="scan.pdf", source="staff")
    # Then it is one document, written once under its sha256, told once on the story
    assert again.pk == first.pk and Document.objects.count() == 1
    assert first.path.read_bytes() == RECEIPT and first.path.name == first.sha256
    assert Entry.objects.filter(kind=Entry.Kind.DOCUMENT_ADDED, client=client_t).count() == 1


def test_its_type_is_read_from_its_bytes_not_its_name(client_t: Client) -> None:
    document = document_store(
        client=client_t, content=RECEIPT, filename="holiday.jpg", source="portal"
    )
    assert document.mime_type == "application/pdf"


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64,
        b"PK\x03\x04" + b"\x00" * 64,
    ],
    ids=["html", "program", "zip"],
)
def test_it_refuses_what_is_not_a_document(client_t: Client, content: bytes) -> None:
    with pytest.raises(ValidationError) as refused:
        document_store(client=client_t, content=content, filename="invoice.pdf", source="portal")
    assert refused.value.error_dict["file"][0].code == "refused_type"
    assert not Document.objects.exists()


def test_it_refuses_a_file_over_the_limit(client_t: Client, settings: object) -> None:
    settings.GOODWILL_DOCUMENT_MAX_BYTES = 1024  # type: ignore[attr-defined]
    with pytest.raises(ValidationError) as refused:
        document_store(client=client_t, content=RECEIPT * 4, filename="big.pdf", source="staff")
    assert refused.value.error_dict["file"][0].code == "too_big"


def test_it_rejects_a_foreign_dealer_storing_for_another_sites_client(
    client_t: Client, foreign_dealer: User
) -> None:
    with pytest.raises(OtherSite):
        document_store(
            client=client_t,
            content=RECEIPT,
            filename="r.pdf",
            source="staff",
            actor=foreign_dealer,
        )
