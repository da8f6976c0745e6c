"""The escalation sweep: a chain nobody acknowledged in time tells its next step
(notifications.escalation has the rules).

Registered in settings.GOODWILL_SWEEPS. Due chains are found through the partial index
notification_escalation_due and each is claimed with a conditional UPDATE of its origin (the step
and due time it was found with, still unacknowledged) in the transaction that tells the next
people: two workers never tell a step twice, one killed at any line leaves the chain as it was,
and the notification keys refuse a second copy whatever happens.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from goodwill.clients.services import can_serve
from goodwill.notifications.escalation import chain_for, step_people
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.models import User
from goodwill.organisation.services import route_to

BATCH = 100
MAX_BATCHES = 20

log = logging.getLogger("goodwill.notifications")


def escalations_due(now: dt.datetime) -> int:
    """Tell the next step of every chain past its time; returns how many chains moved on."""
    handled = 0
    for _round in range(MAX_BATCHES):
        ids = list(
            Notification.objects.filter(escalate_at__lte=now, acknowledged_at__isnull=True)
            .order_by("escalate_at", "pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        moved = 0
        for pk in ids:
            try:
                moved += escalation_walk(origin_id=pk, now=now)
            except Exception:
                # One chain that cannot be told must not hold back the others: it stays as it
                # was (its transaction rolled back) and is tried again next run.
                log.exception("escalation of notification %s failed; retried next run", pk)
        handled += moved
        if len(ids) < BATCH or not moved:
            break
    return handled


@transaction.atomic
def escalation_walk(*, origin_id: int, now: dt.datetime) -> bool:
    """Tell the next step of one chain whose time has come: the first step of the site's chain
    after the last one told that names someone not told yet (routed to whoever covers for
    someone away, able to serve the client). True when the chain moved on."""
    origin = (
        Notification.objects.select_related(
            "recipient",
            "intended_for",
            "intended_for__backup",
            "intended_for__backup__site",
            "recipient__backup",
            "recipient__backup__site",
            "case",
            "client",
            "client__site",
        )
        .filter(pk=origin_id, escalate_at__lte=now, acknowledged_at__isnull=True)
        .first()
    )
    if origin is None or origin.client is None or origin.escalation_step is None:
        return False
    client, rank = origin.client, origin.escalation_step
    chain = chain_for(site_id=client.site_id)
    told_people = [origin.recipient] + [
        escalated.recipient
        for escalated in origin.escalations.select_related("recipient").order_by("pk")
    ]
    told = {person.pk for person in told_people}
    to_tell: list[User] = []
    # Steps are ranked from 1; chain[i] is step i + 1. A step naming nobody new is passed over.
    while rank < len(chain) and not to_tell:
        rank += 1
        for person in step_people(target=chain[rank - 1].target, origin=origin, site=client.site):
            target = route_to(user=person, at=now)
            if (
                target.pk in told
                or not target.is_active
                or not can_serve(user=target, site=client.site)
            ):
                continue
            told.add(target.pk)
            to_tell.append(person)
    next_due = now + dt.timedelta(minutes=chain[rank].minutes) if rank < len(chain) else None
    claimed = Notification.objects.filter(
        pk=origin.pk,
        escalation_step=origin.escalation_step,
        escalate_at=origin.escalate_at,
        acknowledged_at__isnull=True,
    ).update(escalation_step=rank, escalate_at=next_due)
    if not claimed:
        return False
    minutes = max(1, round((now - origin.created_at).total_seconds() / 60))
    names = ", ".join(str(person) for person in told_people)
    for person in to_tell:
        with translation.override(person.language):
            title = _("Not acknowledged by %(names)s for %(minutes)s min: %(title)s") % {
                "names": names,
                "minutes": minutes,
                "title": origin.title,
            }
        notify(
            recipient=person,
            kind=Notification.Kind.ESCALATED,
            title=title,
            body=origin.body,
            case=origin.case,
            client=client,
            at=now,
            key=f"escalation:{origin.pk}:{rank}:{person.pk}",
            escalation_of=origin,
            escalation_step=rank,
        )
    return True
