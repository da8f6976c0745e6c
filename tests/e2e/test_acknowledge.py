"""One click in a real headless Chromium: Anna acknowledges an alert in her inbox, and the chain
behind it stops."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from goodwill.cases.models import Case
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.notifications.sweeps import escalations_due

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anna_acknowledges_an_alert_with_one_click(case_t: Case, backup, page: Page) -> None:
    # Given an alert about Herr Lefèvre in Anna's inbox, which escalates if she does nothing
    alert = notify(
        recipient=case_t.owner,
        kind=Notification.Kind.CHASER,
        title="Herr Lefèvre has chased 2 times",
        case=case_t,
        key="chaser:browser",
    )
    assert alert is not None and alert.escalate_at is not None
    page.goto("/login/")
    page.get_by_label("Username").fill("anna")
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("form button").last.click()
    # Signed in before going on: a goto racing the login's POST would cancel it.
    expect(page.locator(".userbox")).to_contain_text("Anna Schmid")

    # When she opens her inbox and clicks Acknowledge
    page.goto("/notifications/")
    row = page.locator("tr", has_text="Herr Lefèvre has chased 2 times")
    row.get_by_role("button", name="Acknowledge").click()

    # Then it says who took it in hand, the button is gone, and nobody else is ever told
    row = page.locator("tr", has_text="Herr Lefèvre has chased 2 times")
    expect(row).to_contain_text("Acknowledged by Anna Schmid")
    expect(row.get_by_role("button", name="Acknowledge")).to_have_count(0)
    assert escalations_due(timezone.now() + dt.timedelta(hours=2)) == 0
    assert not Notification.objects.filter(escalation_of=alert).exists()
