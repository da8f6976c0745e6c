from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from goodwill.organisation.models import Site, User
from goodwill.organisation.services import staff_create

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def rubric(db: None) -> None:
    """The default rubric as the data migration writes it (a live-server test that ran before
    empties the tables)."""
    importlib.import_module("goodwill.quality.migrations.0002_default_rubric").seed(apps, None)
    importlib.import_module("goodwill.checks.migrations.0002_seed_brush_offs").seed(apps, None)


@pytest.fixture
def munich_manager(munich: Site) -> User:
    return staff_create(
        username="klaus",
        password=PASSWORD,
        first_name="Klaus",
        last_name="Berger",
        role="manager",
        site=munich,
        language="en",
    )


@pytest.fixture
def paris_manager(paris: Site) -> User:
    return staff_create(
        username="helene",
        password=PASSWORD,
        first_name="Hélène",
        last_name="Roy",
        role="manager",
        site=paris,
        language="fr",
    )
