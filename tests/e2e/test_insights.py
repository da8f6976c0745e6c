"""The insight dashboards in a real headless Chromium: a manager signs in, opens /insights/ and
sees the charts drawn (SVG bars with their links), then follows a bar to its cases."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import PASSWORD
from goodwill.clients.models import Client, Product
from goodwill.insights.tests.conftest import W46, Stories, build_stories
from goodwill.organisation.models import User
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def stories(
    advisor: User, foreign_dealer: User, client_t: Client, car: Product, paris_client: Client
) -> Stories:
    return build_stories(
        advisor=advisor,
        foreign_dealer=foreign_dealer,
        client_t=client_t,
        car=car,
        paris_client=paris_client,
    )


def test_a_manager_sees_the_charts_and_follows_a_bar(
    stories: Stories, manager: User, live_server: LiveServer, page: Page
) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill("margaux")
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("form button").last.click()
    expect(page.locator(".userbox")).to_be_visible()

    page.goto(f"/insights/?from={W46.isoformat()}&to=2026-11-22")
    opened = page.locator("#chart-opened svg")
    expect(opened).to_be_visible()
    # Drawn: the chart has a size on the page, and its bars are there.
    box = opened.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    expect(page.locator("#chart-opened svg .bar")).to_have_count(2)
    expect(page.locator("#chart-clusters svg")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "insights.png"), full_page=True)

    page.locator("#chart-opened svg a").last.click(force=True)
    expect(page).to_have_url(re.compile(r"/insights/cases/\?"))
    expect(page.locator("table.drill-down tbody tr")).to_have_count(2)
