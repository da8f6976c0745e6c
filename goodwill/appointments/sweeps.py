"""The appointments' clock: one reminder the day before, in the client's language.

Each booking is claimed with a conditional UPDATE (`reminded_at` still empty) in the transaction
that queues its e-mail, so any number of workers may run this and one killed at any line leaves
nothing half done; moving a booking empties `reminded_at` again for its new time."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from goodwill.appointments.models import Booking
from goodwill.appointments.services import booking_remind

BATCH = 200


def _remind(booking_id: int, now: dt.datetime) -> bool:
    with transaction.atomic():
        claimed = Booking.objects.filter(
            pk=booking_id, status=Booking.Status.BOOKED, reminded_at__isnull=True
        ).update(reminded_at=now)
        if not claimed:
            return False
        booking = Booking.objects.select_related(
            "slot",
            "slot__site",
            "client",
            "client__site",
            "client__advisor",
            "case",
            "case__owner",
            "link",
        ).get(pk=booking_id)
        return booking_remind(booking=booking, at=now)


def reminders_due(now: dt.datetime) -> int:
    """Remind the clients whose appointment starts within a day (the day before, in their time
    zone; one booked the same day is not reminded). Returns how many were reminded."""
    due = (
        Booking.objects.filter(
            status=Booking.Status.BOOKED,
            reminded_at__isnull=True,
            slot__starts_at__gt=now,
            slot__starts_at__lte=now + dt.timedelta(days=1),
        )
        .order_by("slot__starts_at")
        .values_list("pk", flat=True)[:BATCH]
    )
    return sum(_remind(pk, now) for pk in list(due))
