"""Background tasks of the vault (django.tasks, run by the worker's queue consumer)."""

from __future__ import annotations

from django.tasks import task

from goodwill.documents.services import document_read


@task
def read(document_id: int) -> None:
    """Read one stored document now; the sweep documents_unread catches anything this misses."""
    document_read(document_id=document_id)
