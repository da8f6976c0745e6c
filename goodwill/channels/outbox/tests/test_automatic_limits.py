"""The limits on automatic mail, held once in the outbox for every sender: one automatic message
to a client per window, a daily cap, each message saying why it was sent; what is held back is
kept, shown, and can be sent anyway. Replies written by staff are never held."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client as Browser
from django.test import override_settings
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import case_write_message, outbound_queue, outbound_retry
from goodwill.news.services import news_cadence_update
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


def _automatic(case: Case, n: int, *, minutes_ago: int) -> OutboundMessage:
    message = outbound_queue(
        key=f"test-auto:{n}",
        purpose=OutboundMessage.Purpose.NOTIFICATION,
        reason=OutboundMessage.Reason.CADENCE,
        to_address="thomas.lefevre@example.com",
        subject=f"News {n}",
        body_text="…",
        client=case.client,
        case=case,
        at=timezone.now() - dt.timedelta(minutes=minutes_ago),
    )
    return message


@override_settings(GOODWILL_AUTO_MAIL_WINDOW_MINUTES=10, GOODWILL_AUTO_MAIL_DAILY_CAP=3)
def test_past_the_daily_cap_automatic_messages_are_held_back(case_t: Case) -> None:
    for n, minutes_ago in enumerate((300, 200, 100)):
        assert _automatic(case_t, n, minutes_ago=minutes_ago).status == "queued"

    fourth = news_cadence_update(case=case_t, key="cadence:4")

    assert fourth is not None and fourth.status == OutboundMessage.Status.SUPPRESSED
    assert "3 automatic messages in the last 24 hours" in fourth.last_error
    assert fourth.reason == OutboundMessage.Reason.CADENCE
    # Not on his story as sent, and not news for the clocks.
    assert not Entry.objects.filter(case=case_t, payload__outbound_id=fourth.pk).exists()


@override_settings(GOODWILL_AUTO_MAIL_WINDOW_MINUTES=10)
def test_a_reply_written_by_staff_is_never_held_back(case_t: Case, advisor: User) -> None:
    _automatic(case_t, 1, minutes_ago=1)

    reply = case_write_message(actor=advisor, case=case_t, subject="", body="Ihr Auto ist fertig.")

    assert reply.status == OutboundMessage.Status.QUEUED
    assert reply.reason == OutboundMessage.Reason.STAFF_REPLY


@override_settings(GOODWILL_AUTO_MAIL_WINDOW_MINUTES=0, GOODWILL_AUTO_MAIL_DAILY_CAP=10)
def test_a_window_of_zero_lets_every_automatic_message_out(case_t: Case) -> None:
    _automatic(case_t, 1, minutes_ago=1)

    assert news_cadence_update(case=case_t, key="cadence:2").status == "queued"  # type: ignore[union-attr]


@override_settings(GOODWILL_AUTO_MAIL_WINDOW_MINUTES=10)
def test_staff_send_a_held_back_message_anyway(case_t: Case, advisor: User) -> None:
    _automatic(case_t, 1, minutes_ago=1)
    held = news_cadence_update(case=case_t, key="cadence:2")
    assert held is not None and held.status == OutboundMessage.Status.SUPPRESSED

    sent = outbound_retry(actor=advisor, message=held)

    assert sent.status == OutboundMessage.Status.QUEUED and sent.last_error == ""
    assert Entry.objects.filter(case=case_t, payload__outbound_id=held.pk).exists()
    case_t.refresh_from_db()
    assert case_t.last_sent_to_client_at is not None


@pytest.mark.parametrize("language", ["en", "de"])
@override_settings(GOODWILL_AUTO_MAIL_WINDOW_MINUTES=10)
def test_the_outbox_says_why_each_message_was_sent_and_why_one_was_held(
    client: Browser, case_t: Case, manager: User, language: str
) -> None:
    _automatic(case_t, 1, minutes_ago=1)
    held = news_cadence_update(case=case_t, key="cadence:2")
    assert held is not None
    User.objects.filter(pk=manager.pk).update(language=language)
    client.force_login(manager)
    client.post("/language/", {"language": language, "next": "/"})

    page = client.get("/outbox/").content.decode()
    detail = client.get(f"/outbox/{held.pk}/").content.decode()

    expected = {
        "en": ("The update cadence ran out", "held back", "Why it was held back", "Send anyway"),
        "de": (
            "Der Aktualisierungsrhythmus ist abgelaufen",
            "angehalten",
            "Warum sie angehalten wurde",
            "Trotzdem senden",
        ),
    }[language]
    assert expected[0] in page and expected[1] in page
    assert expected[0] in detail and expected[2] in detail and expected[3] in detail
    assert "min before" in detail


@override_settings(GOODWILL_AUTO_MAIL_WINDOW_MINUTES=10)
def test_the_case_page_says_the_client_was_not_told(
    client: Browser, case_t: Case, advisor: User
) -> None:
    _automatic(case_t, 1, minutes_ago=1)
    held = news_cadence_update(case=case_t, key="cadence:2")
    assert held is not None
    client.force_login(advisor)

    page = client.get(f"/cases/{case_t.reference}/").content.decode()

    alert = page[page.index('role="alert"') :]
    assert held.subject in alert and "held back" in alert and "min before" in alert


@pytest.mark.django_db(transaction=True)
@override_settings(GOODWILL_AUTO_MAIL_WINDOW_MINUTES=10)
def test_two_automatic_messages_at_the_same_instant_let_one_out(case_t: Case) -> None:
    """Two workers queueing an automatic message to one client at once (a status news and an
    acknowledgement): the second sees the first and is held back, never both sent."""
    from django.db import connection, transaction

    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one writer at a time; the race needs PostgreSQL")
    import threading

    at = timezone.now()
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def queue(n: int) -> None:
        try:
            with transaction.atomic():
                barrier.wait()
                outbound_queue(
                    key=f"race:{n}",
                    purpose=OutboundMessage.Purpose.NOTIFICATION,
                    reason=OutboundMessage.Reason.CADENCE,
                    to_address="thomas.lefevre@example.com",
                    subject=f"News {n}",
                    body_text="…",
                    client=case_t.client,
                    case=case_t,
                    at=at,
                )
                # Both hold their transaction open a moment, as a worker would.
                threading.Event().wait(0.3)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=queue, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = sorted(
        OutboundMessage.objects.filter(key__startswith="race:").values_list("status", flat=True)
    )
    # One let out (queued, or already sent by the eager test worker), three held back.
    assert statuses.count("suppressed") == 3 and len(statuses) == 4
