"""A brand recall of the GT Spyder's airbag: Mr T owns two affected cars, Layla (who reads
Arabic) one, a Paris client one; one VIN on the brand's list is nobody's."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from goodwill.appointments.models import Slot
from goodwill.appointments.services import slots_generate
from goodwill.clients.models import Client, Product
from goodwill.clients.services import client_create, product_add
from goodwill.organisation.models import User
from goodwill.recalls.models import Campaign
from goodwill.recalls.services import campaign_create, campaign_import

UNKNOWN_VIN = "ZAR00000000000000"


def csv_bytes(*lines: str, encoding: str = "utf-8") -> io.BytesIO:
    return io.BytesIO("\r\n".join(lines).encode(encoding))


@pytest.fixture
def second_car(client_t: Client, car: Product, advisor: User) -> Product:
    return product_add(
        actor=advisor,
        client=client_t,
        kind="car",
        brand="Aurelis",
        model="Volante",
        vin="ZAR99999999999999",
    )


@pytest.fixture
def layla(advisor: User) -> Client:
    client = client_create(
        actor=advisor,
        first_name="Layla",
        last_name="Haddad",
        email="layla.haddad@example.com",
        language="ar",
        country="DE",
        site=advisor.site,
        advisor=advisor,
    )
    product_add(
        actor=advisor,
        client=client,
        kind="car",
        brand="Aurelis",
        model="GT Spyder",
        vin="ZAR11111111111111",
    )
    return client


@pytest.fixture
def camille_car(paris_client: Client, foreign_dealer: User) -> Product:
    return product_add(
        actor=foreign_dealer,
        client=paris_client,
        kind="car",
        brand="Aurelis",
        model="GT Spyder",
        vin="ZAR22222222222222",
    )


@pytest.fixture
def campaign(manager: User) -> Campaign:
    return campaign_create(
        actor=manager,
        code="RC-24-07",
        title="GT Spyder airbag inflator",
        words={
            "en": ("Airbag inflator recall", "The passenger airbag inflator must be replaced."),
            "de": (
                "Rückruf Airbag-Gasgenerator",
                "Der Gasgenerator des Beifahrerairbags muss ersetzt werden.",
            ),
            "ar": ("استدعاء مولد غاز الوسادة الهوائية", "يجب استبدال مولد غاز وسادة الراكب."),
        },
    )


@pytest.fixture
def affected(
    campaign: Campaign,
    manager: User,
    car: Product,
    second_car: Product,
    layla: Client,
    camille_car: Product,
) -> Campaign:
    """The brand's list imported: five lines, four known cars of three owners and one unknown."""
    campaign_import(
        actor=manager,
        campaign=campaign,
        stream=csv_bytes(
            "VIN;Model",
            "ZAR12345678901234;GT Spyder",
            "zar-9999 9999 9999 99;Volante",
            "ZAR11111111111111;GT Spyder",
            "ZAR22222222222222;GT Spyder",
            f"{UNKNOWN_VIN};GT Spyder",
        ),
    )
    return campaign


@pytest.fixture
def workshop_slots(advisor: User) -> list[Slot]:
    first = timezone.localdate() + dt.timedelta(days=2)
    slots_generate(
        actor=advisor,
        site=advisor.site,
        kind="workshop",
        first_day=first,
        last_day=first + dt.timedelta(days=1),
        weekdays=range(7),
        times=[dt.time(9), dt.time(11)],
        minutes=60,
        capacity=2,
    )
    return list(Slot.objects.filter(site=advisor.site, kind="workshop"))
