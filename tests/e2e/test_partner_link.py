"""The tow company's dispatcher opens the task's private link on a phone (375 px), accepts it and
gives an ETA, in a real headless Chromium; the client is told, and a tampered link is a 404 that
changes nothing. Screenshots land in test-artifacts/partner-link/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from goodwill.assistance.models import PartnerTask
from goodwill.assistance.services import partner_save, partner_task_request
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.organisation.models import User
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sideways(page: Page) -> int:
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def test_the_partner_accepts_and_gives_an_eta_from_a_phone(
    case_t: Case, advisor: User, manager: User, page: Page
) -> None:
    # Given a tow company (an English-speaking desk) asked to tow Mr T's car
    tow = partner_save(
        actor=manager,
        name="Roadside Rescue Bavaria",
        kind="tow",
        site=case_t.site,
        email="dispatch@roadside.example",
        phone="+49 89 555 0100",
        languages=["en"],
        accept_minutes=15,
        arrive_minutes=60,
    )
    task = partner_task_request(
        actor=advisor,
        case=case_t,
        partner=tow,
        title="Tow to the Munich dealer",
        details="A8 services at Holzkirchen; the client waits by the car.",
    )
    mail = OutboundMessage.objects.get(purpose="partner", to_address=tow.email)
    found = re.search(r"/p/[A-Za-z0-9_-]+/", mail.body_text)
    assert found is not None
    link = found.group(0)
    folder = ARTIFACTS / "partner-link"
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 375, "height": 740})

    # When the dispatcher opens the link from the e-mail, on a phone
    response = page.goto(link)
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", name="Tow to the Munich dealer")).to_be_visible()
    expect(page.get_by_text("A8 services at Holzkirchen")).to_be_visible()
    assert _sideways(page) <= 0
    page.screenshot(path=folder / "requested-375.png", full_page=True)

    # ...accepts it
    page.get_by_role("button", name="Accept the task").click()
    expect(page.locator(".status")).to_contain_text("Accepted")
    task.refresh_from_db()
    assert task.status == PartnerTask.Status.ACCEPTED

    # ...and gives an ETA
    page.get_by_label("We arrive in").fill("45")
    page.get_by_role("button", name="On the way").click()
    expect(page.locator(".status")).to_contain_text("ETA")
    assert _sideways(page) <= 0
    page.screenshot(path=folder / "on-the-way-375.png", full_page=True)

    # Then the task is on the way with its ETA, and the client was told each step, in German
    task.refresh_from_db()
    assert task.status == PartnerTask.Status.ON_THE_WAY and task.eta is not None
    told = OutboundMessage.objects.filter(case=case_t, reason="partner_update")
    assert told.count() == 2 and {m.language for m in told} == {"de"}

    # A tampered link answers 404 and changes nothing
    tampered = link[:-2] + ("A" if link[-2] != "A" else "B") + "/"
    response = page.goto(tampered)
    assert response is not None and response.status == 404
    task.refresh_from_db()
    assert task.status == PartnerTask.Status.ON_THE_WAY
    assert OutboundMessage.objects.filter(case=case_t, reason="partner_update").count() == 2
