"""A journey starts on what happens: a car ordered, a case of a kind; once."""

from __future__ import annotations

from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client, Product
from goodwill.journeys.models import Journey, JourneyStep
from goodwill.journeys.services import journey_start_for_product
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


def test_a_car_ordered_today_starts_its_order_journey_and_says_thank_you(
    new_car: Product, client_t: Client
) -> None:
    journey = Journey.objects.get(product=new_car)
    assert journey.template.kind == "car_order" and journey.stage.code == "ordered"
    assert journey.next_stage is not None and journey.next_stage.code == "built"
    message = OutboundMessage.objects.get(key=f"journey:{journey.pk}:{journey.stage_id}")
    assert message.language == "de" and message.reason == "journey_stage"
    assert "Vielen Dank für Ihre Bestellung" in message.body_text
    assert "Herr Lefèvre" in message.body_text
    assert Entry.objects.filter(client=client_t, kind="journey_stage").exists()


def test_it_starts_once_per_product(new_car: Product) -> None:
    again = journey_start_for_product(product=new_car)
    assert again is not None and Journey.objects.filter(product=new_car).count() == 1
    assert JourneyStep.objects.filter(journey=again).count() == 1


def test_a_car_bought_years_ago_is_owned_not_awaited(car: Product) -> None:
    journey = Journey.objects.get(product=car)
    assert journey.template.kind == "ownership"
    assert not OutboundMessage.objects.filter(reason="journey_stage").exists()


def test_an_assistance_case_starts_the_assistance_journey(case_t: Case) -> None:
    journey = Journey.objects.get(case=case_t)
    assert journey.template.kind == "assistance" and journey.stage.code == "opened"


def test_a_closed_assistance_ends_its_journey_and_is_never_late_after(
    case_t: Case, advisor: User
) -> None:
    import datetime as dt

    from django.utils import timezone

    from goodwill.cases.services import OutcomeGiven, case_change_status
    from goodwill.journeys.sweeps import journeys_due

    journey = Journey.objects.get(case=case_t)
    assert journey.next_stage is not None and journey.next_due_at is not None
    towed = OutcomeGiven(done="Towed and repaired", done_by="Abschleppdienst Huber", fixed=True)
    case_change_status(actor=advisor, case=case_t, status="resolved", outcome=towed)
    journey.refresh_from_db()
    assert journey.state == Journey.State.DONE and journey.next_stage is None
    # Days later, the sweep finds nothing late on it (it used to say "Back on the road is late").
    journeys_due(timezone.now() + dt.timedelta(days=10))
    assert not Entry.objects.filter(
        client=case_t.client, kind=Entry.Kind.JOURNEY_STAGE, payload__late=True
    ).exists()


def test_a_closed_delivery_case_leaves_the_cars_order_journey_going(
    new_car: Product, client_t: Client, advisor: User
) -> None:
    from goodwill.cases.services import OutcomeGiven, case_change_status

    case = case_open(
        actor=advisor, client=client_t, product=new_car, category="delivery", summary="Delivery"
    )
    handed = OutcomeGiven(done="Handed over at the showroom", done_by="Anna", fixed=True)
    case_change_status(actor=advisor, case=case, status="closed", outcome=handed)
    assert Journey.objects.get(product=new_car).state == Journey.State.ACTIVE


def test_a_delivery_case_joins_its_cars_order_journey(
    new_car: Product, client_t: Client, advisor: User
) -> None:
    case = case_open(
        actor=advisor, client=client_t, product=new_car, category="delivery", summary="Delivery"
    )
    assert Journey.objects.get(product=new_car).case == case


def test_a_delivery_reached_after_its_case_closed_asks_for_the_recommendation(
    new_car: Product, client_t: Client, advisor: User
) -> None:
    from goodwill.cases.services import case_change_status
    from goodwill.journeys.models import Stage
    from goodwill.journeys.services import journey_reach
    from goodwill.surveys.models import Survey

    case = case_open(
        actor=advisor, client=client_t, product=new_car, category="delivery", summary="Delivery"
    )
    journey = Journey.objects.get(product=new_car)
    # The handover was closed by the system (an import) before the feed said "delivered".
    case_change_status(actor=None, case=case, status="closed")
    Survey.objects.filter(case=case).delete()
    delivered = Stage.objects.get(template=journey.template, code="delivered")

    journey_reach(journey=journey, stage=delivered, source="feed")

    survey = Survey.objects.get(case=case)
    assert survey.kind == Survey.Kind.RECOMMENDATION and survey.state == Survey.State.SCHEDULED


def test_a_car_added_already_delivered_starts_at_its_delivery_never_ordered(
    client_t: Client, advisor: User
) -> None:
    import datetime as dt

    from django.utils import timezone

    from goodwill.clients.services import product_add
    from goodwill.journeys.sweeps import journeys_due

    today = timezone.localdate()
    car = product_add(
        actor=advisor,
        client=client_t,
        kind="car",
        brand="Aurelis",
        model="Veloce 4.0 Coupé",
        vin="WAR4VC40N5P031988",
        purchase_date=today - dt.timedelta(days=100),
        delivered_on=today - dt.timedelta(days=60),  # driven for two months
    )
    journey = Journey.objects.get(product=car)
    assert journey.template.kind == "car_order" and journey.stage.code == "delivered"
    assert journey.started_at.date() == today - dt.timedelta(days=60)
    assert not JourneyStep.objects.filter(journey=journey, stage__code="ordered").exists()
    journeys_due(timezone.now())  # the day after is long gone: passed without a word
    journey.refresh_from_db()
    assert journey.stage.code == "day_after" and journey.next_stage is not None
    assert journey.next_stage.code == "service_reminder"
    assert not OutboundMessage.objects.filter(client=client_t).exists()


def test_a_car_delivered_today_is_congratulated_and_called_the_day_after(
    client_t: Client, advisor: User
) -> None:
    from django.utils import timezone

    from goodwill.clients.services import product_add

    today = timezone.localdate()
    car = product_add(
        actor=advisor,
        client=client_t,
        kind="car",
        brand="Aurelis",
        model="Veloce",
        vin="WAR4VC40N5P031989",
        purchase_date=today,
        delivered_on=today,
    )
    journey = Journey.objects.get(product=car)
    assert journey.stage.code == "delivered"
    message = OutboundMessage.objects.get(key=f"journey:{journey.pk}:{journey.stage_id}")
    assert "Herzlichen Glückwunsch" in message.body_text


def test_a_watch_bought_weeks_ago_gets_no_day_after_message(
    client_t: Client, advisor: User
) -> None:
    import datetime as dt

    from django.utils import timezone

    from goodwill.clients.services import product_add
    from goodwill.journeys.sweeps import journeys_due

    watch = product_add(
        actor=advisor,
        client=client_t,
        kind="watch",
        brand="Aurelis",
        model="Chronograph",
        serial="CH-42",
        purchase_date=timezone.localdate() - dt.timedelta(days=40),
    )
    journey = Journey.objects.get(product=watch)
    assert journey.template.kind == "watch"
    journeys_due(timezone.now())
    assert not OutboundMessage.objects.filter(client=client_t).exists()
