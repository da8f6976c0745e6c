"""The promise form proposes a time from the case's service level, in its site's opening hours,
written in the client's time zone; not one date for every case of a kind."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client as Browser

from goodwill.care.models import Clock
from goodwill.care.selectors import promise_due
from goodwill.care.services import service_levels_ensure_defaults
from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.clients.models import Client
from goodwill.clients.services import client_create
from goodwill.organisation.models import Site, User
from goodwill.promises.models import Promise

BERLIN = ZoneInfo("Europe/Berlin")
# Monday 1 June 2026, 10:00 in Munich.
MONDAY = dt.datetime(2026, 6, 1, 10, 0, tzinfo=BERLIN)


@pytest.fixture
def monday(db: None):  # type: ignore[no-untyped-def]
    service_levels_ensure_defaults()
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def _form(browser: Browser, case: Case) -> str:
    return browser.get(
        f"/cases/{case.reference}/promises/form/", headers={"HX-Request": "true"}
    ).text


def _value(at: dt.datetime, zone: ZoneInfo = BERLIN) -> str:
    return f'value="{at.astimezone(zone):%Y-%m-%dT%H:%M}"'


def _late(case: Case, now: dt.datetime) -> None:
    past = now - dt.timedelta(days=3)
    Clock.objects.filter(case=case).update(started_at=past, warn_at=past, due_at=past)


def test_it_proposes_the_resolution_time_of_the_service_level(
    monday: object, client: Browser, advisor: User, client_t: Client
) -> None:
    case = case_open(actor=advisor, client=client_t, summary="Flat tyre", category="breakdown")
    due = Clock.objects.get(case=case, kind=Clock.Kind.RESOLUTION).due_at
    client.force_login(advisor)

    page = _form(client, case)

    proposed = promise_due(case=case)
    assert proposed is not None and proposed >= due
    assert proposed - due < dt.timedelta(hours=1)  # on the hour, never earlier
    assert proposed.astimezone(BERLIN).minute == 0
    assert _value(proposed) in page and "Europe/Berlin" in page
    assert "by the case&#x27;s service level" in page or "by the case's service level" in page


def test_a_vip_breakdown_and_a_standard_question_get_different_times(
    monday: object, advisor: User, client_t: Client, munich: Site
) -> None:
    standard = client_create(
        actor=advisor,
        first_name="Eva",
        last_name="Brandt",
        email="eva@example.com",
        language="de",
        country="DE",
        site=munich,
        advisor=advisor,
    )
    vip_case = case_open(actor=advisor, client=client_t, summary="Tyre", category="breakdown")
    question = case_open(actor=advisor, client=standard, summary="Hours?", category="information")

    assert promise_due(case=vip_case) != promise_due(case=question)


def test_a_late_case_is_promised_one_update_cadence_from_now_within_opening_hours(
    monday: object, client: Browser, advisor: User, case_t: Case
) -> None:
    # Its resolution clock ran out: the promise is the next update, not a time in the past.
    _late(case_t, MONDAY)

    proposed = promise_due(case=case_t)

    assert proposed is not None and proposed > MONDAY
    local = proposed.astimezone(BERLIN)
    assert local.minute == 0 and 9 <= local.hour <= 18 and local.weekday() < 5


def test_after_closing_time_it_proposes_the_next_opening_hour(advisor: User, case_t: Case) -> None:
    service_levels_ensure_defaults()
    friday_evening = dt.datetime(2026, 6, 5, 17, 55, tzinfo=BERLIN)
    _late(case_t, friday_evening)
    with time_machine.travel(friday_evening, tick=False):
        proposed = promise_due(case=case_t)

    assert proposed is not None
    local = proposed.astimezone(BERLIN)
    assert local.weekday() == 0 and local.minute == 0 and 9 <= local.hour <= 18  # Monday


def test_times_are_written_and_read_in_the_clients_time_zone(
    monday: object, client: Browser, advisor: User, munich: Site
) -> None:
    # A London client of the Munich dealer: an hour behind the dealer.
    londoner = client_create(
        actor=advisor,
        first_name="Oliver",
        last_name="Smith",
        email="oliver@example.co.uk",
        language="en",
        country="GB",
        site=munich,
        advisor=advisor,
    )
    case = case_open(actor=advisor, client=londoner, summary="Noise", category="breakdown")
    proposed = promise_due(case=case)
    assert proposed is not None
    client.force_login(advisor)

    page = _form(client, case)
    assert _value(proposed, ZoneInfo("Europe/London")) in page and "Europe/London" in page

    wall = f"{proposed.astimezone(ZoneInfo('Europe/London')):%Y-%m-%dT%H:%M}"
    client.post(
        f"/cases/{case.reference}/promises/",
        {"text": "We call you back", "due_at": wall, "zone": "Europe/London"},
    )
    assert Promise.objects.get(case=case).due_at == proposed
