"""The worker's side of webhooks: post what is due (GOODWILL_SWEEPS)."""

from __future__ import annotations

import datetime as dt

from goodwill.integrations.services import webhook_claim_due, webhook_deliver

BATCH = 20


def webhooks_due(now: dt.datetime) -> int:
    """Post the deliveries due now (index webhookdelivery_due), each claimed first, so a second
    worker beside this one, or one taking over from a dead one, never posts a delivery twice
    at once. Returns how many were posted, whatever the answer."""
    deliveries = webhook_claim_due(now=now, limit=BATCH)
    for delivery in deliveries:
        webhook_deliver(delivery=delivery, now=now)
    return len(deliveries)
