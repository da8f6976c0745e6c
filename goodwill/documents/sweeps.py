"""The vault's safety net: documents stored but not read (the task lost, the worker stopped
mid-read) are read here."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from goodwill.documents.models import Document
from goodwill.documents.services import document_read

BATCH = 20
# A claim older than this is a reader that died: the document is taken again.
STALE = dt.timedelta(minutes=10)


def documents_unread(now: dt.datetime) -> int:
    """Read what is pending (index document_pending): never claimed, or claimed by a reader that
    did not finish."""
    stale = Document.objects.filter(status=Document.Status.PENDING, read_at__lt=now - STALE)
    stale.update(read_at=None)
    ids = list(
        Document.objects.filter(Q(status=Document.Status.PENDING), read_at__isnull=True)
        .order_by("created_at")
        .values_list("pk", flat=True)[:BATCH]
    )
    return sum(document_read(document_id=pk) is not None for pk in ids)
