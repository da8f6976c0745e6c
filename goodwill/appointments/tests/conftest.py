from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from goodwill.appointments.models import BookingLink, Slot
from goodwill.appointments.services import booking_invite, slots_generate
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.clients.services import client_create
from goodwill.organisation.models import User


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


@pytest.fixture
def invited(case_t: Case, advisor: User) -> tuple[BookingLink, str]:
    """Mr T was sent his booking link by Anna: the link and its path from the e-mail."""
    link = booking_invite(
        actor=advisor, client=case_t.client, site=case_t.site, kind="delivery", case=case_t
    )
    mail = OutboundMessage.objects.get(reason="booking_invite", client=case_t.client)
    found = re.search(r"/book/[A-Za-z0-9_-]+/", mail.body_text)
    assert found is not None
    return link, found.group(0)


@pytest.fixture
def eva(advisor: User) -> Client:
    """Another client of the Munich dealer, who books too."""
    return client_create(
        actor=advisor,
        first_name="Eva",
        last_name="Brandt",
        email="eva.brandt@example.com",
        language="de",
        country="DE",
        site=advisor.site,
        advisor=advisor,
    )
