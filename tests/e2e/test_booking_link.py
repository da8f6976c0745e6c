"""A client opens his booking link on a phone (375 px) in a real headless Chromium, books a time,
moves it and cancels it; in Arabic the page reads right to left. Screenshots land in
test-artifacts/booking-link/."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from goodwill.appointments.models import Booking, Slot
from goodwill.appointments.services import booking_invite, slots_generate
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.services import client_update
from goodwill.organisation.models import User
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sideways(page: Page) -> int:
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def _invite(case: Case, advisor: User) -> str:
    first = timezone.localdate() + dt.timedelta(days=2)
    slots_generate(
        actor=advisor,
        site=case.site,
        kind="delivery",
        first_day=first,
        last_day=first + dt.timedelta(days=1),
        weekdays=range(7),
        times=[dt.time(9), dt.time(10, 30), dt.time(14)],
        minutes=45,
        capacity=1,
    )
    booking_invite(actor=advisor, client=case.client, site=case.site, kind="delivery", case=case)
    mail = OutboundMessage.objects.filter(reason="booking_invite").latest("id")
    found = re.search(r"/book/[A-Za-z0-9_-]+/", mail.body_text)
    assert found is not None
    return found.group(0)


def test_the_client_books_moves_and_cancels_from_a_phone(
    case_t: Case, advisor: User, page: Page
) -> None:
    link = _invite(case_t, advisor)
    folder = ARTIFACTS / "booking-link"
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 375, "height": 740})

    # When Herr Lefèvre opens the link from his e-mail
    response = page.goto(link)
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", name="Übergabe Ihrer Bestellung")).to_be_visible()
    assert _sideways(page) <= 0
    page.screenshot(path=folder / "choose-375.png", full_page=True)

    # ...and presses the first free time
    page.locator("form.times button").first.click()
    expect(page.locator("#your-booking")).to_be_visible()
    booking = Booking.objects.get(client=case_t.client)
    first = booking.slot
    assert booking.status == "booked"
    assert _sideways(page) <= 0
    page.screenshot(path=folder / "booked-375.png", full_page=True)

    # ...then moves it to another time
    page.locator("form.times button:not([disabled])").last.click()
    expect(page.locator("#your-booking")).to_be_visible()
    booking.refresh_from_db()
    assert booking.slot_id != first.pk and booking.moved_at is not None

    # ...and finally cancels it
    page.locator("form.cancel button").click()
    expect(page.locator("#your-booking")).to_have_count(0)
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert sum(Slot.objects.values_list("booked", flat=True)) == 0


def test_the_booking_page_reads_right_to_left_in_arabic(
    case_t: Case, advisor: User, page: Page
) -> None:
    client_update(actor=advisor, client=case_t.client, language="ar")
    link = _invite(case_t, advisor)
    page.set_viewport_size({"width": 375, "height": 740})

    response = page.goto(link)

    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    expect(page.get_by_role("heading", name="تسليم مشترياتكم")).to_be_visible()
    assert _sideways(page) <= 0
    folder = ARTIFACTS / "booking-link"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / "arabic-375.png", full_page=True)
