"""The staff bar keeps the daily work; a manager's settings and follow-ups are one "Manage" menu
that opens on a click (a <details>, no script) and leads to each page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from goodwill.organisation.models import User
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_opens_the_manage_menu_and_reaches_journeys(page: Page, manager: User) -> None:
    page.goto("/")
    page.get_by_label("Username").fill("margaux")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    menu = page.locator("details.navmenu")
    expect(menu.locator("summary")).to_be_visible()
    expect(menu.locator('a[href="/journeys/running/"]')).to_be_hidden()

    menu.locator("summary").click()
    expect(menu.locator('a[href="/journeys/running/"]')).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "manage-menu.png")
    menu.locator('a[href="/journeys/running/"]').click()

    expect(page).to_have_url(re.compile(r"/journeys/running/$"))
