"""A client's tier follows the value of what they own, per currency, unless a person set it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from goodwill.care.services import client_tier_refresh, client_tier_set, tier_threshold_set
from goodwill.clients.models import Client
from goodwill.clients.services import client_create, product_add
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry


@pytest.fixture
def thresholds(manager: User) -> None:
    tier_threshold_set(
        actor=manager, currency="EUR", premium_from=Decimal("15000"), vip_from=Decimal("150000")
    )
    tier_threshold_set(
        actor=manager, currency="GBP", premium_from=Decimal("13000"), vip_from=Decimal("130000")
    )


def new_client(advisor: User, munich: Site, **extra: object) -> Client:
    return client_create(
        actor=advisor, first_name="Lena", last_name="Vogel", site=munich, advisor=advisor, **extra
    )  # type: ignore[arg-type]


def buy(advisor: User, client: Client, price: str, currency: str) -> None:
    product_add(
        actor=advisor,
        client=client,
        kind="car",
        brand="Aurelis",
        model="GT",
        price=Decimal(price),
        currency=currency,
        purchase_date=dt.date(2026, 1, 5),
    )


def test_a_150k_car_makes_its_owner_vip(thresholds: None, advisor: User, munich: Site) -> None:
    client = new_client(advisor, munich)
    buy(advisor, client, "152000", "EUR")
    client.refresh_from_db()
    assert client.tier == "vip"
    change = Entry.objects.get(client=client, kind="client_changed")
    assert change.payload["changes"]["tier"] == ["standard", "vip"] and change.actor is None


def test_the_total_counts_per_currency_against_its_own_threshold(
    thresholds: None, advisor: User, munich: Site
) -> None:
    client = new_client(advisor, munich)
    buy(advisor, client, "9000", "EUR")
    buy(advisor, client, "9000", "EUR")  # 18,000 EUR: premium
    client.refresh_from_db()
    assert client.tier == "premium"
    buy(advisor, client, "129000", "GBP")  # below the GBP VIP line
    client.refresh_from_db()
    assert client.tier == "premium"
    buy(advisor, client, "2000", "GBP")  # 131,000 GBP: VIP
    client.refresh_from_db()
    assert client.tier == "vip"


def test_a_currency_without_a_threshold_leaves_the_tier_alone(
    thresholds: None, advisor: User, munich: Site
) -> None:
    client = new_client(advisor, munich, tier="premium")
    buy(advisor, client, "500", "CHF")
    client.refresh_from_db()
    assert client.tier == "premium"


def test_a_tier_set_by_hand_is_kept(thresholds: None, advisor: User, munich: Site) -> None:
    client = new_client(advisor, munich)
    client_tier_set(actor=advisor, client=client, tier="vip")
    buy(advisor, client, "100", "EUR")
    client.refresh_from_db()
    assert (client.tier, client.tier_set_by_hand) == ("vip", True)
    assert client_tier_refresh(client=client) == "vip"


def test_recomputing_everyone_applies_new_thresholds(
    thresholds: None, advisor: User, manager: User, munich: Site
) -> None:
    client = new_client(advisor, munich)
    buy(advisor, client, "20000", "EUR")
    by_hand = new_client(advisor, munich, email="hand@example.com")
    buy(advisor, by_hand, "20000", "EUR")
    client_tier_set(actor=advisor, client=by_hand, tier="vip")
    tier_threshold_set(
        actor=manager, currency="EUR", premium_from=Decimal("25000"), vip_from=Decimal("150000")
    )
    call_command("care_tiers_refresh")
    client.refresh_from_db()
    by_hand.refresh_from_db()
    assert client.tier == "standard" and by_hand.tier == "vip"


def test_only_managers_set_thresholds(advisor: User) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        tier_threshold_set(
            actor=advisor, currency="EUR", premium_from=Decimal(1), vip_from=Decimal(2)
        )


def test_a_tier_a_person_chose_stays_whatever_the_client_buys(
    thresholds: None, advisor: User, munich: Site
) -> None:
    from goodwill.clients.services import client_update

    chosen = new_client(advisor, munich, tier="vip")
    buy(advisor, chosen, "500", "EUR")
    chosen.refresh_from_db()
    assert (chosen.tier, chosen.tier_set_by_hand) == ("vip", True)
    later = new_client(advisor, munich, email="later@example.com")
    client_update(actor=advisor, client=later, tier="premium")
    buy(advisor, later, "500", "EUR")
    later.refresh_from_db()
    assert (later.tier, later.tier_set_by_hand) == ("premium", True)
