"""Reads for e-mail in: one message as staff may see it, and the managers' overview."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from goodwill.channels.email.models import Attachment, InboundMessage, Mailbox
from goodwill.clients.selectors import visible_clients
from goodwill.organisation.models import User
from goodwill.text import one_line


def sees_mail_page(user: User) -> bool:
    """Managers, a dealer's too (they see their own site's mail there), and admins."""
    return user.is_superuser or user.role in (User.Role.MANAGER, User.Role.ADMIN)


def is_mail_manager(user: User) -> bool:
    """The mailboxes, and mail that reached no client, are the brand's: brand-wide managers (care
    centre) and admins manage them, never a dealer's manager."""
    if user.is_superuser or user.role == User.Role.ADMIN:
        return True
    return user.role == User.Role.MANAGER and user.sees_all_clients


def _check(user: User, client_id: int | None) -> None:
    """A message of a client the user cannot see answers 404, like a missing one; one with no
    client (unprocessable, ignored) is for managers only."""
    if client_id is None:
        if not is_mail_manager(user):
            raise Http404("No such message")
    elif not visible_clients(user=user).filter(pk=client_id).exists():
        raise Http404("No such message")


def inbound_get(*, user: User, pk: int) -> InboundMessage:
    inbound = InboundMessage.objects.filter(pk=pk).first()
    if inbound is None:
        raise Http404("No such message")
    _check(user, inbound.client_id)
    return inbound


def attachment_get(*, user: User, pk: int) -> Attachment:
    attachment = Attachment.objects.select_related("inbound").filter(pk=pk).first()
    if attachment is None:
        raise Http404("No such attachment")
    _check(user, attachment.client_id if attachment.client_id else attachment.inbound.client_id)
    return attachment


def mailboxes() -> list[Mailbox]:
    return list(Mailbox.objects.order_by("name"))


def needs_attention(*, user: User, limit: int = 200) -> QuerySet[InboundMessage]:
    """Mail that is not on a client's story: unprocessable, quarantined, ignored, or still waiting
    (served by the partial index inbound_attention). Each sees the mail of the clients they may
    see; mail with no client (unknown sender, kept aside before parsing) only brand-wide
    managers."""
    messages = InboundMessage.objects.exclude(status=InboundMessage.Status.PROCESSED)
    if not user.sees_all_clients:
        messages = messages.filter(client__in=visible_clients(user=user))
    elif not is_mail_manager(user):
        messages = messages.filter(client__isnull=False)
    return messages.select_related("mailbox", "client").order_by("-received_at", "-id")[:limit]


def client_documents(*, client_id: int, limit: int = 20) -> list[dict[str, Any]]:
    """What the client has sent us, each file once however often it came and whatever it was
    called (grouped by content), under its latest name and linked to its latest copy, newest first:
    so nobody asks them for their receipt a fourth time (story 003). One query."""
    from django.db.models import Count, Max, OuterRef, Subquery

    latest = Attachment.objects.filter(client_id=client_id, sha256=OuterRef("sha256")).order_by(
        "-inbound__received_at", "-id"
    )
    rows = (
        Attachment.objects.filter(client_id=client_id)
        .values("sha256")
        .annotate(
            times=Count("id"),
            bytes=Max("size"),
            last_at=Max("inbound__received_at"),
            latest_id=Subquery(latest.values("id")[:1]),
            latest_name=Subquery(latest.values("filename")[:1]),
            latest_subject=Subquery(latest.values("inbound__subject")[:1]),
        )
        .order_by("-last_at", "sha256")[:limit]
    )
    return [
        {
            "sha256": row["sha256"],
            "filename": one_line(row["latest_name"] or ""),  # stored before names were cleaned
            "size": row["bytes"],
            "times": row["times"],
            "last_at": row["last_at"],
            "latest_id": row["latest_id"],
            "subject": one_line(row["latest_subject"] or "", limit=200),
        }
        for row in rows
    ]


def case_attachments(*, case_id: int) -> list[Attachment]:
    """The files the client's mail brought on a case, newest message first: the receipts an
    expense claim may point to."""
    return list(
        Attachment.objects.filter(inbound__case_id=case_id)
        .select_related("inbound")
        .order_by("-inbound__received_at", "position")
    )
