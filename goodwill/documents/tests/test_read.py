"""Reading a document in the worker: its text, its kind, its facts, its product; found by search."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

from django.utils import timezone

from goodwill.clients.models import Client, Product
from goodwill.documents.models import Document
from goodwill.documents.samples import scan_png, text_pdf
from goodwill.documents.selectors import document_search
from goodwill.documents.services import document_read
from goodwill.documents.sweeps import documents_unread
from goodwill.documents.tests.conftest import login, require_tesseract
from goodwill.organisation.models import User

Store = Callable[..., Document]
RECEIPT = text_pdf(
    [
        "TomTom - Order confirmation",
        "Order number: TT-4471-2093",
        "Date: 12.09.2024",
        "Map of Europe 1 x EUR 49.95",
    ]
)


def test_a_pdf_receipt_is_read_as_a_proof_of_purchase_with_its_facts(
    store: Store, client_t: Client
) -> None:
    # Given a receipt stored (the immediate queue reads it after the commit)
    document = store(client=client_t, content=RECEIPT, filename="x.pdf", source="mail")
    document.refresh_from_db()
    # Then its text, kind and facts are read
    assert document.status == Document.Status.READ
    assert "Map of Europe" in document.text
    assert document.kind == Document.Kind.PROOF_OF_PURCHASE
    assert document.facts == {
        "number": "TT-4471-2093",
        "date": "12.09.2024",
        "amount": "EUR 49.95",
    }


def test_the_order_number_finds_the_client_from_the_search_box(
    store: Store, client_t: Client, advisor: User, foreign_dealer: User
) -> None:
    store(client=client_t, content=RECEIPT, filename="receipt.pdf", source="mail")
    # Typed as people type it, with or without the dashes
    for typed in ("TT-4471-2093", "tt 4471 2093", "TT44712"):
        hits = document_search(user=advisor, query=typed)
        assert [hit.client.pk for hit in hits] == [client_t.pk], typed
    page = login(advisor).get("/search/", {"q": "TT-4471-2093"}).content.decode()
    assert client_t.name in page and "receipt.pdf" in page
    # Another network's dealer finds nothing
    assert document_search(user=foreign_dealer, query="TT-4471-2093") == []


def test_a_scanned_invoice_is_read_by_tesseract(store: Store, client_t: Client) -> None:
    require_tesseract()
    scan = scan_png(["INVOICE No. 2026-0412", "Date: 2026-03-14", "Total EUR 1,240.00"])
    document = store(client=client_t, content=scan, filename="IMG_0042", source="staff")
    document.refresh_from_db()
    assert "INVOICE No. 2026-0412" in document.text
    assert document.kind == Document.Kind.PROOF_OF_PURCHASE
    assert document.facts["number"] == "2026-0412"
    assert document.facts["amount"] == "EUR 1,240.00"


def test_a_scanned_pdf_page_is_read_by_tesseract(store: Store, client_t: Client) -> None:
    require_tesseract()
    from PIL import Image

    out = io.BytesIO()
    scan = Image.open(io.BytesIO(scan_png(["Rechnung Nr. 88-1204", "Summe 310,00 EUR"])))
    scan.save(out, format="PDF", resolution=200)
    document = store(client=client_t, content=out.getvalue(), filename="scan.pdf", source="staff")
    document.refresh_from_db()
    assert "88-1204" in document.text and document.kind == Document.Kind.PROOF_OF_PURCHASE


def test_a_vin_read_links_the_document_to_the_clients_car(
    store: Store, client_t: Client, car: Product
) -> None:
    registration = text_pdf(
        ["Zulassungsbescheinigung Teil I", f"Fahrzeug-Identifizierungsnummer {car.vin}"]
    )
    document = store(client=client_t, content=registration, filename="zb1.pdf", source="portal")
    document.refresh_from_db()
    assert document.kind == Document.Kind.REGISTRATION
    assert document.facts["vin"] == car.vin and document.product == car


def test_a_broken_file_is_kept_with_the_reason(store: Store, client_t: Client) -> None:
    broken = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage"
    document = store(client=client_t, content=broken, filename="b.pdf", source="mail")
    document.refresh_from_db()
    assert document.status == Document.Status.FAILED and document.error


def test_the_sweep_reads_what_the_queue_missed(client_t: Client, settings: object) -> None:
    # Given a document stored while the queue was down (its task lost)
    document = Document.objects.create(
        client=client_t,
        sha256="0" * 64,
        size=len(RECEIPT),
        mime_type="application/pdf",
        filename="r.pdf",
        source="mail",
        created_at=timezone.now(),
    )
    document.path.parent.mkdir(parents=True, exist_ok=True)
    document.path.write_bytes(RECEIPT)
    # When the sweep runs, it reads it; a second run (or a second worker) does nothing
    assert documents_unread(timezone.now()) == 1
    assert documents_unread(timezone.now()) == 0
    assert document_read(document_id=document.pk) is None
    document.refresh_from_db()
    assert document.kind == Document.Kind.PROOF_OF_PURCHASE


def test_a_reader_that_died_is_replaced_after_a_while(client_t: Client) -> None:
    document = Document.objects.create(
        client=client_t,
        sha256="1" * 64,
        size=len(RECEIPT),
        mime_type="application/pdf",
        filename="r.pdf",
        source="mail",
        created_at=timezone.now(),
        read_at=timezone.now(),  # claimed by a worker that was killed
    )
    document.path.parent.mkdir(parents=True, exist_ok=True)
    document.path.write_bytes(RECEIPT)
    assert documents_unread(timezone.now()) == 0
    assert documents_unread(timezone.now() + dt.timedelta(minutes=11)) == 1
