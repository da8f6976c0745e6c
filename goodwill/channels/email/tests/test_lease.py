"""Mailbox leases: one worker at a time reads a mailbox, however long the sweep or the fetch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine
from django.utils import timezone

from goodwill.channels.email import imap
from goodwill.channels.email.models import Mailbox
from goodwill.channels.email.sweeps import fetch_mail, mailbox_claim


def test_it_leases_a_mailbox_from_the_claim_not_from_the_start_of_the_sweep(
    db: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a sweep that began four minutes ago (the mailboxes before this one were slow)
    mailbox = Mailbox.objects.create(
        name="slow", host="127.0.0.1", port=1, security="plain", username="care", password="x"
    )
    taken_by_other: list[Mailbox | None] = []

    def reading(box: Mailbox, **kwargs: object) -> int:
        # a second worker looks two minutes from now, while the first still reads
        taken_by_other.append(mailbox_claim(now=timezone.now() + dt.timedelta(minutes=2)))
        return 0

    monkeypatch.setattr(imap, "fetch", reading)
    fetch_mail(timezone.now() - dt.timedelta(minutes=4))
    # Then the mailbox was still ours
    assert taken_by_other == [None]
    mailbox.refresh_from_db()
    assert mailbox.claimed_until is None


def test_it_renews_the_lease_while_a_long_fetch_goes_on(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a mailbox being read
    Mailbox.objects.create(
        name="long", host="127.0.0.1", port=1, security="plain", username="care", password="x"
    )
    start = timezone.now()
    answers: list[tuple[bool, Mailbox | None]] = []

    def long_fetch(box: Mailbox, *, keep_going: Callable[[], bool], **kwargs: object) -> int:
        # batches go on for ten minutes, twice the lease
        for minutes in (2, 4, 6, 8, 10):
            with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
                answers.append(
                    (keep_going(), mailbox_claim(now=timezone.now() + dt.timedelta(seconds=30)))
                )
        return 0

    monkeypatch.setattr(imap, "fetch", long_fetch)
    fetch_mail(start)
    # Then the fetch was never cut short and no other worker could take the mailbox meanwhile
    assert answers == [(True, None)] * 5
