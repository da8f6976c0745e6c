"""Reads of the document vault: a client's documents, one document for download, the documents
search finds, what is on file for the checks, and how often clients were asked again."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import Substr
from django.http import Http404
from django.utils.translation import gettext_lazy

from goodwill.clients.models import Client
from goodwill.clients.normalize import code_normalized, prefix_upper_bound
from goodwill.clients.selectors import visible_clients
from goodwill.documents import reading
from goodwill.documents.models import Document, DocumentCode, DocumentWord
from goodwill.organisation.access import site_scoped
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry

SEARCH_LIMIT = 20


FACT_LABELS = {
    "number": gettext_lazy("Number"),
    "date": gettext_lazy("Date"),
    "amount": gettext_lazy("Amount"),
    "vin": gettext_lazy("VIN"),
    "serial": gettext_lazy("Serial number"),
}
EXCERPT = 2000


def client_documents(*, client: Client) -> list[Document]:
    """The client page's documents, newest first (one query): each with the beginning of its
    text (`excerpt`) and its facts labelled (`fact_rows`)."""
    documents: list[Document] = list(
        Document.objects.filter(client=client)
        .select_related("product")
        .defer("text")
        .annotate(excerpt=Substr("text", 1, EXCERPT))
        .order_by("-created_at", "-id")
    )
    for document in documents:
        document.fact_rows = [  # type: ignore[attr-defined]
            (FACT_LABELS.get(name, name), value) for name, value in document.facts.items()
        ]
    return documents


def document_get(*, user: User, pk: int) -> Document:
    """A document for download, or 404 — the same whether missing or another site's client's."""
    document = (
        Document.objects.filter(pk=pk, client__in=visible_clients(user=user)).defer("text").first()
    )
    if document is None:
        raise Http404("No such document")
    return document


def documents_on_file(*, client: Client) -> QuerySet[Document]:
    """What the client has given us, recognised, newest first (the checks' "already on file")."""
    return (
        Document.objects.filter(client=client)
        .exclude(kind="")
        .defer("text")
        .order_by("-created_at", "-id")
    )


@dataclasses.dataclass(frozen=True)
class DocumentHit:
    client: Client
    document_id: int
    filename: str
    code: str  # the code or the words it was found by, as indexed


def document_search(*, user: User, query: str, limit: int = SEARCH_LIMIT) -> list[DocumentHit]:
    """Clients whose documents carry the typed number (an order, invoice, policy or serial
    number read in them), else the typed words ("Navigationssystem", "order ABX-QRT"): one
    indexed query, on the vault's codes or on its words, only among the user's site's rows for a
    dealer."""
    hits = _code_hits(user=user, query=query, limit=limit)
    return hits or _word_hits(user=user, query=query, limit=limit)


def _code_hits(*, user: User, query: str, limit: int) -> list[DocumentHit]:
    value = code_normalized(query)[:64]
    if len(value) < 5 or sum(ch.isdigit() for ch in value) < 3:
        return []
    base = site_scoped(DocumentCode.objects.all(), user=user)
    # From six characters a prefix, as an index range (as client_search reads identifiers, so
    # PostgreSQL's collation does not matter): "TT44712" finds TT44712093.
    base = (
        base.filter(value__gte=value, value__lt=prefix_upper_bound(value))
        if len(value) >= 6
        else base.filter(value=value)
    )
    rows = base.select_related("client", "document").only(*_HIT_FIELDS)[: limit * 2]
    return _hits(rows, limit, lambda row: row.value)


_HIT_FIELDS = (
    "client__ref",
    "client__first_name",
    "client__last_name",
    "client__tier",
    "client__country",
    "document__filename",
)
# Words typed beyond these are ignored: each is one more index lookup.
WORDS_SEARCHED = 4
# From this length a typed word is also a prefix ("Navigation" finds "Navigationssystem").
WORD_PREFIX_FROM = 5


def _word_hits(*, user: User, query: str, limit: int) -> list[DocumentHit]:
    typed = reading.words(query)[:WORDS_SEARCHED]
    # Only short words ("the", "nr") would find half the vault.
    if not typed or max(len(word) for word in typed) < 4:
        return []
    scope = site_scoped(DocumentWord.objects.all(), user=user)

    def matching(word: str) -> QuerySet[DocumentWord]:
        # An index range on (site, word) or (word), never a LIKE on the documents' text.
        if len(word) >= WORD_PREFIX_FROM:
            return scope.filter(word__gte=word, word__lt=prefix_upper_bound(word))
        return scope.filter(word=word)

    # The longest word first: the rarest, so the fewest rows; every other word of the query
    # must be in the same document.
    first, *others = sorted(typed, key=len, reverse=True)
    rows = matching(first)
    for word in others:
        rows = rows.filter(document_id__in=matching(word).values("document_id"))
    found = rows.select_related("client", "document").only("word", *_HIT_FIELDS)
    return _hits(found[: limit * 2], limit, lambda row: " ".join([row.word, *others]))


def _hits(
    rows: Iterable[DocumentCode | DocumentWord],
    limit: int,
    matched: Callable[[Any], str],
) -> list[DocumentHit]:
    hits: dict[int, DocumentHit] = {}
    for row in rows:
        hits.setdefault(
            row.client_id,
            DocumentHit(
                client=row.client,
                document_id=row.document_id,
                filename=row.document.filename,
                code=matched(row),
            ),
        )
    return list(hits.values())[:limit]


def asked_again_counts(*, clients: QuerySet[Client] | None = None) -> dict[int, int]:
    """How many times each client was asked for a document already on file (the insight
    dashboards), by client id."""
    entries = Entry.objects.filter(kind=Entry.Kind.DOCUMENT_ASKED)
    if clients is not None:
        entries = entries.filter(client__in=clients)
    return dict(entries.values("client_id").annotate(n=Count("id")).values_list("client_id", "n"))


def document_meant(*, client: Client, text: str, before: dt.datetime) -> Document | None:
    """The document a client means by "I already sent it": the latest on file of a kind their
    message names ("the invoice"), else their latest recognised one, else their latest; each
    received before their message if there is one (the message may carry it again)."""
    named = [kind for kind in reading.KIND_ORDER if reading.names_kind(text, kind)]
    documents = Document.objects.filter(client=client).defer("text")
    for candidates in (
        documents.filter(kind__in=named) if named else documents.none(),
        documents.exclude(kind=""),
        documents,
    ):
        found = (
            candidates.filter(created_at__lt=before).order_by("-created_at", "-id").first()
            or candidates.order_by("-created_at", "-id").first()
        )
        if found is not None:
            return found
    return None
