"""The partners' clock: a task nobody accepted by the partner's agreed time, and an ETA that
passed with the partner still on the way, each alert the case's owner at once (and the managers
of the case's site), once each (a new ETA may alert once more).

Each task is claimed with a conditional UPDATE in the transaction that tells people, so any
number of workers may run this, and one killed at any line leaves nothing half done.

The same holds for expense claims waiting past their approver's clock (expense_claims_due).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from goodwill.assistance.models import ExpenseClaim, PartnerTask
from goodwill.assistance.services import claim_approvers
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.timeline import services as timeline

BATCH = 200

NOT_ACCEPTED = "not_accepted"
ETA_PASSED = "eta_passed"


def _load(task_id: int) -> PartnerTask:
    return PartnerTask.objects.select_related(
        "case", "case__client", "case__client__site", "case__owner", "case__owner__site", "partner"
    ).get(pk=task_id)


def _alert(task: PartnerTask, reason: str, now: dt.datetime) -> None:
    owner = task.case.owner
    timeline.record_partner_alert(task=task, reason=reason, at=now)
    with translation.override(owner.language):
        if reason == NOT_ACCEPTED:
            title = _("%(partner)s has not accepted %(title)s (%(reference)s)")
            when = task.accept_by
        else:
            title = _("%(partner)s is late for %(title)s (%(reference)s)")
            when = task.eta or now
        title = title % {
            "partner": task.partner.name,
            "title": task.title,
            "reference": task.case.reference,
        }
        body = _("Due %(when)s. Call them (%(phone)s) or ask another partner.") % {
            "when": formats.date_format(timezone.localtime(when), "SHORT_DATETIME_FORMAT"),
            "phone": task.partner.phone or "-",
        }
    stamp = int((task.eta or task.accept_by).timestamp())
    notify(
        recipient=owner,
        kind=Notification.Kind.PARTNER_LATE,
        title=title,
        body=body,
        case=task.case,
        at=now,
        key=f"partner_late:{task.pk}:{reason}:{stamp}",
    )


def _not_accepted(task_id: int, now: dt.datetime) -> bool:
    with transaction.atomic():
        claimed = PartnerTask.objects.filter(
            pk=task_id,
            status=PartnerTask.Status.REQUESTED,
            unaccepted_alerted_at__isnull=True,
            accept_by__lte=now,
        ).update(unaccepted_alerted_at=now)
        if not claimed:
            return False
        _alert(_load(task_id), NOT_ACCEPTED, now)
        return True


def _eta_passed(task_id: int, now: dt.datetime) -> bool:
    with transaction.atomic():
        claimed = PartnerTask.objects.filter(
            pk=task_id, status=PartnerTask.Status.ON_THE_WAY, eta_alerted=False, eta__lte=now
        ).update(eta_alerted=True)
        if not claimed:
            return False
        _alert(_load(task_id), ETA_PASSED, now)
        return True


def partner_tasks_due(now: dt.datetime) -> int:
    """Alert owners of tasks not accepted in time and of ETAs passed. Returns how many."""
    handled = 0
    unaccepted = (
        PartnerTask.objects.filter(
            status=PartnerTask.Status.REQUESTED,
            unaccepted_alerted_at__isnull=True,
            accept_by__lte=now,
        )
        .order_by("accept_by")
        .values_list("pk", flat=True)[:BATCH]
    )
    for pk in list(unaccepted):
        handled += _not_accepted(pk, now)
    late = (
        PartnerTask.objects.filter(
            status=PartnerTask.Status.ON_THE_WAY, eta_alerted=False, eta__lte=now
        )
        .order_by("eta")
        .values_list("pk", flat=True)[:BATCH]
    )
    for pk in list(late):
        handled += _eta_passed(pk, now)
    return handled


def _claim_overdue(claim_id: int, now: dt.datetime) -> bool:
    with transaction.atomic():
        claimed = ExpenseClaim.objects.filter(
            pk=claim_id,
            status=ExpenseClaim.Status.PENDING,
            overdue_alerted_at__isnull=True,
            due_at__lte=now,
        ).update(overdue_alerted_at=now)
        if not claimed:
            return False
        claim = ExpenseClaim.objects.select_related(
            "case", "case__client", "case__owner", "case__site"
        ).get(pk=claim_id)
        case = claim.case
        for person in {u.pk: u for u in [*claim_approvers(claim=claim), case.owner]}.values():
            with translation.override(person.language):
                title = _("A claim of %(client)s waits past its time (%(reference)s)") % {
                    "client": case.client.name,
                    "reference": case.reference,
                }
                body = _("%(amount)s %(currency)s: the client paid it and waits for our word.") % {
                    "amount": claim.amount,
                    "currency": claim.currency,
                }
            notify(
                recipient=person,
                kind=Notification.Kind.APPROVAL_NEEDED,
                title=title,
                body=body,
                case=case,
                at=now,
                key=f"claim_overdue:{claim.pk}:{person.pk}",
            )
        return True


def expense_claims_due(now: dt.datetime) -> int:
    """Alert the approvers and the case's owner, once, of a claim still waiting past its clock.
    Returns how many."""
    due = (
        ExpenseClaim.objects.filter(
            status=ExpenseClaim.Status.PENDING, overdue_alerted_at__isnull=True, due_at__lte=now
        )
        .order_by("due_at")
        .values_list("pk", flat=True)[:BATCH]
    )
    return sum(_claim_overdue(pk, now) for pk in list(due))
