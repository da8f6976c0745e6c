"""The advisor's first minute, in a real headless Chromium against a live server: log in, find a client
by a plate typed any which way, read his story, and meet a 404 at another dealer's client."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_django.live_server_helper import LiveServer

from conftest import PASSWORD
from goodwill.cases.models import Case
from goodwill.clients.models import Client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

if not CHROMIUM.exists():
    # CI runs scripts/test, which installs Debian's chromium: a missing browser there is a broken build.
    reason = "/usr/bin/chromium is missing: scripts/test installs it (as root), or run 'apt-get install chromium'"
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)

from playwright.sync_api import Page, Response, expect, sync_playwright  # noqa: E402  (after the skip)


@pytest.fixture
def page(live_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Page]:
    # Playwright's sync API keeps an asyncio loop running in this thread, and Django refuses ORM
    # calls from such a thread. Only fixtures and teardown touch the database from here; the
    # requests are served by the live server's own thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB"
        )
        context.set_default_timeout(10_000)
        yield context.new_page()
        context.close()
        browser.close()


def test_advisor_finds_client_by_plate_reads_story_and_cannot_see_paris(
    case_t: Case, paris_client: Client, page: Page
) -> None:
    broken_assets: list[str] = []

    def note_broken_asset(response: Response) -> None:
        if "/static/" in response.url and response.status >= 400:
            broken_assets.append(f"{response.status} {response.url}")

    page.on("response", note_broken_asset)

    # Given Anna, advisor at the Munich dealer, on the login page
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/"))
    page.get_by_label("Username").fill("anna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".userbox")).to_contain_text("Anna Schmid")
    page.wait_for_load_state("load")
    assert broken_assets == [], f"the page's CSS or JavaScript did not load: {broken_assets}"
    assert page.evaluate("typeof window.htmx") == "object", "htmx did not load"

    # When she types the plate without its dash and space into the top search box
    page.locator("#search-box").press_sequentially("mab1234", delay=30)

    # Then htmx shows Mr. Lefèvre in the live results, matched on his plate
    hit = page.locator("#search-results a.hit", has_text="Thomas Lefèvre")
    expect(hit).to_be_visible()
    expect(hit).to_contain_text("M-AB 1234")
    expect(page).not_to_have_url(re.compile(r"/search/"))  # live results, not the search page

    # When she opens his page, the story starts with the case she opened
    hit.click()
    expect(page).to_have_url(re.compile(rf"/clients/{re.escape(case_t.client.ref)}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thomas Lefèvre")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Case opened")
    expect(timeline).to_contain_text("Flat tyre on holiday")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "client-page.png", full_page=True)

    # When she opens the Paris dealer's client by URL, it is as if he did not exist
    response = page.goto(f"/clients/{paris_client.ref}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
    expect(page.locator("body")).not_to_contain_text("Bernard")
