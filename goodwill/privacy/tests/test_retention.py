"""Raw mail past GOODWILL_RETAIN_RAW_MAIL_MONTHS is deleted; the parsed message stays."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.clients.models import Client
from goodwill.privacy.sweeps import raw_mail_retention_due
from goodwill.timeline.models import Entry


def _mail(at: dt.datetime, subject: str) -> InboundMessage:
    message = email_ingest(raw=make_mail(subject=subject), at=at)
    message.refresh_from_db()
    assert message.status == InboundMessage.Status.PROCESSED
    return message


def test_raw_mail_older_than_the_rule_goes_as_the_clock_moves(
    client_t: Client, settings: object
) -> None:
    settings.GOODWILL_RETAIN_RAW_MAIL_MONTHS = 6  # type: ignore[attr-defined]
    now = timezone.now()
    old = _mail(now - dt.timedelta(days=200), "Old noise")
    new = _mail(now - dt.timedelta(days=10), "New noise")
    # Today: the old one's raw file goes, the parsed message and its timeline entry stay
    while raw_mail_retention_due(now):
        pass
    assert not old.raw_path.exists() and new.raw_path.exists()
    old.refresh_from_db()
    assert old.subject == "Old noise" and old.body_text
    assert Entry.objects.filter(pk=old.entry_id).exists()
    # Seven months on, the new one goes too
    later = now + dt.timedelta(days=190)
    while raw_mail_retention_due(later):
        pass
    assert not new.raw_path.exists()


def test_zero_keeps_raw_mail_for_ever(client_t: Client, settings: object) -> None:
    settings.GOODWILL_RETAIN_RAW_MAIL_MONTHS = 0  # type: ignore[attr-defined]
    now = timezone.now()
    old = _mail(now - dt.timedelta(days=4000), "Ancient")
    assert raw_mail_retention_due(now + dt.timedelta(days=4000)) == 0
    assert old.raw_path.exists()


def test_quarantined_mail_keeps_its_raw_file(client_t: Client, settings: object) -> None:
    settings.GOODWILL_RETAIN_RAW_MAIL_MONTHS = 1  # type: ignore[attr-defined]
    now = timezone.now()
    old = _mail(now - dt.timedelta(days=100), "Old noise")
    InboundMessage.objects.filter(pk=old.pk).update(status=InboundMessage.Status.QUARANTINED)
    while raw_mail_retention_due(now):
        pass
    assert old.raw_path.exists()
