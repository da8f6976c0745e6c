"""Assistance runs around the clock: a breakdown, an accident or a theft is counted on the care
centre's line, day and night, whatever the hours of the dealer that owns the case."""

import datetime as dt
import zoneinfo

import time_machine

from goodwill.care.models import Clock
from goodwill.care.services import opening_hours_set
from goodwill.care.sweeps import clocks_due
from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.clients.models import Client
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
SATURDAY_10 = dt.datetime(2026, 11, 28, 10, 0, tzinfo=BERLIN)


def _weekdays_only(site: Site) -> None:
    opening_hours_set(actor=None, site=site, hours=[(d, dt.time(9), dt.time(18)) for d in range(5)])


def test_a_vip_breakdown_on_saturday_is_late_on_saturday(
    care_centre: Site, munich: Site, advisor: User, client_t: Client
) -> None:
    _weekdays_only(munich)  # the dealer is closed at weekends
    with time_machine.travel(SATURDAY_10, tick=False):
        case = case_open(
            actor=advisor,
            client=client_t,
            summary="Flat tyre on the motorway",
            category=Case.Category.BREAKDOWN,
            opened_at=SATURDAY_10,
        )
    first = Clock.objects.get(case=case, kind="first_response")
    assert first.due_at == SATURDAY_10 + dt.timedelta(minutes=30)

    clocks_due(SATURDAY_10 + dt.timedelta(minutes=31))

    first.refresh_from_db()
    assert first.state == Clock.State.BREACHED
    assert Entry.objects.filter(case=case, kind=Entry.Kind.SLA_BREACHED).exists()


def test_accident_and_theft_are_assistance_too(
    care_centre: Site, munich: Site, advisor: User, client_t: Client
) -> None:
    _weekdays_only(munich)
    for category in (Case.Category.ACCIDENT, Case.Category.THEFT):
        case = case_open(
            actor=advisor,
            client=client_t,
            summary=str(category),
            category=category,
            opened_at=SATURDAY_10,
        )
        first = Clock.objects.get(case=case, kind="first_response")
        assert first.due_at == SATURDAY_10 + dt.timedelta(hours=1)  # VIP, any category


def test_other_categories_wait_for_the_dealer_to_open(
    care_centre: Site, munich: Site, advisor: User, client_t: Client
) -> None:
    _weekdays_only(munich)
    case = case_open(
        actor=advisor,
        client=client_t,
        summary="Invoice twice",
        category=Case.Category.BILLING,
        opened_at=SATURDAY_10,
    )
    first = Clock.objects.get(case=case, kind="first_response")
    assert first.due_at == dt.datetime(2026, 11, 30, 10, 0, tzinfo=BERLIN)  # Monday
