"""The worker's mail sweeps (settings.GOODWILL_SWEEPS): fetch the mailboxes, catch up on stored mail."""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import Q
from django.utils import timezone

from goodwill.channels.email import imap
from goodwill.channels.email.models import Mailbox
from goodwill.channels.email.services import inbound_process_pending

log = logging.getLogger("goodwill.mail")

# A worker holds a mailbox this long; one that dies frees it when the lease runs out.
LEASE = dt.timedelta(minutes=5)
BATCH = 200


def mailbox_claim(*, now: dt.datetime, exclude: set[int] | None = None) -> Mailbox | None:
    """Take the mailbox polled longest ago whose lease is free, with a conditional UPDATE, so two
    workers never fetch the same mailbox at once."""
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    candidates = Mailbox.objects.filter(free, active=True).exclude(pk__in=exclude or set())
    for mailbox in candidates.order_by("last_polled_at", "id")[:10]:
        taken = Mailbox.objects.filter(free, pk=mailbox.pk).update(claimed_until=now + LEASE)
        if taken:
            mailbox.claimed_until = now + LEASE
            return mailbox
    return None


def fetch_mail(now: dt.datetime) -> int:
    """Fetch every free mailbox once (a batch each); returns how many messages were handled."""
    handled = 0
    seen: set[int] = set()
    while (mailbox := mailbox_claim(now=now, exclude=seen)) is not None:
        seen.add(mailbox.pk)
        # Stop fetching well before the lease runs out, so no second worker can take the mailbox
        # while this one still reads it.
        deadline = timezone.now() + LEASE * 0.8

        def keep_going(deadline: dt.datetime = deadline) -> bool:
            return timezone.now() < deadline

        try:
            handled += imap.fetch(mailbox, limit=BATCH, keep_going=keep_going)
            error = ""
        except Exception as exc:  # a mailbox down must not stop the others, nor the worker
            log.warning("mailbox %s: %s", mailbox, exc)
            error = f"{type(exc).__name__}: {exc}"[:1000]
        Mailbox.objects.filter(pk=mailbox.pk).update(claimed_until=None, last_error=error,
                                                     last_polled_at=timezone.now())
    return handled


def process_received(now: dt.datetime) -> int:
    """Messages stored but never processed (their worker died in between), after a grace period
    so the worker still handling them is not raced."""
    return inbound_process_pending(limit=BATCH, older_than=dt.timedelta(seconds=30), now=now)
