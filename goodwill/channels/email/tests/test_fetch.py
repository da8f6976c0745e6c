"""Fetching from a real IMAP server (Dovecot on loopback): new mail is stored, marked seen only
after our commit, and fetching the same mail again adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from imapclient import IMAPClient

from goodwill.cases.models import Case
from goodwill.channels.email import imap
from goodwill.channels.email.models import InboundMessage, Mailbox
from goodwill.channels.email.services import inbound_store
from goodwill.channels.email.sweeps import fetch_mail, mailbox_claim
from goodwill.channels.email.tests.conftest import mailbox_for, make_mail
from goodwill.channels.email.tests.dovecot import PASSWORD, USER, Dovecot
from goodwill.clients.models import Client
from goodwill.timeline.models import Entry


def test_it_fetches_new_mail_and_marks_it_seen(dovecot: Dovecot, case_t: Case) -> None:
    # Given two mails waiting on the server
    mailbox = mailbox_for(dovecot)
    dovecot.append([make_mail(subject="Any news?"), make_mail(subject=f"Re: {case_t.reference}")])
    # When the worker sweeps
    assert fetch_mail(timezone.now()) == 2
    # Then both are on the case, seen on the server, and the mailbox remembers where it stopped
    assert (
        InboundMessage.objects.filter(status="processed", case=case_t, source="imap").count() == 2
    )
    assert dovecot.seen_count() == 2
    mailbox.refresh_from_db()
    assert (mailbox.last_uid, mailbox.last_error, mailbox.claimed_until) == (2, "", None)
    assert mailbox.uidvalidity and mailbox.last_polled_at
    # And a second sweep finds nothing new
    assert fetch_mail(timezone.now()) == 0


def test_it_adds_nothing_when_the_same_mail_is_fetched_again(
    dovecot: Dovecot, client_t: Client
) -> None:
    mailbox = mailbox_for(dovecot)
    dovecot.append([make_mail(subject="Brakes"), make_mail(subject="Wipers")])
    fetch_mail(timezone.now())
    # When the server's folder is rebuilt (new UIDVALIDITY) or our mark is lost, everything comes
    # again
    Mailbox.objects.filter(pk=mailbox.pk).update(last_uid=0, uidvalidity=1)
    assert fetch_mail(timezone.now()) == 2
    assert InboundMessage.objects.count() == 2
    assert Entry.objects.filter(kind="message_in").count() == 2
    assert Case.objects.count() == 1  # the second mail joined the case the first opened


def test_it_recognises_a_reused_message_id_with_other_content_as_another_message(
    client_t: Client,
) -> None:
    first, created = inbound_store(
        raw=make_mail(subject="A", body="first text", message_id="<same@x.example>")
    )
    again, created_again = inbound_store(
        raw=make_mail(subject="A", body="first text", message_id="<same@x.example>")
    )
    other, created_other = inbound_store(
        raw=make_mail(subject="B", body="other text", message_id="<same@x.example>")
    )
    assert (created, created_again, created_other) == (True, False, True)
    assert again.pk == first.pk and other.pk != first.pk


def test_it_fetches_over_tls(dovecot_tls: Dovecot, client_t: Client) -> None:
    mailbox_for(dovecot_tls)
    dovecot_tls.append([make_mail(subject="Over TLS")])
    assert fetch_mail(timezone.now()) == 1
    assert InboundMessage.objects.get().status == "processed"


def test_it_fetches_with_starttls(dovecot_starttls: Dovecot, client_t: Client) -> None:
    mailbox_for(dovecot_starttls)
    dovecot_starttls.append([make_mail(subject="Over STARTTLS")])
    assert fetch_mail(timezone.now()) == 1
    assert InboundMessage.objects.get().status == "processed"


def test_it_records_a_mailbox_error_and_goes_on(dovecot: Dovecot, client_t: Client) -> None:
    broken = Mailbox.objects.create(
        name="broken",
        host="127.0.0.1",
        port=dovecot.port,
        security="plain",
        username="care",
        password="wrong",
    )
    mailbox_for(dovecot)
    dovecot.append([make_mail(subject="Still arrives")])
    assert fetch_mail(timezone.now()) == 1
    broken.refresh_from_db()
    assert "AUTHENTICATIONFAILED" in broken.last_error or "failed" in broken.last_error.lower()
    assert broken.claimed_until is None


def test_it_never_lets_two_workers_hold_one_mailbox(dovecot: Dovecot, db: None) -> None:
    mailbox = mailbox_for(dovecot)
    now = timezone.now()
    assert mailbox_claim(now=now) == mailbox
    assert mailbox_claim(now=now) is None
    # a worker that died frees it when its lease runs out
    assert mailbox_claim(now=now + dt.timedelta(minutes=6)) == mailbox


def test_it_stores_before_marking_seen(
    dovecot: Dovecot, client_t: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a crash right after the message is stored, before the server is told
    mailbox = mailbox_for(dovecot)
    dovecot.append([make_mail(subject="Crash test")])

    def crash(**kwargs: object) -> None:
        raise SystemExit("killed")

    monkeypatch.setattr(imap, "inbound_process", crash)
    with pytest.raises(SystemExit):
        imap.fetch(mailbox)
    # Then the message is stored (received) even though processing never ran
    assert InboundMessage.objects.get().status == "received"
    monkeypatch.undo()
    Mailbox.objects.filter(pk=mailbox.pk).update(last_uid=0)
    fetch_mail(timezone.now())
    from goodwill.channels.email.sweeps import process_received

    process_received(timezone.now() + dt.timedelta(minutes=1))
    assert list(InboundMessage.objects.values_list("status", flat=True)) == ["processed"]
    assert Entry.objects.filter(kind="message_in").count() == 1


def test_it_fetches_next_round_a_message_the_server_left_out_of_a_fetch(
    dovecot: Dovecot,
    client_t: Client,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given three mails, and a FETCH that answers OK but without the second (as when a message
    # is briefly unreadable, or goes between SEARCH and FETCH)
    mailbox = mailbox_for(dovecot)
    dovecot.append([make_mail(subject="One"), make_mail(subject="Two"), make_mail(subject="Three")])
    real = imap._fetch_batch

    def partial(conn: object, batch: list[int]) -> dict[int, bytes]:
        raws = real(conn, batch)  # type: ignore[arg-type]
        raws.pop(2, None)
        return raws

    monkeypatch.setattr(imap, "_fetch_batch", partial)
    # When the worker sweeps
    fetch_mail(timezone.now())
    # Then the second is neither seen on the server nor passed over by our mark
    assert sorted(InboundMessage.objects.values_list("subject", flat=True)) == ["One", "Three"]
    assert dovecot.seen_count() == 2
    mailbox.refresh_from_db()
    assert mailbox.last_uid == 1
    # And the next round fetches it, without doubling the third
    monkeypatch.undo()
    fetch_mail(timezone.now())
    assert sorted(InboundMessage.objects.values_list("subject", flat=True)) == [
        "One",
        "Three",
        "Two",
    ]
    mailbox.refresh_from_db()
    assert (mailbox.last_uid, dovecot.seen_count()) == (3, 3)


def test_it_records_a_refused_fetch_and_retries_it_next_round(
    dovecot: Dovecot,
    client_t: Client,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a server that answers NO to the FETCH of the messages
    mailbox = mailbox_for(dovecot)
    dovecot.append([make_mail(subject="Refused once")])
    real_connect = imap.connect

    def refusing(box: Mailbox) -> IMAPClient:
        client = real_connect(box)
        real_fetch = client.fetch

        def fetch(messages: list[int], data: list[str]) -> dict:
            if "BODY.PEEK[]" in data:
                # exactly what imapclient raises when the server answers NO
                client._checkok("fetch", "NO", [b"Message temporarily unavailable"])
            return real_fetch(messages, data)

        client.fetch = fetch  # type: ignore[method-assign]
        return client

    monkeypatch.setattr(imap, "connect", refusing)
    # When the worker sweeps
    assert fetch_mail(timezone.now()) == 0
    # Then nothing is marked or passed over, and the mailbox says why
    mailbox.refresh_from_db()
    assert (mailbox.last_uid, dovecot.seen_count()) == (0, 0)
    assert mailbox.last_error == (
        "RefusedError: FETCH of UIDs 1..1 refused: fetch failed: Message temporarily unavailable"
    )
    # And the next round gets the message
    monkeypatch.undo()
    assert fetch_mail(timezone.now()) == 1
    mailbox.refresh_from_db()
    assert (mailbox.last_uid, mailbox.last_error, dovecot.seen_count()) == (1, "", 1)


def test_it_moves_on_when_the_server_will_not_mark_mail_seen(
    dovecot: Dovecot,
    client_t: Client,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a folder where flags cannot be set (shared read-only, say)
    mailbox = mailbox_for(dovecot)
    dovecot.append([make_mail(subject="One"), make_mail(subject="Two")])
    real_connect = imap.connect

    def read_only(box: Mailbox) -> IMAPClient:
        client = real_connect(box)

        def add_flags(messages: list[int], flags: list[bytes], silent: bool = False) -> None:
            client._checkok("store", "NO", [b"Mailbox is read-only"])

        client.add_flags = add_flags  # type: ignore[method-assign]
        return client

    monkeypatch.setattr(imap, "connect", read_only)
    # When the worker sweeps twice
    assert fetch_mail(timezone.now()) == 2
    assert fetch_mail(timezone.now()) == 0
    # Then the mail is on file once and our mark moved on: \Seen is a courtesy, not our record
    mailbox.refresh_from_db()
    assert (mailbox.last_uid, mailbox.last_error, dovecot.seen_count()) == (2, "", 0)
    assert InboundMessage.objects.filter(status="processed").count() == 2


def test_it_never_sends_a_password_in_clear_beyond_this_machine(db: None) -> None:
    # Given a mailbox set to plain IMAP on another host (written past mailbox_create's check)
    Mailbox.objects.create(
        name="far",
        host="imap.example.com",
        port=143,
        security="plain",
        username="care",
        password="secret",
    )
    # When the worker sweeps, it does not even connect
    assert fetch_mail(timezone.now()) == 0
    assert "in clear" in Mailbox.objects.get().last_error


def test_it_never_logs_in_when_starttls_is_not_offered(dovecot: Dovecot, db: None) -> None:
    # Given a server without STARTTLS, and a mailbox that asks for it
    Mailbox.objects.create(
        name="starttls",
        host="127.0.0.1",
        port=dovecot.port,
        security="starttls",
        username=USER,
        password=PASSWORD,
    )
    dovecot.append([make_mail(subject="Not over clear text")])
    logins = dovecot.log().count("Login: ")
    # When the worker sweeps, it refuses rather than sending the password in clear
    assert fetch_mail(timezone.now()) == 0
    assert "STARTTLS" in Mailbox.objects.get().last_error
    assert dovecot.log().count("Login: ") == logins


def test_it_refuses_a_server_whose_certificate_it_cannot_verify(db: None) -> None:
    # Given a TLS server whose self-signed certificate nobody vouches for
    server = Dovecot(tls=True)
    try:
        mailbox = mailbox_for(server)
        server.append([make_mail(subject="Spoofed?")])
        # When the worker sweeps, the connection is refused before any login
        assert fetch_mail(timezone.now()) == 0
        mailbox.refresh_from_db()
        assert "CERTIFICATE_VERIFY_FAILED" in mailbox.last_error
        assert mailbox.last_uid == 0 and InboundMessage.objects.count() == 0
    finally:
        server.stop()
