"""Surveys that respect the client: one a period at most, none while a case is open, none to a
client who asked for none, none without an e-mail address, and never twice for a case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.test import Client as Browser

from goodwill.cases.models import Case
from goodwill.cases.services import case_change_status, case_open
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.clients.services import client_create
from goodwill.organisation.models import User
from goodwill.surveys.models import Survey, SurveyPreference
from goodwill.surveys.tests.conftest import a_day_later, close, page_path, survey_mail


def _another_case(client: Client, advisor: User, summary: str = "Scratch on the door") -> Case:
    return case_open(
        actor=advisor, client=client, summary=summary, category="information", channel="email"
    )


def test_one_survey_a_period_at_most(
    sent: Survey,
    advisor: User,
    traveller: time_machine.Coordinates,
    settings: Any,
) -> None:
    traveller.shift(dt.timedelta(days=10))
    second = close(_another_case(sent.client, advisor), advisor)
    assert a_day_later(traveller) == 0
    skipped = Survey.objects.get(case=second)
    assert (skipped.state, skipped.skipped) == ("skipped", "recent")
    assert not OutboundMessage.objects.filter(reason="survey", case=second).exists()

    # A brand that asks more often says so.
    settings.GOODWILL_SURVEY_MIN_DAYS = 5
    third = close(_another_case(sent.client, advisor, "Key fob"), advisor)
    assert a_day_later(traveller) == 1
    assert Survey.objects.get(case=third).state == "sent"


def test_none_while_the_client_has_another_case_open(
    closed: Case, advisor: User, traveller: time_machine.Coordinates
) -> None:
    _another_case(closed.client, advisor)
    assert a_day_later(traveller) == 0
    survey = Survey.objects.get(case=closed)
    assert (survey.state, survey.skipped) == ("skipped", "case_open")


def test_none_when_the_case_was_opened_again(
    closed: Case, advisor: User, traveller: time_machine.Coordinates
) -> None:
    case_change_status(actor=advisor, case=closed, status="open")
    assert a_day_later(traveller) == 0
    assert Survey.objects.get(case=closed).skipped == "reopened"


def test_none_to_a_client_who_asked_for_none(
    sent: Survey, advisor: User, traveller: time_machine.Coordinates, client: Browser
) -> None:
    stop = page_path(survey_mail(sent.case)) + "stop/"
    # Opening the link (or a scanner opening it) decides nothing: the client confirms.
    assert client.get(stop).status_code == 200
    assert not SurveyPreference.objects.exists()
    assert client.post(stop).status_code == 200
    assert SurveyPreference.objects.get(client=sent.client).via == "email"

    traveller.shift(dt.timedelta(days=60))
    later = close(_another_case(sent.client, advisor), advisor)
    assert a_day_later(traveller) == 0
    assert Survey.objects.get(case=later).skipped == "declined"


def test_none_without_an_email_address(
    advisor: User, munich: object, traveller: time_machine.Coordinates
) -> None:
    phone_only = client_create(
        actor=advisor,
        first_name="Otto",
        last_name="Keller",
        phone="+49 171 7654321",
        language="de",
        country="DE",
        site=advisor.site,
        advisor=advisor,
    )
    case = close(_another_case(phone_only, advisor), advisor)
    assert a_day_later(traveller) == 0
    assert Survey.objects.get(case=case).skipped == "no_email"


def test_never_twice_for_a_case(
    sent: Survey, advisor: User, traveller: time_machine.Coordinates
) -> None:
    case_change_status(actor=advisor, case=sent.case, status="open")
    traveller.shift(dt.timedelta(days=40))
    close(Case.objects.get(pk=sent.case_id), advisor)
    assert a_day_later(traveller) == 0
    assert Survey.objects.filter(case=sent.case).count() == 1
    assert OutboundMessage.objects.filter(reason="survey").count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Survey.objects.create(
            kind="satisfaction",
            case=sent.case,
            client=sent.client,
            site=sent.site,
            owner=sent.owner,
            category="breakdown",
            tier="vip",
            made_at=sent.made_at,
            due_at=sent.due_at,
        )


def test_the_sweep_sends_each_survey_once_however_often_it_runs(
    closed: Case, traveller: time_machine.Coordinates
) -> None:
    assert a_day_later(traveller) == 1
    assert a_day_later(traveller, hours=0) == 0
    assert OutboundMessage.objects.filter(reason="survey", case=closed).count() == 1
    assert survey_mail(closed).status in ("queued", "sent")
