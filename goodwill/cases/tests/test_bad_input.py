"""Bad input gets a clear answer, never a 500, and nothing half-written."""

import json
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from goodwill.cases.models import Case
from goodwill.cases.services import case_open, case_reassign
from goodwill.clients.models import Client
from goodwill.clients.services import client_create
from goodwill.organisation.models import User


@pytest.mark.parametrize("value", ["abc", "²", "-1", "0", "99999999999999999999999", "1e3", " 2"])
def test_odd_page_and_case_numbers_show_the_first_page(
    client, advisor: User, client_t: Client, case_t: Case, value: str
) -> None:
    client.force_login(advisor)
    assert (
        client.get(f"/clients/{client_t.ref}/", {"page": value, "case": value}).status_code == 200
    )
    assert client.get(f"/cases/{case_t.reference}/", {"page": value}).status_code == 200
    assert client.get("/clients/", {"page": value}).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"summary": "x", "priority": 9}, "priority"),
        ({"summary": "x", "channel": "carrier-pigeon"}, "channel"),
        ({"summary": "x" * 400}, "summary"),
        ({"summary": "x", "category": "nonsense"}, "category"),
    ],
)
def test_the_api_refuses_values_the_database_would_refuse(
    client, agent: User, client_t: Client, body: dict, field: str
) -> None:
    client.force_login(agent)
    response = client.post(
        f"/api/clients/{client_t.ref}/cases", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    assert field in response.json()["detail"]
    assert not client_t.cases.exists()


def test_a_case_cannot_be_given_to_someone_who_cannot_see_the_client(
    advisor: User, foreign_dealer: User, client_t: Client, case_t: Case
) -> None:
    with pytest.raises(ValidationError) as error:
        case_open(actor=advisor, client=client_t, summary="x", owner=foreign_dealer)
    assert "another site" in str(error.value)
    with pytest.raises(ValidationError):
        case_reassign(actor=advisor, case=case_t, new_owner=foreign_dealer, handoff_note="please")
    case_t.refresh_from_db()
    assert case_t.owner == advisor


def test_an_advisor_from_another_site_cannot_advise_the_client(
    agent: User, foreign_dealer: User, munich
) -> None:
    with pytest.raises(ValidationError) as error:
        client_create(actor=agent, last_name="Huber", site=munich, advisor=foreign_dealer)
    assert "advisor" in error.value.message_dict
    assert not Client.objects.filter(last_name="Huber").exists()


def test_a_reference_year_is_the_local_one(advisor: User, client_t: Client) -> None:
    import datetime as dt

    # 23:30 UTC on New Year's Eve is already the new year in Zurich.
    case = case_open(
        actor=advisor,
        client=client_t,
        summary="New year",
        opened_at=dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC),
    )
    assert case.reference.startswith("GW-2027-")


@pytest.mark.django_db(transaction=True)
def test_clients_created_at_the_same_moment_get_different_references(advisor: User, munich) -> None:
    if connection.vendor == "sqlite":
        # SQLite runs one writer at a time (IMMEDIATE transactions); its in-memory test database
        # cannot show a race, only shared-cache lock errors.
        pytest.skip("concurrency is a PostgreSQL concern")
    refs: list[str] = []
    errors: list[BaseException] = []

    def create(n: int) -> None:
        try:
            refs.append(client_create(actor=advisor, last_name=f"Parallel {n}", site=munich).ref)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(refs)) == 6
