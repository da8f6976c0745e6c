"""Mr. T opens the private link to his portal on a phone (375 px) in a real headless Chromium:
his overview, his case, a reply that reaches the case through the intake; then the same page in
Arabic, laid out right to left. Screenshots land in test-artifacts/portal/."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.organisation.models import User
from goodwill.portal.services import portal_link_issue
from goodwill.promises.services import promise_make
from goodwill.timeline.models import Entry
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "portal"


def _sideways(page: Page) -> int:
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def test_the_client_opens_his_link_reads_his_case_and_replies_from_a_phone(
    case_t: Case, advisor: User, page: Page
) -> None:
    promise_make(
        actor=advisor,
        case=case_t,
        text="Ersatzwagen am Hotel",
        due_at=timezone.now() + dt.timedelta(days=1),
    )
    link = portal_link_issue(client=case_t.client, actor=advisor)
    page.set_viewport_size({"width": 375, "height": 800})
    SHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(f"/portal/open/{link.issued_token}/")

    # The token has left the address bar; the overview is in German.
    assert page.url.endswith("/portal/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_text("Ersatzwagen am Hotel").first).to_be_visible()
    expect(page.get_by_text("GT Spyder").first).to_be_visible()
    assert _sideways(page) <= 0
    page.screenshot(path=SHOTS / "home-de-375.png", full_page=True)

    page.locator(f"a[href='/portal/cases/{case_t.reference}/']").click()
    page.locator("textarea[name=text]").fill("Der Reifen hält, vielen Dank für die schnelle Hilfe!")
    page.locator("#reply-form button[type=submit]").click()

    expect(page.get_by_role("status")).to_be_visible()
    expect(page.get_by_text("Der Reifen hält").first).to_be_visible()
    assert _sideways(page) <= 0
    page.screenshot(path=SHOTS / "case-de-375.png", full_page=True)
    entry = Entry.objects.get(case=case_t, kind=Entry.Kind.MESSAGE_IN)
    assert entry.payload["threaded_by"] == "portal"


def test_the_portal_reads_right_to_left_in_arabic(
    client_t: Client, case_t: Case, page: Page
) -> None:
    Client.objects.filter(pk=client_t.pk).update(language="ar")
    link = portal_link_issue(client=client_t, actor=None)
    page.set_viewport_size({"width": 375, "height": 800})

    page.goto(f"/portal/open/{link.issued_token}/")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert _sideways(page) <= 0
    brand = page.locator(".portal-head .brand").bounding_box()
    assert brand is not None and brand["x"] + brand["width"] > 375 * 0.6
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "home-ar-375.png", full_page=True)


def test_a_tampered_link_is_a_404(client_t: Client, page: Page) -> None:
    link = portal_link_issue(client=client_t, actor=None)
    token = link.issued_token or ""

    response = page.goto(f"/portal/open/{token[:-2]}xx/")

    assert response is not None and response.status == 404
    page.goto("/portal/")
    assert page.url.endswith("/portal/link/")
