"""Erasing a client (GDPR, the right to erasure).

    client_erase   every table of `tables.TABLES` scrubbed or emptied in one transaction, the
                   search index rebuilt from what is left, an `Erasure` audit row; the files only
                   this client's rows pointed at (raw mails, mail attachments, documents) removed
                   after the commit
    raw_mail_purge the retention rule: raw mail files older than GOODWILL_RETAIN_RAW_MAIL_MONTHS

The cases' history stays: cases, statuses, clocks, timeline entries (their kind, time, actor and
the payload's safe keys), amounts. Nothing left names the person: they become "Erased client
CL-…" and the audit row names them by reference only.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from goodwill.channels.email.models import Attachment, InboundMessage
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client, ContactPoint
from goodwill.clients.services import ensure_visible, identifiers_index
from goodwill.documents.models import Document
from goodwill.organisation.models import User
from goodwill.privacy.models import Erasure, RawMailCursor
from goodwill.privacy.tables import PLACEHOLDER, TABLES, Subject, scrub_json

log = logging.getLogger(__name__)


def placeholder(ref: str) -> str:
    return f"Erased client {ref}"


def may_erase(user: User) -> bool:
    """Managers and administrators only (a dealer's manager: their site's clients)."""
    return user.is_superuser or user.role in (User.Role.MANAGER, User.Role.ADMIN)


def client_lookup(client: Client) -> Subject:
    contacts = list(ContactPoint.objects.filter(client=client))
    emails = {c.normalized for c in contacts if c.kind == ContactPoint.Kind.EMAIL}
    emails |= {c.value for c in contacts if c.kind == ContactPoint.Kind.EMAIL}
    phones = {c.normalized for c in contacts if c.kind == ContactPoint.Kind.PHONE}
    phones |= {c.value for c in contacts if c.kind == ContactPoint.Kind.PHONE}
    return Subject(client=client, emails=tuple(sorted(emails)), phones=tuple(sorted(phones)))


def _scrub_values(scrub: dict[str, object], ref: str) -> dict[str, object]:
    return {k: placeholder(ref) if v == PLACEHOLDER else v for k, v in scrub.items()}


def _files_to_remove(lookup: Subject) -> dict[str, set[Path]]:
    """The files of this client's rows, by store. Whether another client still needs the same
    bytes is asked again after the commit (`_remove_files`)."""
    inbound = InboundMessage.objects.filter(TABLES_BY_KEY["messages_in"].where(lookup))
    attachments = Attachment.objects.filter(TABLES_BY_KEY["attachments"].where(lookup))
    documents = Document.objects.filter(client=lookup.client)
    return {
        "raw_mail_files": {m.raw_path for m in inbound},
        "attachment_files": {a.path for a in attachments},
        "document_files": {d.path for d in documents},
    }


def _still_needed(store: str, sha256: str, client: Client, inbound_ids: set[int]) -> bool:
    if store == "raw_mail_files":
        return InboundMessage.objects.filter(sha256=sha256).exclude(pk__in=inbound_ids).exists()
    if store == "attachment_files":
        return (
            Attachment.objects.filter(sha256=sha256)
            .exclude(inbound_id__in=inbound_ids)
            .exclude(client=client)
            .exists()
        )
    return Document.objects.filter(sha256=sha256).exclude(client=client).exists()


def _remove_files(
    files: dict[str, set[Path]], client: Client, inbound_ids: set[int]
) -> dict[str, int]:
    removed: Counter[str] = Counter()
    for store, paths in files.items():
        for path in paths:
            if _still_needed(store, path.name, client, inbound_ids):
                continue
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            removed[store] += 1
    return dict(removed)


TABLES_BY_KEY = {table.key: table for table in TABLES}


def client_erase(*, actor: User | None, client: Client, reason: str, operator: str = "") -> Erasure:
    """Erase the client's personal data from every table, file and search index, keeping their
    cases' history. Managers only (or the command line, `actor=None`); a reason is required.
    Idempotent: erasing again finds nothing more and returns the first `Erasure`."""
    if actor is not None:
        ensure_visible(actor=actor, client=client)
        if not may_erase(actor):
            raise PermissionDenied("Only managers erase clients.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the client is erased."})
    at = timezone.now()
    ref = client.ref
    with transaction.atomic():
        client = Client.objects.select_for_update().get(pk=client.pk)
        lookup = client_lookup(client)
        files = _files_to_remove(lookup)
        inbound_ids = set(
            InboundMessage.objects.filter(TABLES_BY_KEY["messages_in"].where(lookup)).values_list(
                "pk", flat=True
            )
        )
        counts: Counter[str] = Counter()
        for table in TABLES:
            rows = table.model._default_manager.filter(table.where(lookup))
            if table.delete:
                deleted, _ = rows.delete()
                counts[table.key] += deleted
                continue
            if table.scrub:
                counts[table.key] += rows.update(**_scrub_values(table.scrub, ref))
            if table.json:
                _scrub_json_rows(rows, table.json)
            if table.rewrite:
                counts[table.key] += _rewrite_rows(rows, table.rewrite)
        # Nothing queued may still reach the person.
        OutboundMessage.objects.filter(
            client=client,
            status__in=[OutboundMessage.Status.QUEUED, OutboundMessage.Status.SENDING],
        ).update(status=OutboundMessage.Status.FAILED, last_error="client erased")
        client.refresh_from_db()
        # The search index again from what is left: the client's and cases' references only.
        identifiers_index(client=client)
        erasure, created = Erasure.objects.get_or_create(
            client_ref=ref,
            defaults={
                "erased_by": actor,
                "site": client.site,
                "operator": operator or (actor.get_username() if actor else ""),
                "at": at,
                "reason": reason,
                "counts": {k: v for k, v in sorted(counts.items()) if v},
            },
        )

        def after_commit() -> None:
            removed = _remove_files(files, client, inbound_ids)
            if created and removed:
                Erasure.objects.filter(pk=erasure.pk).update(counts=erasure.counts | removed)
            log.info("client %s erased; files removed %s", ref, removed)

        transaction.on_commit(after_commit)
    return erasure


def _scrub_json_rows(rows: models.QuerySet[models.Model], fields: tuple[str, ...]) -> None:
    batch = []
    for row in rows.only("pk", *fields).iterator(chunk_size=500):
        changed = False
        for field in fields:
            before = getattr(row, field)
            after = scrub_json(before)
            if after != before:
                setattr(row, field, after)
                changed = True
        if changed:
            batch.append(row)
    if batch:
        type(batch[0])._default_manager.bulk_update(batch, list(fields), batch_size=500)


def _rewrite_rows(
    rows: models.QuerySet[models.Model], rewrite: dict[str, Callable[[str], str]]
) -> int:
    """Each row's fields through their function; returns how many rows changed (a row already
    rewritten by an earlier erasure is left as it is)."""
    batch = []
    for row in rows.only("pk", *rewrite).iterator(chunk_size=500):
        changed = False
        for field, function in rewrite.items():
            before = getattr(row, field)
            after = function(before)
            if after != before:
                setattr(row, field, after)
                changed = True
        if changed:
            batch.append(row)
    if batch:
        type(batch[0])._default_manager.bulk_update(batch, list(rewrite), batch_size=500)
    return len(batch)


def _months_before(now: dt.datetime, months: int) -> dt.datetime:
    month = now.month - 1 - months
    year = now.year + month // 12
    month = month % 12 + 1
    day = min(now.day, 28) if month == 2 else min(now.day, 30 if month in (4, 6, 9, 11) else 31)
    return now.replace(year=year, month=month, day=day)


def raw_mail_purge(*, now: dt.datetime, batch: int = 500) -> int:
    """Delete the raw files of processed mail received more than GOODWILL_RETAIN_RAW_MAIL_MONTHS
    ago (0: keep for ever). The parsed message (sender, subject, bodies, attachments) stays on
    the timeline; only the original bytes go. Mail still waiting, unprocessable or quarantined
    keeps its raw file for a manager to look at. Walks forward from a cursor, so each message is
    looked at once; returns how many were looked at (the loop calls again while more)."""
    months = settings.GOODWILL_RETAIN_RAW_MAIL_MONTHS
    if months <= 0:
        return 0
    cutoff = _months_before(now, months)
    cursor, _ = RawMailCursor.objects.get_or_create(pk=1)
    rows = list(
        InboundMessage.objects.filter(received_at__lt=cutoff, pk__gt=cursor.last_id)
        .order_by("pk")
        .values_list("pk", "sha256", "status")[:batch]
    )
    if not rows:
        return 0
    for _pk, sha256, status in rows:
        if status not in (InboundMessage.Status.PROCESSED, InboundMessage.Status.IGNORED):
            continue
        # The same bytes arrived again more recently (a resend): keep them for that one.
        if InboundMessage.objects.filter(sha256=sha256, received_at__gte=cutoff).exists():
            continue
        path = InboundMessage(sha256=sha256).raw_path
        path.unlink(missing_ok=True)
    RawMailCursor.objects.filter(pk=1).update(last_id=rows[-1][0])
    return len(rows)
