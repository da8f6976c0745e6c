"""The outbox's sweep for the worker loop (goodwill.worker.loop)."""

from __future__ import annotations

import datetime as dt

from goodwill.channels.outbox.services import (
    early_receipts_purge,
    outbound_claim_due,
    outbound_deliver,
)
from goodwill.channels.outbox.transport import transport_for_settings

# Per call, so other sweeps get their turn; the loop calls again at once while there is work.
ROUND = 200
# A provider's answer to our send reaches us within seconds (the transport's timeout, or a few
# retries after a lost answer): a receipt kept this long with no message is for an id not ours.
KEEP_EARLY_RECEIPTS = dt.timedelta(days=2)


def deliver_due(now: dt.datetime) -> int:
    """Claim and send due messages, and those whose worker died mid-send; returns how many."""
    transport = transport_for_settings()
    handled = 0
    while handled < ROUND:
        batch = outbound_claim_due(now=now, limit=min(50, ROUND - handled))
        if not batch:
            break
        for message in batch:
            outbound_deliver(message=message, transport=transport)
        handled += len(batch)
    return handled


def early_receipts_prune(now: dt.datetime) -> int:
    """Forget receipts kept for ids no message claimed within KEEP_EARLY_RECEIPTS; returns how
    many (the loop calls again at once while there are more)."""
    return early_receipts_purge(before=now - KEEP_EARLY_RECEIPTS)
