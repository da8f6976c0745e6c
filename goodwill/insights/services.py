"""Writing the insight summaries: every CaseDay and DailySummary row comes from `_case_days`, for
the sweep's few touched cases and the full rebuild alike, so the two cannot disagree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Max, Min, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from goodwill.assistance.models import ExpenseClaim
from goodwill.care.models import Clock
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import outbound_queue
from goodwill.experience.models import CaseExperience
from goodwill.insights.metrics import COUNT_COLUMNS, REPORT_CURRENCY
from goodwill.insights.models import (
    CaseDay,
    DailySummary,
    DigestSent,
    MonthByModel,
    MonthBySite,
    SummaryCursor,
)
from goodwill.insights.selectors import digest
from goodwill.organisation.models import User
from goodwill.promises.models import Promise
from goodwill.surveys.models import Survey
from goodwill.timeline.models import Entry

BATCH = 2000
# The NPS's own bands of the 0–10 recommendation score.
PROMOTER_AT_LEAST = 9
NPS_DETRACTOR_AT_MOST = 6

# Our answer to the client: what stops the first-response wait.
_REPLY = Q(kind=Entry.Kind.MESSAGE_OUT) | Q(kind=Entry.Kind.CALL, payload__direction="outbound")


def _utc_day(at: dt.datetime) -> dt.date:
    return at.astimezone(dt.UTC).date()


def _minutes(start: dt.datetime, end: dt.datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))


def _case_days(case_ids: Sequence[int]) -> list[CaseDay]:
    """The CaseDay rows of these cases, from the live tables: one query a source."""
    cases = {
        case.pk: case
        for case in Case.objects.filter(pk__in=case_ids)
        .select_related("client", "product")
        .only(
            "opened_at", "closed_at", "status", "site_id", "owner_id", "category",
            "client__tier", "product__model",
        )
    }  # fmt: skip
    rows: dict[tuple[int, dt.date], CaseDay] = {}

    def row(case_id: int, at: dt.datetime) -> CaseDay:
        day = _utc_day(at)
        found = rows.get((case_id, day))
        if found is None:
            case = cases[case_id]
            found = rows[(case_id, day)] = CaseDay(
                case_id=case_id,
                day=day,
                site_id=case.site_id,
                owner_id=case.owner_id,
                tier=case.client.tier,
                category=case.category,
                product_model=case.product.model if case.product else "",
                goodwill_amount=Decimal(0),
            )
        return found

    for case in cases.values():
        row(case.pk, case.opened_at).opened += 1
        if case.status in Case.CLOSED_STATUSES and case.closed_at is not None:
            closed = row(case.pk, case.closed_at)
            closed.closed += 1
            closed.resolution_minutes = _minutes(case.opened_at, case.closed_at)
    ids = list(cases)
    entries = Entry.objects.filter(case_id__in=ids)
    for case_id, first in (
        entries.filter(_REPLY).values_list("case_id").annotate(first=Min("at")).order_by()
    ):
        case = cases[case_id]
        if first >= case.opened_at:
            row(case_id, first).first_response_minutes = _minutes(case.opened_at, first)
    for case_id, at in entries.filter(kind=Entry.Kind.CHASER).values_list("case_id", "at"):
        row(case_id, at).chasers += 1
    complaints = entries.filter(kind=Entry.Kind.MESSAGE_IN, payload__signal__kind="complaint")
    for case_id, at in complaints.values_list("case_id", "at"):
        row(case_id, at).complaints += 1
    for case_id, state, stopped, breached in Clock.objects.filter(
        case_id__in=ids, state__in=[Clock.State.MET, Clock.State.BREACHED]
    ).values_list("case_id", "state", "stopped_at", "breached_at"):
        if state == Clock.State.MET and stopped is not None:
            row(case_id, stopped).clocks_met += 1
        elif breached is not None:
            row(case_id, breached).clocks_breached += 1
    for case_id, status, resolved in Promise.objects.filter(
        case_id__in=ids, status__in=[Promise.Status.KEPT, Promise.Status.BROKEN]
    ).values_list("case_id", "status", "resolved_at"):
        promise_row = row(case_id, resolved or cases[case_id].opened_at)
        if status == Promise.Status.KEPT:
            promise_row.promises_kept += 1
        else:
            promise_row.promises_broken += 1
    for case_id, amount, currency, decided, claimed in ExpenseClaim.objects.filter(
        case_id__in=ids, status=ExpenseClaim.Status.APPROVED
    ).values_list("case_id", "amount", "currency", "decided_at", "claimed_at"):
        claim_row = row(case_id, decided or claimed)  # within policy: approved when claimed
        claim_row.goodwill_claims += 1
        if currency == REPORT_CURRENCY:
            claim_row.goodwill_amount += amount
    for case_id, kind, score, effort, detractor, recovered, final_at in Survey.objects.filter(
        case_id__in=ids, state=Survey.State.FINAL
    ).values_list("case_id", "kind", "score", "effort", "detractor", "recovered", "final_at"):
        if score is None or final_at is None:  # never on a final answer (survey constraints)
            continue
        answer_row = row(case_id, final_at)
        if kind == Survey.Kind.SATISFACTION:
            answer_row.satisfaction_answers += 1
            answer_row.satisfaction_points += score
        else:
            answer_row.recommendations += 1
            answer_row.promoters += score >= PROMOTER_AT_LEAST
            answer_row.nps_detractors += score <= NPS_DETRACTOR_AT_MOST
        if effort is not None:
            answer_row.effort_answers += 1
            answer_row.effort_points += effort
        if detractor:
            answer_row.detractors += 1
            answer_row.detractors_called += recovered is not None
            answer_row.detractors_recovered += recovered is True
    # A case's experience score counts on the day it closed: its story is told by then (a later
    # entry, such as the survey's answer, moves the score and refreshes that day again).
    for case_id, score in CaseExperience.objects.filter(case_id__in=ids).values_list(
        "case_id", "score"
    ):
        case = cases[case_id]
        if case.status in Case.CLOSED_STATUSES and case.closed_at is not None:
            scored_row = row(case_id, case.closed_at)
            scored_row.experience_cases += 1
            scored_row.experience_points += score
    return list(rows.values())


def _summaries_for(breakdowns: Iterable[Breakdown] | None) -> None:
    """DailySummary of the days of these case-days (None: every day), added up again from their
    CaseDays in the database (one INSERT … SELECT a chunk of days: nothing travels through
    Python), then the monthly roll-up rows they count towards."""
    breakdowns = None if breakdowns is None else set(breakdowns)
    quote = connection.ops.quote_name
    dims = ["day", "site_id", "owner_id", "tier", "category", "product_model"]
    columns = ", ".join(
        quote(name) for name in [*dims, *COUNT_COLUMNS, "first_responses", "resolutions"]
    )
    # Names only, from the models and COUNT_COLUMNS, quoted; the days go as parameters.
    select = (
        f"SELECT {', '.join(quote(name) for name in dims)}, "  # noqa: S608
        + ", ".join(f"SUM({quote(name)})" for name in COUNT_COLUMNS)
        + f", COUNT({quote('first_response_minutes')}), COUNT({quote('resolution_minutes')})"
        + f" FROM {quote(CaseDay._meta.db_table)}"
    )
    insert = f"INSERT INTO {quote(DailySummary._meta.db_table)} ({columns}) {select}"
    group = f" GROUP BY {', '.join(quote(name) for name in dims)}"
    with connection.cursor() as cursor:
        if breakdowns is None:
            DailySummary.objects.all().delete()
            cursor.execute(insert + group)
        else:
            days = sorted({found[0] for found in breakdowns})
            for start in range(0, len(days), 500):
                chunk = days[start : start + 500]
                DailySummary.objects.filter(day__in=chunk).delete()
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"{insert} WHERE {quote('day')} IN ({marks}){group}", chunk)
    _rollups_for(breakdowns)


# The monthly roll-ups: each table and the breakdown its rows keep (insights.models).
ROLLUPS: tuple[tuple[type[MonthBySite] | type[MonthByModel], tuple[str, ...]], ...] = (
    (MonthBySite, ("site_id", "owner_id")),
    (MonthByModel, ("tier", "category", "product_model")),
)


def month_start_sql(column: str) -> str:
    """The first day of `column`'s month, in this database's SQL."""
    if connection.vendor == "postgresql":
        return f"date_trunc('month', {column}::timestamp)::date"
    return f"date({column}, 'start of month')"


# What one case-day counts towards: its day and breakdown (CaseDay's and DailySummary's).
Breakdown = tuple[dt.date, int, int, str, str, str]
_BREAKDOWN = ("day", "site_id", "owner_id", "tier", "category", "product_model")


def _rollups_for(breakdowns: Iterable[Breakdown] | None) -> None:
    """The monthly roll-up rows these case-days count towards (None: every row), added up again
    from their DailySummary rows in the database: one INSERT … SELECT a month and table, over
    that month's rows of those breakdowns only (a note on an old case touches a few rows of its
    old months, not the months themselves)."""
    quote = connection.ops.quote_name
    day = quote("day")
    sums = ", ".join(f"SUM({quote(name)})" for name in COUNT_COLUMNS)
    wanted = None if breakdowns is None else set(breakdowns)
    with connection.cursor() as cursor:
        for model, dims in ROLLUPS:
            names = ", ".join(quote(name) for name in dims)
            columns = ", ".join([quote("month"), *(quote(n) for n in (*dims, *COUNT_COLUMNS))])
            # Names only, from the models and COUNT_COLUMNS, quoted; values go as parameters.
            insert = (
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608
                f"SELECT {month_start_sql(day)}, {names}, {sums} "
                f"FROM {quote(DailySummary._meta.db_table)}"
            )
            group = f" GROUP BY {month_start_sql(day)}, {names}"
            if wanted is None:
                model.objects.all().delete()
                cursor.execute(insert + group)
                continue
            picks = [_BREAKDOWN.index(name) for name in dims]
            by_month: dict[dt.date, set[tuple[Any, ...]]] = {}
            for found in wanted:
                by_month.setdefault(found[0].replace(day=1), set()).add(
                    tuple(found[n] for n in picks)
                )
            for month, keys in sorted(by_month.items()):
                following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                for start in range(0, len(keys), 200):
                    chunk = sorted(keys)[start : start + 200]
                    match = Q()
                    for key in chunk:
                        match |= Q(**dict(zip(dims, key, strict=True)))
                    model.objects.filter(match, month=month).delete()
                    one = "(" + " AND ".join(f"{quote(name)} = %s" for name in dims) + ")"
                    cursor.execute(
                        f"{insert} WHERE {day} >= %s AND {day} < %s "
                        f"AND ({' OR '.join([one] * len(chunk))}){group}",
                        [month, following, *(value for key in chunk for value in key)],
                    )


def _cases_refresh(case_ids: Sequence[int]) -> set[Breakdown]:
    """Replace these cases' CaseDays; the days and breakdowns whose sums changed (the old rows'
    and the new)."""
    touched: set[Breakdown] = set()
    for start in range(0, len(case_ids), BATCH):
        chunk = case_ids[start : start + BATCH]
        old = CaseDay.objects.filter(case_id__in=chunk)
        touched.update(old.values_list(*_BREAKDOWN))
        old.delete()
        fresh = _case_days(chunk)
        touched.update(tuple(getattr(row, name) for name in _BREAKDOWN) for row in fresh)
        CaseDay.objects.bulk_create(fresh, batch_size=500)
    return touched


@transaction.atomic
def summaries_refresh(*, now: dt.datetime | None = None) -> set[dt.date]:
    """Bring the summaries up to date with what the timeline recorded since the last run: the
    cases those entries are about (a client's change, such as their tier, touches all their
    cases) are computed again, then the days their rows fall on. Returns the days refreshed.

    Everything that moves a summary writes a timeline entry in the same transaction (a case
    opened or closed, a reply, a chaser, a clock breached, a promise kept or broken, a claim
    decided, a reassignment, a survey answered, a detractor's call recorded), so the entry id is
    the bookmark; the one exception, an experience score recomputed by its sweep, is found by
    its time (`scores_at`). Locks the cursor row: a second worker waits, then finds nothing
    new."""
    cursor = SummaryCursor.objects.select_for_update().filter(pk=1).first()
    if cursor is None:
        SummaryCursor.objects.get_or_create(pk=1)
        cursor = SummaryCursor.objects.select_for_update().get(pk=1)
    latest = Entry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    rescored = CaseExperience.objects.all()
    if cursor.scores_at is not None:
        rescored = rescored.filter(computed_at__gt=cursor.scores_at)
    scores_at = rescored.aggregate(newest=Max("computed_at"))["newest"]
    if latest <= cursor.entry_id and scores_at is None:
        return set()
    fresh = Entry.objects.filter(pk__gt=cursor.entry_id, pk__lte=latest)
    case_ids = set(fresh.filter(case__isnull=False).values_list("case_id", flat=True).distinct())
    clients = fresh.filter(case__isnull=True).values_list("client_id", flat=True).distinct()
    case_ids.update(Case.objects.filter(client_id__in=list(clients)).values_list("pk", flat=True))
    if scores_at is not None:
        # The experience sweep scores a case after the entries that moved it, maybe after this
        # sweep read them: a newer score refreshes its case's days again. Its rounds take their
        # `now` in turn under the experience cursor's lock, so computed_at only rises.
        case_ids.update(rescored.filter(computed_at__lte=scores_at).values_list("pk", flat=True))
    touched = _cases_refresh(sorted(case_ids))
    _summaries_for(touched)
    days = {found[0] for found in touched}
    cursor.entry_id = latest
    cursor.scores_at = scores_at or cursor.scores_at
    cursor.refreshed_at = now or timezone.now()
    cursor.save(update_fields=["entry_id", "scores_at", "refreshed_at"])
    return days


def summaries_rebuild(*, progress: Callable[[int, int], Any] | None = None) -> int:
    """Every summary computed again from the live tables (after an import, or to repair).
    `progress(done, total)` is called after each batch of cases. Returns the CaseDay rows."""
    with transaction.atomic():
        cursor, _ = SummaryCursor.objects.select_for_update().get_or_create(pk=1)
        latest = Entry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        scores_at = CaseExperience.objects.aggregate(newest=Max("computed_at"))["newest"]
        CaseDay.objects.all().delete()
        DailySummary.objects.all().delete()
        for model, _dims in ROLLUPS:
            model.objects.all().delete()
    case_ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(case_ids), BATCH):
        with transaction.atomic():
            rows = _case_days(case_ids[start : start + BATCH])
            CaseDay.objects.bulk_create(rows, batch_size=500)
        written += len(rows)
        if progress is not None:
            progress(min(start + BATCH, len(case_ids)), len(case_ids))
    with transaction.atomic():
        _summaries_for(None)
        # What was written meanwhile is taken again by the next sweep.
        SummaryCursor.objects.filter(pk=cursor.pk).update(
            entry_id=latest, scores_at=scores_at, refreshed_at=timezone.now()
        )
    return written


# The weekly digest.


def last_full_week(*, today: dt.date) -> dt.date:
    """The Monday of the ISO week before `today`'s: the week a Monday digest is about."""
    return today - dt.timedelta(days=today.weekday() + 7)


def digest_text(*, reader: User, week: dt.date) -> tuple[str, str]:
    """The digest as e-mail (subject, text) in the reader's language."""
    with translation.override(reader.language):
        data = digest(reader=reader, week=week)
        body = render_to_string(
            "insights/digest.txt",
            {"digest": data, "base_url": settings.GOODWILL_PUBLIC_URL, "reader": reader},
        )
        year, number, _weekday = week.isocalendar()
        subject = _("[Goodwill] Weekly digest, week %(week)s") % {"week": f"{year}-W{number:02d}"}
    return subject, body


def digest_send(*, reader: User, week: dt.date, now: dt.datetime | None = None) -> bool:
    """Send `reader` the digest of `week` (its Monday) once: the (reader, week) row is the claim,
    taken in the transaction that queues the e-mail, so two workers never both send it. False
    when it was sent already."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            DigestSent.objects.create(reader=reader, week=week, sent_at=now)
            subject, body = digest_text(reader=reader, week=week)
            outbound_queue(
                key=f"digest:{reader.pk}:{week.isoformat()}",
                purpose=OutboundMessage.Purpose.STAFF,
                reason=OutboundMessage.Reason.STAFF_NOTICE,
                to_address=reader.email,
                to_name=str(reader),
                subject=subject,
                body_text=body,
                language=reader.language,
                at=now,
            )
    except IntegrityError:
        return False
    return True
