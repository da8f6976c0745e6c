"""Checks before anything leaves, in a real headless Chromium: a reply that sends the client to the
warranty company is previewed with the brush-off marked, and cannot leave until its writer says
why; the override is then on the case story."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.checks.models import BrushOffPhrase
from goodwill.checks.services import brush_off_add
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHRASE = "contact the warranty company directly"


def test_a_brush_off_is_shown_in_the_preview_and_blocks_until_overridden_with_a_reason(
    case_t: Case, manager: User, page: Page
) -> None:
    # Given the brand's list holds the phrase (a live-server test starts from an emptied database)
    if not BrushOffPhrase.objects.filter(language="en", phrase=PHRASE).exists():
        brush_off_add(actor=manager, language="en", phrase=PHRASE)
    # and Anna, on her case's page, writing to the client
    page.goto("/login/")
    page.get_by_label("Username").fill("anna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".userbox")).to_contain_text("Anna Schmid")
    page.goto(f"/cases/{case_t.reference}/")
    page.get_by_text("Write to the client").click()
    body = page.locator("textarea[name=body]")
    expect(body).to_contain_text("Guten Tag")
    body.fill(
        "Guten Tag Herr Lefèvre,\n\nPlease contact the warranty company directly.\n\n"
        "Mit freundlichen Grüßen\nAnna Schmid"
    )

    # When she previews it
    page.get_by_role("button", name="Preview").click()

    # Then she reads it as the client will, the brush-off marked and named as blocking
    expect(page.locator("h1")).to_have_text("Before it leaves")
    expect(page.locator(".preview-mail .headers")).to_contain_text("thomas.lefevre@example.com")
    expect(page.locator(".preview-mail mark.hard")).to_have_text(PHRASE)
    expect(page.locator(".findings li.hard").first).to_contain_text("sends the client elsewhere")

    # And sending without a reason is refused
    page.get_by_role("button", name="Send despite the findings").click()
    expect(page.locator(".errorlist")).to_contain_text("say why it must go as it is")
    assert OutboundMessage.objects.count() == 0

    # When she gives one, it leaves, and the override is on the case story with who and why
    page.get_by_label("Why it must go as it is").fill("The client asked us for their address.")
    page.get_by_role("button", name="Send despite the findings").click()
    expect(page.locator(".messages")).to_contain_text("Reply queued for sending")
    expect(page.locator(".timeline")).to_contain_text("Sent despite a check")
    expect(page.locator(".timeline")).to_contain_text("The client asked us for their address.")
    override = Entry.objects.get(kind="check_override")
    assert override.actor is not None and override.actor.username == "anna"
    assert OutboundMessage.objects.count() == 1
