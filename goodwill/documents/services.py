"""Writes of the document vault.

document_store   one entry point for every channel (mail, portal, staff upload): the bytes
                 stored once by content, the type read from them, the reading queued
document_read    the worker's part: text, kind, facts, the product they name, the search codes
                 and words
document_share   staff share a document with the client (listed and downloadable on the portal)
document_asked   a message asked the client for a kind of document already on file (counted)
document_found   the client says they already sent it: the document on file, told to the advisor
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from goodwill.cases.models import Case
from goodwill.clients.models import Client, Product
from goodwill.clients.normalize import code_normalized
from goodwill.clients.services import ensure_visible
from goodwill.documents import reading, scan
from goodwill.documents.models import Document, DocumentCode, DocumentWord, documents_dir
from goodwill.organisation.models import User
from goodwill.text import one_line
from goodwill.timeline import services as timeline

log = logging.getLogger("goodwill.documents")


def _write_atomically(content: bytes, sha256: str) -> None:
    """Write to a temporary file, fsync, rename to its sha256: the file is whole on disk before
    any row names it; the same bytes already stored are left alone."""
    directory = documents_dir()
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / sha256
    if target.exists() and target.stat().st_size == len(content):
        return
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def document_size_check(size: int) -> None:
    """Within GOODWILL_DOCUMENT_MAX_BYTES, else ValidationError on "file" (code too_big), with
    the size and the limit said: the upload views ask before reading the file."""
    limit = settings.GOODWILL_DOCUMENT_MAX_BYTES
    if size > limit:
        message = _("The file is %(size)s MB; the limit is %(limit)s MB.") % {
            "size": round(size / 1048576, 1),
            "limit": round(limit / 1048576, 1),
        }
        raise ValidationError({"file": ValidationError(message, code="too_big")})


def _virus_scan(content: bytes, source: str) -> str:
    """The document's Document.VirusScan value, or ValidationError on "file": code infected (never
    stored, whoever sent it), or scan_unavailable for a person uploading while clamd cannot be
    reached (they can try again later). Mail is kept unscanned then, and marked so: the client
    cannot be asked to send it again, and their raw message is kept anyway."""
    if not scan.scanner_configured():
        return Document.VirusScan.OFF
    try:
        verdict = scan.scan(content)
    except scan.ScanUnavailable as error:
        log.warning("virus scan unavailable (%s document): %s", source, error)
        if source == Document.Source.MAIL:
            return Document.VirusScan.UNAVAILABLE
        message = _("We cannot check files for viruses just now: please try again later.")
        raise ValidationError(
            {"file": ValidationError(message, code="scan_unavailable")}
        ) from error
    if not verdict.clean:
        log.warning("virus refused (%s document): %s", source, verdict.virus)
        message = _("This file carries a virus (%(name)s): it was not kept.") % {
            "name": verdict.virus
        }
        raise ValidationError({"file": ValidationError(message, code="infected")})
    return Document.VirusScan.CLEAN


def document_store(
    *,
    client: Client,
    case: Case | None = None,
    content: bytes,
    filename: str,
    source: str,
    actor: User | None = None,
    videos: bool = False,
) -> Document:
    """Keep a document the client gave us, once by content: the same bytes again for the same
    client return the document on file (linked to the case if it had none). Its type is read
    from its bytes; only PDFs, images and plain text are taken (and videos with `videos`), within
    GOODWILL_DOCUMENT_MAX_BYTES, and with GOODWILL_CLAMD set only what ClamAV finds clean
    (ValidationError on "file" otherwise, its code too_big, refused_type, infected or
    scan_unavailable). Its text is read in the worker after the commit (documents.tasks.read; the
    sweep documents_unread catches any miss)."""
    ensure_visible(actor=actor, client=client)
    if source not in Document.Source.values:
        raise ValueError(f"unknown source {source!r}")
    document_size_check(len(content))
    mime_type = reading.sniff(content)
    # Videos only where staff add a quote's films (quotes.services.quote_media_add).
    accepted = reading.WITH_VIDEO_TYPES if videos else reading.ACCEPTED_TYPES
    if mime_type not in accepted:
        message = _("This kind of file is not taken: send a PDF, a photo or a scan.")
        raise ValidationError({"file": ValidationError(message, code="refused_type")})
    if case is not None and case.client_id != client.pk:
        raise ValueError("the case is another client's")
    virus_scan = _virus_scan(content, source)
    sha256 = hashlib.sha256(content).hexdigest()
    _write_atomically(content, sha256)
    name = one_line(filename, limit=255) or _("document")
    with transaction.atomic():
        document, created = Document.objects.get_or_create(
            client=client,
            sha256=sha256,
            defaults={
                "case": case,
                "size": len(content),
                "mime_type": mime_type,
                "filename": name,
                "source": source,
                "added_by": actor,
                "created_at": timezone.now(),
                "virus_scan": virus_scan,
            },
        )
        if not created:
            changed = []
            if case is not None and document.case_id is None:
                document.case = case
                changed.append("case")
            if document.virus_scan != virus_scan and virus_scan == Document.VirusScan.CLEAN:
                # Kept unscanned while clamd was down: these same bytes are now found clean.
                document.virus_scan = virus_scan
                changed.append("virus_scan")
            if changed:
                document.save(update_fields=changed)
            return document
        timeline.record_document_added(
            client=client,
            case=case,
            actor=actor,
            document_id=document.pk,
            filename=name,
            source=source,
            at=document.created_at,
        )
        transaction.on_commit(lambda: _enqueue_read(document.pk))
    return document


def _enqueue_read(document_id: int) -> None:
    from goodwill.documents.tasks import read

    read.enqueue(document_id)


def document_read(*, document_id: int) -> Document | None:
    """Read a pending document: its text, kind and facts, the client's product its VIN or serial
    names, and the codes search finds it by. Claimed by a conditional UPDATE so two workers never
    read the same document twice; a failure is kept on the document (status failed, the error)."""
    claimed_at = timezone.now()
    with transaction.atomic():
        claimed = Document.objects.filter(
            pk=document_id, status=Document.Status.PENDING, read_at__isnull=True
        ).update(read_at=claimed_at)
    if not claimed:
        return None
    document = Document.objects.select_related("client").get(pk=document_id)
    try:
        content = document.path.read_bytes()
        text = reading.extract_text(content, document.mime_type)
    except (OSError, reading.Unreadable) as error:
        Document.objects.filter(pk=document_id).update(
            status=Document.Status.FAILED, error=str(error)[:300]
        )
        document.refresh_from_db()
        return document
    text = text.replace("\x00", "")
    found = reading.recognise(text=text, filename=document.filename, mime_type=document.mime_type)
    with transaction.atomic():
        document.text = text
        document.kind = found.kind
        document.facts = found.facts
        document.status = Document.Status.READ
        document.error = ""
        document.product = document.product or _product_named(document.client, found.facts)
        document.save(update_fields=["text", "kind", "facts", "status", "error", "product"])
        DocumentCode.objects.filter(document=document).delete()
        DocumentCode.objects.bulk_create(
            [
                DocumentCode(
                    document=document,
                    client_id=document.client_id,
                    site_id=document.client.site_id,
                    value=value,
                )
                for value in reading.codes(text=text, facts=found.facts)
            ],
            ignore_conflicts=True,
        )
        DocumentWord.objects.filter(document=document).delete()
        DocumentWord.objects.bulk_create(
            _word_rows(document, text), batch_size=500, ignore_conflicts=True
        )
    return document


def _word_rows(document: Document, text: str) -> list[DocumentWord]:
    # Migration documents 0002 builds the same rows for the documents read before it.
    return [
        DocumentWord(
            document_id=document.pk,
            client_id=document.client_id,
            site_id=document.client.site_id,
            word=word,
        )
        for word in reading.words(text)
    ]


@transaction.atomic
def document_share(*, actor: User, document: Document, shared: bool = True) -> Document:
    """Staff share a document with the client (or stop): shared, it is listed on the client's
    portal and they may download it there. Staff must see the client."""
    ensure_visible(actor=actor, client=document.client)
    if document.shared_with_client != shared:
        document.shared_with_client = shared
        document.save(update_fields=["shared_with_client"])
    return document


def _product_named(client: Client, facts: dict[str, str]) -> Product | None:
    vin = code_normalized(facts.get("vin", ""))
    serial = code_normalized(facts.get("serial", ""))
    if not vin and not serial:
        return None
    condition = Q()
    if vin:
        condition |= Q(vin__iexact=vin)
    if serial:
        condition |= Q(serial__iexact=serial)
    return Product.objects.filter(condition, client=client).first()


def document_asked(
    *,
    client: Client,
    case: Case | None,
    actor: User | None,
    document_ids: list[int],
    outbound_id: int | None = None,
) -> None:
    """Count a message that asked the client for documents of kinds already on file (sent
    despite the check's warning: checks.services.reply_send)."""
    documents = list(Document.objects.filter(client=client, pk__in=document_ids).only("pk", "kind"))
    if not documents:
        return
    timeline.record_document_asked(
        client=client,
        case=case,
        actor=actor,
        kinds=sorted({document.kind for document in documents}),
        document_ids=sorted(document.pk for document in documents),
        outbound_id=outbound_id,
    )


def document_found(*, client: Client, case: Case | None, document: Document) -> None:
    """Put the document the client says they already sent on their story."""
    timeline.record_document_found(
        client=client, case=case, document_id=document.pk, filename=document.filename
    )
