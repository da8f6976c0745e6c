from __future__ import annotations

import importlib

import pytest
from django.apps import apps


@pytest.fixture
def brush_offs(db: None) -> None:
    """The brand's seeded brush-off phrases, as the data migration writes them: a test that ran
    before with a live server (transaction=True) empties the tables it leaves behind."""
    migration = importlib.import_module("goodwill.checks.migrations.0002_seed_brush_offs")
    migration.seed(apps, None)
