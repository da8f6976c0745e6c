"""Business time: only minutes the site is open count, in its own time zone, across daylight-saving
changes and holidays."""

import datetime as dt
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill.care.business_time import (
    add_business_minutes,
    business_minutes_between,
    schedule_build,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
WEEKDAYS_8_TO_18 = [(day, dt.time(8), dt.time(18)) for day in range(5)]


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


def test_it_defaults_to_monday_to_friday_nine_to_six() -> None:
    schedule = schedule_build(timezone="Europe/Berlin")
    # Friday 17:00 + 2 h: one hour on Friday, the second on Monday morning.
    due = add_business_minutes(schedule, berlin(2026, 11, 20, 17, 0), 120)
    assert due == berlin(2026, 11, 23, 10, 0)
    assert business_minutes_between(schedule, berlin(2026, 11, 20, 17, 0), due) == 120


def test_time_outside_opening_hours_starts_at_the_next_opening() -> None:
    schedule = schedule_build(timezone="Europe/Berlin", hours=WEEKDAYS_8_TO_18)
    assert add_business_minutes(schedule, berlin(2026, 11, 21, 23, 0), 30) == berlin(
        2026, 11, 23, 8, 30
    )
    assert add_business_minutes(schedule, berlin(2026, 11, 23, 6, 0), 0) == berlin(
        2026, 11, 23, 6, 0
    )


def test_several_intervals_a_day_skip_the_lunch_break() -> None:
    hours = [(d, dt.time(8), dt.time(12)) for d in range(5)] + [
        (d, dt.time(13), dt.time(18)) for d in range(5)
    ]
    schedule = schedule_build(timezone="Europe/Berlin", hours=hours)
    assert add_business_minutes(schedule, berlin(2026, 11, 23, 11, 30), 60) == berlin(
        2026, 11, 23, 13, 30
    )
    assert (
        business_minutes_between(schedule, berlin(2026, 11, 23, 7, 0), berlin(2026, 11, 23, 19, 0))
        == 9 * 60
    )


def test_the_weekend_the_clocks_go_forward_moves_due_times_by_wall_clock() -> None:
    # Europe/Berlin springs forward on Sunday 29 March 2026: Friday is UTC+1, Monday UTC+2.
    schedule = schedule_build(timezone="Europe/Berlin", hours=WEEKDAYS_8_TO_18)
    friday = berlin(2026, 3, 27, 17, 0)
    due = add_business_minutes(schedule, friday, 120)
    assert due == berlin(2026, 3, 30, 9, 0)
    assert due.astimezone(dt.UTC) == dt.datetime(2026, 3, 30, 7, 0, tzinfo=dt.UTC)
    assert business_minutes_between(schedule, friday, due) == 120


def test_a_night_shift_is_an_hour_shorter_when_the_clocks_go_forward() -> None:
    night = [(6, dt.time(0), dt.time(6))]  # Sundays 00:00–06:00
    schedule = schedule_build(timezone="Europe/Berlin", hours=night)
    sunday = berlin(2026, 3, 29, 0, 0)
    assert business_minutes_between(schedule, sunday, berlin(2026, 3, 29, 23, 0)) == 5 * 60
    # Five real hours after midnight it is 06:00 summer time: the shift is over.
    assert add_business_minutes(schedule, sunday, 5 * 60) == berlin(2026, 3, 29, 6, 0)
    assert add_business_minutes(schedule, sunday, 5 * 60 + 1) == berlin(2026, 4, 5, 0, 1)


def test_a_night_shift_is_an_hour_longer_when_the_clocks_go_back() -> None:
    # Europe/Berlin falls back on Sunday 25 October 2026: 02:00–03:00 happens twice.
    schedule = schedule_build(timezone="Europe/Berlin", hours=[(6, dt.time(0), dt.time(6))])
    sunday = berlin(2026, 10, 25, 0, 0)
    assert business_minutes_between(schedule, sunday, berlin(2026, 10, 25, 12, 0)) == 7 * 60
    assert add_business_minutes(schedule, sunday, 7 * 60) == berlin(2026, 10, 25, 6, 0)


def test_the_weekend_the_clocks_go_back() -> None:
    schedule = schedule_build(timezone="Europe/Berlin", hours=WEEKDAYS_8_TO_18)
    friday = berlin(2026, 10, 23, 17, 30)
    due = add_business_minutes(schedule, friday, 60)
    assert due == berlin(2026, 10, 26, 8, 30)
    assert due.astimezone(dt.UTC) == dt.datetime(2026, 10, 26, 7, 30, tzinfo=dt.UTC)


def test_a_holiday_does_not_count() -> None:
    # Whit Monday 2026 (25 May) is a holiday in Germany.
    schedule = schedule_build(
        timezone="Europe/Berlin", hours=WEEKDAYS_8_TO_18, holidays=[dt.date(2026, 5, 25)]
    )
    friday = berlin(2026, 5, 22, 17, 0)
    due = add_business_minutes(schedule, friday, 120)
    assert due == berlin(2026, 5, 26, 9, 0)
    assert business_minutes_between(schedule, friday, berlin(2026, 5, 26, 12, 0)) == 60 + 4 * 60


def test_the_same_instant_in_another_zone_gives_the_same_answer() -> None:
    schedule = schedule_build(timezone="Europe/Berlin", hours=WEEKDAYS_8_TO_18)
    start = berlin(2026, 7, 1, 17, 45)
    assert add_business_minutes(schedule, start, 30) == add_business_minutes(
        schedule, start.astimezone(dt.UTC), 30
    )


def test_it_refuses_naive_datetimes_and_empty_weeks() -> None:
    schedule = schedule_build(timezone="Europe/Berlin")
    with pytest.raises(ValueError, match="aware"):
        add_business_minutes(schedule, dt.datetime(2026, 1, 5, 9, 0), 10)  # noqa: DTZ001
    with pytest.raises(ValueError, match="close after"):
        schedule_build(timezone="UTC", hours=[(0, dt.time(18), dt.time(9))])


def test_a_negative_span_counts_backwards() -> None:
    schedule = schedule_build(timezone="Europe/Berlin")
    assert (
        business_minutes_between(schedule, berlin(2026, 11, 23, 12, 0), berlin(2026, 11, 23, 10, 0))
        == -120
    )


@settings(max_examples=200, deadline=None)
@given(
    start=st.datetimes(
        min_value=dt.datetime(2026, 1, 1),  # noqa: DTZ001
        max_value=dt.datetime(2027, 12, 31),  # noqa: DTZ001
        timezones=st.just(dt.UTC),
    ),
    minutes=st.integers(min_value=0, max_value=20_000),
)
def test_adding_then_measuring_gives_back_the_minutes(start: dt.datetime, minutes: int) -> None:
    schedule = schedule_build(
        timezone="Europe/Berlin",
        hours=[(d, dt.time(8), dt.time(12)) for d in range(6)]
        + [(d, dt.time(13), dt.time(18)) for d in range(5)],
        holidays=[dt.date(2026, 12, 25), dt.date(2027, 1, 1)],
    )
    start = start.replace(second=0, microsecond=0)
    due = add_business_minutes(schedule, start, minutes)
    assert due >= start
    assert business_minutes_between(schedule, start, due) == minutes
