"""After a client is erased nothing finds them or names them: not the search box, not the API,
not a file under DATA_DIR, not a row of any table; their cases' history stays."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client as HttpClient

from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.channels.email.models import InboundMessage
from goodwill.clients.models import Client, Identifier
from goodwill.clients.normalize import name_tokens
from goodwill.clients.selectors import client_search
from goodwill.documents.models import Document, DocumentWord
from goodwill.documents.selectors import document_search
from goodwill.documents.services import document_store
from goodwill.integrations.models import WebhookDelivery
from goodwill.integrations.services import api_token_create, webhook_endpoint_create
from goodwill.organisation.models import User
from goodwill.privacy.models import Erasure
from goodwill.privacy.services import client_erase
from goodwill.privacy.tests.conftest import EMAIL, login
from goodwill.timeline.models import Entry

SEARCHES = (
    "Lefèvre",
    "Lefevre",
    "Thomas Lefèvre",
    EMAIL,
    "+49 171 2345678",
    "0171 2345678",
    "M-AB 1234",
    "ZAR12345678901234",
    "SN-998877",
    "TT-4471-2093",
    "Navigationssystem",
    "Kundenkarte",
)


def _found(manager: User, query: str) -> bool:
    hits = client_search(user=manager, query=query, country="DE")
    return bool(hits) or bool(document_search(user=manager, query=query))


def _erase(manager: User, client: Client, capture: Callable[..., Any]) -> Erasure:
    with capture(execute=True):
        return client_erase(actor=manager, client=client, reason="The client asked (art. 17)")


def _files_naming(root: Path, needles: tuple[bytes, ...]) -> list[Path]:
    return [
        path
        for path in root.rglob("*")
        if path.is_file() and any(needle in path.read_bytes().lower() for needle in needles)
    ]


def _rows_naming(needles: tuple[str, ...]) -> list[str]:
    found = []
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "admin", "axes"}:
            continue
        for row in model._default_manager.all():
            values = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
            text = json.dumps(values, cls=DjangoJSONEncoder, ensure_ascii=False).lower()
            found += [f"{model._meta.label} {row.pk}: {n}" for n in needles if n in text]
    return found


def test_the_search_box_finds_nothing_of_an_erased_client(
    story: Client, manager: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    # Given every search finds Mr. T before
    for query in SEARCHES:
        assert _found(manager, query), query
    # When a manager erases him
    _erase(manager, story, django_capture_on_commit_callbacks)
    # Then none finds him, in the selectors or the page
    for query in SEARCHES:
        assert not _found(manager, query), query
    browser = login(manager)
    for query in ("Lefèvre", EMAIL, "TT-4471-2093"):
        results = browser.get("/search/", {"q": query}, headers={"HX-Request": "true"})
        page = results.content.decode()
        assert story.ref not in page, (query, page)
    # His reference still opens the page, naming nobody
    page = browser.get(f"/clients/{story.ref}/").content.decode()
    assert f"Erased client {story.ref}" in page
    assert "Lefèvre" not in page and EMAIL not in page and "ZAR12345678901234" not in page


def test_the_api_finds_nothing_of_an_erased_client(
    story: Client, manager: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    _token, raw = api_token_create(actor=manager, user=manager, name="crm", scope="read")
    api = HttpClient(headers={"Authorization": f"Bearer {raw}"})
    listed = api.get("/api/v1/clients?limit=200").json()
    assert "Lefèvre" in json.dumps(listed, ensure_ascii=False)
    _erase(manager, story, django_capture_on_commit_callbacks)
    for url in (
        "/api/v1/clients?limit=200",
        f"/api/v1/clients/{story.ref}",
        f"/api/v1/clients/{story.ref}/timeline",
        f"/api/v1/clients/{story.ref}/documents",
    ):
        response = api.get(url)
        assert response.status_code == 200, url
        text = json.dumps(response.json(), ensure_ascii=False).lower()
        for needle in ("lefèvre", "lefevre", EMAIL, "1712345678", "zar12345678901234", "tt-4471"):
            assert needle not in text, (url, needle)
    # The older staff API's search too
    found = login(manager).get("/api/clients", {"q": EMAIL}).json()
    assert found == []


def test_no_file_and_no_row_names_an_erased_client(
    story: Client,
    bystander: Client,
    manager: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    root = Path(settings.DATA_DIR)
    needles = (EMAIL.encode(), "lefèvre".encode(), b"lefevre", b"lef=c3=a8vre")
    assert _files_naming(root, needles)
    raw_files = {m.raw_path for m in InboundMessage.objects.filter(client=story)}
    assert raw_files and all(path.exists() for path in raw_files)
    erasure = _erase(manager, story, django_capture_on_commit_callbacks)
    # No file under DATA_DIR contains his address or name; his raw mail is gone
    assert _files_naming(root, needles) == []
    assert not any(path.exists() for path in raw_files)
    # No row of any table names him (the audit names him by reference only)
    assert (
        _rows_naming(
            (EMAIL, "lefèvre", "lefevre", "1712345678", "171 2345678", "zar12345678901234")
        )
        == []
    )
    # Another client's mail and data stay
    other = InboundMessage.objects.get(client=bystander)
    assert other.raw_path.exists() and other.body_text
    assert bystander.contact_points.exists()
    erasure.refresh_from_db()
    assert erasure.client_ref == story.ref and erasure.erased_by == manager
    assert erasure.counts["contact_points"] == 2 and erasure.counts["raw_mail_files"] == 1
    assert erasure.counts["document_files"] == 2


def test_the_cases_history_stays_without_the_person(
    story: Client,
    case_t: Case,
    manager: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    before = list(Entry.objects.filter(case=case_t).order_by("pk").values_list("pk", "kind", "at"))
    assert before
    status = case_t.status
    _erase(manager, story, django_capture_on_commit_callbacks)
    after = list(Entry.objects.filter(case=case_t).order_by("pk").values_list("pk", "kind", "at"))
    assert after == before
    case_t.refresh_from_db()
    assert case_t.status == status and case_t.reference and case_t.client_id == story.pk
    story.refresh_from_db()
    assert story.name == f"Erased client {story.ref}"
    assert not story.contact_points.exists()
    # A status change still reads as one
    changes = [e.payload for e in Entry.objects.filter(case=case_t) if "changes" in e.payload]
    assert all(set(p["changes"]) <= {"status", "priority"} for p in changes)


def test_erasing_twice_changes_nothing_more(
    story: Client, manager: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    first = _erase(manager, story, django_capture_on_commit_callbacks)
    story.refresh_from_db()
    second = _erase(manager, story, django_capture_on_commit_callbacks)
    assert second.pk == first.pk
    assert Erasure.objects.count() == 1
    story.refresh_from_db()
    assert story.name == f"Erased client {story.ref}"


def test_a_file_another_client_also_sent_stays(
    story: Client,
    bystander: Client,
    manager: User,
    foreign_dealer: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # Given Camille's dealer stored the very same letter for her
    letter = Document.objects.get(client=story, source="staff")
    with django_capture_on_commit_callbacks(execute=True):
        theirs = document_store(
            client=bystander,
            content=letter.path.read_bytes(),
            filename="courrier.pdf",
            source="staff",
            actor=foreign_dealer,
        )
    # When Mr. T is erased, the bytes stay for her; his own receipt goes
    receipt = Document.objects.exclude(pk=letter.pk).get(client=story)
    _erase(manager, story, django_capture_on_commit_callbacks)
    assert theirs.path.exists()
    assert not receipt.path.exists()
    theirs.refresh_from_db()
    assert theirs.filename == "courrier.pdf"


def test_webhook_deliveries_about_the_client_are_scrubbed(
    client_t: Client,
    car: Any,
    manager: User,
    advisor: User,
    settings: Any,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    settings.GOODWILL_WEBHOOK_ALLOW_PRIVATE = True  # a literal address: no DNS in tests
    endpoint = webhook_endpoint_create(
        actor=manager, url="https://127.0.0.1:9/in", events=["case.opened"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        case_open(
            actor=advisor,
            client=client_t,
            product=car,
            summary="Noise",
            category="warranty_claim",
            channel="email",
        )
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(response_body="Hello Thomas Lefèvre")
    erasure = _erase(manager, client_t, django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    assert delivery.response_body == ""
    assert delivery.payload["event"] == "case.opened"
    assert delivery.payload["data"]["client"] == client_t.ref
    assert erasure.counts["webhook_deliveries"] == 1


def test_mail_from_their_address_never_filed_to_them_is_erased_too(
    story: Client, manager: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    # Given a message from his address that was never filed to him (kept for a manager)
    message = InboundMessage.objects.get(client=story)
    InboundMessage.objects.filter(pk=message.pk).update(
        client=None, case=None, status=InboundMessage.Status.QUARANTINED
    )
    _erase(manager, story, django_capture_on_commit_callbacks)
    message.refresh_from_db()
    assert message.sender == "" and message.subject == "" and message.body_text == ""
    assert not message.raw_path.exists()


def test_the_search_indexes_and_the_story_keep_nothing_of_an_erased_client(
    story: Client, manager: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    # Given his identifiers, the words of his documents and his story name him
    personal = ("lefevre", "thomas", EMAIL, "+491712345678")
    assert set(personal) <= set(
        Identifier.objects.filter(client=story).values_list("value", flat=True)
    )
    assert DocumentWord.objects.filter(client=story, word="kundenkarte").exists()
    assert _story_text(story)
    # When he is erased
    _erase(manager, story, django_capture_on_commit_callbacks)
    # Then the search index keeps only the references people quote back (his and his cases')
    # and the words of the placeholder name ("Erased client CL-…")
    story.refresh_from_db()
    kept = set(Identifier.objects.filter(client=story).values_list("kind", "value"))
    assert {kind for kind, _value in kept} <= {
        Identifier.Kind.CLIENT,
        Identifier.Kind.CASE,
        Identifier.Kind.NAME,
    }
    placeholder = set(name_tokens(story.first_name, story.last_name))
    assert {value for kind, value in kept if kind == Identifier.Kind.NAME} <= placeholder
    assert "erased" in placeholder
    assert not Identifier.objects.filter(value__in=personal).exists()
    # no word of his documents is left to find
    assert not DocumentWord.objects.filter(client=story).exists()
    assert not DocumentWord.objects.filter(word__in=["kundenkarte", "lefevre"]).exists()
    # and no entry of his story says who he is or what he wrote
    text = _story_text(story)
    for needle in ("lefèvre", "lefevre", "thomas", EMAIL, "171 2345678", "navigationssystem"):
        assert needle not in text, needle


def _story_text(client: Client) -> str:
    rows = Entry.objects.filter(client=client).values("summary", "body", "payload")
    return json.dumps(list(rows), cls=DjangoJSONEncoder, ensure_ascii=False).lower()
