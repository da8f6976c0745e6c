"""Reading everything about one client (GDPR, the right of access and to portability).

`client_export` writes a zip: `client.json` (every row of `tables.TABLES` the client has, each
table a list of its rows' fields) and their files: `documents/`, `mail/attachments/` and
`mail/raw/` (the original messages, `.eml`). Names inside the zip are built from ids and sha256,
never from a name a stranger chose.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from goodwill.channels.email.models import Attachment, InboundMessage
from goodwill.clients.models import Client
from goodwill.documents.models import Document
from goodwill.organisation.access import site_scoped
from goodwill.organisation.models import User
from goodwill.privacy.models import Erasure
from goodwill.privacy.services import TABLES_BY_KEY, client_lookup
from goodwill.privacy.tables import TABLES

FORMAT = "goodwill-client-export/1"
Progress = Callable[[str, int], None]


# Secrets' hashes are ours, not the client's data, and help nobody holding the zip.
LEFT_OUT = frozenset({"token_hash"})


def _row(obj: models.Model) -> dict[str, Any]:
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.attname not in LEFT_OUT
    }


def client_data(*, client: Client, progress: Progress | None = None) -> dict[str, Any]:
    """Every row about the client, table by table (the search index, derived, is left out)."""
    lookup = client_lookup(client)
    data: dict[str, Any] = {
        "format": FORMAT,
        "exported_at": timezone.now(),
        "reference": client.ref,
    }
    for table in TABLES:
        if not table.export:
            continue
        rows = [
            _row(obj)
            for obj in table.model._default_manager.filter(table.where(lookup))
            .order_by("pk")
            .iterator(chunk_size=500)
        ]
        data[table.key] = rows
        if progress:
            progress(table.key, len(rows))
    return data


def _files(client: Client) -> Iterator[tuple[str, Path]]:
    lookup = client_lookup(client)
    for document in Document.objects.filter(client=client).order_by("pk"):
        yield (
            f"documents/{document.pk}-{document.sha256[:16]}{_suffix(document.filename)}",
            (document.path),
        )
    for attachment in Attachment.objects.filter(
        TABLES_BY_KEY["attachments"].where(lookup)
    ).order_by("pk"):
        yield (
            f"mail/attachments/{attachment.pk}-{attachment.sha256[:16]}{_suffix(attachment.filename)}",
            (attachment.path),
        )
    for message in InboundMessage.objects.filter(
        TABLES_BY_KEY["messages_in"].where(lookup)
    ).order_by("pk"):
        yield f"mail/raw/{message.pk}-{message.sha256[:16]}.eml", message.raw_path


def _suffix(filename: str) -> str:
    """The file's extension when it is a plain one (".pdf"), else nothing."""
    suffix = Path(filename).suffix.lower()
    return suffix if 1 < len(suffix) <= 6 and suffix[1:].isalnum() else ""


def client_export(*, client: Client, out: IO[bytes], progress: Progress | None = None) -> int:
    """Write the client's zip to `out`; returns how many files went in beside the JSON. A file
    missing from the disk (removed by retention) is listed in `missing.txt`."""
    data = client_data(client=client, progress=progress)
    count = 0
    missing: list[str] = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "client.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        )
        seen: set[str] = set()
        for name, path in _files(client):
            if name in seen:
                continue
            seen.add(name)
            if not path.exists():
                missing.append(name)
                continue
            archive.write(path, name)
            count += 1
            if progress:
                progress(name, 1)
        if missing:
            archive.writestr("missing.txt", "\n".join(missing) + "\n")
    return count


def export_filename(*, client: Client, at: dt.datetime | None = None) -> str:
    """The zip's name: the reference and the day, nothing a client wrote."""
    at = at or timezone.now()
    safe = "".join(ch for ch in client.ref if ch.isalnum() or ch in "-_") or "client"
    return f"{safe}-export-{at:%Y%m%d}.zip"


def erasures(*, user: User) -> models.QuerySet[Erasure]:
    """The audit of erasures, for managers (newest first): brand-wide staff read all, a dealer's
    manager their site's."""
    rows = Erasure.objects.select_related("erased_by").order_by("-at")
    return site_scoped(rows, user=user)
