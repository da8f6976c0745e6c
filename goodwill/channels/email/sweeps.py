"""The worker's mail sweeps (settings.GOODWILL_SWEEPS): fetch the mailboxes, catch up on stored
mail."""

from __future__ import annotations

import datetime as dt
import functools
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


def mailbox_claim(
    *, now: dt.datetime | None = None, exclude: set[int] | None = None
) -> Mailbox | None:
    """Take the mailbox polled longest ago whose lease is free, with a conditional UPDATE, so two
    workers never fetch the same mailbox at once. The lease runs from the moment of the claim (the
    clock now, not when the sweep began: earlier mailboxes may have taken minutes)."""
    now = now or timezone.now()
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    candidates = Mailbox.objects.filter(free, active=True).exclude(pk__in=exclude or set())
    for mailbox in candidates.order_by("last_polled_at", "id")[:10]:
        taken = Mailbox.objects.filter(free, pk=mailbox.pk).update(claimed_until=now + LEASE)
        if taken:
            mailbox.claimed_until = now + LEASE
            return mailbox
    return None


def mailbox_renew(mailbox: Mailbox) -> bool:
    """Extend the lease we hold by LEASE from now; False when it is no longer ours (it ran out
    and another worker took the mailbox), and then we must stop fetching."""
    until = timezone.now() + LEASE
    renewed = Mailbox.objects.filter(pk=mailbox.pk, claimed_until=mailbox.claimed_until).update(
        claimed_until=until
    )
    if renewed:
        mailbox.claimed_until = until
    return bool(renewed)


def _holding(mailbox: Mailbox) -> bool:
    """Between batches: go on while well inside the lease, renewing it as it ages, so no second
    worker can take the mailbox while this one still reads it."""
    assert mailbox.claimed_until is not None
    left = mailbox.claimed_until - timezone.now()
    if left > LEASE * 0.8:
        return True
    return left > dt.timedelta(0) and mailbox_renew(mailbox)


def fetch_mail(now: dt.datetime) -> int:
    """Fetch every free mailbox once (a batch each); returns how many messages were handled."""
    handled = 0
    seen: set[int] = set()
    while (mailbox := mailbox_claim(exclude=seen)) is not None:
        seen.add(mailbox.pk)
        try:
            handled += imap.fetch(
                mailbox, limit=BATCH, keep_going=functools.partial(_holding, mailbox)
            )
            error = ""
        except Exception as exc:  # a mailbox down must not stop the others, nor the worker
            log.warning("mailbox %s: %s", mailbox, exc)
            error = f"{type(exc).__name__}: {exc}"[:1000]
        Mailbox.objects.filter(pk=mailbox.pk).update(
            last_error=error, last_polled_at=timezone.now()
        )
        # Freed only if still ours: a lease that ran out may be another worker's by now.
        Mailbox.objects.filter(pk=mailbox.pk, claimed_until=mailbox.claimed_until).update(
            claimed_until=None
        )
    return handled


def process_received(now: dt.datetime) -> int:
    """Messages stored but never processed (their worker died in between), after a grace period
    so the worker still handling them is not raced."""
    return inbound_process_pending(limit=BATCH, older_than=dt.timedelta(seconds=30), now=now)
