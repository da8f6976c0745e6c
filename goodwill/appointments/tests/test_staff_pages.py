"""Staff open slots, see the day's plan, and send a client his booking link from the case page."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.test import Client as Browser
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from goodwill.appointments.models import BookingLink, Slot
from goodwill.appointments.services import booking_make
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.organisation.models import User


def test_an_advisor_opens_slots_from_the_plan_page(client: Browser, advisor: User) -> None:
    client.force_login(advisor)
    monday = timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())

    response = client.post(
        "/appointments/slots/",
        {
            "site": advisor.site_id,
            "kind": "workshop",
            "first_day": monday.isoformat(),
            "last_day": (monday + dt.timedelta(days=6)).isoformat(),
            "weekdays": ["0", "2"],
            "times": "08:30 14:00",
            "minutes": "90",
            "capacity": "3",
        },
    )

    assert response.status_code == 302
    slots = Slot.objects.filter(site=advisor.site, kind="workshop")
    assert slots.count() == 4
    first = slots.first()
    assert first is not None and first.capacity == 3
    # 08:30 as the Munich site reads it, whatever the season
    assert first.starts_at.astimezone(ZoneInfo("Europe/Berlin")).time() == dt.time(8, 30)
    assert (first.ends_at - first.starts_at) == dt.timedelta(minutes=90)


def test_the_days_plan_shows_who_comes_when(
    client: Browser,
    advisor: User,
    case_t: Case,
    slots: list[Slot],
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    booking_make(client=case_t.client, case=case_t, slot=slots[0], actor=advisor)
    client.force_login(advisor)
    day = slots[0].starts_at.astimezone(ZoneInfo("Europe/Berlin")).date()
    client.get("/")

    # Session, staff member, site, the day's slots with their bookings, the unread badge
    with django_assert_num_queries(7):
        page = client.get(f"/appointments/?site={advisor.site_id}&date={day.isoformat()}")

    assert page.status_code == 200
    assert "Thomas Lefèvre" in page.text and case_t.reference in page.text
    assert "1 / 1" in page.text


def test_a_dealer_sees_no_other_sites_plan(
    client: Browser, foreign_dealer: User, advisor: User
) -> None:
    client.force_login(foreign_dealer)

    assert client.get(f"/appointments/?site={advisor.site_id}").status_code == 404


def test_the_advisor_sends_the_booking_link_from_the_case_page(
    client: Browser, advisor: User, case_t: Case
) -> None:
    client.force_login(advisor)
    assert "Send the booking link" in client.get(f"/cases/{case_t.reference}/").text

    response = client.post(f"/cases/{case_t.reference}/booking-invite/", {"kind": "delivery"})

    assert response.status_code == 302
    link = BookingLink.objects.get(client=case_t.client)
    assert link.case == case_t and link.site == case_t.site and link.kind == "delivery"
    assert OutboundMessage.objects.filter(reason="booking_invite", case=case_t).count() == 1
