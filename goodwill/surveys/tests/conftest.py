from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterator

import pytest
import time_machine
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_change_status
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.organisation.models import User
from goodwill.surveys.models import Survey
from goodwill.surveys.sweeps import surveys_due

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# A Wednesday morning: the case is opened and closed then; the survey leaves a day later.
WEDNESDAY = dt.datetime(2026, 12, 9, 10, 0, tzinfo=BERLIN)
FIXED = OutcomeGiven(done="Tyre replaced at the Munich workshop", done_by="Munich", fixed=True)


@pytest.fixture(autouse=True)
def _on_wednesday() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(WEDNESDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def traveller(_on_wednesday: time_machine.Coordinates) -> time_machine.Coordinates:
    return _on_wednesday


def close(case: Case, actor: User) -> Case:
    return case_change_status(actor=actor, case=case, status="resolved", outcome=FIXED)


@pytest.fixture
def closed(case_t: Case, advisor: User) -> Case:
    """Mr. T's flat tyre is fixed and the case resolved, Wednesday 10:00."""
    return close(case_t, advisor)


def a_day_later(traveller: time_machine.Coordinates, hours: int = 25) -> int:
    """The clock moves on and the worker's sweep runs: how many surveys it sent."""
    traveller.shift(dt.timedelta(hours=hours))
    return surveys_due(timezone.now())


def survey_mail(case: Case) -> OutboundMessage:
    return OutboundMessage.objects.get(reason="survey", case=case)


def links(mail: OutboundMessage) -> dict[int, str]:
    """Each score's one-click path in the e-mail."""
    return {
        int(score): path
        for path, score in re.findall(r"https?://[^/\s]+(/s/[A-Za-z0-9_-]+/(\d+)/)", mail.body_text)
    }


def page_path(mail: OutboundMessage) -> str:
    found = re.search(r"https?://[^/\s]+(/s/[A-Za-z0-9_-]+/)\s", mail.body_text)
    assert found is not None
    return found.group(1)


@pytest.fixture
def sent(closed: Case, traveller: time_machine.Coordinates) -> Survey:
    """The survey went out the next day."""
    assert a_day_later(traveller) == 1
    return Survey.objects.get(case=closed)
