"""The assistance stories' cast: partners around Munich and the brand's service policy."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine

from goodwill.assistance.models import Partner, PartnerTask, ServicePolicy
from goodwill.assistance.services import partner_save, service_policy_set
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.organisation.models import Site, User

# A Saturday morning in June: 08:00 UTC is 10:00 in Munich.
SATURDAY = dt.datetime(2026, 6, 6, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def saturday():
    with time_machine.travel(SATURDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def tow(manager: User, munich: Site) -> Partner:
    return partner_save(
        actor=manager,
        name="Abschleppdienst Huber",
        kind="tow",
        site=munich,
        region="Oberbayern",
        contact_name="Sepp Huber",
        email="dispo@huber-abschlepp.example",
        phone="+49 89 1234567",
        languages=["de", "en"],
        hours="24/7",
        accept_minutes=15,
        arrive_minutes=60,
    )


@pytest.fixture
def rental(manager: User) -> Partner:
    return partner_save(
        actor=manager,
        name="Prestige Rent",
        kind="rental",
        region="Germany",
        email="desk@prestige-rent.example",
        languages=["fr", "en"],
        classes=["C", "E", "S"],
        accept_minutes=30,
        arrive_minutes=120,
    )


@pytest.fixture
def policy(manager: User) -> list[ServicePolicy]:
    """A VIP with a car worth €100k or more gets a class S car, a 5-star hotel for two nights
    and a chauffeur; a standard client a class C car."""
    return [
        service_policy_set(
            actor=manager,
            tier="vip",
            min_value=Decimal("100000"),
            car_class="S",
            hotel_class="5",
            transport_class="chauffeur",
            nights=2,
        ),
        service_policy_set(
            actor=manager,
            tier="vip",
            min_value=Decimal("0"),
            car_class="E",
            hotel_class="4",
            transport_class="taxi",
            nights=1,
        ),
        service_policy_set(
            actor=manager,
            tier="standard",
            min_value=Decimal("0"),
            car_class="C",
            hotel_class="3",
            transport_class="public",
            nights=1,
        ),
    ]


def link_token(task: PartnerTask) -> str:
    """The token as the partner reads it: in the e-mail they were sent."""
    message = (
        OutboundMessage.objects.filter(key__startswith=f"partner_task:{task.pk}:")
        .order_by("-id")
        .first()
    )
    assert message is not None
    found = re.search(r"/p/([A-Za-z0-9_-]+)/", message.body_text)
    assert found is not None
    return found.group(1)
