"""The delivery day staff give on a car already on order (the client page's form, the API):
the order journey reaches its delivery on that day, news when it is today, history when it
is gone; a corrected day moves the step and what comes next; a journey further on stays."""

from __future__ import annotations

import datetime as dt

from django.test import Client as Browser
from django.utils import timezone

from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client, Product
from goodwill.clients.services import product_add, product_delivered_set
from goodwill.journeys.models import Journey, JourneyStep, Stage
from goodwill.journeys.services import journey_reach
from goodwill.organisation.models import User


def _ordered(client: Client, advisor: User, *, days_ago: int) -> tuple[Product, Journey]:
    car = product_add(
        actor=advisor,
        client=client,
        kind="car",
        brand="Aurelis",
        model="Veloce 4.0 Coupé",
        purchase_date=timezone.localdate() - dt.timedelta(days=days_ago),
    )
    return car, Journey.objects.get(product=car, template__kind="car_order")


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())


def test_a_car_delivered_today_reaches_its_delivery_and_the_client_hears_of_it(
    client_t: Client, advisor: User
) -> None:
    car, journey = _ordered(client_t, advisor, days_ago=60)

    # When his advisor gives today as the delivery day on the client page
    browser = Browser()
    browser.force_login(advisor)
    response = browser.post(
        f"/clients/{client_t.ref}/products/{car.pk}/delivered/",
        {"delivered_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302

    # Then the journey is at its delivery, by staff, and the next stage is the day after
    journey.refresh_from_db()
    assert journey.stage.code == "delivered"
    step = JourneyStep.objects.get(journey=journey, stage__code="delivered")
    assert step.source == "staff" and step.actor == advisor and step.note == ""
    assert journey.next_stage.code == "day_after"
    # (in the site's time zone: near midnight UTC and local dates differ)
    assert timezone.localdate(journey.next_due_at) == timezone.localdate() + dt.timedelta(days=1)
    # And the news went to him, in German
    (told,) = OutboundMessage.objects.filter(
        client=client_t, reason="journey_stage", key=f"journey:{journey.pk}:{step.stage_id}"
    )
    assert told.language == "de"


def test_a_day_long_gone_is_history_and_what_followed_passes_without_a_word(
    client_t: Client, advisor: User
) -> None:
    car, journey = _ordered(client_t, advisor, days_ago=60)
    day = timezone.localdate() - dt.timedelta(days=20)

    product_delivered_set(actor=advisor, product=car, delivered_on=day)

    journey.refresh_from_db()
    assert journey.stage.code == "delivered" and journey.stage_at == _noon(day)
    step = JourneyStep.objects.get(journey=journey, stage__code="delivered")
    assert step.at == _noon(day) and "History" in step.note
    # Planned from the real day: the day after is already past, for the sweep to pass quietly
    assert journey.next_stage.code == "day_after"
    assert journey.next_due_at == _noon(day) + dt.timedelta(days=1)
    assert not OutboundMessage.objects.filter(key=f"journey:{journey.pk}:{step.stage_id}").exists()


def test_a_corrected_day_moves_the_delivery_and_the_next_stage_with_it(
    client_t: Client, advisor: User
) -> None:
    car, journey = _ordered(client_t, advisor, days_ago=60)
    first = timezone.localdate() - dt.timedelta(days=20)
    product_delivered_set(actor=advisor, product=car, delivered_on=first)

    # When the advisor sees it was three days later, and corrects it
    corrected = first + dt.timedelta(days=3)
    product_delivered_set(actor=advisor, product=car, delivered_on=corrected)

    journey.refresh_from_db()
    step = JourneyStep.objects.get(journey=journey, stage__code="delivered")
    assert step.at == journey.stage_at == _noon(corrected)
    assert journey.next_due_at == _noon(corrected) + dt.timedelta(days=1)
    assert JourneyStep.objects.filter(journey=journey).count() == 2  # ordered, delivered


def test_a_journey_already_past_its_delivery_stays_where_it_is(
    client_t: Client, advisor: User
) -> None:
    car, journey = _ordered(client_t, advisor, days_ago=60)
    product_delivered_set(
        actor=advisor, product=car, delivered_on=timezone.localdate() - dt.timedelta(days=3)
    )
    journey.refresh_from_db()
    day_after = Stage.objects.get(template=journey.template, code="day_after")
    journey_reach(journey=journey, stage=day_after, source="staff", actor=advisor)
    journey.refresh_from_db()
    before = (journey.stage_id, journey.stage_at, journey.next_stage_id, journey.next_due_at)

    product_delivered_set(
        actor=advisor, product=car, delivered_on=timezone.localdate() - dt.timedelta(days=5)
    )

    journey.refresh_from_db()
    assert (journey.stage_id, journey.stage_at, journey.next_stage_id, journey.next_due_at) == (
        before
    )
    delivered = JourneyStep.objects.get(journey=journey, stage__code="delivered")
    assert delivered.at == _noon(timezone.localdate() - dt.timedelta(days=3))


def test_clearing_the_day_changes_no_journey(client_t: Client, advisor: User) -> None:
    car, journey = _ordered(client_t, advisor, days_ago=60)
    product_delivered_set(actor=advisor, product=car, delivered_on=timezone.localdate())
    journey.refresh_from_db()
    before = (journey.stage_id, journey.stage_at)

    product_delivered_set(actor=advisor, product=car, delivered_on=None)

    journey.refresh_from_db()
    assert (journey.stage_id, journey.stage_at) == before


def test_a_car_added_delivered_then_corrected_counts_its_service_from_the_new_day(
    client_t: Client, advisor: User
) -> None:
    first = timezone.localdate() - dt.timedelta(days=30)
    car = product_add(
        actor=advisor,
        client=client_t,
        kind="car",
        brand="Aurelis",
        model="Veloce 4.0 Coupé",
        purchase_date=first - dt.timedelta(days=60),
        delivered_on=first,
    )
    journey = Journey.objects.get(product=car, template__kind="car_order")
    assert journey.started_at == _noon(first)

    corrected = first + dt.timedelta(days=20)
    product_delivered_set(actor=advisor, product=car, delivered_on=corrected)

    journey.refresh_from_db()
    # It started at its delivery: the service and the anniversary count from the corrected day
    assert journey.started_at == journey.stage_at == _noon(corrected)
    day_after = Stage.objects.get(template=journey.template, code="day_after")
    journey_reach(journey=journey, stage=day_after, source="staff", actor=advisor)
    journey.refresh_from_db()
    assert journey.next_stage.code == "service_reminder"
    assert timezone.localdate(journey.next_due_at) == corrected + dt.timedelta(days=335)


def test_the_same_day_again_keeps_the_time_it_was_recorded(client_t: Client, advisor: User) -> None:
    car, journey = _ordered(client_t, advisor, days_ago=60)
    delivered = Stage.objects.get(template=journey.template, code="delivered")
    day = timezone.localdate() - dt.timedelta(days=2)
    fed_at = dt.datetime.combine(day, dt.time(19, 43), tzinfo=timezone.get_current_timezone())
    journey_reach(journey=journey, stage=delivered, source="feed", at=fed_at)

    product_delivered_set(actor=advisor, product=car, delivered_on=day)

    step = JourneyStep.objects.get(journey=journey, stage=delivered)
    assert step.at == fed_at and step.source == "feed"
