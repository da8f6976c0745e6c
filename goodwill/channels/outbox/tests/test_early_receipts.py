"""A receipt the provider sends before we saved the id it gave our text is kept, and applied
when the id is saved: through the same rules as any receipt (only forward, the owner told of a
failure once). Ids no message ever claims are forgotten after two days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import EarlyReceipt, OutboundMessage
from goodwill.channels.outbox.services import (
    outbound_claim_due,
    outbound_deliver,
    outbound_queue,
    outbound_receipt,
)
from goodwill.channels.outbox.sweeps import early_receipts_prune
from goodwill.channels.outbox.transport import Transport
from goodwill.notifications.models import Notification

SID = "SM0123456789abcdef0123456789abcdef"


class Provider(Transport):
    """Takes every text and answers with the id `sid` (the provider's MessageSid)."""

    name = "provider"

    def __init__(self, sid: str = SID) -> None:
        self.sid = sid

    def send(self, message: OutboundMessage) -> str | None:
        return self.sid


def _text(case: Case, key: str = "t1") -> OutboundMessage:
    return outbound_queue(
        key=key,
        channel="sms",
        purpose=OutboundMessage.Purpose.REPLY,
        reason=OutboundMessage.Reason.STAFF_REPLY,
        to_address="+4917612345678",
        subject="Text",
        body_text="Ihr Wagen ist fertig.",
        client=case.client,
        case=case,
    )


def _send(message: OutboundMessage, *, sid: str = SID) -> OutboundMessage:
    [claimed] = outbound_claim_due(now=timezone.now(), message_id=message.pk)
    outbound_deliver(message=claimed, transport=Provider(sid))
    message.refresh_from_db()
    return message


def _failures_told(case: Case) -> int:
    return Notification.objects.filter(
        recipient=case.owner, case=case, kind=Notification.Kind.DELIVERY_FAILED
    ).count()


def test_an_early_delivered_is_kept_then_applied_when_the_id_is_saved(case_t: Case) -> None:
    message = _text(case_t)
    at = timezone.now() - dt.timedelta(seconds=3)

    assert outbound_receipt(provider_id=SID, receipt="delivered", at=at) is None

    kept = EarlyReceipt.objects.get(provider_id=SID)
    assert (kept.receipt, kept.received_at) == ("delivered", at)
    message = _send(message)
    assert (message.status, message.receipt, message.receipt_at) == ("sent", "delivered", at)
    assert not EarlyReceipt.objects.exists()


def test_an_early_failure_fails_the_text_and_tells_the_owner_once(case_t: Case) -> None:
    message = _text(case_t)
    for _ in range(2):  # the provider's retry is kept once
        outbound_receipt(provider_id=SID, receipt="undelivered", error="30003 unreachable handset")
    assert _failures_told(case_t) == 0

    message = _send(message)

    assert (message.status, message.receipt) == ("failed", "undelivered")
    assert message.receipt_error == "30003 unreachable handset"
    assert "30003" in message.last_error
    assert _failures_told(case_t) == 1
    # The provider says it again, now that the id is known: nothing more.
    outbound_receipt(provider_id=SID, receipt="undelivered", error="30003 unreachable handset")
    assert _failures_told(case_t) == 1


def test_a_kept_receipt_never_goes_backwards(case_t: Case) -> None:
    message = _text(case_t)
    for receipt in ("sent", "read", "delivered", "queued", "sent"):
        outbound_receipt(provider_id=SID, receipt=receipt)
    assert EarlyReceipt.objects.get(provider_id=SID).receipt == "read"

    message = _send(message)

    assert (message.status, message.receipt) == ("sent", "read")


def test_a_failure_kept_before_a_read_still_fails_the_text(case_t: Case) -> None:
    """As for a message whose id was known: "failed" then "read" leaves it failed and read."""
    message = _text(case_t)
    outbound_receipt(provider_id=SID, receipt="failed", error="30005 unknown destination")
    outbound_receipt(provider_id=SID, receipt="read")
    outbound_receipt(provider_id=SID, receipt="undelivered", error="30003 unreachable handset")

    message = _send(message)

    assert (message.status, message.receipt) == ("failed", "read")
    assert message.receipt_error == "30005 unknown destination"
    assert _failures_told(case_t) == 1


def test_a_text_without_an_early_receipt_is_sent_as_before(case_t: Case) -> None:
    message = _send(_text(case_t))
    assert (message.status, message.receipt, message.provider_id) == ("sent", "", SID)
    assert not EarlyReceipt.objects.exists()


def test_a_receipt_for_another_id_stays_kept(case_t: Case) -> None:
    outbound_receipt(provider_id="SMnotours", receipt="failed", error="30003 unreachable handset")
    message = _send(_text(case_t))
    assert (message.status, message.receipt) == ("sent", "")
    assert EarlyReceipt.objects.filter(provider_id="SMnotours").exists()
    assert _failures_told(case_t) == 0


@pytest.mark.parametrize("provider_id", ["", "SM" + "x" * 63])
def test_an_id_no_message_can_carry_is_not_kept(db: None, provider_id: str) -> None:
    assert outbound_receipt(provider_id=provider_id, receipt="failed", error="x" * 5000) is None
    assert not EarlyReceipt.objects.exists()


def test_a_long_error_is_cut_when_kept(db: None) -> None:
    outbound_receipt(provider_id=SID, receipt="failed", error="30003 " + "x" * 5000)
    assert len(EarlyReceipt.objects.get(provider_id=SID).error) == 300


def test_the_sweep_forgets_receipts_no_message_claimed_after_two_days(db: None) -> None:
    now = timezone.now()
    outbound_receipt(provider_id="SMold", receipt="failed", at=now - dt.timedelta(days=2, hours=1))
    outbound_receipt(provider_id="SMrecent", receipt="delivered", at=now - dt.timedelta(hours=47))

    assert early_receipts_prune(now) == 1

    assert list(EarlyReceipt.objects.values_list("provider_id", flat=True)) == ["SMrecent"]
    assert early_receipts_prune(now) == 0
    assert "goodwill.channels.outbox.sweeps.early_receipts_prune" in settings.GOODWILL_SWEEPS
