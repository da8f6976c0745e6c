"""Reads of the care engine: how a case's clocks stand, the advisor's cases by urgency, and the
manager's board. Each page reads a fixed number of queries (pinned in care/tests/test_pages.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from goodwill.care.business_time import Schedule, add_business_minutes, is_open
from goodwill.care.models import (
    CallTask,
    Clock,
    Holiday,
    OpeningHours,
    ServiceLevel,
    TierThreshold,
)
from goodwill.care.services import case_schedule, service_level_for
from goodwill.cases.models import Case
from goodwill.clients.models import Tier
from goodwill.organisation.access import site_scoped
from goodwill.organisation.models import Site, User

ON_TIME, AT_RISK, BREACHED = "on_time", "at_risk", "breached"


@dataclass(frozen=True)
class ClockView:
    """A clock as a person reads it: its kind, a tone for the colour (ok, risk, breached, paused,
    met) and the wall-clock minutes left (negative: how late), when it is still counting."""

    clock: Clock
    tone: str
    minutes: int | None

    @property
    def kind_label(self) -> str:
        return str(Clock.Kind(self.clock.kind).label)

    @property
    def overdue_minutes(self) -> int:
        return -self.minutes if self.minutes is not None and self.minutes < 0 else 0


def clock_view(clock: Clock, now: dt.datetime) -> ClockView:
    if clock.state == Clock.State.PAUSED:
        return ClockView(clock, "paused", None)
    if clock.state == Clock.State.MET:
        return ClockView(clock, "met", None)
    end = clock.stopped_at or now
    minutes = int((clock.due_at - end).total_seconds() // 60)
    if clock.state == Clock.State.BREACHED or minutes < 0:
        return ClockView(clock, "breached", minutes)
    return ClockView(clock, "risk" if clock.warn_at <= now else "ok", minutes)


_URGENCY = {"breached": 0, "risk": 1, "ok": 2, "paused": 3, "met": 4}


def promise_due(*, case: Case, now: dt.datetime | None = None) -> dt.datetime | None:
    """The time to promise the client by the case's service level, in the business hours of the
    case's site: the resolution clock's due time while it is ahead, else (it ran out, or none
    runs) one update cadence of business time from now. Rounded up to the next full hour, moved
    to the next opening if that falls after closing: "Thursday 14:00" reads like a promise a
    person makes. None when no service level applies."""
    now = now or timezone.now()
    schedule = case_schedule(case=case)
    clock = (
        Clock.objects.filter(
            case=case, kind=Clock.Kind.RESOLUTION, stopped_at__isnull=True, due_at__gt=now
        )
        .exclude(state=Clock.State.PAUSED)
        .values_list("due_at", flat=True)
        .first()
    )
    if clock is not None:
        due = clock
    else:
        level = service_level_for(tier=case.client.tier, category=case.category)
        if level is None:
            return None
        due = add_business_minutes(schedule, now, level.update_minutes)
    return _on_the_hour(schedule, due)


def _up_to_the_hour(at: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    local = at.astimezone(zone)
    if local.minute or local.second or local.microsecond:
        local = local.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    return local.astimezone(dt.UTC)


def _on_the_hour(schedule: Schedule, due: dt.datetime) -> dt.datetime:
    rounded = _up_to_the_hour(due, schedule.zone)
    minute = dt.timedelta(minutes=1)
    if is_open(schedule, rounded) or is_open(schedule, rounded - minute):
        return rounded  # within the day's hours, or right at closing time
    # Past closing: the next opening hour.
    return _up_to_the_hour(add_business_minutes(schedule, rounded, 1) - minute, schedule.zone)


def reply_due(*, case: Case) -> dt.datetime | None:
    """When the client will hear from us at the latest, by the service level: the running
    first-response clock's due time, else the running update clock's (a case taken up again);
    None when no clock counts (no service level, or waiting on the client)."""
    due: dict[str, dt.datetime] = dict(
        Clock.objects.filter(
            case=case,
            stopped_at__isnull=True,
            state=Clock.State.RUNNING,
            kind__in=(Clock.Kind.FIRST_RESPONSE, Clock.Kind.UPDATE),
        ).values_list("kind", "due_at")
    )
    return due.get(Clock.Kind.FIRST_RESPONSE) or due.get(Clock.Kind.UPDATE)


def case_clocks(*, case: Case, now: dt.datetime | None = None) -> list[ClockView]:
    """The case's clocks in a fixed order (first response, update, resolution): the live one of
    each kind, or the last one stopped."""
    now = now or timezone.now()
    latest: dict[str, Clock] = {}
    for clock in Clock.objects.filter(case=case).order_by(
        "kind", F("stopped_at").desc(nulls_first=True), "-started_at"
    ):
        latest.setdefault(clock.kind, clock)
    return [clock_view(latest[kind], now) for kind in Clock.Kind.values if kind in latest]


def _scoped(cases: QuerySet[Case], user: User) -> QuerySet[Case]:
    """Only cases of sites the user may see (Case.site is the client's site)."""
    return site_scoped(cases, user=user)


def open_cases_by_urgency(
    *, user: User, limit: int = 50, now: dt.datetime | None = None
) -> Sequence[Case]:
    """The owner's open cases, oldest first (served by case_owner_open), each with its most
    urgent live clock as `urgent_clock` (a ClockView, or None): the ticking one due first, else a
    paused one. One query: the clock comes in correlated subqueries (served by the unique
    clock_one_live_per_kind index), so the page costs the same with no case or with fifty."""
    now = now or timezone.now()
    live = Clock.objects.filter(case=OuterRef("pk"), stopped_at__isnull=True)
    ticking = live.filter(state__in=[Clock.State.RUNNING, Clock.State.BREACHED]).order_by(
        "due_at", "pk"
    )
    cases = _scoped(Case.objects.filter(owner=user, status__in=Case.OPEN_STATUSES), user).annotate(
        urgent_kind=Subquery(ticking.values("kind")[:1]),
        urgent_state=Subquery(ticking.values("state")[:1]),
        urgent_due=Subquery(ticking.values("due_at")[:1]),
        urgent_warn=Subquery(ticking.values("warn_at")[:1]),
        paused_kind=Subquery(
            live.filter(state=Clock.State.PAUSED).order_by("pk").values("kind")[:1]
        ),
    )
    rows = list(cases.select_related("client", "product").order_by("opened_at")[:limit])
    for case in rows:
        clock: Clock | None = None
        if case.urgent_kind:
            clock = Clock(
                kind=case.urgent_kind,
                state=case.urgent_state,
                due_at=case.urgent_due,
                warn_at=case.urgent_warn,
            )
        elif case.paused_kind:
            clock = Clock(kind=case.paused_kind, state=Clock.State.PAUSED, due_at=now, warn_at=now)
        case.urgent_clock = clock_view(clock, now) if clock is not None else None  # type: ignore[attr-defined]
    return rows


# --- The manager's board --------------------------------------------------------------------------


@dataclass
class Tally:
    label: str
    on_time: int = 0
    at_risk: int = 0
    breached: int = 0

    @property
    def total(self) -> int:
        return self.on_time + self.at_risk + self.breached

    def percent(self, part: int) -> float:
        return round(100 * part / self.total, 1) if self.total else 0.0

    @property
    def on_time_pct(self) -> float:
        return self.percent(self.on_time)

    @property
    def at_risk_pct(self) -> float:
        return self.percent(self.at_risk)

    @property
    def breached_pct(self) -> float:
        return self.percent(self.breached)


@dataclass
class Board:
    total: Tally
    by_site: list[Tally]
    by_tier: list[Tally]
    late: list[Case] = field(default_factory=list)


def board(*, user: User, now: dt.datetime | None = None, limit: int = 100) -> Board:
    """Open cases on time / at risk / breached, per site and per tier (one grouped query), and
    the breached and at-risk cases, most overdue first (one query). A case counts by its worst
    live clock."""
    now = now or timezone.now()
    live = Clock.objects.filter(case=OuterRef("pk"), stopped_at__isnull=True)
    cases = _scoped(Case.objects.filter(status__in=Case.OPEN_STATUSES), user).annotate(
        breached=Exists(live.filter(state=Clock.State.BREACHED)),
        at_risk=Exists(live.filter(state=Clock.State.RUNNING, warn_at__lte=now)),
    )
    rows = (
        cases.order_by()
        .values("site__name", "client__tier")
        .annotate(
            n=Count("pk"),
            n_breached=Count("pk", filter=Q(breached=True)),
            n_risk=Count("pk", filter=Q(breached=False, at_risk=True)),
        )
    )
    total = Tally(label="")
    sites: dict[str, Tally] = {}
    tiers = {tier: Tally(label=str(label)) for tier, label in Tier.choices}
    for row in rows:
        breached, risk = row["n_breached"], row["n_risk"]
        on_time = row["n"] - breached - risk
        for tally in (
            total,
            sites.setdefault(row["site__name"], Tally(label=row["site__name"])),
            tiers[row["client__tier"]],
        ):
            tally.on_time += on_time
            tally.at_risk += risk
            tally.breached += breached
    late_clocks = (
        Clock.objects.filter(
            stopped_at__isnull=True,
            case__in=_scoped(Case.objects.filter(status__in=Case.OPEN_STATUSES), user),
        )
        .filter(Q(state=Clock.State.BREACHED) | Q(state=Clock.State.RUNNING, warn_at__lte=now))
        .select_related("case", "case__client", "case__owner", "case__site")
        .order_by("due_at")[: limit * 3]
    )
    late: dict[int, Case] = {}
    for clock in late_clocks:
        view = clock_view(clock, now)
        case = late.setdefault(clock.case_id, clock.case)
        current = getattr(case, "urgent_clock", None)
        if current is None or (_URGENCY[view.tone], view.minutes or 0) < (
            _URGENCY[current.tone],
            current.minutes or 0,
        ):
            case.urgent_clock = view  # type: ignore[attr-defined]
    ordered = sorted(
        late.values(),
        key=lambda c: (_URGENCY[c.urgent_clock.tone], c.urgent_clock.minutes or 0),  # type: ignore[attr-defined]
    )
    return Board(
        total=total,
        by_site=sorted(sites.values(), key=lambda t: t.label),
        by_tier=list(tiers.values()),
        late=ordered[:limit],
    )


# --- Settings pages -------------------------------------------------------------------------------

_TIER_ORDER = {tier: rank for rank, tier in enumerate(Tier.values)}


def service_levels() -> list[ServiceLevel]:
    """Standard, premium, VIP; each tier's catch-all row first."""
    return sorted(
        ServiceLevel.objects.all(),
        key=lambda level: (_TIER_ORDER.get(level.tier, 9), level.category),
    )


def tier_thresholds() -> list[TierThreshold]:
    return list(TierThreshold.objects.all())


def sites_with_hours(*, user: User) -> list[Site]:
    """The sites whose hours `user` may set: every site for brand-wide staff, else their own."""
    sites = (
        Site.objects.all()
        if user.sees_all_clients
        else Site.objects.filter(pk__in=[user.site_id] if user.site_id else [])
    )
    return list(sites.prefetch_related("opening_hours", "holidays").order_by("name"))


def site_hours(*, site: Site) -> tuple[list[OpeningHours], list[Holiday]]:
    return list(OpeningHours.objects.filter(site=site)), list(Holiday.objects.filter(site=site))


# --- Calls we owe clients -------------------------------------------------------------------------


def case_call_tasks(*, case: Case) -> list[CallTask]:
    """The case's calls to make and made, open first then by due time (one query)."""
    return list(
        CallTask.objects.filter(case=case)
        .select_related("assignee", "done_by")
        .order_by("-state", "due_at", "id")
    )


def open_call_tasks(*, user: User, limit: int = 50) -> list[CallTask]:
    """The calls `user` owes clients, the most urgent first (partial index
    call_task_open_assignee; one query)."""
    return list(
        CallTask.objects.filter(assignee=user, state=CallTask.State.OPEN)
        .select_related("case", "case__client", "client")
        .order_by("due_at", "id")[:limit]
    )
