"""Story 004 in the demo: the arrival told in Steve's language with his delivery slots, the
delivery-day plan, the day-after call, and Steve on the suppression list while his complaint is
open."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from goodwill.care.models import CallTask
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.journeys.models import DeliveryPlan, Journey
from goodwill.journeys.suppression import suppressions

pytestmark = pytest.mark.django_db


def test_steves_car_journey_in_the_demo() -> None:
    call_command("demo_load", clients=0, stdout=io.StringIO())
    steve = Client.objects.get(contact_points__normalized="steve.marsh@example.com")
    journey = Journey.objects.get(client=steve, template__kind="car_order")
    assert journey.stage.code == "arrived" and journey.case is not None

    arrival = OutboundMessage.objects.get(key=f"journey:{journey.pk}:{journey.stage_id}")
    assert arrival.language == "en" and arrival.to_address == "steve.marsh@example.com"
    assert "Your car has arrived at the dealer" in arrival.body_text
    assert "/book/" in arrival.body_text and "Dear Steve" in arrival.body_text

    plan = DeliveryPlan.objects.get(journey=journey)
    assert plan.host is not None and "Address as: Steve" in plan.preferences

    call = CallTask.objects.get(case=journey.case, state="open")
    assert call.kind == "follow_up" and call.assignee == plan.host

    reasons = {s.reason for s in suppressions(client_ids=[steve.pk])}
    assert "open_complaint" in reasons
    # The odometer read at the handover, on his car: the next service is estimated from it.
    car = steve.products.get()
    assert car.mileage_km == 24 and car.mileage_read_on is not None
