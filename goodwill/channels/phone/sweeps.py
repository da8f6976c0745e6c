"""The phone channel's sweep for the worker loop (goodwill.worker.loop)."""

from __future__ import annotations

import datetime as dt

from goodwill.channels.phone.services import webhook_receipts_prune

# Far beyond any provider's retries of an event (Twilio: minutes), so none can act twice.
KEEP_RECEIPTS = dt.timedelta(days=30)


def receipts_prune(now: dt.datetime) -> int:
    """Forget webhook receipts older than KEEP_RECEIPTS; returns how many (the loop calls again
    at once while there are more)."""
    return webhook_receipts_prune(before=now - KEEP_RECEIPTS)
