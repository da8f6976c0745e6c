"""The clocks' sweep: warn owners before a promise runs out, and raise the alarm when it has.

Registered in settings.GOODWILL_SWEEPS. Due clocks are found through the partial indexes
clock_running_warn and clock_running_due and claimed with SELECT … FOR UPDATE SKIP LOCKED plus a
conditional UPDATE (warned_at IS NULL, state = 'running'), in the same transaction that writes the
alerts: a worker killed at any line leaves the clock unclaimed, two workers never take the same
clock, and the notification keys refuse a second copy of any alert whatever happens.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import connection, transaction
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext as _

from goodwill.care import services
from goodwill.care.models import CallTask, Clock
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.models import User
from goodwill.organisation.services import managers_for
from goodwill.timeline import services as timeline

# Clocks per transaction. Alerts write the timeline, which locks each client's row until commit: a
# small batch keeps a page that writes to one of those clients from waiting long (~0.5 s at most).
BATCH = 100


# Batches per call: a backlog is worked through in rounds, and the worker runs again at once after
# a round that found work, so the other sweeps get their turn in between.
MAX_BATCHES = 20

log = logging.getLogger("goodwill.care")


def clocks_due(now: dt.datetime) -> int:
    """Warn at each running clock's warning point and breach it at its due time; returns how many
    clocks were handled."""
    handled = 0
    for _round in range(MAX_BATCHES):
        done = clocks_warn_batch(now=now) + clocks_breach_batch(now=now)
        handled += done
        if done == 0:
            break
    return handled


def _claim(candidates: QuerySet[Clock], limit: int) -> list[int]:
    # skip_locked: a second worker takes the next clocks instead of waiting for these. Only ids are
    # locked (no joins: FOR UPDATE cannot reach the nullable side of an outer join). On SQLite FOR
    # UPDATE is a no-op, but its transactions are IMMEDIATE (one writer at a time), so a search
    # and the UPDATE that follows it in the same transaction cannot interleave with another's.
    return list(
        candidates.select_for_update(skip_locked=True, of=("self",)).values_list("pk", flat=True)[
            :limit
        ]
    )


def _loaded(ids: list[int]) -> list[Clock]:
    # Ordered by client, then case: the timeline writes lock each client's and case's row (last
    # activity), and two workers taking those locks in the same order cannot deadlock (taken in
    # clock order, they did, in bench/bench_clocks.py with two processes).
    return list(
        Clock.objects.filter(pk__in=ids)
        .select_related(
            "case",
            "case__client",
            "case__owner",
            "case__owner__site",
            "case__owner__backup",
            "case__owner__backup__site",
            "case__site",
            "level",
        )
        .order_by("case__client_id", "case_id", "pk")
    )


def _claim_in_one_statement(
    candidates: QuerySet[Clock], limit: int, assignments: str, values: list[Any]
) -> list[int]:
    """PostgreSQL: search, lock (SKIP LOCKED) and mark in one UPDATE … WHERE id IN (SELECT … FOR
    UPDATE SKIP LOCKED LIMIT n) RETURNING id, instead of shipping a thousand ids there and back."""
    inner = candidates.select_for_update(skip_locked=True, of=("self",)).values("pk")[:limit]
    select, params = inner.query.sql_with_params()
    table = connection.ops.quote_name(Clock._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {assignments} WHERE id IN ({select}) RETURNING id",  # noqa: S608 - no user input
            [*values, *params],
        )
        return [row[0] for row in cursor.fetchall()]


def warn_claim(*, now: dt.datetime, limit: int = BATCH) -> list[int]:
    """Claim up to `limit` clocks whose warning point has passed (call inside a transaction).
    A clock already past due is left to the breach, which counts as its warning too."""
    due = Clock.objects.filter(
        state=Clock.State.RUNNING, warned_at__isnull=True, warn_at__lte=now, due_at__gt=now
    ).order_by("warn_at")
    if connection.vendor == "postgresql":
        return _claim_in_one_statement(due, limit, "warned_at = %s", [now])
    ids = _claim(due, limit)
    if ids:
        # The conditions repeat the search, so the update can never take a clock twice.
        Clock.objects.filter(pk__in=ids, state=Clock.State.RUNNING, warned_at__isnull=True).update(
            warned_at=now
        )
    return ids


def breach_claim(*, now: dt.datetime, limit: int = BATCH) -> list[int]:
    """Claim up to `limit` running clocks past due, marking them breached (call inside a
    transaction).
    A breach also counts as the warning, so a clock that jumped past both is told once."""
    due = Clock.objects.filter(state=Clock.State.RUNNING, due_at__lte=now).order_by("due_at")
    if connection.vendor == "postgresql":
        return _claim_in_one_statement(
            due,
            limit,
            "state = %s, breached_at = %s, warned_at = COALESCE(warned_at, %s)",
            [Clock.State.BREACHED.value, now, now],
        )
    ids = _claim(due, limit)
    if ids:
        Clock.objects.filter(pk__in=ids, state=Clock.State.RUNNING).update(
            state=Clock.State.BREACHED,
            breached_at=now,
            warned_at=Coalesce(F("warned_at"), Value(now)),
        )
    return ids


@transaction.atomic
def clocks_warn_batch(*, now: dt.datetime, limit: int = BATCH) -> int:
    ids = warn_claim(now=now, limit=limit)
    for clock in _loaded(ids):
        try:
            with transaction.atomic():
                _warn(clock, now)
        except Exception:
            # One clock that cannot be told must not hold back the batch: it goes back unclaimed
            # and is tried again next round (and logged each time).
            log.exception("warning for clock %s failed; retried next round", clock.pk)
            Clock.objects.filter(pk=clock.pk).update(warned_at=None)
    return len(ids)


@transaction.atomic
def clocks_breach_batch(*, now: dt.datetime, limit: int = BATCH) -> int:
    ids = breach_claim(now=now, limit=limit)
    managers: dict[int, list[User]] = {}
    for clock in _loaded(ids):
        if clock.case.site_id not in managers:
            managers[clock.case.site_id] = managers_for(site=clock.case.site)
        try:
            with transaction.atomic():
                _breach(clock, now, managers[clock.case.site_id])
        except Exception:
            log.exception("breach alerts for clock %s failed; retried next round", clock.pk)
            Clock.objects.filter(pk=clock.pk).update(state=Clock.State.RUNNING, breached_at=None)
    return len(ids)


def _kind_label(clock: Clock) -> str:
    return str(Clock.Kind(clock.kind).label)  # as labelled: German nouns keep their capitals


def _warn(clock: Clock, now: dt.datetime) -> None:
    case = clock.case
    minutes = max(0, int((clock.due_at - now).total_seconds() // 60))
    with translation.override(case.owner.language):  # stored text: written in the reader's language
        title = _("%(reference)s %(client)s: %(kind)s due in %(minutes)s min") % {
            "reference": case.reference,
            "client": case.client.name,
            "kind": _kind_label(clock),
            "minutes": minutes,
        }
    notify(
        recipient=case.owner,
        kind=Notification.Kind.SLA_WARNING,
        title=title,
        case=case,
        at=now,
        key=f"sla_warning:clock:{clock.pk}:owner:{case.owner_id}",
    )
    timeline.record_sla_warning(case=case, clock_kind=clock.kind, due_at=clock.due_at, at=now)


def _breach(clock: Clock, now: dt.datetime, managers: list[User]) -> None:
    case = clock.case

    def title(person: User) -> str:
        with translation.override(person.language):
            return _("%(reference)s %(client)s: %(kind)s overdue (owner %(owner)s)") % {
                "reference": case.reference,
                "client": case.client.name,
                "kind": _kind_label(clock),
                "owner": case.owner,
            }

    recipients = [case.owner.backup] if case.owner.backup is not None else []
    recipients += managers
    seen: set[int] = set()
    for person in recipients:
        if person.pk in seen or person.pk == case.owner_id:
            continue
        seen.add(person.pk)
        notify(
            recipient=person,
            kind=Notification.Kind.SLA_BREACHED,
            title=title(person),
            case=case,
            at=now,
            key=f"sla_breached:clock:{clock.pk}:user:{person.pk}",
        )
    timeline.record_sla_breached(case=case, clock_kind=clock.kind, due_at=clock.due_at, at=now)
    if clock.kind == Clock.Kind.UPDATE:
        with translation.override(case.owner.language):
            cadence = _("%(client)s is due an update on %(reference)s") % {
                "client": case.client.name,
                "reference": case.reference,
            }
        notify(
            recipient=case.owner,
            kind=Notification.Kind.CADENCE_DUE,
            case=case,
            at=now,
            title=cadence,
            key=f"cadence_due:clock:{clock.pk}:owner:{case.owner_id}",
        )
        if clock.level is not None and clock.level.auto_update:
            services.cadence_auto_update(case=case, at=now)


def _call_task_late(task_id: int, now: dt.datetime) -> bool:
    with transaction.atomic():
        # Claimed by the conditional update: a second worker, or a second run, tells nobody twice.
        claimed = CallTask.objects.filter(
            pk=task_id, state=CallTask.State.OPEN, late_at__isnull=True, due_at__lte=now
        ).update(late_at=now)
        if not claimed:
            return False
        task = CallTask.objects.select_related(
            "case", "client", "assignee", "assignee__backup"
        ).get(pk=task_id)
        reference = task.case.reference if task.case is not None else task.client.ref
        people = [task.assignee]
        backup = task.assignee.backup
        if backup is not None and backup.is_active:
            people.append(backup)
        for person in people:
            with translation.override(person.language):
                title = {
                    CallTask.Kind.CALLBACK: _("Late: call %(client)s back (%(reference)s)"),
                    CallTask.Kind.DETRACTOR: _(
                        "Late: call to an unhappy client, %(client)s (%(reference)s)"
                    ),
                }.get(
                    CallTask.Kind(task.kind),
                    _("Late: follow-up call to %(client)s (%(reference)s)"),
                ) % {"client": task.client.name, "reference": reference}
                body = _("It was due %(minutes)s minutes ago; %(assignee)s owns it.") % {
                    "minutes": max(0, int((now - task.due_at).total_seconds() // 60)),
                    "assignee": task.assignee,
                }
            notify(
                recipient=person,
                kind=Notification.Kind.CALL_TASK_LATE,
                title=title,
                body=body,
                case=task.case,
                client=task.client,
                at=now,
                key=f"call_task_late:{task.pk}:{person.pk}",
                route=False,
            )
        return True


def call_tasks_due(now: dt.datetime) -> int:
    """Tell the assignee of each call we owe a client, and their backup, when it runs late (once
    per task, through the partial index call_task_late). Returns how many tasks ran late."""
    late = (
        CallTask.objects.filter(state=CallTask.State.OPEN, late_at__isnull=True, due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)[:BATCH]
    )
    return sum(_call_task_late(pk, now) for pk in list(late))
