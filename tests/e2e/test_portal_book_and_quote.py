"""Mr T on his phone (375 px) in a real headless Chromium: from his portal he books a delivery
time at his dealer, then opens his case, sees the workshop's quote with its photo and video, and
approves it. Screenshots land in test-artifacts/portal/."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from goodwill.appointments.models import Booking
from goodwill.appointments.services import slots_generate
from goodwill.cases.models import Case
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User
from goodwill.portal.services import portal_link_issue, portal_link_url
from goodwill.quotes.models import Quote
from goodwill.quotes.services import quote_create, quote_media_add, quote_send
from goodwill.quotes.tests.conftest import MP4, png
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "portal"


def _sideways(page: Page) -> int:
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def test_the_client_books_a_time_and_approves_a_quote_from_his_phone(
    case_t: Case, advisor: User, page: Page, settings: pytest.FixtureRequest, tmp_path: Path
) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    first = timezone.localdate() + dt.timedelta(days=2)
    slots_generate(
        actor=advisor,
        site=case_t.site,
        kind="delivery",
        first_day=first,
        last_day=first + dt.timedelta(days=1),
        weekdays=range(7),
        times=[dt.time(9), dt.time(10, 30), dt.time(14)],
        minutes=45,
        capacity=1,
    )
    quote = quote_create(
        actor=advisor,
        case=case_t,
        title="Neuer Vorderreifen",
        work="Seitenwand beschädigt: neuer Reifen und Achsvermessung.",
        amount=Decimal("1480.00"),
        currency="EUR",
        valid_until=timezone.localdate() + dt.timedelta(days=10),
    )
    quote_media_add(actor=advisor, quote=quote, content=png(), filename="reifen.png")
    quote_media_add(actor=advisor, quote=quote, content=MP4, filename="reifen.mp4")
    sent_link = portal_link_issue(client=case_t.client, actor=advisor)
    quote_send(
        actor=advisor,
        quote=quote,
        link=portal_link_url(sent_link),
        link_expires=sent_link.expires_at,
    )
    page.set_viewport_size({"width": 375, "height": 800})
    SHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(f"/portal/open/{sent_link.issued_token}/")
    page.locator(".portal-head a[href='/portal/appointments/']").click()
    expect(page.get_by_text("Übergabe Ihrer Bestellung").first).to_be_visible()
    page.locator("a.book-kind").first.click()
    page.locator("form.times button").first.click()

    expect(page.get_by_role("status")).to_be_visible()
    booking = Booking.objects.get(client=case_t.client)
    assert booking.status == "booked" and booking.slot.kind == "delivery"
    expect(page.locator(f"a[href='/portal/appointments/{booking.pk}/']")).to_be_visible()
    assert _sideways(page) <= 0
    page.screenshot(path=SHOTS / "appointments-de-375.png", full_page=True)

    page.goto(f"/portal/cases/{case_t.reference}/")
    photo = page.locator(f"#quote-{quote.pk} .media img")
    expect(photo).to_be_visible()
    # The photo really loaded from the portal's URL (a broken image has no natural width).
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
    )
    expect(page.locator(f"#quote-{quote.pk} .media video")).to_have_count(1)
    assert _sideways(page) <= 0
    page.locator(f"#quote-{quote.pk} button[value=approve]").click()

    expect(page.get_by_role("status").first).to_be_visible()
    quote.refresh_from_db()
    assert quote.status == Quote.Status.APPROVED
    assert Notification.objects.filter(kind="quote_decided", case=case_t).exists()
    assert page.locator(f"#quote-{quote.pk} button[value=approve]").count() == 0
    page.screenshot(path=SHOTS / "quote-approved-de-375.png", full_page=True)
