"""Mr T books, moves and cancels his appointments from his portal, in German and in his time
zone, through the appointments services; the last place goes to one client only, and another
client's appointment is a 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from goodwill.appointments.models import Booking, Slot
from goodwill.appointments.services import booking_make, slots_generate
from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.organisation.models import User
from goodwill.portal.services import portal_book
from goodwill.portal.tests.conftest import portal_open, post
from goodwill.timeline.models import Entry


@pytest.fixture
def slots(advisor: User) -> list[Slot]:
    """Munich's delivery slots: the next three days at 09:00 and 11:00, one place each."""
    first = timezone.localdate() + dt.timedelta(days=2)
    slots_generate(
        actor=advisor,
        site=advisor.site,
        kind="delivery",
        first_day=first,
        last_day=first + dt.timedelta(days=2),
        weekdays=range(7),
        times=[dt.time(9), dt.time(11)],
        minutes=45,
        capacity=1,
    )
    return list(Slot.objects.filter(site=advisor.site, kind="delivery"))


def test_the_client_books_moves_and_cancels_from_his_portal(
    client_t: Client, case_t: Case, slots: list[Slot]
) -> None:
    browser = portal_open(client_t)
    first, second = slots[0], slots[1]

    # His page offers what his dealer has free, in his words; the case page links there too.
    page = browser.get("/portal/appointments/")
    assert page.status_code == 200
    assert "Übergabe Ihrer Bestellung" in page.content.decode()
    assert f"?site={first.site_id}&amp;kind=delivery" in page.content.decode()
    case_page = browser.get(f"/portal/cases/{case_t.reference}/").content.decode()
    assert f"?case={case_t.reference}&amp;kind=delivery" in case_page

    url = f"/portal/appointments/book/?case={case_t.reference}&kind=delivery"
    page = browser.get(url)
    assert page.status_code == 200
    # Times in his time zone (Berlin): the slot made at 09:00 Munich time reads 09:00.
    assert "09:00" in page.content.decode()

    done = post(browser, url, {"action": "book", "slot": str(first.pk)})
    assert done.status_code == 302 and "done=booked" in done["Location"]
    booking = Booking.objects.get(client=client_t)
    assert booking.slot == first and booking.case == case_t and booking.link is None
    first.refresh_from_db()
    assert first.booked == 1
    assert Entry.objects.get(kind="booking_made", client=client_t).actor is None
    listed = browser.get("/portal/appointments/").content.decode()
    assert f"/portal/appointments/{booking.pk}/" in listed
    assert f"/portal/appointments/{booking.pk}/" in browser.get("/portal/").content.decode()

    moved = post(
        browser, f"/portal/appointments/{booking.pk}/", {"action": "book", "slot": str(second.pk)}
    )
    assert moved.status_code == 302 and "done=moved" in moved["Location"]
    booking.refresh_from_db()
    first.refresh_from_db()
    assert booking.slot == second and first.booked == 0
    assert Entry.objects.filter(kind="booking_moved", client=client_t).count() == 1

    cancelled = post(browser, f"/portal/appointments/{booking.pk}/", {"action": "cancel"})
    assert cancelled.status_code == 302 and "done=cancelled" in cancelled["Location"]
    booking.refresh_from_db()
    second.refresh_from_db()
    assert booking.status == "cancelled" and second.booked == 0
    past = browser.get("/portal/appointments/").content.decode()
    assert "Storniert" in past  # in his language: cancelled


def test_the_last_place_is_refused_clearly(
    client_t: Client, case_t: Case, slots: list[Slot], paris_client: Client, advisor: User
) -> None:
    from goodwill.clients.services import client_create

    eva = client_create(
        actor=advisor,
        first_name="Eva",
        last_name="Brandt",
        email="eva.brandt@example.com",
        language="de",
        country="DE",
        site=advisor.site,
        advisor=advisor,
    )
    last = slots[0]
    browser = portal_open(client_t)
    url = f"/portal/appointments/book/?site={last.site_id}&kind=delivery"
    browser.get(url)
    # Eva takes the last place while his page is open.
    booking_make(client=eva, slot=last)

    refused = post(browser, url, {"action": "book", "slot": str(last.pk)})

    assert refused.status_code == 400
    # In his language: the appointments service's own words.
    assert "Dieser Termin wurde gerade vergeben" in refused.content.decode()
    last.refresh_from_db()
    assert last.booked == 1
    assert not Booking.objects.filter(client=client_t).exists()


def test_bad_choices_are_refused_in_words_never_a_500(
    client_t: Client, slots: list[Slot], paris_client: Client, foreign_dealer: User
) -> None:
    slots_generate(
        actor=foreign_dealer,
        site=foreign_dealer.site,
        kind="delivery",
        first_day=timezone.localdate() + dt.timedelta(days=2),
        last_day=timezone.localdate() + dt.timedelta(days=2),
        weekdays=range(7),
        times=[dt.time(10)],
        minutes=30,
        capacity=3,
    )
    paris_slot = Slot.objects.get(site=foreign_dealer.site)
    browser = portal_open(client_t)
    url = f"/portal/appointments/book/?site={slots[0].site_id}&kind=delivery"

    # Another site's slot, a made-up number, nonsense: a clear 400.
    for slot in (str(paris_slot.pk), "999999", "abc", ""):
        page = post(browser, url, {"action": "book", "slot": slot})
        assert page.status_code == 400, slot
    assert not Booking.objects.exists()
    # A site that is not his, an unknown kind, a foreign case: 404.
    assert (
        browser.get(
            f"/portal/appointments/book/?site={paris_slot.site_id}&kind=delivery"
        ).status_code
        == 404
    )
    assert (
        browser.get(f"/portal/appointments/book/?site={slots[0].site_id}&kind=spa").status_code
        == 404
    )
    assert browser.get("/portal/appointments/book/?site=x&kind=delivery").status_code == 404


def test_another_clients_appointment_is_a_404(
    client_t: Client, slots: list[Slot], paris_client: Client, foreign_dealer: User
) -> None:
    slots_generate(
        actor=foreign_dealer,
        site=foreign_dealer.site,
        kind="fitting",
        first_day=timezone.localdate() + dt.timedelta(days=2),
        last_day=timezone.localdate() + dt.timedelta(days=2),
        weekdays=range(7),
        times=[dt.time(10)],
        minutes=30,
        capacity=3,
    )
    theirs = portal_book(
        client=paris_client,
        site=foreign_dealer.site,
        kind="fitting",
        slot_id=Slot.objects.get(site=foreign_dealer.site).pk,
    )
    browser = portal_open(client_t)
    browser.get("/portal/appointments/")  # his own page gives him his CSRF cookie

    assert browser.get(f"/portal/appointments/{theirs.pk}/").status_code == 404
    assert (
        post(browser, f"/portal/appointments/{theirs.pk}/", {"action": "cancel"}).status_code == 404
    )
    theirs.refresh_from_db()
    assert theirs.status == "booked"
    assert "Paris" not in browser.get("/portal/appointments/").content.decode()


def test_the_appointments_page_reads_right_to_left_in_arabic(
    client_t: Client, slots: list[Slot]
) -> None:
    Client.objects.filter(pk=client_t.pk).update(language="ar")
    browser = portal_open(client_t)

    page = browser.get("/portal/appointments/").content.decode()

    assert 'dir="rtl"' in page and "تسليم مشترياتكم" in page


def test_huge_numbers_are_a_4xx(client_t: Client, slots: list[Slot]) -> None:
    browser = portal_open(client_t)
    huge = "9" * 30
    url = f"/portal/appointments/book/?site={slots[0].site_id}&kind=delivery"

    assert browser.get(f"/portal/appointments/{huge}/").status_code in (400, 404)
    assert browser.get(f"/portal/appointments/book/?site={huge}&kind=delivery").status_code == 404
    assert post(browser, url, {"action": "book", "slot": huge}).status_code == 400
    assert browser.get(f"/portal/quotes/{huge}/media/{huge}/").status_code in (400, 404)


def test_the_appointments_page_reads_the_same_queries_for_one_booking_or_three(
    client_t: Client, case_t: Case, slots: list[Slot], django_assert_num_queries: Any
) -> None:
    portal_book(client=client_t, site=slots[0].site, kind="delivery", slot_id=slots[0].pk)
    browser = portal_open(client_t)
    browser.get("/portal/appointments/")
    # The session, the link, appointments to come, past ones, the open cases' sites, the sites,
    # the kinds with a free place.
    with django_assert_num_queries(7):
        assert browser.get("/portal/appointments/").status_code == 200

    for slot in slots[1:3]:
        portal_book(client=client_t, site=slot.site, kind="delivery", slot_id=slot.pk, case=case_t)

    with django_assert_num_queries(7):
        assert browser.get("/portal/appointments/").status_code == 200
