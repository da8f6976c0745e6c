"""The limits on automatic mail, held once in the outbox for every sender: one automatic e-mail
to a client per window (what comes meanwhile waits, and later ones merge into it), a daily cap,
each message saying why it was sent; what is held back is kept, shown, and can be sent anyway.
Replies written by staff are never held."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client as Browser
from django.test import override_settings
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import (
    case_write_message,
    merged_body,
    outbound_queue,
    outbound_retry,
)
from goodwill.channels.outbox.sweeps import deliver_due
from goodwill.news.services import news_cadence_update
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


def _automatic(case: Case, n: int, *, minutes_ago: int, sent: bool = True) -> OutboundMessage:
    at = timezone.now() - dt.timedelta(minutes=minutes_ago)
    message = outbound_queue(
        key=f"test-auto:{n}",
        purpose=OutboundMessage.Purpose.NOTIFICATION,
        reason=OutboundMessage.Reason.CADENCE,
        to_address="thomas.lefevre@example.com",
        subject=f"News {n}",
        body_text="…",
        client=case.client,
        case=case,
        at=at,
    )
    if sent:
        OutboundMessage.objects.filter(pk=message.pk).update(status="sent", sent_at=at)
        message.refresh_from_db()
    return message


@override_settings(GOODWILL_AUTO_MAIL_WINDOW_MINUTES=10, GOODWILL_AUTO_MAIL_DAILY_CAP=3)
def test_past_the_daily_cap_automatic_messages_are_held_back(case_t: Case) -> None:
    for n, minutes_ago in enumerate((300, 200, 100)):
        assert _automatic(case_t, n, minutes_ago=minutes_ago).status == "sent"

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


@override_settings(GOODWILL_AUTO_MAIL_WINDOW_MINUTES=10, GOODWILL_AUTO_MAIL_DAILY_CAP=1)
def test_staff_send_a_held_back_message_anyway(case_t: Case, advisor: User) -> None:
    _automatic(case_t, 1, minutes_ago=100)
    held = news_cadence_update(case=case_t, key="cadence:2")
    assert held is not None and held.status == OutboundMessage.Status.SUPPRESSED

    sent = outbound_retry(actor=advisor, message=held)

    assert sent.status == OutboundMessage.Status.QUEUED and sent.last_error == ""
    assert Entry.objects.filter(case=case_t, payload__outbound_id=held.pk).exists()
    case_t.refresh_from_db()
    assert case_t.last_sent_to_client_at is not None


@pytest.mark.parametrize("language", ["en", "de"])
@override_settings(GOODWILL_AUTO_MAIL_WINDOW_MINUTES=10, GOODWILL_AUTO_MAIL_DAILY_CAP=1)
def test_the_outbox_says_why_each_message_was_sent_and_why_one_was_held(
    client: Browser, case_t: Case, manager: User, language: str
) -> None:
    _automatic(case_t, 1, minutes_ago=100)
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
    assert held.last_error and held.last_error in detail


@override_settings(GOODWILL_AUTO_MAIL_WINDOW_MINUTES=10, GOODWILL_AUTO_MAIL_DAILY_CAP=1)
def test_the_case_page_says_the_client_was_not_told(
    client: Browser, case_t: Case, advisor: User
) -> None:
    _automatic(case_t, 1, minutes_ago=100)
    held = news_cadence_update(case=case_t, key="cadence:2")
    assert held is not None
    client.force_login(advisor)

    page = client.get(f"/cases/{case_t.reference}/").content.decode()

    alert = page[page.index('role="alert"') :]
    assert held.subject in alert and "held back" in alert and "in the last 24 hours" in alert


@pytest.mark.django_db(transaction=True)
@override_settings(GOODWILL_AUTO_MAIL_WINDOW_MINUTES=10)
def test_two_automatic_messages_at_the_same_instant_let_one_out(case_t: Case) -> None:
    """Workers queueing automatic messages to one client at once (a status news and an
    acknowledgement): one e-mail leaves, the others merge into it or wait for the window's end
    (where the later ones merge), never two within the window."""
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
    rows = OutboundMessage.objects.filter(key__startswith="race:")
    assert rows.count() == 4
    # E-mails of their own: one leaving now, at most one more waiting for the window's end.
    own = rows.exclude(status=OutboundMessage.Status.MERGED)
    assert own.filter(next_attempt_at__lte=at).count() == 1
    assert own.filter(next_attempt_at__gt=at).count() <= 1
    assert all(
        m.next_attempt_at >= at + dt.timedelta(minutes=10) for m in own if m.next_attempt_at > at
    )
    # Every other one's words went out in one of them, never dropped.
    for merged in rows.filter(status=OutboundMessage.Status.MERGED):
        assert merged.merged_into in own


@override_settings(GOODWILL_AUTO_MAIL_WINDOW_MINUTES=10, GOODWILL_AUTO_MAIL_DAILY_CAP=10)
def test_within_the_window_automatic_news_waits_and_later_news_merges_into_it(
    case_t: Case, client: Browser, advisor: User
) -> None:
    first = _automatic(case_t, 1, minutes_ago=2)
    frame = "Dear Mr Lefèvre,\n\n{}\n\nKind regards,\nMaison Client Care\n"

    def news(n: int, words: str) -> OutboundMessage:
        return outbound_queue(
            key=f"test-news:{n}",
            purpose=OutboundMessage.Purpose.NOTIFICATION,
            reason=OutboundMessage.Reason.STATUS_NEWS,
            to_address="thomas.lefevre@example.com",
            subject=f"News {n}",
            body_text=frame.format(words),
            client=case_t.client,
            case=case_t,
        )

    waiting = news(2, "Your car is ready.")
    merged = news(3, "Anna is away until Monday; Marco covers.")

    # The second waits for the window's end; the third goes out in the same e-mail.
    assert waiting.status == "queued"
    assert waiting.next_attempt_at == first.created_at + dt.timedelta(minutes=10)
    assert merged.status == OutboundMessage.Status.MERGED and merged.merged_into == waiting
    waiting.refresh_from_db()
    assert waiting.body_text == (
        "Dear Mr Lefèvre,\n\nYour car is ready.\n\nAnna is away until Monday; Marco covers."
        "\n\nKind regards,\nMaison Client Care\n"
    )
    # Both on his story, each showing how the one e-mail went.
    assert Entry.objects.filter(case=case_t, payload__outbound_id=waiting.pk).count() == 2
    # Not before its time: the sweep sends it when the window ends.
    assert deliver_due(timezone.now()) == 0
    assert deliver_due(waiting.next_attempt_at) == 1
    waiting.refresh_from_db()
    assert waiting.status == "sent"
    client.force_login(advisor)
    page = client.get(f"/outbox/{merged.pk}/").content.decode()
    assert "Sent with another message" in page and f"/outbox/{waiting.pk}/" in page


def test_merged_body_keeps_one_greeting_and_one_signature() -> None:
    first = "Guten Tag Herr Tauber,\n\nA.\n\nMit freundlichen Grüßen\nMaison\n"
    second = "Guten Tag Herr Tauber,\n\nB.\n\nMit freundlichen Grüßen\nMaison\n"

    assert merged_body(first, second) == (
        "Guten Tag Herr Tauber,\n\nA.\n\nB.\n\nMit freundlichen Grüßen\nMaison\n"
    )
    assert merged_body(first, first) == first
    assert merged_body("Hello", "Other words") == "Hello\n\nOther words\n"
