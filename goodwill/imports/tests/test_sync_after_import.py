"""A CRM syncing through /api/v1/clients?changed_since=<its last run> sees the clients an import
brought in or wrote to since, however old their own history's times are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from goodwill.clients.models import Client
from goodwill.imports.moving_in import helpdesk_load
from goodwill.imports.readers import csv_format
from goodwill.imports.records import CaseRecord, ClientRecord, Export, MessageRecord
from goodwill.integrations.selectors import api_clients
from goodwill.integrations.services import api_token_create
from goodwill.organisation.models import Site, User

EXPORTS = Path(__file__).parent / "exports"
YEARS_AGO = dt.datetime(2019, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _vault_dir(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path / "data"


def _synced(manager: User, since: dt.datetime) -> set[str]:
    _token, raw = api_token_create(actor=manager, user=manager, name="crm", scope="read")
    api = HttpClient(headers={"Authorization": f"Bearer {raw}"})
    response = api.get("/api/v1/clients", {"changed_since": since.isoformat(), "limit": 200})
    assert response.status_code == 200, response.content
    return {row["reference"] for row in response.json()["items"]}


def test_clients_moved_in_with_old_history_reach_the_next_sync(
    care_centre: Site, agent: User, manager: User
) -> None:
    # Given the CRM's last sync ran just before the move
    last_run = timezone.now()
    # When the CSV export (tickets of 2024) comes in
    helpdesk_load(export=csv_format.read(EXPORTS / "csv"))
    imported = set(Client.objects.values_list("ref", flat=True))
    assert imported
    # Their history keeps its own times (a client with a product has news of today: its journey)
    old = {c.ref for c in Client.objects.all() if (c.last_activity_at or last_run) < last_run}
    assert old
    # Then the next sync sees every one of them, through the API and the selector alike
    assert _synced(manager, last_run) == imported
    page = api_clients(user=manager, changed_since=last_run, limit=200)
    assert {c.ref for c in page.items} == imported


def test_a_client_here_already_whom_an_import_adds_history_to_reaches_the_next_sync(
    care_centre: Site, agent: User, manager: User, client_t: Client
) -> None:
    # Given Thomas, here already, and a sync that ran after his last activity
    last_run = timezone.now()
    assert client_t.ref not in _synced(manager, last_run)
    email = client_t.contact_points.get(kind="email").normalized
    # When an old helpdesk's ticket of his, from 2019, comes in
    helpdesk_load(
        export=Export(
            source="zendesk",
            clients=[ClientRecord(foreign_id="u-1", email=email)],
            cases=[
                CaseRecord(
                    foreign_id="t-1",
                    client_id="u-1",
                    subject="Old strap",
                    opened_at=YEARS_AGO,
                    messages=(
                        MessageRecord(foreign_id="c-1", at=YEARS_AGO, direction="in", body="Hi"),
                    ),
                )
            ],
        )
    )
    # Then the next sync sees him (his story changed), and his last activity did not move
    assert client_t.ref in _synced(manager, last_run)
    before = client_t.last_activity_at
    client_t.refresh_from_db()
    assert client_t.last_activity_at == before
