"""A brand manager edits the journeys at /journeys/; the brand's words are a sandboxed template."""

from __future__ import annotations

from django.test import Client as Browser

from goodwill.channels.outbox.models import OutboundMessage
from goodwill.journeys.models import Journey, JourneyTemplate, Stage
from goodwill.journeys.services import journey_reach
from goodwill.organisation.models import User


def _form(stage: Stage, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": stage.title,
        "feel": stage.feel,
        "spoilers": stage.spoilers,
        "checklist": stage.checklist,
        "message": stage.message,
        "text": stage.text,
        "role": stage.role,
        "anchor": stage.anchor,
        "due_days": stage.due_days,
        "advance": stage.advance,
        "booking_kind": stage.booking_kind,
    }
    data.update(changes)
    return data


def test_a_manager_sees_every_plan_with_its_stages(manager: User) -> None:
    browser = Browser()
    browser.force_login(manager)
    page = browser.get("/journeys/").content.decode()
    for name in ("New car order", "Watch purchase and servicing", "Repair", "Assistance"):
        assert name in page
    assert "Arrived at the dealer" in page and "Nobody says the car has arrived" in page


def test_an_advisor_may_not_edit_journeys(advisor: User) -> None:
    browser = Browser()
    browser.force_login(advisor)
    assert browser.get("/journeys/").status_code == 403
    stage = Stage.objects.get(template__kind="car_order", code="arrived")
    assert browser.post(f"/journeys/stages/{stage.pk}/", _form(stage)).status_code == 403


def test_a_manager_edits_a_stage_and_the_words_reach_the_client(
    manager: User, advisor: User, order: Journey
) -> None:
    stage = Stage.objects.get(template__kind="car_order", code="shipped")
    browser = Browser()
    browser.force_login(manager)
    text = "{{ advisor }} follows it for you.{% if case_title %} ({{ case_title }}){% endif %}"
    response = browser.post(
        f"/journeys/stages/{stage.pk}/",
        _form(stage, checklist="Track the ship\nTell the client", text=text, due_days=9),
    )
    assert response.status_code == 302
    stage.refresh_from_db()
    assert stage.checklist_items == ["Track the ship", "Tell the client"] and stage.due_days == 9
    journey_reach(journey=order, stage=stage, source="staff", actor=advisor)
    message = OutboundMessage.objects.get(key=f"journey:{order.pk}:{stage.pk}")
    assert "hat das Werk verlassen" in message.body_text
    assert f"{advisor.get_full_name()} follows it for you." in message.body_text


def test_a_template_outside_the_sandbox_is_refused_with_the_reason(manager: User) -> None:
    stage = Stage.objects.get(template__kind="car_order", code="arrived")
    browser = Browser()
    browser.force_login(manager)
    for text in ("{% load static %}", "{{ client.advisor.password }}", "{% include 'x' %}"):
        response = browser.post(f"/journeys/stages/{stage.pk}/", _form(stage, text=text))
        assert response.status_code == 400 and "does not read" in response.content.decode()
    response = browser.post(f"/journeys/stages/{stage.pk}/", _form(stage, message="no_such"))
    assert response.status_code == 400
    stage.refresh_from_db()
    assert stage.text == ""


def test_a_brand_defined_invitation_is_a_new_stage(manager: User) -> None:
    template = JourneyTemplate.objects.get(kind="watch")
    browser = Browser()
    browser.force_login(manager)
    response = browser.post(
        f"/journeys/{template.pk}/stages/new/", {"code": "invitation", "title": "Salon evening"}
    )
    stage = Stage.objects.get(template=template, code="invitation")
    assert response.status_code == 302 and stage.position > 30
    again = browser.post(
        f"/journeys/{template.pk}/stages/new/", {"code": "invitation", "title": "Twice"}
    )
    assert (
        again.status_code == 302
        and Stage.objects.filter(code="invitation", template=template).count() == 1
    )


def test_a_manager_sets_how_often_a_stage_comes_back(manager: User) -> None:
    browser = Browser()
    browser.force_login(manager)
    service = Stage.objects.get(template__kind="car_order", code="service_reminder")
    response = browser.post(
        f"/journeys/stages/{service.pk}/",
        _form(service, touchpoint="on", repeat_months=6, repeat_km=10000),
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.repeat_months, service.repeat_km) == (6, 10000)
    assert "again every 6 months" in browser.get("/journeys/").content.decode()
    # Only a stage reached on its date can come back; nonsense is refused with the reason.
    arrived = Stage.objects.get(template__kind="car_order", code="arrived")
    refused = browser.post(f"/journeys/stages/{arrived.pk}/", _form(arrived, repeat_months=12))
    assert refused.status_code == 400 and "reached on its date" in refused.content.decode()
    bad = browser.post(f"/journeys/stages/{service.pk}/", _form(service, repeat_km="lots"))
    assert bad.status_code == 400
    arrived.refresh_from_db()
    assert arrived.repeat_months == 0
