""" "It happened" where staff meet a journey: the client page's card and the list of journeys
under way; the same service, the same rights (a dealer only their own site's clients). And
the day-after call for a journey without a case."""

from __future__ import annotations

import datetime as dt

from django.test import Client as Browser
from django.utils import timezone

from goodwill.care.models import CallTask
from goodwill.care.sweeps import call_tasks_due
from goodwill.clients.models import Client, Product
from goodwill.clients.services import product_add
from goodwill.journeys.models import Journey, JourneyStep, Stage
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User


def _browser(user: User) -> Browser:
    browser = Browser()
    browser.force_login(user)
    return browser


def test_the_client_page_card_shows_the_journey_and_a_click_moves_it(
    new_car: Product, order: Journey, advisor: User
) -> None:
    browser = _browser(advisor)
    client = new_car.client
    assert 'id="journeys"' in browser.get(f"/clients/{client.ref}/").content.decode()
    card = browser.get(f"/journeys/client/{client.ref}/").content.decode()
    assert "New car order" in card and "It happened" in card
    built = Stage.objects.get(template=order.template, code="built")
    response = browser.post(
        f"/journeys/run/{order.pk}/reach/", {"stage": built.pk, "back": "client"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/clients/{client.ref}/")
    step = JourneyStep.objects.get(journey=order, stage=built)
    assert step.source == "staff" and step.actor == advisor
    order.refresh_from_db()
    assert order.stage == built


def test_the_list_of_journeys_under_way_records_a_milestone_in_one_click(
    new_car: Product, order: Journey, advisor: User
) -> None:
    browser = _browser(advisor)
    page = browser.get("/journeys/running/").content.decode()
    assert new_car.client.name in page and "Built: it happened" in page
    response = browser.post(
        f"/journeys/run/{order.pk}/reach/", {"stage": order.next_stage_id, "back": "running"}
    )
    assert response["Location"].endswith("/journeys/running/")
    assert JourneyStep.objects.filter(journey=order, stage__code="built").exists()
    # Twice: nothing more, and said so.
    browser.post(f"/journeys/run/{order.pk}/reach/", {"stage": order.next_stage_id})
    assert JourneyStep.objects.filter(journey=order, stage__code="built").count() == 1


def test_another_sites_dealer_sees_and_moves_nothing(
    new_car: Product, order: Journey, foreign_dealer: User
) -> None:
    browser = _browser(foreign_dealer)
    assert browser.get(f"/journeys/client/{new_car.client.ref}/").status_code == 404
    assert new_car.client.name not in browser.get("/journeys/running/").content.decode()
    response = browser.post(f"/journeys/run/{order.pk}/reach/", {"stage": order.next_stage_id})
    assert response.status_code == 404
    assert JourneyStep.objects.filter(journey=order).count() == 1  # only "ordered"


def test_the_day_after_a_delivery_without_a_case_is_a_call_for_the_advisor(
    client_t: Client, advisor: User, backup: User
) -> None:
    today = timezone.localdate()
    car = product_add(
        actor=advisor,
        client=client_t,
        kind="car",
        brand="Aurelis",
        model="Veloce",
        vin="WAR4VC40N5P031990",
        purchase_date=today,
        delivered_on=today,
    )
    journey = Journey.objects.get(product=car)
    assert journey.case is None and journey.stage.code == "delivered"
    task = CallTask.objects.get(client=client_t)
    assert task.case is None and task.kind == "follow_up" and task.assignee == advisor
    assert task.due_at > timezone.now()
    assert Notification.objects.filter(recipient=advisor, kind="call_task").exists()
    # Its clock: late, the advisor and their backup are told, once.
    later = task.due_at + dt.timedelta(minutes=5)
    assert call_tasks_due(later) == 1 and call_tasks_due(later) == 0
    assert {n.recipient for n in Notification.objects.filter(kind="call_task_late")} == {
        advisor,
        backup,
    }
    # On the advisor's home page, and "Called" goes back to the client.
    browser = _browser(advisor)
    assert client_t.name in browser.get("/").content.decode()
    response = browser.post(f"/care/calls/{task.pk}/done/")
    task.refresh_from_db()
    assert task.state == "done" and response["Location"].endswith(f"/clients/{client_t.ref}/")


def test_a_click_records_the_next_time_of_a_stage_that_comes_back(
    client_t: Client, advisor: User
) -> None:
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    import time_machine

    from goodwill.journeys.sweeps import journeys_due

    berlin = ZoneInfo("Europe/Berlin")
    with time_machine.travel(dt.datetime(2027, 3, 1, 10, 0, tzinfo=berlin), tick=False) as t:
        car = product_add(
            actor=advisor,
            client=client_t,
            kind="car",
            brand="Aurelis",
            model="Veloce 4.0 Coupé",
            vin="WAR4VC40N5P031988",
            purchase_date=dt.date(2027, 2, 1),
            delivered_on=dt.date(2027, 3, 1),
            price=Decimal("128500"),
            currency="EUR",
        )
        journey = Journey.objects.get(product=car)
        # The day after, the first service, the first anniversary: by the sweep.
        for day in (dt.date(2027, 3, 2), dt.date(2028, 1, 30), dt.date(2028, 3, 1)):
            now = dt.datetime.combine(day, dt.time(14), tzinfo=berlin)
            t.move_to(now)
            journeys_due(now)
        journey.refresh_from_db()
        service = Stage.objects.get(template=journey.template, code="service_reminder")
        assert journey.next_stage == service and journey.next_occurrence == 2
        steps = JourneyStep.objects.filter(journey=journey, stage=service)
        assert list(steps.values_list("occurrence", flat=True)) == [1]
        # In June the workshop serviced it, before its date: staff say so.
        t.move_to(dt.datetime(2028, 6, 1, 11, 0, tzinfo=berlin))
        response = _browser(advisor).post(
            f"/journeys/run/{journey.pk}/reach/", {"stage": service.pk, "back": "client"}
        )
        assert response.status_code == 302
        assert sorted(steps.values_list("occurrence", flat=True)) == [1, 2]
        step = steps.get(occurrence=2)
        assert step.source == "staff" and step.actor == advisor
        journey.refresh_from_db()
        assert (journey.next_stage_id, journey.next_occurrence) != (service.pk, 2)
