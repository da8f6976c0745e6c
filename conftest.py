"""Personas shared by every test: an advisor and their backup at a Munich dealer, a care agent and a
manager at the brand's care centre, and an advisor of a Paris dealer who must see nothing of
Munich's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.clients.models import Client, Product
from goodwill.clients.services import client_create, cover_add, product_add
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import site_create, staff_create

PASSWORD = "correct-horse-battery"  # noqa: S105  (the personas' test password)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    """The default hasher costs ~0.3 s a user on purpose; tests need speed, not brute-force
    resistance."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_site_schedules() -> None:
    """Site ids come back between tests (SQLite reuses them after a rollback): the care engine's
    per-process cache of opening hours must not carry one test's site into the next."""
    from goodwill.care.services import schedule_cache_clear

    schedule_cache_clear()


@pytest.fixture
def care_centre(db: None) -> Site:
    return site_create(
        code="CH-CARE",
        name="Aurelis Care Centre",
        kind="care_centre",
        country="CH",
        timezone="Europe/Zurich",
        languages=["de", "fr", "it", "en"],
    )


@pytest.fixture
def munich(db: None) -> Site:
    return site_create(
        code="DE-MUN-001",
        name="Aurelis München",
        kind="dealer",
        country="DE",
        timezone="Europe/Berlin",
        languages=["de", "en"],
    )


@pytest.fixture
def paris(db: None) -> Site:
    return site_create(
        code="FR-PAR-002",
        name="Aurelis Paris",
        kind="dealer",
        country="FR",
        timezone="Europe/Paris",
        languages=["fr", "en"],
    )


@pytest.fixture
def backup(munich: Site) -> User:
    return staff_create(
        username="jonas",
        password=PASSWORD,
        first_name="Jonas",
        last_name="Weber",
        role="advisor",
        site=munich,
        language="de",
    )


@pytest.fixture
def advisor(munich: Site, backup: User) -> User:
    return staff_create(
        username="anna",
        password=PASSWORD,
        first_name="Anna",
        last_name="Schmid",
        role="advisor",
        site=munich,
        backup=backup,
        language="en",
    )


@pytest.fixture
def agent(care_centre: Site) -> User:
    return staff_create(
        username="chiara",
        password=PASSWORD,
        first_name="Chiara",
        last_name="Rossi",
        role="agent",
        site=care_centre,
        language="it",
    )


@pytest.fixture
def manager(care_centre: Site) -> User:
    return staff_create(
        username="margaux",
        password=PASSWORD,
        first_name="Margaux",
        last_name="Dubois",
        role="manager",
        site=care_centre,
        language="fr",
    )


@pytest.fixture
def foreign_dealer(paris: Site) -> User:
    return staff_create(
        username="pierre",
        password=PASSWORD,
        first_name="Pierre",
        last_name="Martin",
        role="advisor",
        site=paris,
        language="fr",
    )


@pytest.fixture
def client_t(advisor: User, munich: Site) -> Client:
    """Mr. T of story 000: a loyal client of the Munich dealer, owner of a €150k car."""
    return client_create(
        actor=advisor,
        title="Herr",
        first_name="Thomas",
        last_name="Lefèvre",
        email="thomas.lefevre@example.com",
        phone="+49 171 2345678",
        language="de",
        country="DE",
        tier="vip",
        site=munich,
        advisor=advisor,
    )


@pytest.fixture
def car(client_t: Client, advisor: User) -> Product:
    product = product_add(
        actor=advisor,
        client=client_t,
        kind="car",
        brand="Aurelis",
        model="GT Spyder",
        vin="ZAR12345678901234",
        plate="M-AB 1234",
        purchase_date=dt.date(2022, 3, 1),
        price=Decimal("152000"),
        currency="EUR",
        selling_advisor=advisor,
    )
    cover_add(
        actor=advisor,
        product=product,
        kind="insurance",
        starts_on=dt.date(2022, 3, 1),
        ends_on=dt.date(2099, 2, 28),
        provider="Aurelis Insurance",
    )
    return product


@pytest.fixture
def case_t(client_t: Client, car: Product, advisor: User) -> Case:
    return case_open(
        actor=advisor,
        client=client_t,
        product=car,
        summary="Flat tyre on holiday",
        category="breakdown",
        channel="phone",
    )


@pytest.fixture
def paris_client(foreign_dealer: User, paris: Site) -> Client:
    return client_create(
        actor=foreign_dealer,
        first_name="Camille",
        last_name="Bernard",
        email="camille.bernard@example.com",
        phone="06 12 34 56 78",
        language="fr",
        country="FR",
        site=paris,
        advisor=foreign_dealer,
    )
