"""The JSON API speaks for the same services and keeps the same walls."""

import json

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


def test_it_finds_a_client_by_plate_and_shows_the_whole_story(
    client, advisor: User, client_t: Client, car, case_t: Case
) -> None:
    client.force_login(advisor)
    hits = client.get("/api/clients", {"q": "m ab 1234"}).json()
    assert hits == [
        {
            "ref": client_t.ref,
            "name": "Thomas Lefèvre",
            "tier": "vip",
            "advisor": "Anna Schmid",
            "matched_kind": "plate",
            "matched_value": "M-AB 1234",
        }
    ]
    detail = client.get(f"/api/clients/{client_t.ref}").json()
    assert detail["products"][0]["covers"][0]["active_today"] is True
    assert detail["open_cases"][0]["reference"] == case_t.reference
    story = client.get(f"/api/clients/{client_t.ref}/timeline", {"kind": "case_opened"}).json()
    assert [e["summary"] for e in story["entries"]] == ["Flat tyre on holiday"]


def test_it_opens_a_case_and_adds_a_note(
    client, agent: User, advisor: User, client_t: Client
) -> None:
    client.force_login(agent)
    created = client.post(
        f"/api/clients/{client_t.ref}/cases",
        json.dumps({"summary": "Any news?"}),
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["owner"] == "Anna Schmid"
    reference = created.json()["reference"]
    noted = client.post(
        f"/api/cases/{reference}/notes",
        json.dumps({"text": "Called back"}),
        content_type="application/json",
    )
    assert noted.status_code == 201
    assert Entry.objects.filter(case__reference=reference, kind="note", actor=agent).exists()
    empty = client.post(
        f"/api/cases/{reference}/notes", json.dumps({"text": " "}), content_type="application/json"
    )
    assert empty.status_code == 422 and "empty" in empty.json()["detail"]


def test_another_dealer_gets_404_and_a_stranger_401(
    client, foreign_dealer: User, client_t: Client, case_t: Case
) -> None:
    assert client.get(f"/api/clients/{client_t.ref}").status_code == 401
    client.force_login(foreign_dealer)
    assert client.get(f"/api/clients/{client_t.ref}").status_code == 404
    assert client.get(f"/api/cases/{case_t.reference}").status_code == 404
    assert client.get("/api/clients", {"q": "lefevre"}).json() == []


def test_nothing_can_be_deleted_through_the_api(client, advisor: User, case_t: Case) -> None:
    client.force_login(advisor)
    assert client.delete(f"/api/cases/{case_t.reference}").status_code == 405
    assert Case.objects.filter(pk=case_t.pk).exists()


def test_the_openapi_schema_is_served(client, advisor: User) -> None:
    client.force_login(advisor)
    schema = client.get("/api/openapi.json").json()
    assert "/api/clients/{ref}/timeline" in schema["paths"]


def test_the_api_docs_load_nothing_from_the_internet(client, advisor: User) -> None:
    client.force_login(advisor)
    page = client.get("/api/docs").text
    assert "swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "unpkg" not in page.lower()


def test_the_api_docs_and_schema_are_for_signed_in_staff_only(client, advisor: User) -> None:
    for url in ("/api/docs", "/api/openapi.json"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next=/api/")
    client.force_login(advisor)
    assert client.get("/api/docs").status_code == 200
