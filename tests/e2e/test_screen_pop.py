"""The screen pop in a real headless Chromium: an agent's page is open, the telephony provider posts
a signed "ringing" event, and the caller appears on her page without a reload."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import PASSWORD
from goodwill.cases.models import Case
from goodwill.http import webhook_sign as sign
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "browser-test-secret-0123456789"


def _post_signed(url: str, payload: dict[str, object]) -> dict[str, object]:
    body = json.dumps(payload).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310  (the live server)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Goodwill-Timestamp": timestamp,
            "X-Goodwill-Signature": sign(secret=SECRET, timestamp=timestamp, body=body),
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return json.loads(response.read())


def test_the_caller_pops_up_on_the_agents_page_without_a_reload(
    case_t: Case, agent, live_server: LiveServer, page: Page, settings
) -> None:
    settings.GOODWILL_PHONE_WEBHOOK_SECRET = SECRET
    # Given Chiara, care agent, on her home page, with nothing ringing
    page.goto("/login/")
    page.get_by_label("Username").fill("chiara")
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("form button").last.click()
    expect(page.locator(".userbox")).to_contain_text("Chiara Rossi")
    page.evaluate("window.__notReloaded = true")
    pop = page.locator("#phone-pop")
    expect(pop.locator(".pop")).to_have_count(0)
    expect(pop).to_be_hidden()
    layout_before = page.locator("main").bounding_box()

    # When Mr. T's number rings for her
    answer = _post_signed(
        f"{live_server.url}/api/phone/events",
        {"event": "ringing", "call_id": "browser-1", "from": "+49 171 2345678", "agent": "chiara"},
    )
    assert answer["status"] == "ok"

    # Then, within a poll or two, the pop shows who he is and what he is waiting for
    card = pop.locator(".pop")
    expect(card).to_be_visible(timeout=8_000)
    expect(card).to_contain_text("Herr Lefèvre")
    expect(card).to_contain_text(case_t.reference)
    assert page.evaluate("window.__notReloaded") is True, "the page was reloaded"
    assert page.locator("main").bounding_box() == layout_before, "the page moved under the pop"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "screen-pop.png")

    # And she can put it away
    card.get_by_role("button", name="Chiudi").click()  # Chiara works in Italian
    expect(pop.locator(".pop")).to_have_count(0)
    page.wait_for_timeout(2_500)  # a poll later it stays away
    expect(pop.locator(".pop")).to_have_count(0)
