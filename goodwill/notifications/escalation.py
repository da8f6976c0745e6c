"""Nobody unanswered: the escalation chain of a notification about a client.

A notification of a kind in ESCALATING_KINDS (or TOP_TIER_KINDS, for a top-tier client) sent to
the person who must act on the client (the case's owner, else the client's advisor) starts a
chain. Until someone acknowledges it (one click, `services.notification_acknowledge`), the sweep
`notifications.sweeps.escalations_due` tells the next step of the client's site's chain, each step
`minutes` after the one before: by default the backup after 15 minutes, the site's manager 15
minutes later, the care centre's duty agent 30 minutes after that (DEFAULT_CHAIN). Each one told
gets a notification of its own (kind ESCALATED) carrying the original's words and linked to it;
acknowledging any notification of the chain acknowledges the whole chain and stops it.

Copies of the same news for other people (the managers alerted at once of a chaser, a selling
advisor told of a new case) never start a chain of their own: one event, one chain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from goodwill.cases.models import Case
from goodwill.clients.models import Client, Tier
from goodwill.notifications.models import EscalationPolicy, EscalationStep, Notification
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import managers_for

Kind = Notification.Kind
Target = EscalationStep.Target

# What must not go unanswered, whoever the client is: a client chasing us, a service level about
# to be missed (the breach itself goes to the backup and the managers at once), a promise broken,
# a message that never reached the client, a call we owe them (a missed call to return, a
# follow-up after an assistance case) and one running late.
ESCALATING_KINDS: frozenset[str] = frozenset(
    {
        Kind.CHASER,
        Kind.SLA_WARNING,
        Kind.PROMISE_BROKEN,
        Kind.DELIVERY_FAILED,
        Kind.CALL_TASK,
        Kind.CALL_TASK_LATE,
    }
)
# For the top tier also every new case and every contact on an open case (a message, a call,
# a missed call): a VIP is never left waiting for someone to notice.
TOP_TIER_KINDS: frozenset[str] = frozenset({Kind.CASE_OPENED, Kind.MESSAGE_IN})
TOP_TIER = Tier.VIP


@dataclass(frozen=True)
class Step:
    target: str
    minutes: int  # after the previous step (the first: after the notification) was told


# A site without a policy of its own.
DEFAULT_CHAIN: tuple[Step, ...] = (
    Step(Target.BACKUP, 15),
    Step(Target.SITE_MANAGER, 15),
    Step(Target.DUTY_AGENT, 30),
)
# The longest a step may wait (a week), as the database's constraint says.
MAX_MINUTES = 7 * 24 * 60


def escalates(*, kind: str, case: Case | None, client: Client | None, intended: User) -> bool:
    """Whether a notification of `kind` meant for `intended` starts a chain: a kind that matters,
    about a client, for the one who must act (the case's owner, else the client's advisor)."""
    if client is None:
        return False
    if kind not in ESCALATING_KINDS and not (kind in TOP_TIER_KINDS and client.tier == TOP_TIER):
        return False
    responsible_id = case.owner_id if case is not None else client.advisor_id
    return intended.pk == responsible_id


def chain_for(*, site_id: int) -> list[Step]:
    """The site's chain in rank order: its own policy's steps (none: it never escalates), else
    DEFAULT_CHAIN. One query, two for a site without a policy."""
    steps = [
        Step(target, minutes)
        for target, minutes in EscalationStep.objects.filter(policy__site_id=site_id)
        .order_by("rank")
        .values_list("target", "minutes")
    ]
    if steps or EscalationPolicy.objects.filter(site_id=site_id).exists():
        return steps
    return list(DEFAULT_CHAIN)


def first_due(*, site_id: int, at: dt.datetime) -> dt.datetime | None:
    """When a chain starting at `at` tells its first step (None: the site never escalates)."""
    chain = chain_for(site_id=site_id)
    return at + dt.timedelta(minutes=chain[0].minutes) if chain else None


def step_people(*, target: str, origin: Notification, site: Site) -> list[User]:
    """Who a step names for a chain (before routing to whoever covers for someone away)."""
    if target == Target.BACKUP:
        responsible = origin.intended_for or origin.recipient
        backup = responsible.backup
        return [backup] if backup is not None and backup.is_active else []
    if target == Target.SITE_MANAGER:
        return managers_for(site=site)
    on_duty = list(
        User.objects.filter(
            on_duty=True, is_active=True, site__kind=Site.Kind.CARE_CENTRE
        ).select_related("site", "backup")
    )
    if on_duty:
        return on_duty
    # Nobody took the duty: the care centre's managers, who set it, hear instead.
    return list(
        User.objects.filter(
            Q(role=User.Role.MANAGER), is_active=True, site__kind=Site.Kind.CARE_CENTRE
        ).select_related("site", "backup")
    )
