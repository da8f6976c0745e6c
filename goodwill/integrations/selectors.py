"""Reads of the integrations: a person's tokens, the webhook pages, and the versioned API's
listings, paged by cursor (a position in a stable order, never an offset: a page stays
cheap however far a sync has gone, and rows added meanwhile are not skipped)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.core import signing
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from goodwill.cases.models import Case
from goodwill.clients.models import client_changed_at
from goodwill.clients.selectors import visible_clients
from goodwill.documents.models import Document
from goodwill.integrations.models import ApiToken, WebhookDelivery, WebhookEndpoint
from goodwill.organisation.access import site_scoped
from goodwill.organisation.models import User
from goodwill.promises.models import Promise
from goodwill.timeline.models import Entry

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
LOG_PAGE_SIZE = 50


class BadCursor(ValueError):
    """A cursor this listing did not hand out (altered, or from another listing)."""


@dataclasses.dataclass(frozen=True)
class CursorPage[T]:
    items: list[T]
    next_cursor: str | None


def _cursor(listing: str, at: dt.datetime, pk: int) -> str:
    return signing.dumps([at.isoformat(), pk], salt=f"goodwill.api.v1.{listing}", compress=False)


def _position(listing: str, cursor: str) -> tuple[dt.datetime, int]:
    try:
        at, pk = signing.loads(cursor, salt=f"goodwill.api.v1.{listing}")
        return dt.datetime.fromisoformat(at), int(pk)
    except (signing.BadSignature, ValueError, TypeError):
        raise BadCursor(_("This cursor was not handed out by this listing.")) from None


def _page[M: Any](
    queryset: QuerySet[M], *, listing: str, field: str, cursor: str, limit: int, newest_first: bool
) -> CursorPage[M]:
    """One page of `queryset` in the order (field, id), after the cursor's position."""
    if cursor:
        at, pk = _position(listing, cursor)
        # The redundant bound (<= / >= at) lets the (field, id) index seek to the cursor; the OR
        # alone is only a filter, read from the first row on however deep the page.
        if newest_first:
            queryset = queryset.filter(**{f"{field}__lte": at}).filter(
                Q(**{f"{field}__lt": at}) | Q(**{field: at, "pk__lt": pk})
            )
        else:
            queryset = queryset.filter(**{f"{field}__gte": at}).filter(
                Q(**{f"{field}__gt": at}) | Q(**{field: at, "pk__gt": pk})
            )
    order = (f"-{field}", "-pk") if newest_first else (field, "pk")
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    rows = list(queryset.order_by(*order)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = _cursor(listing, getattr(rows[-1], field), rows[-1].pk) if more else None
    return CursorPage(rows, next_cursor)


def _scoped_cases(user: User) -> QuerySet[Case]:
    # The isolation rule of clients.selectors.visible_clients, on the case's copy of the site.
    return site_scoped(Case.objects.all(), user=user)


def api_clients(
    *, user: User, changed_since: dt.datetime | None, cursor: str = "", limit: int = PAGE_SIZE
) -> CursorPage[Any]:
    """The clients `user` may see, oldest change first: a client changes when anything is
    written on their story (timeline.services moves Client.last_activity_at), or an import
    writes them or their history (Client.imported_at), else since they became a client
    (`clients.models.client_changed_at`, the expression its index holds). A sync keeps the last
    page's cursor, or asks `changed_since` its last run."""
    clients = visible_clients(user=user).annotate(changed_at=client_changed_at())
    if changed_since is not None:
        clients = clients.filter(changed_at__gte=changed_since)
    return _page(
        clients.select_related("site", "advisor"),
        listing="clients",
        field="changed_at",
        cursor=cursor,
        limit=limit,
        newest_first=False,
    )


def api_cases(
    *,
    user: User,
    changed_since: dt.datetime | None,
    status: str = "",
    cursor: str = "",
    limit: int = PAGE_SIZE,
) -> CursorPage[Any]:
    """The cases `user` may see, by their last activity, oldest first."""
    cases = _scoped_cases(user)
    if changed_since is not None:
        cases = cases.filter(last_activity_at__gte=changed_since)
    if status:
        cases = cases.filter(status=status)
    return _page(
        cases.select_related("client", "owner", "product"),
        listing="cases",
        field="last_activity_at",
        cursor=cursor,
        limit=limit,
        newest_first=False,
    )


def api_case_promises(*, case: Case) -> list[Promise]:
    return list(case.promises.select_related("made_by").order_by("made_at", "id"))


def api_timeline(
    *,
    client_id: int,
    case_id: int | None = None,
    kinds: tuple[str, ...] = (),
    cursor: str = "",
    limit: int = PAGE_SIZE,
) -> CursorPage[Any]:
    """A client's (or a case's) story, newest first (index entry_client_at / entry_case_at)."""
    entries = Entry.objects.filter(client_id=client_id).select_related("actor", "case")
    if case_id is not None:
        entries = entries.filter(case_id=case_id)
    if kinds:
        entries = entries.filter(kind__in=kinds)
    return _page(
        entries,
        listing="timeline",
        field="at",
        cursor=cursor,
        limit=limit,
        newest_first=True,
    )


def api_documents(*, client_id: int) -> list[Document]:
    return list(
        Document.objects.filter(client_id=client_id)
        .defer("text")
        .select_related("case")
        .order_by("-created_at", "-id")
    )


def tokens_of(*, user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))


def token_of(*, user: User, pk: int) -> ApiToken | None:
    return ApiToken.objects.filter(user=user, pk=pk).first()


def endpoints_list() -> list[WebhookEndpoint]:
    return list(WebhookEndpoint.objects.select_related("created_by"))


def endpoint_get(*, pk: int) -> WebhookEndpoint | None:
    return WebhookEndpoint.objects.filter(pk=pk).first()


def deliveries_page(*, endpoint: WebhookEndpoint, page: int) -> Page[WebhookDelivery]:
    """The endpoint's delivery log, newest first (index webhookdelivery_log)."""
    deliveries = WebhookDelivery.objects.filter(endpoint=endpoint).order_by("-created_at", "-id")
    return Paginator(deliveries, LOG_PAGE_SIZE).get_page(page)


def delivery_get(*, pk: int) -> WebhookDelivery | None:
    return WebhookDelivery.objects.filter(pk=pk).select_related("endpoint").first()
