"""The provider's status callbacks: delivered, read, failed with its reason, recorded on the
message and shown on the case page; repeats change nothing, and a receipt never goes backwards."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.messaging import services
from goodwill.channels.messaging.tests.conftest import STATUS, FakeProvider, Poster
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.sweeps import deliver_due
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User


@pytest.fixture
def sent(provider: FakeProvider, advisor: User, case_t: Case) -> OutboundMessage:
    message = services.text_send(actor=advisor, case=case_t, channel="sms", body="Hallo")
    deliver_due(timezone.now())
    message.refresh_from_db()
    assert message.provider_id
    return message


def status(post_form: Poster, message: OutboundMessage, state: str, **extra: str) -> object:
    return post_form(STATUS, {"MessageSid": message.provider_id, "MessageStatus": state, **extra})


def test_delivered_then_read_is_recorded(post_form: Poster, sent: OutboundMessage) -> None:
    assert status(post_form, sent, "delivered").json()["receipt"] == "delivered"  # type: ignore[attr-defined]
    sent.refresh_from_db()
    assert sent.receipt == "delivered" and sent.receipt_at is not None

    status(post_form, sent, "read")
    sent.refresh_from_db()
    assert sent.receipt == "read" and sent.status == "sent"


def test_a_late_receipt_never_goes_backwards(post_form: Poster, sent: OutboundMessage) -> None:
    for state in ("read", "delivered", "sent", "queued", "read"):
        response = status(post_form, sent, state)
        assert response.status_code == 200  # type: ignore[attr-defined]
    sent.refresh_from_db()
    assert sent.receipt == "read"


def test_a_failure_fails_the_message_with_its_reason_and_tells_the_owner(
    post_form: Poster, sent: OutboundMessage, advisor: User, case_t: Case
) -> None:
    for _ in range(2):  # the provider's retry changes nothing
        status(post_form, sent, "undelivered", ErrorCode="30003")

    sent.refresh_from_db()
    assert (sent.receipt, sent.status) == ("undelivered", "failed")
    assert sent.receipt_error == "30003 unreachable handset"
    assert "30003" in sent.last_error
    assert (
        Notification.objects.filter(recipient=case_t.owner, case=case_t)
        .exclude(kind=Notification.Kind.MESSAGE_IN)
        .count()
        == 1
    )

    http = HttpClient()
    http.force_login(advisor)
    page = http.get(f"/cases/{case_t.reference}/").content.decode()
    assert "not delivered: 30003 unreachable handset" in page
    # The outbox shows a text as the provider had it, never as an e-mail it could not build.
    detail = http.get(reverse("outbox-detail", args=[sent.pk]))
    assert detail.status_code == 200
    assert "30003 unreachable handset" in detail.content.decode()
    assert sent.provider_id in detail.content.decode()


def test_the_case_page_shows_read(
    post_form: Poster, sent: OutboundMessage, advisor: User, case_t: Case
) -> None:
    status(post_form, sent, "read")
    http = HttpClient()
    http.force_login(advisor)
    assert ">read<" in http.get(f"/cases/{case_t.reference}/").content.decode()
    assert ">read<" in http.get(f"/cases/{case_t.reference}/texting/").content.decode()


def test_a_receipt_for_an_id_not_known_yet_is_acknowledged_and_kept(
    post_form: Poster, db: None
) -> None:
    response = post_form(STATUS, {"MessageSid": "SMunknown", "MessageStatus": "delivered"})
    assert response.status_code == 200 and response.json()["status"] == "kept"


@pytest.mark.parametrize(
    "fields",
    [
        {"MessageStatus": "delivered"},
        {"MessageSid": "SM1", "MessageStatus": "exploded"},
        {"MessageSid": "SM1", "MessageStatus": "failed", "ErrorCode": "DROP TABLE"},
    ],
)
def test_a_malformed_receipt_is_a_400(
    post_form: Poster, sent: OutboundMessage, fields: dict[str, str]
) -> None:
    assert post_form(STATUS, fields).status_code == 400
    sent.refresh_from_db()
    assert sent.receipt == ""


def test_an_unsigned_receipt_is_refused(post_form: Poster, sent: OutboundMessage) -> None:
    fields = {"MessageSid": sent.provider_id, "MessageStatus": "failed"}
    assert post_form(STATUS, fields, secret="another-secret-of-some-length").status_code == 403
    sent.refresh_from_db()
    assert sent.receipt == "" and sent.status == "sent"


@pytest.mark.parametrize(
    "body", [b"\xff\xfe\x00garbage", b"MessageSid=%ZZ&MessageStatus=%", b"&&&==&", b""]
)
def test_a_receipt_body_that_is_not_form_data_is_a_4xx(
    post_form: Poster, db: None, body: bytes
) -> None:
    response = post_form(STATUS, body=body)
    assert 400 <= response.status_code < 500, response.content


def test_the_status_of_a_message_coming_in_is_ignored(post_form: Poster, db: None) -> None:
    response = post_form(STATUS, {"MessageSid": "SMin", "MessageStatus": "received"})
    assert response.status_code == 200 and response.json()["status"] == "ignored"
