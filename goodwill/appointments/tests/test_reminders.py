"""The day before, the client is reminded once, in his language, with a link that still lets him
move or cancel; a moved appointment is reminded again for its new time."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client as Browser

from goodwill.appointments.models import Booking, BookingLink, Slot
from goodwill.appointments.services import booking_make, booking_move
from goodwill.appointments.sweeps import reminders_due
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.organisation.models import User


def test_one_reminder_the_day_before_in_the_clients_language(
    client: Browser, invited: tuple[BookingLink, str], slots: list[Slot]
) -> None:
    link, _path = invited
    booking = booking_make(client=link.client, slot=slots[0], link=link)
    starts = slots[0].starts_at

    # Two days before: nothing yet
    assert reminders_due(starts - dt.timedelta(days=2)) == 0
    # The day before, the worker runs twice (or two workers at once): one reminder
    now = starts - dt.timedelta(hours=20)
    assert reminders_due(now) == 1
    assert reminders_due(now + dt.timedelta(minutes=1)) == 0

    mail = OutboundMessage.objects.get(reason="booking_reminder")
    assert mail.language == "de" and mail.to_address == "thomas.lefevre@example.com"
    assert mail.subject == "Morgen: Übergabe Ihrer Bestellung bei Aurelis München"
    assert "Guten Tag Herr Lefèvre," in mail.body_text
    assert starts.astimezone(dt.UTC).strftime("%Y") in mail.body_text
    # Its link opens the same booking: the client can still move or cancel it from there
    found = re.search(r"/book/[A-Za-z0-9_-]+/", mail.body_text)
    assert found is not None
    assert client.get(found.group(0)).status_code == 200
    assert Booking.objects.get(pk=booking.pk).reminded_at == now


def test_a_moved_appointment_is_reminded_again_and_a_cancelled_one_never(
    case_t: Case, advisor: User, slots: list[Slot], eva: object
) -> None:
    booking = booking_make(client=case_t.client, case=case_t, slot=slots[0], actor=advisor)
    assert reminders_due(slots[0].starts_at - dt.timedelta(hours=20)) == 1
    booking_move(booking=booking, slot=slots[2], actor=advisor)

    assert reminders_due(slots[2].starts_at - dt.timedelta(hours=20)) == 1
    assert OutboundMessage.objects.filter(reason="booking_reminder").count() == 2


def test_an_appointment_booked_the_same_day_is_not_reminded(
    case_t: Case, advisor: User, slots: list[Slot]
) -> None:
    booking_make(client=case_t.client, slot=slots[0], actor=advisor)

    assert reminders_due(slots[0].starts_at - dt.timedelta(hours=2)) == 0
    assert not OutboundMessage.objects.filter(reason="booking_reminder").exists()
