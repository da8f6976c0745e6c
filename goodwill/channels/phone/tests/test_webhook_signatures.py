"""The webhook acts only on requests signed with the shared secret, and on each event exactly
once."""

from __future__ import annotations

import json
import threading
import time

import pytest
from django.db import close_old_connections, connection
from django.test import Client as HttpClient

from goodwill.channels.phone.models import Call, WebhookReceipt
from goodwill.channels.phone.tests.conftest import URL, Poster, signed_headers
from goodwill.clients.models import Client
from goodwill.timeline.models import Entry

RINGING = {
    "event": "ringing",
    "call_id": "c-1",
    "from": "+49 171 2345678",
    "to": "+41 44 000 00 00",
}
ENDED = {"event": "ended", "call_id": "c-1", "from": "+49 171 2345678", "duration_seconds": 95}


def test_it_acts_on_a_signed_event(post_event: Poster, client_t: Client) -> None:
    response = post_event(RINGING)
    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ok", "call_id": "c-1", "state": "ringing"}
    call = Call.objects.get()
    assert call.client == client_t and call.from_number == "+491712345678"


@pytest.mark.parametrize(
    "tamper", ["bad", "missing", "stale", "future", "wrong_secret", "body_changed"]
)
def test_it_refuses_a_bad_missing_or_stale_signature_and_does_nothing(
    client, db: None, tamper: str
) -> None:
    body = json.dumps(RINGING).encode()
    headers = signed_headers(body)
    if tamper == "bad":
        headers["X-Goodwill-Signature"] = "0" * 64
    elif tamper == "missing":
        headers = {}
    elif tamper == "stale":
        headers = signed_headers(body, timestamp=int(time.time()) - 360)
    elif tamper == "future":
        headers = signed_headers(body, timestamp=int(time.time()) + 360)
    elif tamper == "wrong_secret":
        headers = signed_headers(body, secret="another-secret-of-some-length")
    elif tamper == "body_changed":
        body = body.replace(b"c-1", b"c-2")
    response = client.post(URL, data=body, content_type="application/json", headers=headers)
    assert response.status_code == (401 if tamper == "missing" else 403)
    assert not Call.objects.exists() and not WebhookReceipt.objects.exists()


@pytest.mark.parametrize("timestamp", ["999999999999", "253402300800", "000000000000", "-1", "1e9"])
def test_a_timestamp_no_clock_can_read_is_refused_before_the_signature(
    client, db: None, timestamp: str
) -> None:
    body = json.dumps(RINGING).encode()
    headers = {"X-Goodwill-Timestamp": timestamp, "X-Goodwill-Signature": "0" * 64}
    response = client.post(URL, data=body, content_type="application/json", headers=headers)
    assert response.status_code == 403
    assert response.json()["detail"] in {"bad timestamp", "stale timestamp"}
    assert not Call.objects.exists() and not WebhookReceipt.objects.exists()


def test_without_a_secret_configured_every_request_is_refused(
    post_event: Poster, settings, db: None
) -> None:
    settings.GOODWILL_PHONE_WEBHOOK_SECRET = ""
    assert post_event(RINGING, secret="").status_code == 403
    assert not Call.objects.exists()


def test_a_request_replayed_100_times_has_exactly_one_effect(
    client, client_t: Client, case_t
) -> None:
    post = {"data": json.dumps(ENDED).encode(), "content_type": "application/json"}
    headers = signed_headers(post["data"])
    answers = [client.post(URL, **post, headers=headers).json()["status"] for _ in range(100)]
    assert answers == ["ok"] + ["duplicate"] * 99
    assert Entry.objects.filter(client=client_t, kind="call").count() == 1
    assert WebhookReceipt.objects.count() == 1


def test_a_retry_signed_anew_is_still_the_same_event(
    post_event: Poster, client_t: Client, case_t
) -> None:
    assert post_event(ENDED, timestamp=int(time.time()) - 10).json()["status"] == "ok"
    assert post_event(ENDED).json()["status"] == "duplicate"  # new timestamp, new signature
    assert Entry.objects.filter(client=client_t, kind="call").count() == 1


def test_a_malformed_event_is_refused_after_the_signature(post_event: Poster, db: None) -> None:
    assert post_event({"event": "exploded", "call_id": "x", "from": "+41"}).status_code == 400
    assert post_event({"event": "ringing", "from": "+41791234567"}).status_code == 400
    assert (
        post_event(
            {"event": "ended", "call_id": "x", "from": "+41791234567", "duration_seconds": -4}
        ).status_code
        == 400
    )
    assert (
        post_event(
            {
                "event": "ended",
                "call_id": "x",
                "from": "+41791234567",
                "at": "2026-02-30T10:00:00+01:00",
            }
        ).status_code
        == 400
    )
    assert (
        post_event(
            {"event": "ended", "call_id": "x", "from": "+41791234567", "at": "2026-02-03T10:00:00"}
        ).status_code
        == 400
    )  # no offset: which 10 o'clock?
    assert not Call.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_have_exactly_one_effect(client_t: Client, case_t) -> None:
    """Eight deliveries of one "ended" event at the same instant, on separate connections."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises writers: the race needs PostgreSQL (DATABASE_URL=postgres://...)"
        )
    body = json.dumps(ENDED).encode()
    headers = signed_headers(body)
    start = threading.Barrier(8)
    statuses: list[int | str] = []

    def deliver() -> None:
        try:
            http = HttpClient()
            start.wait()
            response = http.post(URL, data=body, content_type="application/json", headers=headers)
            statuses.append(
                response.json()["status"] if response.status_code == 200 else response.status_code
            )
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses, key=str) == ["duplicate"] * 7 + ["ok"]
    assert Entry.objects.filter(client=client_t, kind="call").count() == 1
    assert Call.objects.get().state == "ended"


def test_old_receipts_are_forgotten_and_an_old_request_stays_refused(
    post_event: Poster, client, client_t: Client
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from goodwill.channels.phone.sweeps import receipts_prune

    body = json.dumps(RINGING).encode()
    headers = signed_headers(body)
    assert (
        client.post(URL, data=body, content_type="application/json", headers=headers).json()[
            "status"
        ]
        == "ok"
    )
    post_event({**RINGING, "call_id": "c-2"})
    WebhookReceipt.objects.filter(event_key__contains=":c-1:").update(
        received_at=timezone.now() - timedelta(days=31)
    )
    assert receipts_prune(timezone.now()) == 1
    assert receipts_prune(timezone.now()) == 0
    assert list(WebhookReceipt.objects.values_list("event_key", flat=True)) == [
        "generic:c-2:ringing"
    ]
    # A request signed a month ago is refused by its timestamp, receipt or not.
    month_old = signed_headers(body, timestamp=int(time.time()) - 31 * 86400)
    assert (
        client.post(URL, data=body, content_type="application/json", headers=month_old).status_code
        == 403
    )
