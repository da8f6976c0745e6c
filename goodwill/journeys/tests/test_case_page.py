"""The case page's Journey section: stages, the click that moves it, the delivery-day plan."""

from __future__ import annotations

from django.test import Client as Browser

from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Product
from goodwill.journeys.models import DeliveryPlan, Journey, Stage
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


def _delivery_case(new_car: Product, advisor: User) -> Case:
    return case_open(
        actor=advisor,
        client=new_car.client,
        product=new_car,
        category="delivery",
        summary="Delivery",
    )


def test_the_section_shows_the_stages_and_the_plan(new_car: Product, advisor: User) -> None:
    case = _delivery_case(new_car, advisor)
    browser = Browser()
    browser.force_login(advisor)
    assert 'id="journey"' in browser.get(f"/cases/{case.reference}/").content.decode()
    page = browser.get(f"/journeys/case/{case.reference}/").content.decode()
    assert "New car order" in page and "Arrived at the dealer" in page
    assert "Delivery day" in page and "Address as: Herr Lefèvre" in page


def test_a_click_moves_the_journey_and_tells_the_client(
    new_car: Product, advisor: User, order: Journey
) -> None:
    case = _delivery_case(new_car, advisor)
    arrived = Stage.objects.get(template=order.template, code="arrived")
    browser = Browser()
    browser.force_login(advisor)
    response = browser.post(f"/journeys/run/{order.pk}/reach/", {"stage": arrived.pk})
    assert response.status_code == 302 and response["Location"].endswith(
        f"/cases/{case.reference}/"
    )
    message = OutboundMessage.objects.get(key=f"journey:{order.pk}:{arrived.pk}")
    assert message.case == case and "/book/" in message.body_text
    assert browser.post(f"/journeys/run/{order.pk}/reach/", {"stage": "x"}).status_code == 302


def test_the_delivery_day_plan_is_written_on_the_story(
    new_car: Product, advisor: User, order: Journey
) -> None:
    case = _delivery_case(new_car, advisor)
    browser = Browser()
    browser.force_login(advisor)
    browser.post(
        f"/journeys/run/{order.pk}/delivery/",
        {
            "host": advisor.pk,
            "place": "Handover lounge",
            "prepared": "Flowers",
            "preferences": "Tea",
        },
    )
    plan = DeliveryPlan.objects.get(journey=order)
    assert plan.host == advisor and plan.place == "Handover lounge"
    assert Entry.objects.filter(case=case, kind="note", body__contains="Handover lounge").exists()


def test_another_dealer_sees_no_journey(
    new_car: Product, foreign_dealer: User, order: Journey
) -> None:
    browser = Browser()
    browser.force_login(foreign_dealer)
    stage = Stage.objects.get(template=order.template, code="built")
    assert browser.post(f"/journeys/run/{order.pk}/reach/", {"stage": stage.pk}).status_code == 404
    assert browser.post(f"/journeys/run/{order.pk}/delivery/", {}).status_code == 404
