"""Reads of the quality reviews: a review with its case and scores, the managers' list and their
site's averages, and an advisor's own trend and coaching notes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from django.db.models import Avg, Count, Prefetch, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404

from goodwill.cases.models import Case
from goodwill.organisation.access import site_scoped
from goodwill.organisation.models import User
from goodwill.promises.selectors import is_manager
from goodwill.quality.models import Criterion, Review, Score
from goodwill.timeline.models import Entry


def rubric(*, with_inactive: bool = False) -> list[Criterion]:
    criteria = Criterion.objects.all()
    return list(criteria if with_inactive else criteria.filter(active=True))


def _in_scope(user: User) -> QuerySet[Review]:
    """A manager's reviews: their site's, or every site's from the care centre; nobody else's."""
    reviews = Review.objects.all()
    if not is_manager(user):
        return reviews.none()
    return site_scoped(reviews, user=user)


def review_get(*, user: User, pk: int) -> Review:
    """The review, for a manager of its site or the advisor it reviews (to read); else 404, as a
    missing one. With its case, client, people and scores (two queries)."""
    reviews = _in_scope(user) | Review.objects.filter(advisor=user, status=Review.Status.DONE)
    try:
        return (
            reviews.select_related("case", "case__client", "advisor", "reviewer", "site")
            .prefetch_related(
                Prefetch("scores", queryset=Score.objects.select_related("criterion"))
            )
            .get(pk=pk)
        )
    except Review.DoesNotExist:
        raise Http404("No such review") from None


def reviews_for_manager(*, user: User, limit: int = 50) -> list[Review]:
    """The manager's reviews, those to do first, newest sampled first."""
    return list(
        _in_scope(user)
        .select_related("case", "case__client", "advisor")
        .order_by("-status", "-sampled_at", "-id")[:limit]
    )


@dataclasses.dataclass(frozen=True)
class TrendRow:
    label: str  # a month, or a person
    count: int  # reviews
    averages: list[float | None]  # one per criterion, in the rubric's order


@dataclasses.dataclass(frozen=True)
class Trend:
    criteria: list[Criterion]
    rows: list[TrendRow]


def _averages(
    rows: QuerySet[Score], group: str, criteria: list[Criterion]
) -> dict[object, dict[int, float]]:
    found: dict[object, dict[int, float]] = defaultdict(dict)
    for row in rows.values(group, "criterion_id").annotate(avg=Avg("score")):
        found[row[group]][row["criterion_id"]] = round(float(row["avg"]), 1)
    return found


def advisor_trend(*, advisor: User) -> Trend:
    """The advisor's average per criterion, month by month (oldest first): three queries."""
    criteria = rubric(with_inactive=True)
    done = Review.objects.filter(advisor=advisor, status=Review.Status.DONE)
    scores = Score.objects.filter(review__in=done).annotate(month=TruncMonth("review__reviewed_at"))
    averages = _averages(scores, "month", criteria)
    counts = dict(
        done.annotate(month=TruncMonth("reviewed_at"))
        .values("month")
        .annotate(n=Count("id"))
        .values_list("month", "n")
    )
    used = [c for c in criteria if c.active or any(c.pk in a for a in averages.values())]
    rows = [
        TrendRow(
            label=month.strftime("%Y-%m") if isinstance(month, dt.date) else str(month),
            count=counts.get(month, 0),
            averages=[averages[month].get(c.pk) for c in used],
        )
        for month in sorted(averages, key=str)
    ]
    return Trend(criteria=used, rows=rows)


def coaching_notes(*, advisor: User, limit: int = 20) -> list[Review]:
    """The advisor's reviewed conversations with their notes, newest first."""
    return list(
        Review.objects.filter(advisor=advisor, status=Review.Status.DONE)
        .select_related("case", "reviewer")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("-reviewed_at")[:limit]
    )


def site_trend(*, user: User) -> Trend:
    """For a manager: each reviewed advisor of their scope, averaged per criterion."""
    criteria = rubric()
    done = _in_scope(user).filter(status=Review.Status.DONE)
    averages = _averages(Score.objects.filter(review__in=done), "review__advisor", criteria)
    people = User.objects.in_bulk([pk for pk in averages if isinstance(pk, int)])
    counts: dict[int, int] = dict(
        done.values("advisor").annotate(n=Count("id")).values_list("advisor", "n")
    )
    rows = [
        TrendRow(
            label=str(person),
            count=counts.get(pk, 0),
            averages=[averages[pk].get(c.pk) for c in criteria],
        )
        for pk, person in sorted(people.items(), key=lambda item: str(item[1]))
    ]
    return Trend(criteria=criteria, rows=rows)


def conversation(*, case: Case, limit: int = 60) -> list[Entry]:
    """The case's messages and calls, both ways, oldest first: what the reviewer reads."""
    kinds = (
        Entry.Kind.MESSAGE_IN,
        Entry.Kind.MESSAGE_OUT,
        Entry.Kind.CALL,
        Entry.Kind.CHECK_OVERRIDE,
    )
    entries = (
        Entry.objects.filter(case=case, kind__in=kinds)
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )
    return list(reversed(entries))
