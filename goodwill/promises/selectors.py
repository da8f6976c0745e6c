"""Reads of promises: a case's promises, the time to quote, and who keeps their word."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.clients.selectors import visible_clients
from goodwill.organisation.access import site_scoped
from goodwill.organisation.models import User
from goodwill.promises.models import Promise

# The share of similar cases that must have been done by the time we quote: conservative on purpose
# (under-promise, over-deliver).
QUOTE_SHARE = 0.8
# The most recent resolved cases of the category read to compute it: recent enough to reflect how
# the network works now, few enough to read in one indexed-by-nothing query on a large brand.
SAMPLE = 500
# Fewer similar cases than this and any figure would be a guess.
MIN_SAMPLE = 5


@dataclass(frozen=True)
class Suggestion:
    due_at: dt.datetime
    share: int  # percent of similar cases done by then
    sample: int  # how many similar cases it was computed from


def case_promises(*, case: Case) -> list[Promise]:
    return list(case.promises.select_related("made_by").order_by("-made_at", "-id"))


def _nearest_rank(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def quote_suggestion(*, case: Case, now: dt.datetime | None = None) -> Suggestion | None:
    """When to promise an answer to this case: the time by which 80% of the recently resolved cases
    of the same category that were still open at this case's age were done. None without enough
    history. Rounded up to the next full hour: "Friday 17:00" reads like a promise a person
    makes."""
    now = now or timezone.now()
    rows = (
        Case.objects.filter(
            category=case.category,
            status__in=[Case.Status.RESOLVED, Case.Status.CLOSED],
            closed_at__isnull=False,
        )
        .exclude(pk=case.pk)
        .order_by("-closed_at")
        .values_list("opened_at", "closed_at")[:SAMPLE]
    )
    age = (now - case.opened_at).total_seconds()
    # Cases done before this one's age say nothing about it: it is already slower than they were.
    durations = [
        d
        for d in ((closed - opened).total_seconds() for opened, closed in rows if closed)
        if d > age
    ]
    if len(durations) < MIN_SAMPLE:
        return None
    due = case.opened_at + dt.timedelta(seconds=_nearest_rank(durations, QUOTE_SHARE))
    return Suggestion(due_at=_quotable(due), share=round(QUOTE_SHARE * 100), sample=len(durations))


# Promises are quoted for working hours: never "Wednesday 02:00".
DAY_STARTS, DAY_ENDS = 10, 18


def _quotable(due: dt.datetime) -> dt.datetime:
    """The first full hour at or after `due` that a person would quote, in the reader's time zone:
    later is safe (under-promise), earlier is not. Nights move to 10:00, weekends to Monday
    10:00."""
    local = timezone.localtime(due)
    if local.minute or local.second or local.microsecond:
        local = local.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    if local.hour > DAY_ENDS:
        local = (local + dt.timedelta(days=1)).replace(hour=DAY_STARTS)
    elif local.hour < DAY_STARTS:
        local = local.replace(hour=DAY_STARTS)
    while local.weekday() >= 5:
        local = (local + dt.timedelta(days=1)).replace(hour=DAY_STARTS)
    # Rebuilt from its wall-clock parts: the day may have crossed a daylight-saving change.
    return timezone.make_aware(local.replace(tzinfo=None), local.tzinfo)


@dataclass(frozen=True)
class KeptRate:
    name: str
    site: str
    kept: int
    broken: int
    open: int

    @property
    def rate(self) -> int | None:
        """Percent kept of the promises that came due; None when none came due yet."""
        done = self.kept + self.broken
        return round(100 * self.kept / done) if done else None


def _scoped(user: User) -> QuerySet[Promise]:
    promises = Promise.objects.all()
    if is_manager(user):
        # Managers read their scope: the whole brand at the care centre, their site at a dealer.
        return site_scoped(promises, user=user)
    return promises.filter(made_by=user)


_KEPT = Count("id", filter=Q(status=Promise.Status.KEPT))
_BROKEN = Count("id", filter=Q(status=Promise.Status.BROKEN))
_OPEN = Count("id", filter=Q(status=Promise.Status.OPEN))


def kept_rates_by_person(*, user: User) -> list[KeptRate]:
    """Kept / (kept + broken) for each person who made a promise in the user's scope, worst
    first."""
    rows = (
        _scoped(user)
        .order_by()
        .values(
            "made_by",
            "made_by__first_name",
            "made_by__last_name",
            "made_by__username",
            "made_by__site__name",
        )
        .annotate(kept=_KEPT, broken=_BROKEN, open=_OPEN)
    )
    rates = [
        KeptRate(
            name=f"{r['made_by__first_name']} {r['made_by__last_name']}".strip()
            or r["made_by__username"],
            site=r["made_by__site__name"] or "",
            kept=r["kept"],
            broken=r["broken"],
            open=r["open"],
        )
        for r in rows
    ]
    return sorted(rates, key=lambda r: (r.rate if r.rate is not None else 101, r.name))


def kept_rates_by_site(*, user: User) -> list[KeptRate]:
    rows = (
        _scoped(user)
        .order_by()
        .values("site", "site__name")
        .annotate(kept=_KEPT, broken=_BROKEN, open=_OPEN)
    )
    rates = [
        KeptRate(
            name=r["site__name"],
            site=r["site__name"],
            kept=r["kept"],
            broken=r["broken"],
            open=r["open"],
        )
        for r in rows
    ]
    return sorted(rates, key=lambda r: (r.rate if r.rate is not None else 101, r.name))


def open_promises(*, user: User, limit: int = 50) -> list[Promise]:
    """Open promises in the user's scope, soonest due first (partial index promise_open_due)."""
    promises = _scoped(user).filter(status=Promise.Status.OPEN)
    return list(
        promises.select_related("case", "case__client", "made_by").order_by("due_at")[:limit]
    )


def is_manager(user: User) -> bool:
    return user.role in (User.Role.MANAGER, User.Role.ADMIN) or user.is_superuser


def visible_promise(*, user: User, pk: int) -> Promise | None:
    """A promise on a case of a client the user may see, with what keeping it needs; else None."""
    return (
        Promise.objects.filter(pk=pk, case__client__in=visible_clients(user=user))
        .select_related("case", "case__client", "case__client__site")
        .first()
    )
