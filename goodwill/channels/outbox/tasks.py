"""Background tasks of the outbox (django.tasks, run by the worker's queue consumer)."""

from __future__ import annotations

from django.tasks import task

from goodwill.channels.outbox.services import outbound_send_now


@task
def deliver(message_id: int) -> None:
    """Send one queued message now; the delivery sweep catches anything this misses."""
    outbound_send_now(message_id=message_id)
