"""A client books, moves and cancels an appointment from the private link in his e-mail, in his
language, and never gets a place that is not there."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.test import Client as Browser
from django.utils import timezone

from goodwill.appointments.models import Booking, BookingLink, Slot
from goodwill.appointments.selectors import client_bookings
from goodwill.appointments.services import (
    booking_cancel,
    booking_invite,
    booking_make,
    booking_move,
)
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.organisation.access import OtherSite
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


def test_the_invitation_goes_in_the_clients_language_with_a_hashed_link(
    invited: tuple[BookingLink, str],
) -> None:
    link, path = invited
    mail = OutboundMessage.objects.get(reason="booking_invite")
    assert mail.language == "de"
    assert mail.subject == "Übergabe Ihrer Bestellung: Wählen Sie Ihren Termin bei Aurelis München"
    assert "Guten Tag Herr Lefèvre," in mail.body_text
    token = path.split("/")[2]
    assert token not in link.token_hash and len(token) >= 43
    assert link.expires_at > timezone.now() + dt.timedelta(days=13)


def test_the_client_books_moves_and_cancels_from_his_link(
    client: Browser, invited: tuple[BookingLink, str], slots: list[Slot]
) -> None:
    link, path = invited
    first, second = slots[0], slots[1]

    page = client.get(path)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-store" in page["Cache-Control"]
    assert page["Content-Language"] == "de"
    assert '<html lang="de">' in page.text
    assert "Übergabe Ihrer Bestellung" in page.text

    assert client.post(path, {"action": "book", "slot": first.pk}).status_code == 302
    booking = Booking.objects.get(link=link)
    assert booking.slot == first and booking.status == "booked" and booking.case == link.case
    first.refresh_from_db()
    assert first.booked == 1

    assert client.post(path, {"action": "book", "slot": second.pk}).status_code == 302
    booking.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert booking.slot == second and booking.moved_at is not None
    assert (first.booked, second.booked) == (0, 1)

    assert client.post(path, {"action": "cancel"}).status_code == 302
    booking.refresh_from_db()
    second.refresh_from_db()
    assert booking.status == "cancelled" and second.booked == 0

    kinds = list(
        Entry.objects.filter(client=link.client, kind__startswith="booking_")
        .order_by("at", "id")
        .values_list("kind", flat=True)
    )
    assert kinds == ["booking_made", "booking_moved", "booking_cancelled"]


def test_a_full_slot_is_refused_and_not_offered(
    client: Browser,
    invited: tuple[BookingLink, str],
    slots: list[Slot],
    case_t: Case,
    advisor: User,
    eva: Client,
) -> None:
    link, path = invited
    booking_make(client=eva, slot=slots[0], actor=advisor)

    page = client.get(path)
    assert f'value="{slots[0].pk}"' not in page.text
    assert f'value="{slots[1].pk}"' in page.text
    refused = client.post(path, {"action": "book", "slot": slots[0].pk})

    assert refused.status_code == 400
    assert not Booking.objects.filter(link=link).exists()
    slots[0].refresh_from_db()
    assert slots[0].booked == 1
    with pytest.raises(ValidationError):
        booking_make(client=case_t.client, slot=slots[0], actor=advisor)


def test_the_database_refuses_more_bookings_than_places(slots: list[Slot]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=slots[0].pk).update(booked=F("capacity") + 1)


def test_a_link_offers_only_its_kind_and_site(
    client: Browser, invited: tuple[BookingLink, str], slots: list[Slot], advisor: User
) -> None:
    link, path = invited
    workshop = Slot.objects.create(
        site=slots[0].site,
        kind="workshop",
        starts_at=slots[0].starts_at,
        ends_at=slots[0].ends_at,
        created_at=timezone.now(),
    )

    response = client.post(path, {"action": "book", "slot": workshop.pk})

    assert response.status_code == 400
    assert not Booking.objects.filter(link=link).exists()


@pytest.mark.parametrize("how", ["tampered", "truncated", "expired"])
def test_a_wrong_or_expired_link_is_a_404_that_changes_nothing(
    client: Browser, invited: tuple[BookingLink, str], slots: list[Slot], how: str
) -> None:
    link, path = invited
    if how == "tampered":
        path = path[:-2] + ("A" if path[-2] != "A" else "B") + "/"
    elif how == "truncated":
        path = path[:-6] + "/"
    else:
        BookingLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())

    assert client.get(path).status_code == 404
    assert client.post(path, {"action": "book", "slot": slots[0].pk}).status_code == 404
    assert not Booking.objects.exists()


def test_the_booking_page_checks_csrf(invited: tuple[BookingLink, str], slots: list[Slot]) -> None:
    _link, path = invited
    browser = Browser(enforce_csrf_checks=True)

    assert browser.post(path, {"action": "book", "slot": slots[0].pk}).status_code == 403
    assert not Booking.objects.exists()


def test_a_dealer_cannot_invite_or_book_another_sites_client(
    case_t: Case, foreign_dealer: User, slots: list[Slot]
) -> None:
    with pytest.raises(OtherSite):
        booking_invite(
            actor=foreign_dealer, client=case_t.client, site=case_t.site, kind="delivery"
        )
    with pytest.raises(OtherSite):
        booking_make(client=case_t.client, slot=slots[0], actor=foreign_dealer)


def test_staff_move_and_cancel_through_the_same_services(
    case_t: Case, advisor: User, slots: list[Slot]
) -> None:
    booking = booking_make(client=case_t.client, case=case_t, slot=slots[0], actor=advisor)
    booking_move(booking=booking, slot=slots[2], actor=advisor)
    booking_cancel(booking=booking, actor=advisor)
    booking_cancel(booking=booking, actor=advisor)

    assert [s.booked for s in Slot.objects.filter(pk__in=[slots[0].pk, slots[2].pk])] == [0, 0]
    assert Entry.objects.filter(case=case_t, kind="booking_cancelled").count() == 1
    entry = Entry.objects.get(case=case_t, kind="booking_moved")
    assert entry.actor == advisor and entry.payload["changes"]["starts_at"][1] == (
        slots[2].starts_at.isoformat()
    )


def test_a_client_takes_one_place_of_a_slot_however_often_he_presses(
    case_t: Case, advisor: User, slots: list[Slot]
) -> None:
    Slot.objects.filter(pk=slots[0].pk).update(capacity=2)
    slot = Slot.objects.get(pk=slots[0].pk)
    booking_make(client=case_t.client, slot=slot, actor=advisor)

    with pytest.raises(ValidationError):
        booking_make(client=case_t.client, slot=slot, actor=advisor)

    slot.refresh_from_db()
    assert slot.booked == 1
    assert Booking.objects.filter(slot=slot).count() == 1


def test_the_portal_lists_a_clients_appointments_to_come(
    case_t: Case, advisor: User, slots: list[Slot], eva: Client
) -> None:
    later = booking_make(client=case_t.client, slot=slots[3], actor=advisor)
    sooner = booking_make(client=case_t.client, slot=slots[1], actor=advisor)
    booking_cancel(booking=booking_make(client=case_t.client, slot=slots[0], actor=advisor))
    booking_make(client=eva, slot=slots[2], actor=advisor)

    assert client_bookings(client=case_t.client) == [sooner, later]
