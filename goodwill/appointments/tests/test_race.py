"""Two clients press the last free time at the same moment: exactly one gets it (PostgreSQL,
real concurrent transactions)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from goodwill.appointments.models import Booking, Slot
from goodwill.appointments.services import booking_make
from goodwill.clients.models import Client
from goodwill.clients.services import client_create
from goodwill.organisation.models import User


@pytest.mark.django_db(transaction=True)
def test_two_clients_never_get_the_last_place_at_once(
    advisor: User, client_t: Client, slots: list[Slot]
) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises every writer: the race needs PostgreSQL's row locks")
    rivals = [client_t] + [
        client_create(
            actor=advisor,
            first_name=f"Rival{n}",
            last_name="Client",
            email=f"rival{n}@example.com",
            site=advisor.site,
            advisor=advisor,
        )
        for n in range(3)
    ]
    last = slots[0]
    barrier = threading.Barrier(len(rivals))
    outcomes: list[str] = []

    def book(client: Client) -> None:
        try:
            barrier.wait()
            booking_make(client=client, slot=last)
            outcomes.append("booked")
        except ValidationError:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(c,)) for c in rivals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["booked", "full", "full", "full"]
    last.refresh_from_db()
    assert last.booked == 1
    assert Booking.objects.filter(slot=last, status="booked").count() == 1
