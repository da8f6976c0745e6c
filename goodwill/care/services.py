"""Writes of the care engine: tiers that follow value, service levels, opening hours, and the
lifecycle of a case's clocks.

The clocks are moved explicitly by the services that change a case (no signals):
cases.services.case_open → clocks_start; case_change_status → clocks_follow_status;
outbox.services.outbound_queue and an outbound call → clocks_client_told. The sweep that warns
and breaches them lives in care.sweeps.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from goodwill.care.business_time import (
    Schedule,
    add_business_minutes,
    around_the_clock,
    business_minutes_between,
    next_business_day_end,
    schedule_build,
)
from goodwill.care.models import (
    CallTask,
    Clock,
    Holiday,
    OpeningHours,
    ServiceLevel,
    TierThreshold,
)
from goodwill.cases.models import Case
from goodwill.clients.models import Client, Product, Tier
from goodwill.clients.services import can_serve, client_update, ensure_visible
from goodwill.memo import memo_clear, memoized
from goodwill.news.services import news_cadence_update
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.access import OtherSite
from goodwill.organisation.models import Site, User
from goodwill.timeline import services as timeline
from goodwill.timeline.models import Entry

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

_LIVE = (Clock.State.RUNNING, Clock.State.PAUSED)
_ACTIVE_STATUSES = (Case.Status.NEW, Case.Status.OPEN, Case.Status.WAITING_PARTNER)
_CLOSED_STATUSES = (Case.Status.RESOLVED, Case.Status.CLOSED)


def ensure_manager(*, actor: User | None) -> None:
    """Service levels, thresholds and opening hours are a manager's decision (or the system's)."""
    if (
        actor is not None
        and actor.role not in (User.Role.MANAGER, User.Role.ADMIN)
        and not actor.is_superuser
    ):
        raise PermissionDenied("Only managers set service levels.")


def can_set_brand_rules(user: User) -> bool:
    """Service levels and tier thresholds hold for every site: set by brand-wide managers (the
    care centre's) and admins, never by one dealer's manager."""
    return user.sees_all_clients and (
        user.role in (User.Role.MANAGER, User.Role.ADMIN) or user.is_superuser
    )


def ensure_brand_manager(*, actor: User | None) -> None:
    if actor is not None and not can_set_brand_rules(actor):
        raise PermissionDenied("Only the brand's managers set service levels and tier thresholds.")


# --- Tier follows value ---------------------------------------------------------------------------

_RANK = {Tier.STANDARD: 0, Tier.PREMIUM: 1, Tier.VIP: 2}


def tier_for_value(
    *, totals: dict[str, Decimal], thresholds: dict[str, TierThreshold]
) -> str | None:
    """The highest tier any currency's total reaches; None when no currency has a threshold
    (then nobody can tell, and the tier stays as it is)."""
    judged: list[str] = []
    for currency, total in totals.items():
        threshold = thresholds.get(currency)
        if threshold is None:
            continue
        if total >= threshold.vip_from:
            judged.append(Tier.VIP)
        elif total >= threshold.premium_from:
            judged.append(Tier.PREMIUM)
        else:
            judged.append(Tier.STANDARD)
    return max(judged, key=lambda tier: _RANK[Tier(tier)]) if judged else None


def value_totals(prices: Iterable[tuple[str, Decimal | None]]) -> dict[str, Decimal]:
    """The value of what a client owns per currency (upper case), from (currency, price) pairs;
    a product without a price or a currency counts for nothing."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for currency, price in prices:
        if price is not None and currency:
            totals[currency.upper()] += price
    return dict(totals)


def tier_following_value(
    *,
    tier: str,
    set_by_hand: bool,
    prices: Iterable[tuple[str, Decimal | None]],
    thresholds: dict[str, TierThreshold],
) -> str:
    """The tier a client should have: theirs when a person set it, else the one the value of
    what they own reaches (tier_for_value), else theirs (no threshold for their currencies).
    Pure: the import (imports.services) decides a new client's tier with it too."""
    if set_by_hand or not thresholds:
        return tier
    return tier_for_value(totals=value_totals(prices), thresholds=thresholds) or tier


def _value_totals(client_ids: Iterable[int]) -> dict[int, dict[str, Decimal]]:
    prices: dict[int, list[tuple[str, Decimal | None]]] = defaultdict(list)
    rows = Product.objects.filter(client_id__in=client_ids, price__isnull=False).exclude(
        currency=""
    )
    for client_id, currency, price in rows.values_list("client_id", "currency", "price"):
        prices[client_id].append((currency, price))
    return {client_id: value_totals(pairs) for client_id, pairs in prices.items()}


@transaction.atomic
def client_tier_refresh(*, client: Client, at: dt.datetime | None = None) -> str:
    """A client's tier follows the total price of what they own, per currency, against the
    manager's thresholds (the highest tier any currency reaches). A tier set by hand stays, and so
    does the tier of a client whose currencies have no threshold. Returns the tier."""
    if client.tier_set_by_hand:
        return client.tier
    tier = tier_following_value(
        tier=client.tier,
        set_by_hand=False,
        prices=Product.objects.filter(client=client).values_list("currency", "price"),
        thresholds={t.currency: t for t in TierThreshold.objects.all()},
    )
    if tier != client.tier:
        client_update(actor=None, client=client, tier=tier, at=at)
    return client.tier


def client_tiers_refresh_all(*, batch: int = 2000) -> int:
    """Recompute every client's tier (after the thresholds changed). Returns how many changed."""
    changed = 0
    last = 0
    thresholds = {t.currency: t for t in TierThreshold.objects.all()}
    if not thresholds:
        return 0
    while True:
        clients = list(
            Client.objects.filter(pk__gt=last, tier_set_by_hand=False)
            .order_by("pk")
            .select_related("site")[:batch]
        )
        if not clients:
            return changed
        totals = _value_totals([c.pk for c in clients])
        with transaction.atomic():
            for client in clients:
                tier = tier_for_value(totals=totals.get(client.pk, {}), thresholds=thresholds)
                if tier is not None and tier != client.tier:
                    client_update(actor=None, client=client, tier=tier)
                    changed += 1
        last = clients[-1].pk


@transaction.atomic
def client_tier_set(*, actor: User | None, client: Client, tier: str) -> Client:
    """A tier chosen by a person: it stays, whatever the client later buys."""
    if tier not in Tier.values:
        raise ValidationError({"tier": [_("Unknown tier “%(tier)s”.") % {"tier": tier}]})
    client_update(actor=actor, client=client, tier=tier)
    Client.objects.filter(pk=client.pk).update(tier_set_by_hand=True)
    client.tier_set_by_hand = True
    return client


@transaction.atomic
def tier_threshold_set(
    *, actor: User | None, currency: str, premium_from: Decimal, vip_from: Decimal
) -> TierThreshold:
    ensure_brand_manager(actor=actor)
    currency = currency.strip().upper()
    errors: dict[str, list[str]] = {}
    if len(currency) != 3 or not currency.isalpha():
        errors["currency"] = [_("A currency is three letters, like EUR.")]
    if premium_from < 0:
        errors["premium_from"] = [_("A threshold cannot be negative.")]
    if vip_from < premium_from:
        errors["vip_from"] = [_("VIP starts at or above premium.")]
    if errors:
        raise ValidationError(errors)
    threshold, _created = TierThreshold.objects.update_or_create(
        currency=currency, defaults={"premium_from": premium_from, "vip_from": vip_from}
    )
    return threshold


# --- Service levels -------------------------------------------------------------------------------


@transaction.atomic
def service_level_save(
    *,
    actor: User | None,
    level: ServiceLevel | None = None,
    tier: str,
    category: str,
    first_response_minutes: int,
    update_minutes: int,
    resolution_minutes: int,
    warn_at_percent: int = 80,
    auto_update: bool = False,
    callback_minutes: int | None = None,
) -> ServiceLevel:
    """Create or change a service level. Running clocks keep the budget they started with; the
    new numbers apply to clocks that start from now on."""
    ensure_brand_manager(actor=actor)
    errors: dict[str, list[str]] = {}
    if tier not in Tier.values:
        errors["tier"] = [_("Unknown tier.")]
    if category and category not in Case.Category.values:
        errors["category"] = [_("Unknown category.")]
    for name, value in (
        ("first_response_minutes", first_response_minutes),
        ("update_minutes", update_minutes),
        ("resolution_minutes", resolution_minutes),
    ):
        if value <= 0:
            errors[name] = [_("Give at least one minute.")]
    if callback_minutes is not None and callback_minutes <= 0:
        errors["callback_minutes"] = [_("Give at least one minute.")]
    if not 1 <= warn_at_percent <= 99:
        errors["warn_at_percent"] = [_("Warn somewhere between 1 % and 99 % of the time.")]
    clash = ServiceLevel.objects.filter(tier=tier, category=category)
    if level is not None:
        clash = clash.exclude(pk=level.pk)
    if clash.exists():
        errors["category"] = [_("This tier already has a service level for this category.")]
    if errors:
        raise ValidationError(errors)
    level = level or ServiceLevel()
    level.tier, level.category = tier, category
    level.first_response_minutes, level.update_minutes = first_response_minutes, update_minutes
    level.resolution_minutes, level.warn_at_percent, level.auto_update = (
        resolution_minutes,
        warn_at_percent,
        auto_update,
    )
    if callback_minutes is not None:
        level.callback_minutes = callback_minutes
    elif level.pk is None:
        level.callback_minutes = CALLBACK_MINUTES.get(Tier(tier), 60) if tier in Tier.values else 60
    level.save()
    memo_clear()
    return level


# The levels a new installation starts with, in business minutes (a business day is 9 hours by
# default): VIP tighter than premium, premium tighter than standard. Migration 0002 seeds the same.
HOUR, DAY = 60, 9 * 60
DEFAULT_LEVELS: tuple[tuple[str, str, int, int, int], ...] = (
    # tier, category, first response, update cadence, resolution
    ("standard", "", 8 * HOUR, 2 * DAY, 10 * DAY),
    ("premium", "", 4 * HOUR, 1 * DAY, 5 * DAY),
    ("vip", "", 1 * HOUR, 4 * HOUR, 3 * DAY),
    # A VIP stranded by the roadside hears from us within half an hour, and every two hours after.
    ("vip", "breakdown", 30, 2 * HOUR, 2 * DAY),
    ("premium", "breakdown", 2 * HOUR, 4 * HOUR, 4 * DAY),
)


def service_levels_ensure_defaults() -> int:
    """Add the default levels that are missing (a flushed database, a fresh demo); returns how
    many."""
    added = 0
    for tier, category, first, update, resolution in DEFAULT_LEVELS:
        _level, created = ServiceLevel.objects.get_or_create(
            tier=tier,
            category=category,
            defaults={
                "first_response_minutes": first,
                "update_minutes": update,
                "resolution_minutes": resolution,
                "callback_minutes": CALLBACK_MINUTES[Tier(tier)],
            },
        )
        added += created
    return added


def service_level_for(*, tier: str, category: str) -> ServiceLevel | None:
    """The category's own level for the tier, else the tier's catch-all one."""
    levels = ServiceLevel.objects.filter(tier=tier, category__in=[category, ""]).order_by(
        "-category"
    )
    return memoized(("service_level", tier, category), levels.first)


# --- Opening hours --------------------------------------------------------------------------------


@transaction.atomic
def opening_hours_set(
    *,
    actor: User | None,
    site: Site,
    hours: Iterable[tuple[int, dt.time, dt.time]],
    holidays: Iterable[tuple[dt.date, str]] = (),
) -> None:
    """Replace a site's week and holidays. An empty week means the default, Mon–Fri 09:00–18:00.
    Running clocks keep their due times; new ones use the new hours. A dealer's manager sets
    only their own site's."""
    ensure_manager(actor=actor)
    if actor is not None and not can_serve(user=actor, site=site):
        raise OtherSite("This site is not yours.")
    rows = list(hours)
    for weekday, opens, closes in rows:
        if not 0 <= weekday <= 6 or closes <= opens:
            raise ValidationError(
                {"hours": [_("Each interval closes after it opens, Monday to Sunday.")]}
            )
    OpeningHours.objects.filter(site=site).delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(site=site, weekday=d, opens=o, closes=c) for d, o, c in rows
    )
    Holiday.objects.filter(site=site).delete()
    Holiday.objects.bulk_create(
        Holiday(site=site, day=day, name=name) for day, name in dict(holidays).items()
    )
    transaction.on_commit(schedule_cache_clear)


# A site's schedule changes rarely and is read on every clock start, pause and resume: each process
# keeps it a minute. Editing hours clears this process's copy; others catch up within the minute.
SCHEDULE_TTL_SECONDS = 60.0
_schedules: dict[int, tuple[float, Schedule]] = {}
_schedules_lock = threading.Lock()


_assistance: dict[str, tuple[float, Schedule | None]] = {}


def schedule_cache_clear() -> None:
    with _schedules_lock:
        _schedules.clear()
        _assistance.clear()


def assistance_schedule() -> Schedule | None:
    """The care centre's assistance line: open day and night, every day, in the care centre's
    time zone; None when the brand has no care centre (nobody answers at night, and assistance
    cases keep their site's hours). Cached per process like the sites' schedules."""
    now = time.monotonic()
    with _schedules_lock:
        cached = _assistance.get("line")
    if cached is not None and now - cached[0] < SCHEDULE_TTL_SECONDS:
        return cached[1]
    zone = (
        Site.objects.filter(kind=Site.Kind.CARE_CENTRE)
        .order_by("id")
        .values_list("timezone", flat=True)
        .first()
    )
    schedule = around_the_clock(timezone=zone) if zone else None
    with _schedules_lock:
        _assistance["line"] = (now, schedule)
    return schedule


def case_schedule(*, case: Case) -> Schedule:
    """The hours a case's clocks count in: an assistance case (breakdown, accident, theft) runs on
    the care centre's round-the-clock line whatever site owns it (a VIP stranded on Saturday is
    late on Saturday); any other case on its site's opening hours and holidays."""
    if case.is_assistance and (line := assistance_schedule()) is not None:
        return line
    return site_schedule(site_id=case.site_id)


def site_schedule(*, site_id: int) -> Schedule:
    """The site's business hours and holidays, in its time zone (cached per process)."""
    now = time.monotonic()
    with _schedules_lock:
        cached = _schedules.get(site_id)
    if cached is not None and now - cached[0] < SCHEDULE_TTL_SECONDS:
        return cached[1]
    zone = Site.objects.filter(pk=site_id).values_list("timezone", flat=True).first() or "UTC"
    hours = OpeningHours.objects.filter(site_id=site_id).values_list("weekday", "opens", "closes")
    holidays = Holiday.objects.filter(site_id=site_id).values_list("day", flat=True)
    schedule = schedule_build(timezone=zone, hours=list(hours), holidays=list(holidays))
    with _schedules_lock:
        _schedules[site_id] = (now, schedule)
    return schedule


# --- Clocks ---------------------------------------------------------------------------------------


def _warn_budget(budget: int, level: ServiceLevel | None) -> int:
    percent = level.warn_at_percent if level is not None else 80
    return budget * percent // 100


def _new_clock(
    *, case: Case, kind: str, level: ServiceLevel, schedule: Schedule, at: dt.datetime, paused: bool
) -> Clock:
    budget = level.budget(kind)
    due = add_business_minutes(schedule, at, budget)
    warn = add_business_minutes(schedule, at, _warn_budget(budget, level))
    return Clock(
        case=case,
        kind=kind,
        level=level,
        started_at=at,
        due_at=due,
        warn_at=min(warn, due),
        budget_minutes=budget,
        state=Clock.State.PAUSED if paused else Clock.State.RUNNING,
        paused_at=at if paused else None,
    )


def _live(case: Case) -> dict[str, Clock]:
    """The case's live clocks by kind, locked so a sweep or a second request waits its turn."""
    return {
        c.kind: c
        for c in Clock.objects.select_for_update().filter(case=case, stopped_at__isnull=True)
    }


def _stop(clock: Clock, at: dt.datetime) -> None:
    """Stop a live clock: met if it was not late, breached (and late since its due time) if it was,
    even when the sweep had not reached it yet."""
    if clock.state == Clock.State.RUNNING and clock.due_at < at:
        clock.state, clock.breached_at = Clock.State.BREACHED, clock.breached_at or clock.due_at
    elif clock.state != Clock.State.BREACHED:
        clock.state = Clock.State.MET
    clock.stopped_at, clock.paused_at = at, None
    clock.save(update_fields=["state", "breached_at", "stopped_at", "paused_at"])


# No savepoint when nested: it raises no error a caller handles (only the database's), so a
# failure ends the caller's transaction anyway; on PostgreSQL a savepoint is two round trips.
@transaction.atomic(savepoint=False)
def clocks_start(
    *,
    case: Case,
    at: dt.datetime | None = None,
    kinds: Iterable[str] = tuple(Clock.Kind.values),
    new_case: bool = False,
) -> list[Clock]:
    """Start the case's clocks from the service level of its client's tier and its category,
    counted in the business hours of the case's site. A kind already running is left alone.
    `new_case`: the case was opened in this transaction, so it has no clock to look up yet."""
    at = at or timezone.now()
    level = service_level_for(tier=case.client.tier, category=case.category)
    if level is None:
        return []
    live = {} if new_case else _live(case)
    schedule = case_schedule(case=case)
    paused = case.status == Case.Status.WAITING_CLIENT
    clocks = [
        _new_clock(case=case, kind=kind, level=level, schedule=schedule, at=at, paused=paused)
        for kind in kinds
        if kind not in live
    ]
    return Clock.objects.bulk_create(clocks)


# No savepoint when nested: it raises no error a caller handles (only the database's), so a
# failure ends the caller's transaction anyway; on PostgreSQL a savepoint is two round trips.
@transaction.atomic(savepoint=False)
def clocks_client_told(*, case: Case, at: dt.datetime | None = None) -> None:
    """We told the client something (a message queued to them, an outbound call): the first
    response is met, and the update clock starts again with its full budget."""
    at = at or timezone.now()
    live = _live(case)
    first = live.get(Clock.Kind.FIRST_RESPONSE)
    if first is not None and first.started_at <= at:
        _stop(first, at)
    update = live.get(Clock.Kind.UPDATE)
    if update is not None:
        if update.started_at >= at:
            return  # news older than the clock (a back-dated entry) changes nothing
        _stop(update, at)
    if case.status in _CLOSED_STATUSES:
        return
    level = (
        update.level
        if update is not None and update.level is not None
        else service_level_for(tier=case.client.tier, category=case.category)
    )
    if level is None:
        return
    _new_clock(
        case=case,
        kind=Clock.Kind.UPDATE,
        level=level,
        schedule=case_schedule(case=case),
        at=at,
        paused=case.status == Case.Status.WAITING_CLIENT,
    ).save()


# No savepoint when nested: it raises no error a caller handles (only the database's), so a
# failure ends the caller's transaction anyway; on PostgreSQL a savepoint is two round trips.
@transaction.atomic(savepoint=False)
def clocks_follow_status(*, case: Case, old: str, new: str, at: dt.datetime | None = None) -> None:
    """Waiting on the client pauses every running clock (no business time is used meanwhile);
    coming back resumes it with what was left. Resolved or closed stops them all (met, or breached
    if already late). Reopening a closed case starts its update and resolution clocks again."""
    at = at or timezone.now()
    if new in _CLOSED_STATUSES:
        for clock in _live(case).values():
            _stop(clock, at)
        return
    if old in _CLOSED_STATUSES:
        clocks_start(case=case, at=at, kinds=(Clock.Kind.UPDATE, Clock.Kind.RESOLUTION))
        return
    if new == Case.Status.WAITING_CLIENT:
        _pause_all(case=case, at=at)
    elif old == Case.Status.WAITING_CLIENT:
        _resume_all(case=case, at=at)


def _pause_all(*, case: Case, at: dt.datetime) -> None:
    schedule = case_schedule(case=case)
    for clock in _live(case).values():
        if clock.state != Clock.State.RUNNING:
            continue
        left = (
            max(0, business_minutes_between(schedule, at, clock.due_at)) if clock.due_at > at else 0
        )
        clock.consumed_minutes = max(0, clock.budget_minutes - left)
        clock.state, clock.paused_at = Clock.State.PAUSED, at
        clock.save(update_fields=["consumed_minutes", "state", "paused_at"])


def _resume_all(*, case: Case, at: dt.datetime) -> None:
    schedule = case_schedule(case=case)
    for clock in _live(case).values():
        if clock.state != Clock.State.PAUSED:
            continue
        left = max(0, clock.budget_minutes - clock.consumed_minutes)
        clock.due_at = max(add_business_minutes(schedule, at, left), clock.started_at)
        if clock.warned_at is None:
            warn_left = max(
                0, _warn_budget(clock.budget_minutes, clock.level) - clock.consumed_minutes
            )
            clock.warn_at = add_business_minutes(schedule, at, warn_left)
        clock.warn_at = min(clock.warn_at, clock.due_at)
        clock.state, clock.paused_at = Clock.State.RUNNING, None
        clock.save(update_fields=["due_at", "warn_at", "state", "paused_at"])


def clocks_backfill(*, now: dt.datetime | None = None) -> int:
    """Give clocks to open cases that have none (imported, or opened before the care engine),
    counted from when each case opened, and replay what their timeline says we told the client:
    the first answer meets the first response, the last one restarts the update clock. Clocks
    already past due are marked breached without alerts: they ran out before anyone was
    watching; the sweep alerts about the ones that fall due from now on. Returns how many cases
    got clocks."""
    now = now or timezone.now()
    backfilled: list[int] = []
    without = Case.objects.filter(
        status__in=Case.OPEN_STATUSES, clocks__isnull=True
    ).select_related("client")
    for case in without.iterator(chunk_size=500):
        with transaction.atomic():
            if not clocks_start(case=case, at=case.opened_at):
                continue
            backfilled.append(case.pk)
            told = list(
                Entry.objects.filter(case=case, at__gte=case.opened_at, at__lte=now)
                .filter(
                    Q(kind=Entry.Kind.MESSAGE_OUT)
                    | Q(kind=Entry.Kind.CALL, payload__direction="outbound")
                )
                .order_by("at")
                .values_list("at", flat=True)
            )
            for at in sorted({told[0], told[-1]}) if told else []:
                clocks_client_told(case=case, at=at)
            Clock.objects.filter(case=case, state=Clock.State.RUNNING, due_at__lt=now).update(
                state=Clock.State.BREACHED,
                breached_at=F("due_at"),
                warned_at=F("warn_at"),
            )
    return len(backfilled)


def cadence_auto_update(*, case: Case, at: dt.datetime | None = None) -> None:
    """Send the client a short "here is where we are" update because the update cadence ran out
    and the case's service level asks for it (ServiceLevel.auto_update).

    Called by care.sweeps.clocks_due inside the transaction that marks the update clock breached,
    at most once per clock; the key makes a repeat send nothing twice. Queueing the news tells the
    case the client was told (cases.services.case_told), which restarts the update clock. The
    words are news.services.news_cadence_update's (the `case_update` template, in the client's
    language); nothing is sent to a client without e-mail."""
    at = at or timezone.now()
    news_cadence_update(case=case, key=f"cadence:{case.pk}:{at.isoformat()}", at=at)


# --- Calls we owe the client ----------------------------------------------------------------------

# Callback minutes of the default levels per tier: a VIP's missed call is returned within a quarter
# of an hour. Migration 0005 sets the same on existing levels.
CALLBACK_MINUTES = {Tier.VIP: 15, Tier.PREMIUM: 60, Tier.STANDARD: 240}


def _call_task_make(
    *,
    case: Case | None,
    client: Client,
    kind: str,
    assignee: User,
    due_at: dt.datetime,
    reason: str,
    source_key: str,
    at: dt.datetime,
) -> CallTask | None:
    """Write the task once per source (a replayed event makes nothing twice), on the timeline,
    and tell the assignee and their backup (each in their own inbox, not routed: the backup is
    told even while the assignee is at work, so a call cannot wait on one person)."""
    if CallTask.objects.filter(source_key=source_key).exists():
        return None
    task = CallTask.objects.create(
        kind=kind,
        case=case,
        client_id=client.pk,
        assignee=assignee,
        made_at=at,
        due_at=due_at,
        source_key=source_key,
    )
    timeline.record_call_task(
        case=case,
        client=client,
        task_id=task.pk,
        task_kind=kind,
        assignee=assignee,
        due_at=due_at,
        reason=reason,
        at=at,
    )
    people = [assignee]
    if assignee.backup is not None and assignee.backup.is_active:
        people.append(assignee.backup)
    for person in people:
        with translation.override(person.language):
            due = formats.date_format(timezone.localtime(due_at), "SHORT_DATETIME_FORMAT")
            title = {
                CallTask.Kind.CALLBACK: _("Call %(client)s back by %(due)s (%(reference)s)"),
                CallTask.Kind.DETRACTOR: _(
                    "Unhappy client: call %(client)s by %(due)s (%(reference)s)"
                ),
            }.get(
                CallTask.Kind(kind), _("Follow-up call to %(client)s by %(due)s (%(reference)s)")
            ) % {
                "client": client.name,
                "due": due,
                "reference": case.reference if case is not None else client.ref,
            }
            body = (
                reason
                if person.pk == assignee.pk
                else _("%(assignee)s owns this call; you are their backup.")
                % {"assignee": assignee}
            )
        notify(
            recipient=person,
            kind=Notification.Kind.CALL_TASK,
            title=title,
            body=body,
            case=case,
            client=client,
            at=at,
            key=f"call_task:{task.pk}:{person.pk}",
            route=False,
        )
    return task


@transaction.atomic
def callback_after_missed_call(
    *, case: Case, had_open_case: bool, call_key: str, number: str, at: dt.datetime
) -> CallTask | None:
    """A missed or abandoned call from a client with an open case, or from a top-tier client,
    is called back by the case's owner within the tier's callback minutes (counted like the
    case's clocks: around the clock for assistance). Anyone else's missed call waits for the
    owner's usual attention (they are told of it by the intake). Once per call (`call_key`)."""
    if not had_open_case and case.client.tier != Tier.VIP:
        return None
    level = service_level_for(tier=case.client.tier, category=case.category)
    minutes = (
        level.callback_minutes
        if level is not None
        else CALLBACK_MINUTES.get(Tier(case.client.tier), 60)
    )
    due = add_business_minutes(case_schedule(case=case), at, minutes)
    with translation.override(case.owner.language):
        reason = _("Missed call from %(number)s: call the client back.") % {"number": number}
    return _call_task_make(
        case=case,
        client=case.client,
        kind=CallTask.Kind.CALLBACK,
        assignee=case.owner,
        due_at=due,
        reason=reason,
        source_key=f"call:{call_key}"[:64],
        at=at,
    )


def follow_up_after_close(*, case: Case, entry_id: int, at: dt.datetime) -> CallTask | None:
    """An assistance case that closes (resolved or closed) gets a follow-up call by the client's
    advisor (else the owner) the next business day of their site: the brand calls to ask whether
    everything is all right now."""
    if not case.is_assistance:
        return None
    advisor = case.client.advisor
    assignee = advisor if advisor is not None and advisor.is_active else case.owner
    schedule = site_schedule(site_id=assignee.site_id or case.site_id)
    due = next_business_day_end(schedule, at)
    with translation.override(assignee.language):
        reason = _("The assistance case closed: call the client to ask how things are now.")
    return _call_task_make(
        case=case,
        client=case.client,
        kind=CallTask.Kind.FOLLOW_UP,
        assignee=assignee,
        due_at=due,
        reason=reason,
        source_key=f"close:{entry_id}",
        at=at,
    )


@transaction.atomic
def detractor_callback(
    *, case: Case, reason: str, source_key: str, at: dt.datetime
) -> CallTask | None:
    """A client who scored us low or wrote angrily in a survey (goodwill.surveys) is called by
    their advisor (else the case's owner) by the end of the next business day of the advisor's
    site: the same clock as the follow-up after an assistance case. Once per `source_key`
    (the survey); `reason` is the client's score and words, in the assignee's language."""
    advisor = case.client.advisor
    assignee = advisor if advisor is not None and advisor.is_active else case.owner
    schedule = site_schedule(site_id=assignee.site_id or case.site_id)
    return _call_task_make(
        case=case,
        client=case.client,
        kind=CallTask.Kind.DETRACTOR,
        assignee=assignee,
        due_at=next_business_day_end(schedule, at),
        reason=reason,
        source_key=source_key[:64],
        at=at,
    )


def call_task_plan(
    *,
    case: Case | None,
    client: Client,
    assignee: User,
    due_at: dt.datetime,
    reason: str,
    source_key: str,
    at: dt.datetime,
) -> CallTask | None:
    """A follow-up call an app above plans (goodwill.journeys: the call the day after a
    delivery), with its clock, told and made like the follow-up after an assistance case: once
    per `source_key`. `case` None: a call owed outside any case (a delivery without one)."""
    return _call_task_make(
        case=case,
        client=client,
        kind=CallTask.Kind.FOLLOW_UP,
        assignee=assignee,
        due_at=due_at,
        reason=reason,
        source_key=source_key[:64],
        at=at,
    )


def call_task_close(*, task: CallTask, actor: User | None, at: dt.datetime) -> bool:
    """Close `task` once as made (a caller that records more about the call, as the surveys'
    outcome form does, closes it in its own transaction); False when it was already made."""
    return _close_task(task.pk, actor=actor, at=at)


def _close_task(task_id: int, *, actor: User | None, at: dt.datetime) -> bool:
    # Conditional update: a click racing an outbound call (or a double click) closes it once.
    closed = CallTask.objects.filter(pk=task_id, state=CallTask.State.OPEN).update(
        state=CallTask.State.DONE, done_at=at, done_by=actor
    )
    if not closed:
        return False
    task = CallTask.objects.select_related("case", "client").get(pk=task_id)
    timeline.record_call_task_done(
        case=task.case,
        client=task.client,
        task_id=task.pk,
        task_kind=task.kind,
        actor=actor,
        late=task.due_at < at,
        at=at,
    )
    return True


@transaction.atomic
def call_task_done(*, actor: User, task: CallTask, at: dt.datetime | None = None) -> CallTask:
    """Someone who may see the client says the call was made ("Called back")."""
    ensure_visible(actor=actor, client=task.client)
    at = at or timezone.now()
    if not _close_task(task.pk, actor=actor, at=at):
        raise ValidationError({"task": [_("This call is already recorded as made.")]})
    task.refresh_from_db()
    return task


@transaction.atomic
def call_tasks_called(*, client: Client, actor: User | None, at: dt.datetime) -> int:
    """We called the client (an outbound call, reported by the telephony or logged by hand):
    every call we owed them from before it is made. Returns how many."""
    open_ids = list(
        CallTask.objects.filter(
            client=client, state=CallTask.State.OPEN, made_at__lte=at
        ).values_list("pk", flat=True)
    )
    return sum(_close_task(pk, actor=actor, at=at) for pk in open_ids)


@transaction.atomic
def call_tasks_hand_over(
    *,
    actor: User | None,
    leaving: User,
    fallback: User | None,
    client_ids: Collection[int] | None = None,
    at: dt.datetime | None = None,
) -> int:
    """The open calls `leaving` was to make (callbacks, calls after a low score) pass to whoever
    owns each case now (a handover moves the cases first), else to `fallback`, each with a note
    on the case's timeline: a promised call is not lost with the person. Only to someone who sees
    the client's site; a re-run finds none left. A call outside any case goes to the client's
    advisor now. `client_ids`: only the calls to these clients (a handover of part of a book).
    Returns how many moved."""
    at = at or timezone.now()
    moved = 0
    tasks = (
        CallTask.objects.select_for_update(of=("self",))
        .filter(assignee=leaving, state=CallTask.State.OPEN)
        .select_related("case", "case__owner", "client", "client__advisor")
        .order_by("pk")
    )
    if client_ids is not None:
        tasks = tasks.filter(client_id__in=list(client_ids))
    for task in tasks:
        keeper: User | None = task.case.owner if task.case is not None else task.client.advisor
        if keeper is None or keeper.pk == leaving.pk or not keeper.is_active:
            keeper = fallback
        if keeper is None or keeper.pk == leaving.pk or not keeper.sees_site(task.client.site_id):
            continue
        if not CallTask.objects.filter(
            pk=task.pk, assignee=leaving, state=CallTask.State.OPEN
        ).update(assignee=keeper):
            continue
        timeline.record_note(
            client=task.client,
            case=task.case,
            actor=actor,
            text=_("The call %(leaving)s was to make goes to %(keeper)s.")
            % {"leaving": leaving, "keeper": keeper},
            at=at,
        )
        moved += 1
    return moved
