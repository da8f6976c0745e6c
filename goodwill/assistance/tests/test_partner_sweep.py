"""No acceptance in the partner's agreed time, or an ETA passed: the owner is alerted at once,
once each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client as Browser

from goodwill.assistance.models import Partner, PartnerTask
from goodwill.assistance.services import partner_task_request, partner_task_update
from goodwill.assistance.sweeps import partner_tasks_due
from goodwill.assistance.tests.conftest import link_token
from goodwill.cases.models import Case
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


@pytest.fixture
def tow_task(saturday, advisor: User, case_t: Case, tow: Partner) -> PartnerTask:
    return partner_task_request(actor=advisor, case=case_t, partner=tow, title="Tow to the dealer")


def test_a_task_nobody_accepted_in_time_alerts_the_owner_once(
    saturday, tow_task: PartnerTask, advisor: User
) -> None:
    saturday.shift(dt.timedelta(minutes=14))
    assert partner_tasks_due(dt.datetime.now(dt.UTC)) == 0

    saturday.shift(dt.timedelta(minutes=2))
    assert partner_tasks_due(dt.datetime.now(dt.UTC)) == 1
    assert partner_tasks_due(dt.datetime.now(dt.UTC)) == 0

    alert = Notification.objects.get(kind="partner_late")
    assert alert.recipient == advisor and "Abschleppdienst Huber" in alert.title
    assert Entry.objects.filter(kind="partner_alert", payload__reason="not_accepted").count() == 1


def test_a_passed_eta_alerts_once_and_a_new_eta_may_alert_again(
    saturday, tow_task: PartnerTask, advisor: User
) -> None:
    now = dt.datetime.now(dt.UTC)
    partner_task_update(task=tow_task, status="accepted", at=now)
    partner_task_update(
        task=tow_task, status="on_the_way", eta=now + dt.timedelta(minutes=30), at=now
    )
    saturday.shift(dt.timedelta(minutes=31))
    assert partner_tasks_due(dt.datetime.now(dt.UTC)) == 1
    assert partner_tasks_due(dt.datetime.now(dt.UTC)) == 0

    later = dt.datetime.now(dt.UTC)
    partner_task_update(
        task=tow_task, status="on_the_way", eta=later + dt.timedelta(minutes=10), at=later
    )
    saturday.shift(dt.timedelta(minutes=11))
    assert partner_tasks_due(dt.datetime.now(dt.UTC)) == 1
    assert Notification.objects.filter(kind="partner_late", recipient=advisor).count() == 2


def test_an_accepted_task_raises_no_acceptance_alert(saturday, tow_task: PartnerTask) -> None:
    Browser().post(f"/p/{link_token(tow_task)}/", {"action": "accepted"})
    saturday.shift(dt.timedelta(hours=1))

    assert partner_tasks_due(dt.datetime.now(dt.UTC)) == 0
    assert not Notification.objects.filter(kind="partner_late").exists()
