"""Telling staff: one function, `notify`, used by every app (cases, care, channels)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import outbound_queue
from goodwill.clients.models import Client
from goodwill.clients.services import can_serve
from goodwill.db import insert_new
from goodwill.notifications.escalation import MAX_MINUTES, Step, escalates, first_due
from goodwill.notifications.models import EscalationPolicy, EscalationStep, Notification
from goodwill.organisation.models import Site, User
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
    escalation_of: Notification | None = None,
    escalation_step: int | None = None,
) -> Notification | None:
    """Put a notification in the staff member's inbox (their backup's, while they are away), and
    queue an e-mail copy to them when they have an address, in the same transaction.

    Idempotent on `key`: the second call with the same key does nothing and returns None, so sweeps
    and retries can call it freely (the e-mail's key is "staff:" + key, so it is sent once too).
    Nothing is created (None) when the person who would receive it cannot serve the client's
    site. A notification that matters about a client, for the one who must act, starts its
    escalation chain (notifications.escalation); `escalation_of` and `escalation_step` are the
    chain's own, for the sweep that walks it."""
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
        escalation_of=escalation_of,
        escalation_step=escalation_step,
    )
    if escalation_of is None and escalates(kind=kind, case=case, client=client, intended=recipient):
        assert client is not None  # escalates() says so
        notification.escalation_step = 0
        notification.escalate_at = first_due(site_id=client.site_id, at=at)
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


@transaction.atomic
def notification_acknowledge(
    *, user: User, notification_id: int, at: dt.datetime | None = None
) -> Notification | None:
    """Someone takes a notification in hand: its whole escalation chain is acknowledged (who,
    when) and stops walking. Only someone the chain told may (its recipient, or anyone it was
    sent on to); anyone else gets None, as for a notification that does not exist. Idempotent:
    the first acknowledgement stays, a second click changes nothing. The acknowledger's own
    notifications of the chain are read, too."""
    at = at or timezone.now()
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None:
        return None
    origin_id = notification.escalation_of_id or notification.pk
    chain = Notification.objects.filter(Q(pk=origin_id) | Q(escalation_of_id=origin_id))
    if not chain.filter(recipient=user).exists():
        return None
    # The origin first: the sweep claims chains on its row, so this waits for (or wins over) a
    # step being told right now, and the chain is never told on after this commits.
    Notification.objects.filter(pk=origin_id, acknowledged_at__isnull=True).update(
        acknowledged_at=at, acknowledged_by=user, escalate_at=None
    )
    chain.filter(acknowledged_at__isnull=True).update(acknowledged_at=at, acknowledged_by=user)
    chain.filter(recipient=user, read_at__isnull=True).update(read_at=at)
    notification.refresh_from_db()
    return notification


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


def _ensure_site_manager(*, actor: User, site: Site) -> None:
    if not (actor.is_superuser or actor.role in (User.Role.MANAGER, User.Role.ADMIN)):
        raise PermissionDenied("Only managers set the escalation chain.")
    if not can_serve(user=actor, site=site):
        raise PermissionDenied("Another site's escalation chain.")


@transaction.atomic
def escalation_policy_set(
    *, actor: User, site: Site, steps: list[Step], at: dt.datetime | None = None
) -> EscalationPolicy:
    """Set the site's escalation chain: the steps in rank order, each target once, each waiting
    1 minute to a week; no steps means notifications about the site's clients never escalate.
    A manager of the site, or a brand-wide one. Chains already walking take the new times from
    their next step on."""
    _ensure_site_manager(actor=actor, site=site)
    targets = [step.target for step in steps]
    if any(target not in EscalationStep.Target.values for target in targets):
        raise ValidationError({"steps": [_("Unknown step in the chain.")]})
    if len(set(targets)) != len(targets):
        raise ValidationError({"steps": [_("Each person can be one step of the chain only.")]})
    if any(not 1 <= step.minutes <= MAX_MINUTES for step in steps):
        raise ValidationError(
            {
                "steps": [
                    _("Each step waits between 1 minute and a week (%(max)s minutes).")
                    % {"max": MAX_MINUTES}
                ]
            }
        )
    policy, _created = EscalationPolicy.objects.update_or_create(
        site=site, defaults={"updated_at": at or timezone.now(), "updated_by": actor}
    )
    policy.steps.all().delete()
    EscalationStep.objects.bulk_create(
        EscalationStep(policy=policy, rank=rank, target=step.target, minutes=step.minutes)
        for rank, step in enumerate(steps, start=1)
    )
    return policy


@transaction.atomic
def escalation_policy_reset(*, actor: User, site: Site) -> None:
    """The site goes back to the brand's default chain (escalation.DEFAULT_CHAIN)."""
    _ensure_site_manager(actor=actor, site=site)
    EscalationPolicy.objects.filter(site=site).delete()
