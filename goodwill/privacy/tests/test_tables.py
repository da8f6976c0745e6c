"""Every model holding a client's data is in privacy.tables.TABLES (or said here why not)."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from goodwill.clients.models import Client
from goodwill.privacy.tables import TABLES, scrub_json

# Rows about a client with nothing personal in them: scores, summaries, tasks without text.
NOTHING_PERSONAL = {
    "experience.CaseExperience",
    "experience.ClientHealth",
    "care.CallTask",
}


def test_every_model_pointing_at_a_client_is_listed() -> None:
    listed = {table.model._meta.label for table in TABLES}
    missing = []
    for model in apps.get_models():
        points = any(
            isinstance(f, models.ForeignKey | models.OneToOneField) and f.related_model is Client
            for f in model._meta.concrete_fields
        )
        label = model._meta.label
        if points and label not in listed and label not in NOTHING_PERSONAL:
            missing.append(label)
    assert missing == []


def test_a_payload_keeps_what_happened_not_who() -> None:
    payload = {
        "changes": {"status": ["new", "in_progress"], "client_title": ["Lefèvre's car", "x"]},
        "reason": "Mr Lefèvre called",
        "promise_id": 3,
        "due_at": "2026-12-01T10:00:00+00:00",
        "cost": 120.5,
        "vehicles": ["ZAR12345678901234"],
        "fixed": True,
    }
    assert scrub_json(payload) == {
        "changes": {"status": ["new", "in_progress"]},
        "promise_id": 3,
        "due_at": "2026-12-01T10:00:00+00:00",
        "cost": 120.5,
        "vehicles": [],
        "fixed": True,
    }
