"""The versioned API as another system uses it: a token only, no session."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client as HttpClient
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.cases.services import case_add_note, case_open
from goodwill.clients.models import Client
from goodwill.clients.services import client_create
from goodwill.documents.models import Document
from goodwill.documents.services import document_store
from goodwill.integrations.tests.conftest import ApiFor, TokenFor
from goodwill.organisation.models import Site, User
from goodwill.promises.services import promise_make
from goodwill.timeline.models import Entry

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def _all_pages(api: HttpClient, url: str, limit: int = 2) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = ""
    for _ in range(50):
        sep = "&" if "?" in url else "?"
        answer = api.get(f"{url}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else ""))
        assert answer.status_code == 200, answer.content
        body = answer.json()
        assert len(body["items"]) <= limit
        items += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            return items
    raise AssertionError("the cursor never ended")


@pytest.fixture
def book(munich: Site, advisor: User) -> list[Client]:
    """Five Munich clients, each written on a day of their own."""
    clients = []
    for day in range(5):
        with time_machine.travel(START + dt.timedelta(days=day), tick=False):
            clients.append(
                client_create(actor=advisor, last_name=f"Client{day}", site=munich, advisor=advisor)
            )
    return clients


def test_an_agent_reads_every_client_page_by_page_oldest_change_first(
    agent: User, book: list[Client], paris_client: Client, token_for: TokenFor, api_for: ApiFor
) -> None:
    api = api_for(token_for(agent))
    refs = [item["reference"] for item in _all_pages(api, "/api/v1/clients")]
    assert refs[:5] == [c.ref for c in book]  # stable order, none skipped or repeated
    assert refs[5:] == [paris_client.ref]


def test_changed_since_gives_only_what_changed(
    agent: User, book: list[Client], token_for: TokenFor, api_for: ApiFor
) -> None:
    api = api_for(token_for(agent))
    since = (START + dt.timedelta(days=3)).isoformat().replace("+00:00", "Z")
    refs = [item["reference"] for item in _all_pages(api, f"/api/v1/clients?changed_since={since}")]
    assert refs == [book[3].ref, book[4].ref]

    # Something written on an old client's story brings them back, at the end.
    with time_machine.travel(START + dt.timedelta(days=9), tick=False):
        case_open(actor=agent, client=book[0], summary="Question", channel="phone")
    refs = [item["reference"] for item in _all_pages(api, f"/api/v1/clients?changed_since={since}")]
    assert refs == [book[3].ref, book[4].ref, book[0].ref]


def test_a_naive_or_malformed_changed_since_is_refused(
    agent: User, token_for: TokenFor, api_for: ApiFor
) -> None:
    api = api_for(token_for(agent))
    assert api.get("/api/v1/clients?changed_since=2026-01-01T00:00:00").status_code == 400
    assert api.get("/api/v1/clients?changed_since=yesterday").status_code == 422


def test_a_cursor_not_handed_out_is_400(
    agent: User, book: list[Client], token_for: TokenFor, api_for: ApiFor
) -> None:
    api = api_for(token_for(agent))
    cursor = api.get("/api/v1/clients?limit=1").json()["next_cursor"]
    assert api.get("/api/v1/clients?cursor=abc").status_code == 400
    assert api.get(f"/api/v1/clients?cursor={cursor[:-2]}xx").status_code == 400
    # A client listing's cursor means nothing to the case listing.
    answer = api.get(f"/api/v1/cases?cursor={cursor}")
    assert answer.status_code == 400
    assert "cursor" in answer.json()["detail"]


def test_a_dealers_token_sees_only_its_site(
    advisor: User,
    client_t: Client,
    case_t: Case,
    paris_client: Client,
    token_for: TokenFor,
    api_for: ApiFor,
) -> None:
    api = api_for(token_for(advisor))
    refs = [item["reference"] for item in _all_pages(api, "/api/v1/clients")]
    assert refs == [client_t.ref]
    assert api.get(f"/api/v1/clients/{paris_client.ref}").status_code == 404
    assert api.get(f"/api/v1/clients/{paris_client.ref}/timeline").status_code == 404
    assert api.get(f"/api/v1/clients/{paris_client.ref}/documents").status_code == 404
    assert api.get("/api/v1/clients/CL-9999999").status_code == 404  # the same as missing


def test_a_foreign_dealer_sees_no_munich_case(
    foreign_dealer: User, case_t: Case, token_for: TokenFor, api_for: ApiFor
) -> None:
    api = api_for(token_for(foreign_dealer, scope="write"))
    assert api.get("/api/v1/cases").json() == {"items": [], "next_cursor": None}
    assert api.get(f"/api/v1/cases/{case_t.reference}").status_code == 404
    assert api.get(f"/api/v1/cases/{case_t.reference}/messages").status_code == 404
    answer = api.post(
        f"/api/v1/cases/{case_t.reference}/notes",
        {"text": "hello"},
        content_type="application/json",
    )
    assert answer.status_code == 404
    assert not Entry.objects.filter(kind="note", case=case_t).exists()


def test_a_client_with_contact_points_products_and_cover(
    advisor: User, client_t: Client, case_t: Case, token_for: TokenFor, api_for: ApiFor
) -> None:
    body = api_for(token_for(advisor)).get(f"/api/v1/clients/{client_t.ref}").json()
    assert body["reference"] == client_t.ref
    assert {c["kind"] for c in body["contacts"]} == {"email", "phone"}
    (car,) = body["products"]
    assert car["vin"] == "ZAR12345678901234"
    assert car["covers"][0]["kind"] == "insurance" and car["covers"][0]["active_today"]


def test_the_timeline_pages_newest_first(
    advisor: User, client_t: Client, case_t: Case, token_for: TokenFor, api_for: ApiFor
) -> None:
    for n in range(4):
        case_add_note(actor=advisor, case=case_t, text=f"note {n}")
    api = api_for(token_for(advisor))
    items = _all_pages(api, f"/api/v1/clients/{client_t.ref}/timeline")
    expected = list(
        Entry.objects.filter(client=client_t).order_by("-at", "-id").values_list("id", flat=True)
    )
    assert [item["id"] for item in items] == expected
    assert len(expected) >= 6


def test_cases_with_promises_and_messages(
    agent: User, advisor: User, case_t: Case, token_for: TokenFor, api_for: ApiFor
) -> None:
    promise_make(
        actor=advisor, case=case_t, text="Call back", due_at=timezone.now() + dt.timedelta(hours=2)
    )
    api = api_for(token_for(agent))
    listed = api.get("/api/v1/cases").json()
    assert [c["reference"] for c in listed["items"]] == [case_t.reference]
    assert api.get("/api/v1/cases?status=nonsense").status_code == 400
    detail = api.get(f"/api/v1/cases/{case_t.reference}").json()
    assert detail["client"] == case_t.client.ref
    assert [p["text"] for p in detail["promises"]] == ["Call back"]
    messages = api.get(f"/api/v1/cases/{case_t.reference}/messages").json()
    assert all(m["kind"] in ("message_in", "message_out") for m in messages["items"])


def test_a_read_token_cannot_write(
    advisor: User, case_t: Case, token_for: TokenFor, api_for: ApiFor
) -> None:
    api = api_for(token_for(advisor, scope="read"))
    answer = api.post(
        f"/api/v1/cases/{case_t.reference}/notes", {"text": "hi"}, content_type="application/json"
    )
    assert answer.status_code == 403
    assert answer.json()["detail"]
    answer = api.post(
        f"/api/v1/clients/{case_t.client.ref}/cases",
        {"summary": "New"},
        content_type="application/json",
    )
    assert answer.status_code == 403


def test_a_write_token_adds_a_note_and_opens_a_case_through_the_services(
    advisor: User, client_t: Client, case_t: Case, token_for: TokenFor, api_for: ApiFor
) -> None:
    api = api_for(token_for(advisor, scope="write"))
    answer = api.post(
        f"/api/v1/cases/{case_t.reference}/notes",
        {"text": "Tyre ordered"},
        content_type="application/json",
    )
    assert answer.status_code == 201
    note = Entry.objects.get(kind="note", case=case_t)
    assert note.actor == advisor and note.body == "Tyre ordered"

    answer = api.post(
        f"/api/v1/clients/{client_t.ref}/cases",
        {"summary": "Service booking", "category": "information"},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    opened = Case.objects.get(reference=answer.json()["reference"])
    assert opened.owner == advisor and opened.client == client_t

    assert (
        api.post(
            f"/api/v1/cases/{case_t.reference}/notes",
            {"text": "  "},
            content_type="application/json",
        ).status_code
        == 422
    )
    bad = api.post(
        f"/api/v1/cases/{case_t.reference}/notes", b"{not json", content_type="application/json"
    )
    assert bad.status_code == 400


def test_documents_are_listed_and_downloaded_as_attachments(
    advisor: User,
    client_t: Client,
    foreign_dealer: User,
    token_for: TokenFor,
    api_for: ApiFor,
) -> None:
    document = document_store(
        client=client_t,
        content=b"Invoice 42\n",
        filename="invoice.txt",
        source=Document.Source.STAFF,
        actor=advisor,
    )
    api = api_for(token_for(advisor))
    (listed,) = api.get(f"/api/v1/clients/{client_t.ref}/documents").json()
    assert listed["filename"] == "invoice.txt"
    download = api.get(listed["download"])
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == b"Invoice 42\n"  # type: ignore[attr-defined]

    stranger = api_for(token_for(foreign_dealer))
    assert stranger.get(f"/api/v1/documents/{document.pk}").status_code == 404


def test_the_openapi_document_asks_for_a_staff_login(
    agent: User, token_for: TokenFor, api_for: ApiFor
) -> None:
    anonymous = HttpClient()
    for url in ("/api/v1/docs", "/api/v1/openapi.json"):
        answer = anonymous.get(url)
        assert answer.status_code == 302 and answer["Location"].startswith("/login/")
        assert api_for(token_for(agent)).get(url).status_code == 302  # a token is no login
    browser = HttpClient()
    browser.force_login(agent)
    schema = browser.get("/api/v1/openapi.json").json()
    assert "/api/v1/clients" in schema["paths"]
    assert "/api/v1/cases/{reference}/notes" in schema["paths"]
    assert browser.get("/api/v1/docs").status_code == 200


def test_a_page_costs_the_same_few_queries_however_big_the_book(
    agent: User,
    book: list[Client],
    case_t: Case,
    token_for: TokenFor,
    api_for: ApiFor,
    django_assert_max_num_queries: Any,
) -> None:
    api = api_for(token_for(agent))
    api.get("/api/v1/clients")  # the token's last use is written once a minute at most
    # The token with its person and site; the page with each client's site and advisor.
    with django_assert_max_num_queries(2):
        assert len(api.get("/api/v1/clients?limit=3").json()["items"]) == 3
    with django_assert_max_num_queries(2):
        assert api.get("/api/v1/cases").status_code == 200
    with django_assert_max_num_queries(3):  # and the client, checked visible first
        assert api.get(f"/api/v1/clients/{book[0].ref}/timeline").status_code == 200
