"""The summaries agree with a direct count of the live tables, and the sweep refreshes only what
changed."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import time_machine

from goodwill.assistance.models import ExpenseClaim
from goodwill.care.models import Clock
from goodwill.cases.models import Case
from goodwill.cases.services import case_client_contacted
from goodwill.experience.models import CaseExperience
from goodwill.insights.metrics import COUNT_COLUMNS
from goodwill.insights.models import CaseDay, DailySummary, SummaryCursor
from goodwill.insights.services import summaries_refresh
from goodwill.insights.sweeps import summaries_due
from goodwill.insights.tests.conftest import W47, Stories, at
from goodwill.promises.models import Promise
from goodwill.surveys.models import Survey
from goodwill.timeline.models import Entry


def _direct() -> Counter[tuple[dt.date, int, str]]:
    """Each metric counted row by row from the live tables, per UTC day and site."""
    counts: Counter[tuple[dt.date, int, str]] = Counter()

    def day(moment: dt.datetime) -> dt.date:
        return moment.astimezone(dt.UTC).date()

    for case in Case.objects.all():
        counts[(day(case.opened_at), case.site_id, "opened")] += 1
        if case.closed_at:
            counts[(day(case.closed_at), case.site_id, "closed")] += 1
    for entry in Entry.objects.select_related("case").filter(case__isnull=False):
        assert entry.case is not None
        if entry.kind == "chaser":
            counts[(day(entry.at), entry.case.site_id, "chasers")] += 1
        if (
            entry.kind == "message_in"
            and entry.payload.get("signal", {}).get("kind") == "complaint"
        ):
            counts[(day(entry.at), entry.case.site_id, "complaints")] += 1
    for clock in Clock.objects.select_related("case"):
        if clock.state == "met" and clock.stopped_at:
            counts[(day(clock.stopped_at), clock.case.site_id, "clocks_met")] += 1
        if clock.state == "breached" and clock.breached_at:
            counts[(day(clock.breached_at), clock.case.site_id, "clocks_breached")] += 1
    for promise in Promise.objects.select_related("case").exclude(status="open"):
        assert promise.resolved_at
        counts[(day(promise.resolved_at), promise.case.site_id, f"promises_{promise.status}")] += 1
    for claim in ExpenseClaim.objects.select_related("case").filter(status="approved"):
        counts[
            (day(claim.decided_at or claim.claimed_at), claim.case.site_id, "goodwill_claims")
        ] += 1
    for survey in Survey.objects.select_related("case").filter(state="final"):
        assert survey.final_at is not None and survey.score is not None
        key = (day(survey.final_at), survey.site_id)
        if survey.kind == "satisfaction":
            counts[(*key, "satisfaction_answers")] += 1
            counts[(*key, "satisfaction_points")] += survey.score
        else:
            counts[(*key, "recommendations")] += 1
            counts[(*key, "promoters")] += survey.score >= 9
            counts[(*key, "nps_detractors")] += survey.score <= 6
        if survey.effort is not None:
            counts[(*key, "effort_answers")] += 1
            counts[(*key, "effort_points")] += survey.effort
        if survey.detractor:
            counts[(*key, "detractors")] += 1
            counts[(*key, "detractors_called")] += survey.recovered is not None
            counts[(*key, "detractors_recovered")] += survey.recovered is True
    for scored in CaseExperience.objects.select_related("case"):
        if scored.case.closed_at is not None:
            counts[(day(scored.case.closed_at), scored.site_id, "experience_cases")] += 1
            counts[(day(scored.case.closed_at), scored.site_id, "experience_points")] += (
                scored.score
            )
    return +counts  # zero counts dropped, as the summed side never has them


def _summed() -> Counter[tuple[dt.date, int, str]]:
    counts: Counter[tuple[dt.date, int, str]] = Counter()
    for row in DailySummary.objects.all():
        for name in COUNT_COLUMNS:
            if name != "goodwill_amount" and getattr(row, name):
                counts[(row.day, row.site_id, name)] += getattr(row, name)
    return counts


def test_it_agrees_with_a_direct_count(stories: Stories) -> None:
    direct = _direct()
    assert _summed() == direct
    # The story set exercises every metric.
    assert {name for _day, _site, name in direct} >= {
        "opened", "closed", "chasers", "complaints", "clocks_met", "clocks_breached",
        "promises_kept", "promises_broken", "goodwill_claims", "experience_points",
    }  # fmt: skip


def test_it_records_the_times_behind_the_medians(stories: Stories) -> None:
    tyre = CaseDay.objects.get(case=stories.tyre, first_response_minutes__isnull=False)
    assert (tyre.day, tyre.first_response_minutes) == (W47, 90)
    strap = CaseDay.objects.get(case=stories.strap, resolution_minutes__isnull=False)
    assert strap.resolution_minutes == 3 * 24 * 60 + 6 * 60
    assert sum(row.goodwill_amount for row in CaseDay.objects.filter(case=stories.tyre)) == 80


def test_the_sweep_refreshes_only_the_days_touched(stories: Stories) -> None:
    assert summaries_refresh() == set()  # the rebuild left nothing to do
    untouched = DailySummary.objects.exclude(day=W47 + dt.timedelta(days=5)).values_list(
        "pk", flat=True
    )
    before = set(untouched)
    later = W47 + dt.timedelta(days=5)
    with time_machine.travel(at(later, 11), tick=False):
        case_client_contacted(case=stories.tyre, channel="phone")
        case_client_contacted(case=stories.tyre, channel="phone", at=at(later, 11, 30))
        refreshed = summaries_due(at(later, 12))
    days = {row.day for row in CaseDay.objects.filter(case=stories.tyre)}
    assert refreshed == len(days)  # the tyre's days, never the older case's week
    assert W47 - dt.timedelta(days=7) not in days
    assert _summed() == _direct()
    # Rows of days no entry touched were left as they were.
    older = DailySummary.objects.filter(day__lt=W47).values_list("pk", flat=True)
    assert set(older) <= before
    assert SummaryCursor.objects.get().entry_id == Entry.objects.order_by("-pk").first().pk  # type: ignore[union-attr]
