from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from goodwill.clients.models import Client, Product
from goodwill.clients.services import product_add
from goodwill.journeys.models import Journey
from goodwill.journeys.services import journeys_ensure_defaults
from goodwill.organisation.models import User


@pytest.fixture(autouse=True)
def _plans(db: None) -> None:
    # Transactional tests and flushes empty the migration's rows: the plans again.
    journeys_ensure_defaults()


@pytest.fixture
def new_car(client_t: Client, advisor: User) -> Product:
    """Herr Lefèvre orders a new car today: his order journey starts."""
    return product_add(
        actor=advisor,
        client=client_t,
        kind="car",
        brand="Aurelis",
        model="Veloce 4.0 Coupé",
        vin="WAR4VC40N5P031988",
        purchase_date=timezone.localdate(),
        price=Decimal("128500"),
        currency="EUR",
        selling_advisor=advisor,
    )


@pytest.fixture
def order(new_car: Product) -> Journey:
    return Journey.objects.get(product=new_car, template__kind="car_order")


def later(days: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)
