"""Business time: minutes counted only while a site is open, in the site's own time zone.

Pure functions over a `Schedule` (no database): the clocks' due times are computed here, and the
tests pin daylight-saving changes and holidays. Opening hours are wall-clock times in the site's
zone; each interval is turned into real instants with zoneinfo, so the night the clocks go
forward a 02:00–04:00 interval lasts one hour, and the night they go back it lasts three.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

Interval = tuple[dt.time, dt.time]

_UTC = dt.UTC
# Nobody can be open less than this often; a schedule that is stops the search instead of looping.
_MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class Schedule:
    """A site's week (Monday = 0, several intervals a day allowed) and its holidays."""

    zone: dt.tzinfo
    week: tuple[tuple[Interval, ...], ...]
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    # Open every minute of every day, holidays included (the care centre's assistance line).
    always_open: bool = False

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise ValueError("A week has seven days")
        for day in self.week:
            for opens, closes in day:
                if closes <= opens:
                    raise ValueError(f"An interval must close after it opens: {opens}–{closes}")
        if not any(self.week) and not self.always_open:
            raise ValueError("A schedule must be open at least once a week")


DEFAULT_HOURS: tuple[Interval, ...] = ((dt.time(9), dt.time(18)),)


def around_the_clock(*, timezone: str | dt.tzinfo) -> Schedule:
    """Open day and night, weekends and holidays: every minute counts."""
    zone = zoneinfo.ZoneInfo(timezone) if isinstance(timezone, str) else timezone
    return Schedule(zone=zone, week=((),) * 7, always_open=True)


def schedule_build(
    *,
    timezone: str | dt.tzinfo,
    hours: Iterable[tuple[int, dt.time, dt.time]] = (),
    holidays: Iterable[dt.date] = (),
) -> Schedule:
    """A schedule from (weekday, opens, closes) rows. No rows at all means the default week,
    Monday to Friday 09:00–18:00, so a site nobody configured still has fair clocks."""
    zone = zoneinfo.ZoneInfo(timezone) if isinstance(timezone, str) else timezone
    days: list[list[Interval]] = [[] for _ in range(7)]
    rows = list(hours)
    for weekday, opens, closes in rows:
        days[weekday].append((opens, closes))
    if not rows:
        days = [list(DEFAULT_HOURS) if weekday < 5 else [] for weekday in range(7)]
    week = tuple(tuple(_merge(sorted(day))) for day in days)
    return Schedule(zone=zone, week=week, holidays=frozenset(holidays))


def _merge(intervals: list[Interval]) -> Iterator[Interval]:
    """Overlapping or touching intervals become one, so no minute is counted twice."""
    current: Interval | None = None
    for opens, closes in intervals:
        if current is not None and opens <= current[1]:
            current = (current[0], max(current[1], closes))
            continue
        if current is not None:
            yield current
        current = (opens, closes)
    if current is not None:
        yield current


def _instant(day: dt.date, at: dt.time, zone: dt.tzinfo) -> dt.datetime:
    # A wall time that does not exist (skipped when clocks go forward) is read with the offset
    # before the change, as zoneinfo does with fold=0; the UTC round trip makes it a real instant.
    return dt.datetime.combine(day, at, tzinfo=zone).astimezone(_UTC)


def _open_spans(schedule: Schedule, day: dt.date) -> Iterator[tuple[dt.datetime, dt.datetime]]:
    """The instants (UTC) the site is open on its local `day`."""
    if schedule.always_open:
        # Midnight to midnight in real instants: 23 or 25 hours the days the clocks change.
        yield (
            _instant(day, dt.time(0), schedule.zone),
            _instant(day + dt.timedelta(days=1), dt.time(0), schedule.zone),
        )
        return
    if day in schedule.holidays:
        return
    for opens, closes in schedule.week[day.weekday()]:
        start, end = _instant(day, opens, schedule.zone), _instant(day, closes, schedule.zone)
        if end > start:
            yield start, end


def is_open(schedule: Schedule, at: dt.datetime) -> bool:
    """Whether the site is open at the instant `at`."""
    _check_aware(at)
    day = at.astimezone(schedule.zone).date()
    return any(start <= at < end for start, end in _open_spans(schedule, day))


def _check_aware(*values: dt.datetime) -> None:
    for value in values:
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("Business time needs aware datetimes")


def add_business_minutes(schedule: Schedule, start: dt.datetime, minutes: float) -> dt.datetime:
    """The instant when `minutes` of business time have passed since `start`.

    Time before opening, after closing, at weekends and on holidays does not count. Zero (or
    fewer) minutes is `start` itself. The result is in UTC."""
    _check_aware(start)
    cursor = start.astimezone(_UTC)
    remaining = dt.timedelta(minutes=minutes)
    if remaining <= dt.timedelta(0):
        return cursor
    day = cursor.astimezone(schedule.zone).date()
    for _ in range(_MAX_DAYS):
        for span_start, span_end in _open_spans(schedule, day):
            if span_end <= cursor:
                continue
            begin = max(span_start, cursor)
            available = span_end - begin
            if remaining <= available:
                return begin + remaining
            remaining -= available
            cursor = span_end
        day += dt.timedelta(days=1)
    raise ValueError("The schedule is closed for years on end (holidays cover every open day)")


def business_minutes_between(schedule: Schedule, start: dt.datetime, end: dt.datetime) -> int:
    """Whole business minutes from `start` to `end` (negative when `end` comes first)."""
    return (
        int(business_seconds_between(schedule, start, end) // 60)
        if end >= start
        else (-int(business_seconds_between(schedule, end, start) // 60))
    )


def business_seconds_between(schedule: Schedule, start: dt.datetime, end: dt.datetime) -> float:
    _check_aware(start, end)
    start, end = start.astimezone(_UTC), end.astimezone(_UTC)
    if end <= start:
        return 0.0
    total = dt.timedelta(0)
    day = start.astimezone(schedule.zone).date()
    last = end.astimezone(schedule.zone).date()
    while day <= last:
        for span_start, span_end in _open_spans(schedule, day):
            begin, finish = max(span_start, start), min(span_end, end)
            if finish > begin:
                total += finish - begin
        day += dt.timedelta(days=1)
    return total.total_seconds()


def next_business_day_end(schedule: Schedule, at: dt.datetime) -> dt.datetime:
    """When the site closes on its first open day after the local day of `at` (UTC): "the next
    business day", as a due time that leaves the whole day to do it."""
    _check_aware(at)
    day = at.astimezone(schedule.zone).date()
    for _ in range(_MAX_DAYS):
        day += dt.timedelta(days=1)
        spans = list(_open_spans(schedule, day))
        if spans:
            return spans[-1][1]
    raise ValueError("The schedule is closed for years on end (holidays cover every open day)")
