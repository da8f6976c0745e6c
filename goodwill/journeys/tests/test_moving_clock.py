"""Journeys run themselves: time passes, the sweep runs, stages advance or alert on time."""

from __future__ import annotations

import datetime as dt

from goodwill.care.models import CallTask
from goodwill.cases.services import case_open
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client, Product
from goodwill.journeys.models import Journey, JourneyStep, Stage
from goodwill.journeys.services import journey_reach
from goodwill.journeys.sweeps import journeys_due
from goodwill.journeys.tests.conftest import later
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User


def _stage(journey: Journey, code: str) -> Stage:
    return Stage.objects.get(template=journey.template, code=code)


def test_a_reported_stage_past_its_date_alerts_the_owner_once(
    order: Journey, advisor: User, manager: User
) -> None:
    assert journeys_due(later(29)) == 0  # "built" is due after 30 days
    assert journeys_due(later(31)) == 1
    alerts = Notification.objects.filter(kind="sla_breached", client=order.client)
    assert {n.recipient for n in alerts} >= {advisor}
    assert "late" in alerts.filter(recipient=advisor).get().title
    assert journeys_due(later(32)) == 0  # told once
    order.refresh_from_db()
    assert order.late_at is not None


def test_the_day_after_happens_on_its_own_with_a_call_planned(
    order: Journey, client_t: Client, new_car: Product, advisor: User
) -> None:
    case = case_open(
        actor=advisor, client=client_t, product=new_car, category="delivery", summary="Delivery"
    )
    order.refresh_from_db()
    delivered = journey_reach(
        journey=order, stage=_stage(order, "delivered"), source="staff", actor=advisor
    )
    assert delivered is not None
    task = CallTask.objects.get(case=case)
    assert task.kind == "follow_up" and task.assignee == advisor and task.due_at > delivered.at
    assert journeys_due(later(0.5)) == 0
    assert journeys_due(later(1.1)) == 1
    order.refresh_from_db()
    assert order.stage.code == "day_after" and order.next_stage is not None
    message = OutboundMessage.objects.get(key=f"journey:{order.pk}:{order.stage_id}")
    assert "Wir hoffen, der erste Tag war schön" in message.body_text
    assert JourneyStep.objects.filter(journey=order, source="time").count() == 1


def test_a_time_stage_long_gone_passes_without_a_word(order: Journey, advisor: User) -> None:
    journey_reach(journey=order, stage=_stage(order, "day_after"), source="staff", actor=advisor)
    order.refresh_from_db()
    assert order.next_stage is not None and order.next_stage.code == "service_reminder"
    journeys_due(order.next_due_at + dt.timedelta(days=30))  # the worker stopped for a month
    step = JourneyStep.objects.get(journey=order, stage__code="service_reminder")
    assert "long gone" in step.note
    assert not OutboundMessage.objects.filter(key=f"journey:{order.pk}:{step.stage_id}").exists()


def test_two_sweeps_at_once_move_a_journey_once(order: Journey, advisor: User) -> None:
    journey_reach(journey=order, stage=_stage(order, "delivered"), source="staff", actor=advisor)
    now = later(2)
    assert journeys_due(now) + journeys_due(now) == 1
