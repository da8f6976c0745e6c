"""The words of a document find its client in the staff search box ("Navigationssystem", an
order number with letters), only among the clients the searcher may see, through the word index
(never a scan of the documents' text), and the page shows the document that matched."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext

from goodwill.clients.models import Client
from goodwill.documents.models import Document, DocumentWord
from goodwill.documents.samples import text_pdf
from goodwill.documents.selectors import document_search
from goodwill.documents.tests.conftest import login
from goodwill.organisation.models import User

INVOICE = text_pdf(
    [
        "Rechnung Nr. 2026-0412",
        "Reparatur Navigationssystem und Kamera",
        "Auftrag ABX-QRTZ-7",
        "Gesamt EUR 1.240,00",
    ]
)


def test_a_word_of_the_invoice_finds_the_client(
    client_t: Client, advisor: User, store: Callable[..., Document]
) -> None:
    # Given Mr. T's invoice was read by the worker
    document = store(client=client_t, content=INVOICE, filename="Rechnung.pdf", source="mail")
    assert document.status == Document.Status.READ
    # When his advisor types a word of it, with its accents and case as they come
    for query in ("Navigationssystem", "navigationssystem", "Navigation", "KAMERA navigation"):
        hits = document_search(user=advisor, query=query)
        # Then the client is found, by that document
        assert [(hit.client, hit.document_id) for hit in hits] == [(client_t, document.pk)], query


def test_an_order_number_with_letters_finds_the_client(
    client_t: Client, advisor: User, store: Callable[..., Document]
) -> None:
    store(client=client_t, content=INVOICE, filename="Rechnung.pdf", source="mail")
    hits = document_search(user=advisor, query="abx-qrtz")
    assert [hit.client for hit in hits] == [client_t]


def test_words_absent_together_or_too_short_find_nothing(
    client_t: Client, advisor: User, store: Callable[..., Document]
) -> None:
    store(client=client_t, content=INVOICE, filename="Rechnung.pdf", source="mail")
    assert document_search(user=advisor, query="Navigationssystem Motorhaube") == []
    assert document_search(user=advisor, query="und") == []
    assert document_search(user=advisor, query="") == []


def test_it_rejects_a_foreign_dealer(
    client_t: Client,
    advisor: User,
    agent: User,
    foreign_dealer: User,
    store: Callable[..., Document],
) -> None:
    store(client=client_t, content=INVOICE, filename="Rechnung.pdf", source="mail")
    # The Paris dealer sees nothing of a Munich client's invoice; the care centre sees it.
    assert document_search(user=foreign_dealer, query="Navigationssystem") == []
    assert [hit.client for hit in document_search(user=agent, query="Navigationssystem")] == [
        client_t
    ]
    page = login(foreign_dealer).get("/search/", {"q": "Navigationssystem"})
    assert page.status_code == 200 and client_t.ref not in page.content.decode()


def test_the_words_are_indexed_once_per_document_with_the_clients_site(
    client_t: Client, store: Callable[..., Document]
) -> None:
    document = store(client=client_t, content=INVOICE, filename="Rechnung.pdf", source="mail")
    words = list(DocumentWord.objects.filter(document=document).values_list("word", flat=True))
    assert "navigationssystem" in words and "abx" in words and "qrtz" in words
    assert len(words) == len(set(words))
    assert set(DocumentWord.objects.values_list("site_id", flat=True)) == {client_t.site_id}


def test_the_search_reads_the_word_index_not_the_documents_text(
    client_t: Client, foreign_dealer: User, advisor: User, store: Callable[..., Document]
) -> None:
    store(client=client_t, content=INVOICE, filename="Rechnung.pdf", source="mail")
    for user in (advisor, foreign_dealer):
        with CaptureQueriesContext(connection) as queries:
            document_search(user=user, query="Navigationssystem Kamera")
        sql = [q["sql"] for q in queries.captured_queries if "documents_documentword" in q["sql"]]
        assert len(sql) == 1 and "LIKE" not in sql[0].upper()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN QUERY PLAN " + sql[0])
                plan = " ".join(str(row) for row in cursor.fetchall())
            assert "document_word_" in plan and "SCAN documents_document " not in plan, plan


def test_the_search_page_and_the_client_page_show_the_matched_document(
    client_t: Client, advisor: User, store: Callable[..., Document]
) -> None:
    document = store(client=client_t, content=INVOICE, filename="Rechnung.pdf", source="mail")
    browser = login(advisor)
    page = browser.get("/search/", {"q": "Navigationssystem"}).content.decode()
    link = f"/clients/{client_t.ref}/?document={document.pk}#document-{document.pk}"
    assert link in page and "Rechnung.pdf" in page and "navigationssystem" in page
    page = browser.get(link.split("#")[0]).content.decode()
    assert f'class="document matched" id="document-{document.pk}"' in page
    assert "found by your search" in page
