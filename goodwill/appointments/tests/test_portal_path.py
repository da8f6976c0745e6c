"""The portal books through the same services as the private link: a place taken from the
portal is counted in the slot, shows on the staff plan and the case, and is refused when full."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as Browser
from django.utils import timezone

from goodwill.appointments.models import Booking, Slot
from goodwill.appointments.selectors import case_bookings, day_plan
from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.organisation.models import User
from goodwill.portal.services import portal_book, portal_booking_cancel, portal_booking_move


def test_a_portal_booking_is_the_same_booking_staff_see(
    case_t: Case, slots: list[Slot], advisor: User, eva: Client
) -> None:
    slot = slots[0]

    booking = portal_book(
        client=case_t.client, site=slot.site, kind="delivery", slot_id=slot.pk, case=case_t
    )

    slot.refresh_from_db()
    assert slot.booked == 1 and booking.link is None
    assert case_bookings(case=case_t) == [booking]
    day = timezone.localtime(slot.starts_at).date()
    planned = next(s for s in day_plan(site=slot.site, day=day) if s.pk == slot.pk)
    assert [b.pk for b in planned.booked_bookings] == [booking.pk]  # type: ignore[attr-defined]
    browser = Browser()
    browser.force_login(advisor)
    assert (
        case_t.client.name
        in browser.get(
            f"/appointments/?site={slot.site_id}&date={day.isoformat()}"
        ).content.decode()
    )
    # The last place is refused to the next client, in words.
    with pytest.raises(ValidationError, match="just been taken"):
        portal_book(client=eva, site=slot.site, kind="delivery", slot_id=slot.pk)


def test_moving_and_cancelling_from_the_portal_give_the_place_back(
    case_t: Case, slots: list[Slot]
) -> None:
    first, second = slots[0], slots[1]
    booking = portal_book(client=case_t.client, site=first.site, kind="delivery", slot_id=first.pk)

    portal_booking_move(client=case_t.client, booking=booking, slot_id=second.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.booked, second.booked) == (0, 1)

    portal_booking_cancel(client=case_t.client, booking=booking)
    second.refresh_from_db()
    assert second.booked == 0
    assert Booking.objects.get(pk=booking.pk).status == "cancelled"


def test_a_slot_of_another_kind_or_someone_elses_booking_is_refused(
    case_t: Case, slots: list[Slot], eva: Client, advisor: User
) -> None:
    from goodwill.appointments.services import slots_generate

    slots_generate(
        actor=advisor,
        site=advisor.site,
        kind="workshop",
        first_day=timezone.localdate() + dt.timedelta(days=2),
        last_day=timezone.localdate() + dt.timedelta(days=2),
        weekdays=range(7),
        times=[dt.time(8)],
        minutes=60,
        capacity=4,
    )
    workshop = Slot.objects.get(kind="workshop")
    booking = portal_book(
        client=case_t.client, site=slots[0].site, kind="delivery", slot_id=slots[0].pk
    )

    with pytest.raises(ValidationError, match="not offered here"):
        portal_booking_move(client=case_t.client, booking=booking, slot_id=workshop.pk)
    with pytest.raises(ValidationError, match="not yours"):
        portal_booking_cancel(client=eva, booking=booking)
    assert Booking.objects.get(pk=booking.pk).status == "booked"
