"""Every read of quotes: a case's quotes for staff, and the client's own for their portal.

The portal's readers take the client its session is bound to and filter by it: another client's
quote, or a draft not yet sent, is a 404 exactly like a missing one."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.quotes.models import Quote, QuoteMedia

# What the client sees: everything but drafts.
SHOWN_TO_CLIENT = [
    Quote.Status.SENT,
    Quote.Status.APPROVED,
    Quote.Status.DECLINED,
    Quote.Status.EXPIRED,
]


def _with_media() -> Prefetch[str]:
    return Prefetch(
        "media", queryset=QuoteMedia.objects.select_related("document").order_by("added_at", "id")
    )


def case_quotes(*, case: Case) -> list[Quote]:
    """A case's quotes, newest first, each with its photos and videos (two queries)."""
    return list(
        Quote.objects.filter(case=case)
        .select_related("sent_by")
        .prefetch_related(_with_media())
        .order_by("-created_at", "-id")
    )


def staff_quote(*, case: Case, quote_id: int) -> Quote:
    """A quote of a case the staff member already opened (cases.selectors.case_get checked)."""
    quote = Quote.objects.filter(pk=quote_id, case=case).select_related("case", "client").first()
    if quote is None:
        raise Http404("No such quote")
    return quote


def client_case_quotes(*, client: Client, case: Case) -> list[Quote]:
    """The quotes sent to the client on one of their cases, with their media (two queries)."""
    return list(
        Quote.objects.filter(client=client, case=case, status__in=SHOWN_TO_CLIENT)
        .prefetch_related(_with_media())
        .order_by("-sent_at", "-id")
    )


def client_quotes_waiting(*, client: Client) -> list[Quote]:
    """The quotes waiting for the client's decision, for their portal's overview."""
    return list(
        Quote.objects.filter(client=client, status=Quote.Status.SENT)
        .select_related("case")
        .order_by("valid_until", "id")
    )


def client_quote(*, client: Client, quote_id: int) -> Quote:
    """One of the client's sent quotes; anyone else's, a draft, or none is a 404."""
    quote = (
        Quote.objects.filter(pk=quote_id, client=client, status__in=SHOWN_TO_CLIENT)
        .select_related("case", "case__owner", "client")
        .first()
    )
    if quote is None:
        raise Http404("No such quote")
    return quote


def client_quote_media(*, client: Client, quote_id: int, media_id: int) -> QuoteMedia:
    """A photo or video of one of the client's sent quotes, with its document."""
    media = (
        QuoteMedia.objects.filter(
            pk=media_id,
            quote_id=quote_id,
            quote__client=client,
            quote__status__in=SHOWN_TO_CLIENT,
            document__client=client,
        )
        .select_related("document")
        .first()
    )
    if media is None:
        raise Http404("No such file")
    return media
