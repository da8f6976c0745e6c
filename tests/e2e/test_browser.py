"""The advisor's first minute, in a real headless Chromium against a live server: log in, find a
client
by a plate typed any which way, read his story, and meet a 404 at another dealer's client."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Response, expect

from conftest import PASSWORD
from goodwill.cases.models import Case
from goodwill.clients.models import Client
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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


def test_a_case_form_comes_when_its_section_is_opened_and_works(case_t: Case, page: Page) -> None:
    # Given Anna logged in, on her case's page (its forms are not on the page yet)
    page.goto("/login/")
    page.get_by_label("Username").fill("anna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".userbox")).to_contain_text("Anna Schmid")
    page.goto(f"/cases/{case_t.reference}/")
    page.wait_for_load_state("load")
    assert page.locator(f'form[action="/cases/{case_t.reference}/note/"]').count() == 0

    # When she opens "Add an internal note", the form arrives; she writes and sends it
    page.get_by_text("Add an internal note").click()
    note = page.locator(f'form[action="/cases/{case_t.reference}/note/"]')
    note.locator("textarea").fill("Called the tow company: there by 15:00.")
    note.get_by_role("button", name="Add the note").click()

    # Then the note is on the case story
    expect(page.locator(".messages")).to_contain_text("Note added.")
    expect(page.locator(".timeline")).to_contain_text("Called the tow company: there by 15:00.")

    # And the reply box comes in the client's language when she opens it
    page.get_by_text("Write to the client").click()
    expect(page.locator("#reply-text, textarea[name=body]").first).to_contain_text("Guten Tag")
