"""Queued work for e-mail in: process one stored message (HTTP posts are stored, answered 202,
then processed here)."""

from __future__ import annotations

from django.tasks import task

from goodwill.channels.email.services import inbound_process


@task
def ingest(inbound_id: int) -> None:
    inbound_process(inbound_id=inbound_id)
