"""Promises: under-promise, over-deliver, and never forget what was promised (story 000)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_change_status, case_open
from goodwill.clients.models import Client
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User
from goodwill.promises.models import Promise
from goodwill.promises.selectors import kept_rates_by_person, kept_rates_by_site, quote_suggestion
from goodwill.promises.services import promise_keep, promise_make
from goodwill.promises.sweeps import promises_due
from goodwill.timeline.models import Entry

# How the cases these stories close ended (a person closing a case says so).
SETTLED = OutcomeGiven(done="Settled with the client", done_by="Anna Schmid", fixed=True)

MONDAY = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def monday():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def test_it_records_a_promise_on_the_timeline(monday, agent: User, case_t: Case) -> None:
    promise = promise_make(
        actor=agent,
        case=case_t,
        text="Your car is ready by Friday",
        due_at=MONDAY + dt.timedelta(days=4),
    )
    assert (
        promise.status == "open" and promise.made_by == agent and promise.site_id == case_t.site_id
    )
    entry = Entry.objects.get(case=case_t, kind="promise_made")
    assert entry.actor == agent and entry.summary == "Your car is ready by Friday"


def test_it_refuses_a_promise_in_the_past_or_on_a_closed_case(
    monday, advisor: User, case_t: Case
) -> None:
    with pytest.raises(ValidationError) as error:
        promise_make(actor=advisor, case=case_t, text="Done", due_at=MONDAY - dt.timedelta(hours=1))
    assert "due_at" in error.value.message_dict
    case_change_status(actor=advisor, case=case_t, status="closed", outcome=SETTLED)
    with pytest.raises(ValidationError) as error:
        promise_make(actor=advisor, case=case_t, text="Done", due_at=MONDAY + dt.timedelta(hours=1))
    assert "case" in error.value.message_dict


def test_another_dealer_cannot_promise_on_a_case_it_cannot_see(
    client, foreign_dealer: User, case_t: Case
) -> None:
    client.force_login(foreign_dealer)
    response = client.post(
        f"/cases/{case_t.reference}/promises/", {"text": "x", "due_at": "2099-01-01T10:00"}
    )
    assert response.status_code == 404 and not Promise.objects.exists()


def test_a_promise_kept_in_time_is_kept(monday, advisor: User, case_t: Case) -> None:
    promise = promise_make(
        actor=advisor, case=case_t, text="Call back by noon", due_at=MONDAY + dt.timedelta(hours=4)
    )
    monday.shift(dt.timedelta(hours=2))
    promise_keep(actor=advisor, promise=promise)
    promise.refresh_from_db()
    assert promise.status == "kept" and promise.resolved_by == advisor
    assert Entry.objects.filter(case=case_t, kind="promise_kept").count() == 1
    with pytest.raises(ValidationError):
        promise_keep(actor=advisor, promise=promise)
    assert promises_due(MONDAY + dt.timedelta(days=1)) == 0


def test_the_maker_is_reminded_once_shortly_before_it_falls_due(
    monday, agent: User, case_t: Case
) -> None:
    promise = promise_make(
        actor=agent,
        case=case_t,
        text="Courtesy car at the hotel",
        due_at=MONDAY + dt.timedelta(hours=10),
    )
    # A tenth of a ten-hour span: one hour before.
    assert promises_due(MONDAY + dt.timedelta(hours=8, minutes=59)) == 0
    assert promises_due(MONDAY + dt.timedelta(hours=9)) == 1
    assert promises_due(MONDAY + dt.timedelta(hours=9, minutes=5)) == 0
    # Chiara promised on Anna's case: both are reminded, once.
    reminders = Notification.objects.filter(kind="promise_due")
    assert sorted(n.recipient.username for n in reminders) == ["anna", "chiara"]
    assert all(n.case == case_t and "Courtesy car at the hotel" in n.title for n in reminders)
    promise.refresh_from_db()
    assert promise.status == "open" and promise.reminded_at is not None


def test_a_promise_not_kept_in_time_is_broken_once_and_people_are_told(
    monday, agent: User, advisor: User, manager: User, case_t: Case
) -> None:
    promise = promise_make(
        actor=agent, case=case_t, text="Better than Ferrari", due_at=MONDAY + dt.timedelta(hours=1)
    )
    later = MONDAY + dt.timedelta(hours=2)
    assert promises_due(later) == 1
    assert promises_due(later) == 0  # a second run, or a second worker, changes nothing
    promise.refresh_from_db()
    assert promise.status == "broken" and promise.resolved_at == promise.due_at
    assert Entry.objects.filter(case=case_t, kind="promise_broken").count() == 1
    broken = Notification.objects.filter(kind="promise_broken")
    # The maker, the case's owner and the manager, once each.
    assert sorted(n.recipient.username for n in broken) == sorted(
        [agent.username, advisor.username, manager.username]
    )
    with pytest.raises(ValidationError):
        promise_keep(actor=agent, promise=promise)


def test_it_cannot_be_kept_after_it_fell_due_even_before_the_sweep(
    monday, advisor: User, case_t: Case
) -> None:
    promise = promise_make(
        actor=advisor, case=case_t, text="Tyre fitted", due_at=MONDAY + dt.timedelta(hours=1)
    )
    monday.shift(dt.timedelta(hours=1, minutes=1))
    with pytest.raises(ValidationError) as error:
        promise_keep(actor=advisor, promise=promise)
    assert "broken" in str(error.value)


def _resolved(
    actor: User, client: Client, *, opened: dt.datetime, hours: float, category: str = "breakdown"
) -> Case:
    case = case_open(
        actor=actor, client=client, summary="Past case", category=category, opened_at=opened
    )
    case_change_status(
        actor=actor,
        case=case,
        status="resolved",
        at=opened + dt.timedelta(hours=hours),
        outcome=SETTLED,
    )
    return case


def test_it_suggests_the_time_by_which_80_percent_of_similar_cases_were_done(
    monday, advisor: User, client_t: Client
) -> None:
    past = MONDAY - dt.timedelta(days=60)
    for hours in (10, 20, 30, 40, 50, 60, 70, 80, 90, 100):
        _resolved(advisor, client_t, opened=past, hours=hours)
    _resolved(
        advisor, client_t, opened=past, hours=1000, category="billing"
    )  # another kind of case
    case = case_open(actor=advisor, client=client_t, summary="Flat tyre", category="breakdown")
    suggestion = quote_suggestion(case=case)
    assert suggestion is not None
    # Nearest rank: the 8th of 10 durations, 80 hours after opening: Thursday 18:00 in Zurich, a
    # time to quote.
    assert (
        suggestion.due_at == MONDAY + dt.timedelta(hours=80)
        and suggestion.sample == 10
        and suggestion.share == 80
    )


def test_it_suggests_from_cases_still_open_at_this_age_and_nothing_without_history(
    monday, advisor: User, client_t: Client
) -> None:
    past = MONDAY - dt.timedelta(days=60)
    case = case_open(
        actor=advisor,
        client=client_t,
        summary="Flat tyre",
        category="breakdown",
        opened_at=MONDAY - dt.timedelta(hours=35),
    )
    assert quote_suggestion(case=case) is None
    for hours in (10, 20, 30, 40, 50, 60, 70, 80, 90, 100):
        _resolved(advisor, client_t, opened=past, hours=hours)
    suggestion = quote_suggestion(case=case)
    assert suggestion is not None
    # Of the cases still open 35 hours in (40..100), 80% were done by 90 hours: Wednesday 17:00 in
    # Zurich.
    assert suggestion.due_at == case.opened_at + dt.timedelta(hours=90) and suggestion.sample == 7


def test_kept_rates_per_person_and_per_site(
    monday, advisor: User, agent: User, manager: User, case_t: Case
) -> None:
    soon = MONDAY + dt.timedelta(hours=1)
    for text in ("one", "two", "three"):
        promise_keep(
            actor=advisor, promise=promise_make(actor=advisor, case=case_t, text=text, due_at=soon)
        )
    promise_make(actor=advisor, case=case_t, text="four", due_at=soon)
    promise_make(actor=agent, case=case_t, text="five", due_at=soon)
    promises_due(soon)
    people = {r.name: r for r in kept_rates_by_person(user=manager)}
    assert people["Anna Schmid"].rate == 75 and people["Chiara Rossi"].rate == 0
    sites = {r.name: r for r in kept_rates_by_site(user=manager)}
    assert sites["Aurelis München"].kept == 3 and sites["Aurelis München"].broken == 2
    assert sites["Aurelis München"].rate == 60
    assert [r.name for r in kept_rates_by_person(user=advisor)] == ["Anna Schmid"]  # one's own only


def test_the_case_page_lists_promises_and_keeps_one(
    client, monday, advisor: User, case_t: Case
) -> None:
    client.force_login(advisor)
    url = f"/cases/{case_t.reference}/"
    response = client.post(
        url + "promises/", {"text": "Car delivered to your house", "due_at": "2026-06-03T17:00"}
    )
    assert response.status_code == 302
    promise = Promise.objects.get()
    # The form reads the time in the staff member's zone (Munich, summer: UTC+2).
    assert promise.due_at == dt.datetime(2026, 6, 3, 15, 0, tzinfo=dt.UTC)
    page = client.get(url).text
    assert "Car delivered to your house" in page and f"/promises/{promise.pk}/keep/" in page
    assert client.post(f"/promises/{promise.pk}/keep/").status_code == 302
    promise.refresh_from_db()
    assert promise.status == "kept"
    assert "Car delivered to your house" in client.get(url).text


def test_the_promises_page_for_managers(
    client,
    monday,
    django_assert_num_queries,
    advisor: User,
    agent: User,
    manager: User,
    case_t: Case,
) -> None:
    soon = MONDAY + dt.timedelta(hours=1)
    promise_keep(
        actor=advisor,
        promise=promise_make(actor=advisor, case=case_t, text="Kept one", due_at=soon),
    )
    promise_make(actor=agent, case=case_t, text="Still open", due_at=soon + dt.timedelta(days=1))
    client.force_login(manager)
    # session, user with their site, people, sites, open promises, unread badge
    with django_assert_num_queries(6):
        page = client.get("/promises/").text
    assert (
        "Anna Schmid" in page
        and "Aurelis München" in page
        and "Still open" in page
        and "100%" in page
    )


def test_the_promise_form_comes_with_the_time_to_quote(
    client, monday, advisor: User, client_t: Client
) -> None:
    past = MONDAY - dt.timedelta(days=60)
    for hours in (10, 20, 30, 40, 50):
        _resolved(advisor, client_t, opened=past, hours=hours)
    case = case_open(actor=advisor, client=client_t, summary="Flat tyre", category="breakdown")
    client.force_login(advisor)
    assert "promises/form/" in client.get(f"/cases/{case.reference}/").text
    fragment = client.get(
        f"/cases/{case.reference}/promises/form/", headers={"HX-Request": "true"}
    ).text
    # 40 hours after Monday 10:00 in Munich is Wednesday 02:00: quoted as Wednesday 10:00.
    assert (
        "80% of similar cases were done by then" in fragment
        and 'value="2026-06-03T10:00"' in fragment
    )
