"""A case closes with its outcome: what was done, by whom, what it cost, whether it fixed the
problem. Closing an assistance case asks the advisor for a follow-up call the next business
day."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from goodwill.care.models import CallTask
from goodwill.cases.models import Case, Outcome
from goodwill.cases.services import OutcomeGiven, case_change_status, case_open
from goodwill.clients.models import Client
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
FRIDAY_16 = dt.datetime(2026, 12, 11, 16, 0, tzinfo=BERLIN)
TOWED = OutcomeGiven(
    done="Towed to the Munich workshop, tyre replaced",
    done_by="ADAC Roadside",
    fixed=True,
    cost=Decimal("180"),
    currency="eur",
)


@pytest.fixture(autouse=True)
def _on_wednesday() -> Iterator[None]:
    """The fixtures open Mr. T's case on the Wednesday before (autouse fixtures come first)."""
    with time_machine.travel(dt.datetime(2026, 12, 9, 10, 0, tzinfo=BERLIN), tick=False):
        yield


def test_a_person_cannot_close_a_case_without_saying_how_it_ended(
    advisor: User, case_t: Case
) -> None:
    with pytest.raises(ValidationError) as refused:
        case_change_status(actor=advisor, case=case_t, status="resolved")
    assert "done" in refused.value.message_dict
    case_t.refresh_from_db()
    assert case_t.status == "new" and not Outcome.objects.exists()

    half_said = OutcomeGiven(done="Tyre replaced", done_by="", fixed=None, cost=Decimal("10"))
    with pytest.raises(ValidationError) as refused:
        case_change_status(actor=advisor, case=case_t, status="closed", outcome=half_said)
    assert set(refused.value.message_dict) == {"done_by", "fixed", "currency"}


def test_the_outcome_is_kept_on_the_case_and_its_story(advisor: User, case_t: Case) -> None:
    case_change_status(actor=advisor, case=case_t, status="resolved", outcome=TOWED, at=FRIDAY_16)

    outcome = Outcome.objects.get(case=case_t)
    assert (outcome.done_by, outcome.cost, outcome.currency, outcome.fixed) == (
        "ADAC Roadside",
        Decimal("180.00"),
        "EUR",
        True,
    )
    assert outcome.recorded_by == advisor and case_t.outcome == outcome
    entry = Entry.objects.get(case=case_t, kind="case_outcome")
    assert entry.summary == TOWED.done and entry.payload["cost"] == "180.00"
    # Resolved, then closed: said once is enough
    case_change_status(actor=advisor, case=case_t, status="closed")
    assert Outcome.objects.filter(case=case_t).count() == 1


def test_the_system_closes_without_an_outcome(advisor: User, case_t: Case) -> None:
    # An import or a migration: nobody to ask.
    case_change_status(actor=None, case=case_t, status="closed")
    case_t.refresh_from_db()
    assert case_t.status == "closed" and case_t.outcome is None


def test_closing_from_the_case_page_asks_for_the_outcome(
    client, advisor: User, case_t: Case
) -> None:
    client.force_login(advisor)
    url = f"/cases/{case_t.reference}/status/"

    refused = client.post(url, {"status": "resolved"})
    assert refused.status_code == 400
    assert "Say how the case ended before closing it" in refused.text
    case_t.refresh_from_db()
    assert case_t.status == "new"

    done = client.post(
        url,
        {
            "status": "resolved",
            "done": "Tyre replaced at the roadside",
            "done_by": "ADAC Roadside",
            "cost": "95.50",
            "currency": "EUR",
            "fixed": "yes",
        },
    )
    assert done.status_code == 302
    page = client.get(f"/cases/{case_t.reference}/").text
    assert "Tyre replaced at the roadside" in page and "95.50 EUR" in page


def test_closing_an_assistance_case_asks_the_advisor_for_a_follow_up_call_next_business_day(
    advisor: User, backup: User, case_t: Case
) -> None:
    # Mr. T's breakdown closes on Friday at 16:00 (Munich: Monday to Friday, 09:00–18:00)
    case_change_status(actor=advisor, case=case_t, status="resolved", outcome=TOWED, at=FRIDAY_16)

    task = CallTask.objects.get(case=case_t)
    assert (task.kind, task.state, task.assignee) == ("follow_up", "open", advisor)
    # Due by the end of Monday, the next business day
    assert task.due_at == dt.datetime(2026, 12, 14, 18, 0, tzinfo=BERLIN)
    assert Entry.objects.filter(case=case_t, kind="call_task").count() == 1
    # Closed again after a reopening: a new close, a new follow-up
    case_change_status(actor=advisor, case=case_t, status="open", at=FRIDAY_16)
    case_change_status(actor=advisor, case=case_t, status="closed", outcome=TOWED, at=FRIDAY_16)
    assert CallTask.objects.filter(case=case_t, kind="follow_up").count() == 2


def test_other_cases_close_without_a_follow_up_call(advisor: User, client_t: Client) -> None:
    case = case_open(actor=advisor, client=client_t, summary="Invoice twice", category="billing")
    case_change_status(actor=advisor, case=case, status="closed", outcome=TOWED)
    assert not CallTask.objects.exists()
