"""Delivering the outbox: real SMTP to a local sink, retries, failures shown to the case owner."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client as Browser
from django.test import override_settings
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import backoff, outbound_claim_due, outbound_queue
from goodwill.channels.outbox.sweeps import deliver_due
from goodwill.channels.outbox.tests.smtp_sink import Sink
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


def _queue(
    case: Case, *, purpose: str = "notification", key: str = "n1", **extra: object
) -> OutboundMessage:
    return outbound_queue(
        key=key,
        purpose=purpose,
        to_address="thomas.lefevre@example.com",
        to_name="Thomas Lefèvre",
        subject="Your car is at the workshop",
        body_text="Grüß Gott, Herr Lefèvre.\n",
        language="de",
        client=case.client,
        case=case,
        **extra,
    )  # type: ignore[arg-type]


def test_it_sends_a_proper_email_to_the_smtp_server(sink: Sink, case_t: Case) -> None:
    message = _queue(
        case_t, in_reply_to="<abc@client.example>", references=["<root@x>", "<abc@client.example>"]
    )
    assert deliver_due(timezone.now()) == 1
    [received] = sink.messages()
    assert received["Message-ID"] == message.message_id
    assert received["From"] == "Aurelis Client Care <care@goodwill.localhost>"
    assert received["To"] == "Thomas Lefèvre <thomas.lefevre@example.com>"
    assert received["Subject"] == "Your car is at the workshop"
    assert received["In-Reply-To"] == "<abc@client.example>"
    assert received["References"] == "<root@x> <abc@client.example>"
    assert received["Auto-Submitted"] == "auto-generated"
    assert received["X-Goodwill-Case"] == case_t.reference
    assert received["Date"] is not None
    assert received.get_content().startswith("Grüß Gott")  # type: ignore[attr-defined]
    message.refresh_from_db()
    assert (message.status, message.delivered_by, message.attempts) == ("sent", "smtp", 1)


def test_a_reply_written_by_staff_is_not_marked_automatic(
    sink: Sink, case_t: Case, advisor: User
) -> None:
    _queue(case_t, purpose="reply", actor=advisor)
    deliver_due(timezone.now())
    [received] = sink.messages()
    assert received["Auto-Submitted"] is None


def test_it_sends_html_beside_the_text(sink: Sink, case_t: Case) -> None:
    _queue(case_t, body_html="<p>Grüß Gott</p>")
    deliver_due(timezone.now())
    [received] = sink.messages()
    assert received.get_content_type() == "multipart/alternative"


def test_a_temporary_refusal_is_retried_later_then_sent(sink: Sink, case_t: Case) -> None:
    sink.replies = ["451 4.3.0 Try again later"]
    message = _queue(case_t)
    now = timezone.now()
    deliver_due(now)
    message.refresh_from_db()
    assert message.status == "queued" and message.attempts == 1 and "451" in message.last_error
    assert message.next_attempt_at >= now + backoff(1) - dt.timedelta(seconds=1)
    assert deliver_due(now) == 0  # not due yet
    assert deliver_due(now + dt.timedelta(minutes=2)) == 1
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 2
    assert len(sink.messages()) == 1


def test_a_permanent_refusal_fails_the_message_and_tells_the_owner(
    sink: Sink, case_t: Case, advisor: User, client: Browser
) -> None:
    sink.replies = ["550 5.1.1 No such user"]
    message = _queue(case_t)
    deliver_due(timezone.now())
    message.refresh_from_db()
    assert message.status == "failed" and "550" in message.last_error
    alert = Notification.objects.get(kind="delivery_failed")
    assert alert.recipient == advisor and alert.case == case_t and "550" in alert.body
    client.force_login(advisor)
    page = client.get(f"/cases/{case_t.reference}/").text
    assert "Not delivered" in page and "550 5.1.1 No such user" in page


def test_it_gives_up_after_the_last_attempt(sink: Sink, case_t: Case) -> None:
    sink.replies = ["421 busy"] * 3
    message = _queue(case_t)
    with override_settings(GOODWILL_DELIVERY_MAX_ATTEMPTS=3):
        now = timezone.now()
        for hour in range(3):
            deliver_due(now + dt.timedelta(hours=hour * 7))
    message.refresh_from_db()
    assert message.status == "failed" and message.attempts == 3 and "421 busy" in message.last_error


def test_an_unreachable_server_is_a_temporary_error(case_t: Case) -> None:
    message = _queue(case_t)
    with override_settings(GOODWILL_SMTP_URL="smtp://127.0.0.1:9?tls=none"):
        deliver_due(timezone.now())
    message.refresh_from_db()
    assert message.status == "queued" and "Cannot reach" in message.last_error


def test_a_message_whose_worker_died_is_taken_again_after_its_lease(case_t: Case) -> None:
    message = _queue(case_t)
    now = timezone.now()
    [claimed] = outbound_claim_due(now=now)  # then the worker is killed
    assert outbound_claim_due(now=now + dt.timedelta(seconds=30)) == []  # still held
    assert deliver_due(now + dt.timedelta(minutes=10)) == 1
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 2 and claimed.pk == message.pk


def test_the_capture_transport_keeps_the_message_in_the_outbox(case_t: Case) -> None:
    message = _queue(case_t)
    deliver_due(timezone.now())
    message.refresh_from_db()
    assert (message.status, message.delivered_by) == ("sent", "capture")


def test_an_impossible_address_fails_at_once(case_t: Case) -> None:
    message = outbound_queue(
        key="bad",
        purpose="notification",
        to_address="not an address",
        subject="x",
        body_text="x",
        case=case_t,
        client=case_t.client,
    )
    deliver_due(timezone.now())
    message.refresh_from_db()
    assert message.status == "failed" and "address" in message.last_error


def test_queueing_is_delivered_at_once_by_the_task_after_commit(
    case_t: Case, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        message = _queue(case_t)
    message.refresh_from_db()
    assert message.status == "sent"


def test_the_sent_copy_is_on_the_timeline_naming_the_outbound_message(case_t: Case) -> None:
    message = _queue(case_t, key="copy")
    entry = Entry.objects.get(case=case_t, kind="message_out")
    assert entry.payload["outbound_id"] == message.pk
    assert entry.payload["message_id"] == message.message_id
    assert entry.summary == "Your car is at the workshop"


def test_queueing_twice_with_the_same_key_is_one_message(case_t: Case) -> None:
    assert _queue(case_t, key="same").pk == _queue(case_t, key="same").pk
    assert OutboundMessage.objects.count() == 1
    assert Entry.objects.filter(case=case_t, kind="message_out").count() == 1


@pytest.mark.django_db
def test_staff_mail_stays_off_the_clients_timeline(case_t: Case) -> None:
    outbound_queue(
        key="staff",
        purpose="staff",
        to_address="anna@aurelis.example",
        subject="x",
        body_text="x",
        case=case_t,
    )
    assert not Entry.objects.filter(case=case_t, kind="message_out").exists()


def test_a_bounced_staff_email_is_logged_and_listed_but_notifies_nobody(
    sink: Sink,
    case_t: Case,
    advisor: User,
    manager: User,
    client: Browser,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Given a staff e-mail about a case, refused for good
    sink.replies = ["550 5.1.1 No such user"]
    message = _queue(case_t, purpose="staff", key="staff:1")
    with caplog.at_level("WARNING", logger="goodwill.outbox"):
        deliver_due(timezone.now())
    # Then it failed, is logged and listed, and no notification (which could be e-mailed and bounce
    # again)
    message.refresh_from_db()
    assert message.status == "failed"
    assert not Notification.objects.exists()
    assert any(
        str(message.pk) in record.getMessage() and "550" in record.getMessage()
        for record in caplog.records
    )
    client.force_login(manager)
    assert "Your car is at the workshop" in client.get("/outbox/?status=failed").text


def test_a_retry_that_breaks_half_way_leaves_the_message_failed(
    case_t: Case, advisor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from goodwill.channels.outbox.services import outbound_retry

    message = _queue(case_t)
    OutboundMessage.objects.filter(pk=message.pk).update(
        status="failed", last_error="550", attempts=3
    )
    message.refresh_from_db()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(OutboundMessage, "refresh_from_db", broken)
    with pytest.raises(RuntimeError):
        outbound_retry(actor=advisor, message=message)
    monkeypatch.undo()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("failed", 3, "550")
