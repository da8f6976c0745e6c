"""Telling staff: one function, `notify`, used by every app (cases, care, channels)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import outbound_queue
from goodwill.clients.models import Client
from goodwill.clients.services import can_serve
from goodwill.db import insert_new
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User
from goodwill.organisation.services import route_to


# No savepoint when nested: its only expected clash (the key) is no error any more (insert_new),
# and nothing catches its errors to carry on, so any other failure ends the caller's transaction.
@transaction.atomic(savepoint=False)
def notify(
    *,
    recipient: User,
    kind: str,
    title: str,
    key: str,
    body: str = "",
    case: Case | None = None,
    client: Client | None = None,
    at: dt.datetime | None = None,
    route: bool = True,
) -> Notification | None:
    """Put a notification in the staff member's inbox (their backup's, while they are away), and
    queue an e-mail copy to them when they have an address, in the same transaction.

    Idempotent on `key`: the second call with the same key does nothing and returns None, so sweeps
    and retries can call it freely (the e-mail's key is "staff:" + key, so it is sent once too).
    Nothing is created (None) when the person who would receive it cannot serve the client's
    site."""
    at = at or timezone.now()
    target = route_to(user=recipient, at=at) if route else recipient
    if client is None and case is not None:
        client = case.client
    if client is not None and not can_serve(user=target, site=client.site):
        # Whoever cannot open the client's page must not read about them (a Paris selling
        # advisor of a Munich client's car): nobody is told rather than the wrong person.
        return None
    notification = Notification(
        recipient=target,
        intended_for=recipient if target.pk != recipient.pk else None,
        kind=kind,
        case=case,
        client=client,
        title=title[:300],
        body=body,
        created_at=at,
        key=key,
    )
    # The key taken already: this was told before (or by a racing worker).
    if not insert_new(notification, unique="key"):
        return None
    if target.email:
        _email_copy(notification=notification, at=at)
    return notification


def _email_copy(*, notification: Notification, at: dt.datetime) -> None:
    """The notification by e-mail, in the recipient's language, with a link back to Goodwill."""
    person, case = notification.recipient, notification.case
    with translation.override(person.language):
        lines = [notification.title, ""]
        if notification.body:
            lines += [notification.body, ""]
        if notification.intended_for is not None:
            lines += [
                _("Meant for %(name)s, who is away: you are covering.")
                % {"name": notification.intended_for},
                "",
            ]
        if case is not None:
            lines.append(
                _("Open the case %(reference)s: %(url)s")
                % {
                    "reference": case.reference,
                    "url": settings.GOODWILL_PUBLIC_URL
                    + reverse("case-detail", args=[case.reference]),
                }
            )
        lines.append(
            _("Your notifications: %(url)s")
            % {"url": settings.GOODWILL_PUBLIC_URL + reverse("notifications")}
        )
        subject = "[Goodwill] " + notification.title
    outbound_queue(
        key=f"staff:{notification.key}",
        purpose=OutboundMessage.Purpose.STAFF,
        reason=OutboundMessage.Reason.STAFF_NOTICE,
        to_address=person.email,
        to_name=str(person),
        subject=subject,
        body_text="\n".join(lines) + "\n",
        language=person.language,
        client=notification.client,
        case=case,
        at=at,
    )


def notification_mark_read(
    *, user: User, notification_id: int, at: dt.datetime | None = None
) -> bool:
    """Mark one of the user's own notifications read; someone else's is left alone (False)."""
    return bool(
        Notification.objects.filter(
            pk=notification_id, recipient=user, read_at__isnull=True
        ).update(read_at=at or timezone.now())
    )


def notification_mark_all_read(*, user: User, at: dt.datetime | None = None) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=at or timezone.now()
    )


def case_opened_notify(*, case: Case, actor: User | None, at: dt.datetime | None = None) -> int:
    """Whoever looks after the client hears of a new case at once (story 000: the selling advisor
    never knew): the client's advisor, the product's selling advisor and the case's owner, each
    once, except the person who opened it. Returns how many were told."""
    told = 0
    people = [p for p in (case.client.advisor, case.selling_advisor, case.owner) if p is not None]
    seen: set[int] = set()
    for person in people:
        # Deduplicated on who actually receives it: an advisor away and their backup owning the
        # case are one person to tell.
        target = route_to(user=person, at=at)
        if (
            target.pk in seen
            or (actor is not None and target.pk == actor.pk)
            or not person.is_active
        ):
            continue
        seen.add(target.pk)
        with translation.override(person.language):
            title = _("New case for %(client)s: %(summary)s") % {
                "client": case.client.name,
                "summary": case.summary,
            }
            body = _("%(reference)s, owned by %(owner)s.") % {
                "reference": case.reference,
                "owner": case.owner,
            }
        told += (
            notify(
                recipient=person,
                kind=Notification.Kind.CASE_OPENED,
                title=title,
                body=body,
                case=case,
                at=at,
                key=f"case_opened:{case.pk}:{person.pk}",
            )
            is not None
        )
    return told


def case_assigned_notify(
    *,
    case: Case,
    actor: User | None,
    handoff_note: str,
    entry_id: int,
    at: dt.datetime | None = None,
) -> None:
    """The new owner of a case hears of it with the handoff note (not when they took it
    themselves)."""
    owner = case.owner
    if actor is not None and actor.pk == owner.pk:
        return
    with translation.override(owner.language):
        title = _("%(reference)s is yours: %(summary)s (%(client)s)") % {
            "reference": case.reference,
            "summary": case.summary,
            "client": case.client.name,
        }
    notify(
        recipient=owner,
        kind=Notification.Kind.CASE_ASSIGNED,
        title=title,
        body=handoff_note,
        case=case,
        at=at,
        key=f"case_assigned:{entry_id}",
    )
