"""Following a campaign: the owner books through the link, those who have not are reminded
once, and a vehicle is fixed when staff say so or its case closes fixed."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client as Browser
from django.utils import timezone

from goodwill.appointments.models import Slot
from goodwill.appointments.selectors import link_by_token
from goodwill.appointments.services import booking_make
from goodwill.cases.models import Case
from goodwill.cases.services import case_change_status
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.organisation.models import User
from goodwill.recalls.models import Campaign, CampaignVehicle
from goodwill.recalls.selectors import campaign_progress
from goodwill.recalls.services import campaign_launch, vehicle_fixed
from goodwill.recalls.sweeps import campaigns_due
from goodwill.timeline.models import Entry


def _told(campaign: Campaign, manager: User, at: dt.datetime) -> None:
    campaign_launch(actor=manager, campaign=campaign, at=at)
    campaigns_due(at)


def _book_through_link(client: Client, slot: Slot, at: dt.datetime | None = None) -> None:
    mail = OutboundMessage.objects.filter(client=client).latest("id")
    token = re.search(r"/book/([A-Za-z0-9_-]+)/", mail.body_text)
    assert token is not None
    link = link_by_token(token=token.group(1), now=at)
    booking_make(client=client, slot=slot, link=link, at=at)


def test_booking_through_the_link_counts_the_vehicles_as_booked(
    affected: Campaign, manager: User, client_t: Client, workshop_slots: list[Slot]
) -> None:
    _told(affected, manager, timezone.now())
    _book_through_link(client_t, workshop_slots[0])

    assert campaign_progress(user=manager, campaign=affected).booked == 2  # live, before the sweep
    campaigns_due(timezone.now())
    assert CampaignVehicle.objects.filter(booking__isnull=False).count() == 2


def test_those_who_have_not_booked_are_reminded_once(
    affected: Campaign, manager: User, client_t: Client, layla: Client, workshop_slots: list[Slot]
) -> None:
    told_at = timezone.now() - dt.timedelta(days=15)
    _told(affected, manager, told_at)
    _book_through_link(client_t, workshop_slots[0], at=told_at + dt.timedelta(days=2))

    campaigns_due(timezone.now())
    campaigns_due(timezone.now() + dt.timedelta(days=1))

    layla_mail = OutboundMessage.objects.filter(client=layla).order_by("id")
    assert layla_mail.count() == 2  # the notice and one reminder
    assert layla_mail.last().language == "ar"  # type: ignore[union-attr]
    assert OutboundMessage.objects.filter(client=client_t).count() == 1  # booked: no reminder
    assert (
        Entry.objects.filter(kind="recall", payload__event="reminded").count() == 2
    )  # Layla, Camille


def test_not_reminded_before_the_campaigns_days(
    affected: Campaign, manager: User, layla: Client
) -> None:
    _told(affected, manager, timezone.now() - dt.timedelta(days=3))
    campaigns_due(timezone.now())

    assert OutboundMessage.objects.filter(client=layla).count() == 1


def test_staff_mark_a_vehicle_fixed_once_on_the_timeline(
    affected: Campaign, manager: User, advisor: User
) -> None:
    _told(affected, manager, timezone.now())
    vehicle = CampaignVehicle.objects.select_related("campaign", "client", "case").get(
        code="ZAR12345678901234"
    )

    assert vehicle_fixed(actor=advisor, vehicle=vehicle) is True
    assert vehicle_fixed(actor=advisor, vehicle=vehicle) is False
    assert Entry.objects.filter(kind="recall", payload__event="fixed").count() == 1


def test_closing_the_case_fixed_fixes_its_vehicles(
    affected: Campaign, manager: User, client_t: Client, advisor: User
) -> None:
    from goodwill.cases.services import OutcomeGiven

    _told(affected, manager, timezone.now())
    case = Case.objects.get(client=client_t)
    case_change_status(
        actor=advisor,
        case=case,
        status="resolved",
        outcome=OutcomeGiven(done="Inflator replaced", done_by="Workshop", fixed=True),
    )

    assert CampaignVehicle.objects.filter(case=case, fixed_at__isnull=False).count() == 2


def test_the_campaign_page_marks_fixed(affected: Campaign, manager: User, advisor: User) -> None:
    _told(affected, manager, timezone.now())
    vehicle = CampaignVehicle.objects.get(code="ZAR11111111111111")
    browser = Browser()
    browser.force_login(advisor)

    response = browser.post(f"/recalls/{affected.code}/vehicles/{vehicle.pk}/fixed/")

    assert response.status_code == 302
    vehicle.refresh_from_db()
    assert vehicle.fixed_by == advisor


def test_a_cancelled_booking_no_longer_counts(
    affected: Campaign, manager: User, client_t: Client, workshop_slots: list[Slot]
) -> None:
    from goodwill.appointments.models import Booking
    from goodwill.appointments.services import booking_cancel

    _told(affected, manager, timezone.now())
    _book_through_link(client_t, workshop_slots[0])
    campaigns_due(timezone.now())
    booking_cancel(booking=Booking.objects.get(client=client_t))

    assert campaign_progress(user=manager, campaign=affected).booked == 0
