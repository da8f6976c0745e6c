"""The provider may call the status webhook before its answer to our send (the MessageSid) has
reached us and been saved: the receipt is kept, not lost, and applied when the id is saved; a
failure tells the case owner once. On PostgreSQL, the callback racing the save, in both orders."""

from __future__ import annotations

import threading
import time
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import close_old_connections, connection
from django.test import Client as HttpClient
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.messaging import services
from goodwill.channels.messaging.tests.conftest import (
    STATUS,
    FakeProvider,
    Poster,
    signed_headers,
)
from goodwill.channels.outbox import services as outbox
from goodwill.channels.outbox.models import EarlyReceipt, OutboundMessage
from goodwill.channels.outbox.sweeps import deliver_due
from goodwill.channels.outbox.transport import Transport
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User

# The id the fake provider gives the first text it takes.
FIRST_SID = f"SM{1:032d}"


def _failures_told(case: Case) -> int:
    return Notification.objects.filter(
        recipient=case.owner, case=case, kind=Notification.Kind.DELIVERY_FAILED
    ).count()


def test_an_early_delivered_is_recorded_once_the_sid_is_saved(
    post_form: Poster, provider: FakeProvider, advisor: User, case_t: Case
) -> None:
    answer = post_form(STATUS, {"MessageSid": FIRST_SID, "MessageStatus": "delivered"})
    assert answer.status_code == 200
    assert answer.json() == {"status": "kept", "sid": FIRST_SID}

    message = services.text_send(actor=advisor, case=case_t, channel="sms", body="Hallo")
    deliver_due(timezone.now())

    message.refresh_from_db()
    assert (message.provider_id, message.status, message.receipt) == (
        FIRST_SID,
        "sent",
        "delivered",
    )
    assert not EarlyReceipt.objects.exists()


def test_an_early_undelivered_fails_the_text_and_tells_the_owner_once(
    post_form: Poster, provider: FakeProvider, advisor: User, case_t: Case
) -> None:
    fields = {"MessageSid": FIRST_SID, "MessageStatus": "undelivered", "ErrorCode": "30003"}
    for _ in range(2):  # the provider's retry
        assert post_form(STATUS, fields).json()["status"] == "kept"

    message = services.text_send(actor=advisor, case=case_t, channel="sms", body="Hallo")
    deliver_due(timezone.now())
    assert post_form(STATUS, fields).json()["status"] == "ok"  # and once more, now it is known

    message.refresh_from_db()
    assert (message.status, message.receipt) == ("failed", "undelivered")
    assert message.receipt_error == "30003 unreachable handset"
    assert _failures_told(case_t) == 1
    http = HttpClient()
    http.force_login(advisor)
    assert (
        "not delivered: 30003 unreachable handset"
        in http.get(f"/cases/{case_t.reference}/").content.decode()
    )


def test_a_late_receipt_older_than_the_kept_one_does_not_move_it_back(
    post_form: Poster, provider: FakeProvider, advisor: User, case_t: Case
) -> None:
    for state in ("read", "delivered", "sent"):
        answer = post_form(STATUS, {"MessageSid": FIRST_SID, "MessageStatus": state})
        assert answer.json()["status"] == "kept"
    assert EarlyReceipt.objects.get().receipt == "read"

    message = services.text_send(actor=advisor, case=case_t, channel="sms", body="Hallo")
    deliver_due(timezone.now())
    post_form(STATUS, {"MessageSid": FIRST_SID, "MessageStatus": "delivered"})

    message.refresh_from_db()
    assert (message.status, message.receipt) == ("sent", "read")


class _Provider(Transport):
    name = "provider"

    def send(self, message: OutboundMessage) -> str | None:
        return FIRST_SID


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("first", ["callback", "save"])
def test_a_failure_racing_the_save_of_the_sid_is_applied_once(
    first: str, case_t: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two connections. `callback`: the webhook has kept the receipt (not committed yet) when the
    worker saves the id and looks for it. `save`: the worker has saved the id and looked (not
    committed yet) when the webhook looks for the message and keeps the receipt. Either way the
    text ends failed and its owner is told once."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL (DATABASE_URL=...)")
    monkeypatch.setattr(outbox, "_enqueue_delivery", lambda pk: None)  # the worker is this test
    message = outbox.outbound_queue(
        key="race",
        channel="sms",
        purpose=OutboundMessage.Purpose.REPLY,
        to_address="+4917612345678",
        subject="Text",
        body_text="Hallo",
        client=case_t.client,
        case=case_t,
    )
    [claimed] = outbox.outbound_claim_due(now=timezone.now(), message_id=message.pk)
    keeping, kept, claiming, answered = (threading.Event() for _ in range(4))
    keep, claim = outbox._receipt_keep, outbox.outbound_receipts_kept_apply

    def keep_then_pause(**args: Any) -> None:
        if threading.current_thread().name != "callback":
            return keep(**args)
        keeping.set()
        keep(**args)
        kept.set()
        if first == "callback":
            claiming.wait(5)
            time.sleep(0.3)  # the worker's look for kept receipts runs now
        return None

    def claim_then_pause(**args: Any) -> OutboundMessage | None:
        if threading.current_thread().name != "save":
            return claim(**args)
        if first == "callback":
            kept.wait(5)
        claiming.set()
        found = claim(**args)
        if first == "save":
            keeping.wait(5)
            time.sleep(0.3)  # the webhook keeps its receipt now, before this commits
        else:
            answered.wait(5)
        return found

    monkeypatch.setattr(outbox, "_receipt_keep", keep_then_pause)
    monkeypatch.setattr(outbox, "outbound_receipts_kept_apply", claim_then_pause)
    answers: list[object] = []
    body = urlencode(
        {"MessageSid": FIRST_SID, "MessageStatus": "undelivered", "ErrorCode": "30003"}
    ).encode()

    def callback() -> None:
        try:
            if first == "save":
                claiming.wait(5)
            response = HttpClient().post(
                STATUS,
                data=body,
                content_type="application/x-www-form-urlencoded",
                headers=signed_headers(body),
            )
            answers.append(response.json()["status"] if response.status_code == 200 else response)
        finally:
            answered.set()
            close_old_connections()
            connection.close()

    def save() -> None:
        try:
            outbox.outbound_deliver(message=claimed, transport=_Provider())
        finally:
            close_old_connections()
            connection.close()

    threads = [
        threading.Thread(target=callback, name="callback"),
        threading.Thread(target=save, name="save"),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    message.refresh_from_db()
    assert answers == ["kept" if first == "callback" else "ok"]
    assert (message.status, message.receipt, message.provider_id) == (
        "failed",
        "undelivered",
        FIRST_SID,
    )
    assert _failures_told(case_t) == 1
    assert not EarlyReceipt.objects.exists()
