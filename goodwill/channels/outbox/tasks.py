"""Background tasks of the outbox (django.tasks, run by the worker's queue consumer)."""

from __future__ import annotations

from django.tasks import task

from goodwill.channels.outbox.services import outbound_send_many, outbound_send_now


@task
def deliver(message_id: int) -> None:
    """Send one queued message now; the delivery sweep catches anything this misses."""
    outbound_send_now(message_id=message_id)


@task
def deliver_many(message_ids: list[int]) -> None:
    """Send queued messages now, one after the other (a batch of ingested mail hands its
    notifications over in one task); the delivery sweep catches anything this misses."""
    outbound_send_many(message_ids=message_ids)
