"""Reads of the outbox: the staff outbox page, one message as the client receives it, the
delivery status beside each sent copy on a case's timeline, and the thread a reply answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import MessageTemplate, OutboundMessage
from goodwill.clients.selectors import visible_clients
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry

PAGE_SIZE = 50


def _visible(user: User) -> QuerySet[OutboundMessage]:
    """Messages about clients the user may see; mail to staff only to brand-wide staff, or to
    the person it was written to (a dealer's advisor must not read what was sent to a colleague)."""
    messages = OutboundMessage.objects.all()
    if user.sees_all_clients:
        return messages
    own_mail = Q(to_address__iexact=user.email) if user.email else Q(pk__in=[])
    return messages.filter(client__in=visible_clients(user=user)).filter(
        ~Q(purpose=OutboundMessage.Purpose.STAFF) | own_mail
    )


def outbox_page(*, user: User, status: str | None = None, page: int = 1) -> Page[OutboundMessage]:
    """Newest first, optionally one status; the case is joined for its link (one query a page)."""
    messages = _visible(user).select_related("case").order_by("-created_at", "-id")
    if status and status in OutboundMessage.Status.values:
        messages = messages.filter(status=status)
    return Paginator(messages, PAGE_SIZE).get_page(page)


def outbox_counts(*, user: User) -> dict[str, int]:
    """How many messages are in each status, for the filter tabs (one grouped query)."""
    from django.db.models import Count

    rows = _visible(user).order_by().values("status").annotate(n=Count("id"))
    counts = dict.fromkeys(OutboundMessage.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def outbound_get(*, user: User, pk: int) -> OutboundMessage:
    message = _visible(user).select_related("case", "client", "actor").filter(pk=pk).first()
    if message is None:
        raise Http404("No such message")
    return message


def stored_templates() -> dict[tuple[str, str], MessageTemplate]:
    """The managers' templates by (name, language), with who changed them last (one query)."""
    return {(t.name, t.language): t for t in MessageTemplate.objects.select_related("updated_by")}


def stored_template(*, name: str, language: str) -> MessageTemplate | None:
    return MessageTemplate.objects.filter(name=name, language=language).first()


def template_name_exists(*, name: str) -> bool:
    """A name a manager added (not one of the built-in NAMES) exists in some language."""
    return MessageTemplate.objects.filter(name=name).exists()


def case_deliveries(*, case: Case, entries: Iterable[Entry]) -> list[OutboundMessage]:
    """For the case page, in one query: set `entry.delivery` (the OutboundMessage, or None) on
    each sent copy among `entries` (timeline entries are never updated: how delivery went is
    read from the outbox), and return the case's messages to the client that failed for good or
    were held back by the limits on automatic mail, shown at the top of the page whatever
    timeline page is open: either way the client was not told."""
    entries = list(entries)
    ids = {e.payload.get("outbound_id") for e in entries if e.kind == Entry.Kind.MESSAGE_OUT}
    ids.discard(None)
    untold = (OutboundMessage.Status.FAILED, OutboundMessage.Status.SUPPRESSED)
    failed = Q(case=case, status__in=untold) & ~Q(purpose=OutboundMessage.Purpose.STAFF)
    rows = list(
        OutboundMessage.objects.filter(Q(pk__in=ids) | failed)
        .order_by("-created_at", "-id")
        .only(
            "id",
            "case_id",
            "purpose",
            "status",
            "subject",
            "to_address",
            "created_at",
            "last_error",
            "sent_at",
            "delivered_by",
            "attempts",
            "next_attempt_at",
            # A text's receipts (delivered, read, failed with why), shown in its badge.
            "provider_id",
            "receipt",
            "receipt_error",
            "receipt_at",
        )
    )
    found = {m.pk: m for m in rows}
    for entry in entries:
        entry.delivery = found.get(entry.payload.get("outbound_id"))  # type: ignore[attr-defined]
    return [
        m
        for m in rows
        if m.case_id == case.pk
        and m.status in untold
        and m.purpose != OutboundMessage.Purpose.STAFF
    ][:10]


def _bracketed(message_id: str) -> str:
    message_id = message_id.strip()
    if message_id and not message_id.startswith("<"):
        message_id = f"<{message_id}>"
    return message_id


def case_thread(*, case: Case, limit: int = 10) -> tuple[str, list[str]]:
    """(In-Reply-To, References) for a new message on this case. It answers the client's last
    e-mail when its Message-ID is known, else our last message; References lists the thread's
    last `limit` Message-IDs, oldest first, ending with the one answered."""
    thread: list[tuple[dt.datetime, bool, str]] = []  # (when, from the client, Message-ID)
    for at, payload in (
        Entry.objects.filter(case=case, kind=Entry.Kind.MESSAGE_IN)
        .order_by("-at", "-id")
        .values_list("at", "payload")[:limit]
    ):
        message_id = payload.get("message_id") if isinstance(payload, dict) else None
        if message_id:
            thread.append((at, True, _bracketed(str(message_id))))
    for at, message_id in (
        OutboundMessage.objects.filter(case=case)
        .exclude(purpose=OutboundMessage.Purpose.STAFF)
        .exclude(status=OutboundMessage.Status.SUPPRESSED)  # never sent: nothing to answer
        .order_by("-created_at", "-id")
        .values_list("created_at", "message_id")[:limit]
    ):
        thread.append((at, False, message_id))
    if not thread:
        return "", []
    thread.sort(key=lambda row: row[0])
    from_client = [message_id for _, inbound, message_id in thread if inbound]
    parent = from_client[-1] if from_client else thread[-1][2]
    references = [message_id for _, _, message_id in thread if message_id != parent][-(limit - 1) :]
    return parent, list(dict.fromkeys([*references, parent]))
