"""A mail provider posts raw messages to POST /api/mail/inbound with a bearer token."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient

from goodwill.cases.models import Case
from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.clients.models import Client
from goodwill.timeline.models import Entry

URL = "/api/mail/inbound"


def post(raw: bytes, token: str | None) -> object:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    return HttpClient().post(URL, data=raw, content_type="message/rfc822", **headers)


def test_it_refuses_everything_when_no_token_is_configured(
    settings: pytest.FixtureRequest, db: None
) -> None:
    settings.GOODWILL_MAIL_INBOUND_TOKEN = ""  # type: ignore[attr-defined]
    assert post(make_mail(), "").status_code == 401  # type: ignore[attr-defined]
    assert post(make_mail(), "anything").status_code == 401  # type: ignore[attr-defined]
    assert InboundMessage.objects.count() == 0


def test_it_refuses_a_wrong_or_missing_token(settings: pytest.FixtureRequest, db: None) -> None:
    settings.GOODWILL_MAIL_INBOUND_TOKEN = "s3cret-token"  # type: ignore[attr-defined]
    assert post(make_mail(), "s3cret-tokeN").status_code == 401  # type: ignore[attr-defined]
    assert post(make_mail(), None).status_code == 401  # type: ignore[attr-defined]
    assert InboundMessage.objects.count() == 0


def test_it_stores_processes_and_answers_the_same_id_for_a_duplicate(
    settings: pytest.FixtureRequest,
    case_t: Case,
    client_t: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.GOODWILL_MAIL_INBOUND_TOKEN = "s3cret-token"  # type: ignore[attr-defined]
    raw = make_mail(subject="Posted by the provider")
    with django_capture_on_commit_callbacks(execute=True):  # the queued processing runs
        first = post(raw, "s3cret-token")
    assert first.status_code == 202  # type: ignore[attr-defined]
    body = first.json()  # type: ignore[attr-defined]
    assert body["duplicate"] is False
    second = post(raw, "s3cret-token")
    assert second.status_code == 202  # type: ignore[attr-defined]
    assert second.json()["id"] == body["id"] and second.json()["duplicate"] is True  # type: ignore[attr-defined]
    inbound = InboundMessage.objects.get()
    assert (inbound.status, inbound.source, inbound.case) == ("processed", "http", case_t)
    assert Entry.objects.filter(kind="message_in").count() == 1


def test_it_takes_a_message_bigger_than_django_keeps_in_memory(
    settings: pytest.FixtureRequest, client_t: Client, django_capture_on_commit_callbacks: Any
) -> None:
    settings.GOODWILL_MAIL_INBOUND_TOKEN = "s3cret-token"  # type: ignore[attr-defined]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024  # type: ignore[attr-defined]
    raw = make_mail(
        subject="Photos", attachments=[("car.jpg", "image/jpeg", b"\xff\xd8" + b"x" * 50_000)]
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert post(raw, "s3cret-token").status_code == 202  # type: ignore[attr-defined]
    assert InboundMessage.objects.get().attachments.get().size == 50_002
