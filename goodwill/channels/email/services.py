"""E-mail in: store every message durably first, then process it in its own transaction.

    inbound_store   raw bytes → file under DATA_DIR/mail/raw/<sha256>, fsynced, then one row
                    (status received), committed. Idempotent: the same message again is the
                    same row.
    inbound_process parse, thread onto a case, write the timeline, store attachments; or record why
                    it could not (unprocessable, quarantined, ignored) and tell the managers.
    email_ingest    both, for one message.

A crash anywhere leaves either nothing (the message is still on the server and is fetched again) or
a stored row in status received, which the worker's sweep processes later. Nothing is doubled:
re-fetching finds the row by its dedupe key; processing locks the row and only acts on `received`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from goodwill.cases.models import Case
from goodwill.channels.email import body, parsing, quoting
from goodwill.channels.email.models import Attachment, InboundMessage, Mailbox, mail_dir
from goodwill.channels.email.selectors import is_mail_manager
from goodwill.clients.models import Client
from goodwill.documents.models import Document
from goodwill.documents.services import document_store
from goodwill.intake.language import detect_language
from goodwill.intake.services import (
    Claim,
    Inbound,
    NoOwner,
    intake_claim_confirm,
    intake_receive,
    intake_thread,
)
from goodwill.memo import batch_memo, memoized
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import managers_for
from goodwill.text import one_line

log = logging.getLogger("goodwill.mail")

RawSource = bytes | Path | IO[bytes] | Iterable[bytes]
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_HEADER_MAX = 2 * 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass
class _Stored:
    sha256: str
    body_sha256: str
    size: int
    head: bytes


def _chunks(raw: RawSource) -> Iterable[bytes]:
    if isinstance(raw, bytes | bytearray | memoryview):
        data = bytes(raw)
        for start in range(0, len(data), _CHUNK):
            yield data[start : start + _CHUNK]
        return
    if isinstance(raw, Path):
        with raw.open("rb") as handle:
            yield from iter(lambda: handle.read(_CHUNK), b"")
        return
    if hasattr(raw, "read"):
        yield from iter(lambda: raw.read(_CHUNK), b"")
        return
    yield from raw


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _syncfs(directory: Path) -> None:
    """Flush every file written to the file system holding `directory`, in one journal commit:
    a batch of messages costs one sync instead of one fsync each."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        if _libc is None or _libc.syncfs(fd) != 0:
            os.sync()
    finally:
        os.close(fd)


def _load_libc() -> Any:
    try:
        import ctypes
        import ctypes.util

        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None


_libc = _load_libc()


def _write_durably(chunks: Iterable[bytes], directory: Path, *, sync: bool = True) -> _Stored:
    """Stream to a temporary file while hashing, fsync, then rename to its sha256: the file is
    complete on disk before any row names it, and never held whole in memory. With sync=False the
    caller syncs the whole batch (_syncfs) before committing any row that names these files."""
    directory.mkdir(parents=True, exist_ok=True)
    whole, body = hashlib.sha256(), hashlib.sha256()
    size, head, in_body = 0, bytearray(), False
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
                whole.update(chunk)
                size += len(chunk)
                if in_body:
                    body.update(chunk)
                    continue
                head += chunk
                end = _HEADER_END.search(head)
                if end:
                    in_body = True
                    body.update(head[end.end() :])
                    del head[end.start() :]
                elif len(head) > _HEADER_MAX:
                    in_body = True  # no end of headers in sight: hash everything from here as body
                    body.update(head)
                    del head[_HEADER_MAX:]
            out.flush()
            if sync:
                os.fsync(out.fileno())
        digest = whole.hexdigest()
        os.replace(tmp, directory / digest)
        if sync:
            _fsync_dir(directory)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return _Stored(sha256=digest, body_sha256=body.hexdigest(), size=size, head=bytes(head))


def inbound_store(
    *,
    raw: RawSource,
    mailbox: Mailbox | None = None,
    source: str = InboundMessage.Source.FILE,
    imap_uid: int | None = None,
    at: dt.datetime | None = None,
) -> tuple[InboundMessage, bool]:
    """Keep the message durably (file fsynced, row committed, status received) before anything else.

    Returns (message, created). The dedupe key is the Message-ID, or the sha256 when there is none;
    a Message-ID seen before with a different body (a sender reusing IDs) is keyed on both, so it
    is kept as a message of its own. The same message again, even with other trace headers, returns
    the row already there and writes nothing."""
    return inbound_store_many(raws=[(raw, imap_uid)], mailbox=mailbox, source=source, at=at)[0]


def inbound_store_many(
    *,
    raws: Iterable[tuple[RawSource, int | None]],
    mailbox: Mailbox | None = None,
    source: str = InboundMessage.Source.FILE,
    at: dt.datetime | None = None,
) -> list[tuple[InboundMessage, bool]]:
    """inbound_store for a batch (raw, imap_uid): every file is written, then one sync makes them
    all durable, then one transaction records them. Same guarantees, one sync and one commit."""
    directory = mail_dir("raw")
    stored = [(_write_durably(_chunks(raw), directory, sync=False), uid) for raw, uid in raws]
    if stored:
        _syncfs(directory)
    results: list[tuple[InboundMessage, bool] | None] = [None] * len(stored)
    with transaction.atomic():
        # Fast path, two queries a batch: insert every message whose key is new, skipping any a
        # racing worker inserted meanwhile, then read the rows back. Keys seen before (a re-fetch,
        # a reused Message-ID) go through _record one by one.
        fresh: dict[str, tuple[int, InboundMessage]] = {}
        parsed_keys = [_key(item) for item, _uid in stored]
        keys = [key for _headers, key in parsed_keys]
        known = set(
            InboundMessage.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
        )
        for index, ((item, uid), key) in enumerate(zip(stored, keys, strict=True)):
            if key in known or key in fresh:
                continue
            headers = parsed_keys[index][0]
            fresh[key] = (
                index,
                InboundMessage(
                    mailbox=mailbox,
                    source=source,
                    sha256=item.sha256,
                    body_sha256=item.body_sha256,
                    size=item.size,
                    message_id=None if key.startswith("sha256:") else key,
                    dedupe_key=key,
                    imap_uid=uid,
                    sender=parsing._header(headers, "From")[:320],
                    subject=parsing._header(headers, "Subject")[:300],
                    received_at=at or timezone.now(),
                ),
            )
        if fresh:
            InboundMessage.objects.bulk_create(
                [row for _i, row in fresh.values()], ignore_conflicts=True
            )
            rows = {
                m.dedupe_key: m for m in InboundMessage.objects.filter(dedupe_key__in=list(fresh))
            }
            for key, (index, row) in fresh.items():
                saved = rows[key]
                results[index] = (
                    saved,
                    saved.sha256 == row.sha256 and saved.imap_uid == row.imap_uid,
                )
        for index, (item, uid) in enumerate(stored):
            if results[index] is None:
                results[index] = _record(item, uid, mailbox=mailbox, source=source, at=at)
    return [result for result in results if result is not None]


def _key(stored: _Stored) -> tuple[Message, str]:
    headers = BytesHeaderParser(policy=compat32).parsebytes(
        parsing.clean_head(stored.head) + b"\n\n"
    )
    ids = parsing._message_ids(parsing._header(headers, "Message-ID"))
    return headers, ids[0] if ids else f"sha256:{stored.sha256}"


def _record(
    stored: _Stored,
    imap_uid: int | None,
    *,
    mailbox: Mailbox | None,
    source: str,
    at: dt.datetime | None,
) -> tuple[InboundMessage, bool]:
    headers, key = _key(stored)
    message_id = None if key.startswith("sha256:") else key
    key = message_id or f"sha256:{stored.sha256}"
    existing = InboundMessage.objects.filter(dedupe_key=key).first()
    if existing is not None:
        if (
            message_id is None
            or existing.body_sha256 == stored.body_sha256
            or existing.sha256 == stored.sha256
        ):
            return existing, False
        key = f"{message_id}#{stored.sha256}"
        again = InboundMessage.objects.filter(dedupe_key=key).first()
        if again is not None:
            return again, False
    try:
        with transaction.atomic():
            inbound = InboundMessage.objects.create(
                mailbox=mailbox,
                source=source,
                sha256=stored.sha256,
                body_sha256=stored.body_sha256,
                size=stored.size,
                message_id=message_id,
                dedupe_key=key,
                imap_uid=imap_uid,
                sender=parsing._header(headers, "From")[:320],
                subject=parsing._header(headers, "Subject")[:300],
                received_at=at or timezone.now(),
            )
    except IntegrityError:  # another worker stored it a moment ago
        return InboundMessage.objects.get(dedupe_key=key), False
    return inbound, True


def email_ingest(
    *,
    raw: RawSource,
    mailbox: Mailbox | None = None,
    source: str = InboundMessage.Source.FILE,
    at: dt.datetime | None = None,
) -> InboundMessage:
    """Store, then process, one message. Never raises for a bad message: it is kept and reported."""
    inbound, _created = inbound_store(raw=raw, mailbox=mailbox, source=source, at=at)
    return inbound_process(inbound_id=inbound.pk) or inbound


def email_ingest_many(
    *,
    raws: list[RawSource],
    mailbox: Mailbox | None = None,
    source: str = InboundMessage.Source.FILE,
) -> list[InboundMessage]:
    """Store a batch durably (one sync, one commit), then process each message."""
    stored = inbound_store_many(raws=[(raw, None) for raw in raws], mailbox=mailbox, source=source)
    with batch_memo():
        return [inbound_process(inbound_id=inbound.pk) or inbound for inbound, _created in stored]


def inbound_process_pending(
    *,
    limit: int = 100,
    older_than: dt.timedelta = dt.timedelta(seconds=0),
    now: dt.datetime | None = None,
) -> int:
    """Process stored messages still waiting (a worker died after storing them). Returns how
    many."""
    cutoff = (now or timezone.now()) - older_than
    ids = list(
        InboundMessage.objects.filter(
            status=InboundMessage.Status.RECEIVED, received_at__lte=cutoff
        )
        .order_by("received_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    done = 0
    with batch_memo():
        for pk in ids:
            if inbound_process(inbound_id=pk) is not None:
                done += 1
    return done


def inbound_process(*, inbound_id: int) -> InboundMessage | None:
    """Process a stored message once. Returns it, or None when it was not waiting (already
    processed by someone else). A message that cannot be processed is marked so, with its reason,
    and the managers are told; a database failure leaves it received for the next round."""
    for attempt in (1, 2):
        try:
            return _process(inbound_id)
        except parsing.Quarantine as error:
            return _set_failed(inbound_id, InboundMessage.Status.QUARANTINED, str(error))
        except parsing.Unreadable as error:
            return _set_failed(inbound_id, InboundMessage.Status.UNPROCESSABLE, str(error))
        except IntegrityError:
            # Two workers created the same unknown sender at once: the second attempt finds them.
            if attempt == 2:
                raise
        except DatabaseError:
            raise
        except Exception as error:
            log.exception("inbound message %s cannot be processed", inbound_id)
            return _set_failed(
                inbound_id,
                InboundMessage.Status.UNPROCESSABLE,
                f"{type(error).__name__}: {error}"[:1000],
            )
    return None


def _set_failed(inbound_id: int, status: str, reason: str) -> InboundMessage | None:
    with transaction.atomic():
        inbound = (
            InboundMessage.objects.select_for_update()
            .filter(pk=inbound_id, status=InboundMessage.Status.RECEIVED)
            .first()
        )
        if inbound is None:
            return None
        now = timezone.now()
        inbound.status, inbound.reason, inbound.processed_at = status, reason, now
        inbound.save(update_fields=["status", "reason", "processed_at"])
        for manager in _mail_managers():
            # Each reads the alert in their own language.
            with translation.override(manager.language):
                title = _("E-mail from %(sender)s kept aside (%(status)s): %(reason)s") % {
                    "sender": inbound.sender or _("an unknown sender"),
                    "status": InboundMessage.Status(status).label,
                    "reason": reason,
                }
                body = _("Subject: %(subject)s\nThe raw message can be downloaded from /mail/.") % {
                    "subject": inbound.subject
                }
            notify(
                recipient=manager,
                kind=Notification.Kind.MAIL_UNPROCESSABLE,
                title=title[:300],
                body=body,
                key=f"mail_unprocessable:{inbound.pk}:{manager.pk}",
                at=now,
            )
    return inbound


def care_site() -> Site | None:
    return memoized(
        "care_site", lambda: Site.objects.filter(kind=Site.Kind.CARE_CENTRE).order_by("id").first()
    )


def _mail_managers() -> list[User]:
    site = care_site()
    if site is not None:
        return managers_for(site=site)
    return list(User.objects.filter(role=User.Role.MANAGER, is_active=True))


def _staff(user_id: int | None) -> User | None:
    if user_id is None:
        return None
    return memoized(
        ("staff", user_id), lambda: User.objects.select_related("site").filter(pk=user_id).first()
    )


def _site(site_id: int) -> Site:
    return memoized(("site", site_id), lambda: Site.objects.get(pk=site_id))


def _with_people(client: Client, case: Case | None = None) -> None:
    """Attach the sites and staff that case_open, the notifications (route_to reads the advisor's
    site zone) and the news read: a batch reads each of them once, not once a message."""
    client.site = _site(client.site_id)
    client.advisor = _staff(client.advisor_id)
    if case is not None:
        case.client = client
        case.site = _site(case.site_id)
        case.owner = _staff(case.owner_id)  # type: ignore[assignment]


def _claims(parsed: parsing.Parsed, inbound: InboundMessage) -> tuple[Claim, ...]:
    """The cases this message names, most telling first: an earlier message of a case in its
    thread (In-Reply-To/References naming mail we received), then a case reference in the
    subject, the body, or the Message-IDs it answers (<gw-2025-000001091.8.…@…>). None of them
    is proof (anyone can type a reference or quote a Message-ID they were copied on): the intake
    follows one only when the sender is that case's client (intake_thread)."""
    claims: list[Claim] = []
    ids = parsed.thread_ids
    if ids:
        earlier = dict(
            InboundMessage.objects.filter(message_id__in=ids, case__isnull=False)
            .exclude(pk=inbound.pk)
            .values_list("message_id", "case_id")
        )
        claims += [Claim(how="in_reply_to", case_id=earlier[mid]) for mid in ids if mid in earlier]
    claims += [Claim(how="subject", reference=ref) for ref in parsed.case_references()]
    claims += [Claim(how="body", reference=ref) for ref in parsed.case_references_in_body()]
    claims += [Claim(how="references", reference=ref) for ref in parsed.case_references_in_ids()]
    return tuple(claims)


def _store_attachments(
    parsed: parsing.Parsed, inbound: InboundMessage, client: Client
) -> list[dict[str, Any]]:
    limit = settings.GOODWILL_MAIL_MAX_ATTACHMENT_BYTES
    rows: list[dict[str, Any]] = []
    for part in parsed.attachments:
        payload = _payload(part.message)
        if len(payload) > limit:
            raise parsing.Quarantine(
                f"attachment {part.filename or part.position!s} is {len(payload)} bytes (limit "
                f"{limit})"
            )
        stored = _write_durably([payload], mail_dir("blobs"))
        filename = one_line(parsing.clean_text(part.filename), limit=255)
        # The vault keeps what it can read (PDFs, pictures, text), once by content; the
        # attachment row keeps every part whatever it is.
        with contextlib.suppress(ValidationError):
            document_store(
                client=client,
                content=payload,
                filename=filename or f"attachment-{part.position}",
                source=Document.Source.MAIL,
            )
        del payload
        attachment, _created = Attachment.objects.get_or_create(
            inbound=inbound,
            position=part.position,
            defaults={
                "client": client,
                "filename": filename or f"attachment-{part.position}",
                "content_type": part.content_type[:127],
                "size": stored.size,
                "sha256": stored.sha256,
            },
        )
        rows.append({"id": attachment.pk, "name": attachment.filename, "size": attachment.size})
    return rows


def _payload(part: Message) -> bytes:
    """A part's bytes, decoded from its transfer encoding; as they came when that fails."""
    try:
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            return payload
        return str(part.get_payload()).encode("utf-8", "surrogateescape")
    except Exception:  # a part broken beyond decoding: its text as the message holds it
        try:
            return str(part.get_payload()).encode("utf-8", "replace")
        except Exception:  # nothing readable: an empty file says so, the raw message stays
            return b""


def _process(inbound_id: int) -> InboundMessage | None:
    with transaction.atomic():
        inbound = (
            InboundMessage.objects.select_for_update()
            .filter(pk=inbound_id, status=InboundMessage.Status.RECEIVED)
            .first()
        )
        if inbound is None:
            return None
        if inbound.size > settings.GOODWILL_MAIL_MAX_BYTES:
            raise parsing.Quarantine(
                f"{inbound.size} bytes (limit {settings.GOODWILL_MAIL_MAX_BYTES})"
            )
        if not inbound.raw_path.exists():
            raise parsing.Unreadable(f"the raw file {inbound.sha256} is missing")
        parsed = parsing.read(parsing.parse_file(inbound.raw_path))
        at = inbound.received_at
        inbound.sender = parsing.clean_text(
            f"{parsed.sender_name} <{parsed.sender}>" if parsed.sender_name else parsed.sender
        )[:320]
        inbound.subject = parsed.subject
        inbound.body_text, inbound.body_html = parsed.text, parsed.html
        inbound.body_html_blocked, inbound.body_cut = parsed.html_blocked, parsed.html_cut.as_dict()
        inbound.body_version = body.VERSION
        own_words = quoting.split_text(parsed.text)[0]
        inbound.processed_at = timezone.now()

        def keep(client: Client) -> dict[str, Any]:
            return {"attachments": _store_attachments(parsed, inbound, client)}

        contact = Inbound(
            channel=Case.Channel.EMAIL,
            at=at,
            address=parsed.sender,
            name=parsed.sender_name,
            subject=parsed.subject,
            text=parsed.text,
            own_words=own_words,
            thread_ids=tuple(parsed.thread_ids),
            claims=_claims(parsed, inbound),
            keep=keep,
            payload={
                "message_id": parsed.message_id,
                "in_reply_to": parsed.in_reply_to[0] if parsed.in_reply_to else None,
                "inbound_id": inbound.pk,
                "has_html": bool(parsed.html),
                "lines": _lines(own_words),
            },
        )
        thread = intake_thread(inbound=contact)
        case = thread.case
        if case is not None:
            _with_people(case.client, case)
        if parsed.automatic:
            # Recorded for the managers, never answered and never a case: no mail loop is possible.
            inbound.status, inbound.reason = InboundMessage.Status.IGNORED, parsed.automatic
            inbound.client = case.client if case else thread.sender
            inbound.case = case
            inbound.language = detect_language(f"{parsed.subject}\n{own_words}") or ""
            inbound.save()
            return inbound
        if case is None and not parsed.sender:
            raise parsing.Unreadable("no sender address (From) and nothing to thread it on")
        # The references the subject quotes besides the case it continues, for staff to read.
        quoted = [ref for ref in parsed.case_references() if case is None or ref != case.reference]
        contact = dataclasses.replace(
            contact, payload={**contact.payload, "quoted_references": quoted}
        )
        try:
            done = intake_receive(inbound=contact, thread=thread)
        except NoOwner as error:
            raise parsing.Unreadable(str(error)) from error
        inbound.status, inbound.reason = InboundMessage.Status.PROCESSED, ""
        inbound.language = done.language
        inbound.client, inbound.case, inbound.entry = done.client, done.case, done.entry
        inbound.save()
        return inbound


@transaction.atomic
def inbound_claim_confirm(*, actor: User, inbound_id: int) -> InboundMessage:
    """Move a message to the case it claimed to continue, once staff who can see both confirm it
    belongs there (the intake's rule: intake_claim_confirm); its attachments follow it to that
    client. ValidationError when it claims nothing or moved already; PermissionDenied when the
    actor cannot see both clients."""
    inbound = InboundMessage.objects.select_for_update().filter(pk=inbound_id).first()
    entry = inbound.entry if inbound is not None else None
    if inbound is None or entry is None:
        raise ValidationError(_("This message does not claim to continue another case."))
    if entry.payload.get("moved_from") and inbound.case is not None:
        raise ValidationError(
            _("This message is on %(reference)s already.") % {"reference": inbound.case.reference}
        )
    moved = intake_claim_confirm(actor=actor, entry=entry)
    inbound.case_id, inbound.client_id, inbound.entry_id = moved.case_id, moved.client_id, moved.pk
    inbound.save(update_fields=["case", "client", "entry"])
    Attachment.objects.filter(inbound=inbound).update(client_id=moved.client_id)
    return inbound


def inbound_body_prepare(*, inbound: InboundMessage) -> InboundMessage:
    """Prepare, once, the HTML of a message taken in before body.VERSION: its stored HTML goes
    through today's limits and sanitiser, so no page has to. Idempotent: two pages asking at
    once write the same."""
    if inbound.body_version >= body.VERSION:
        return inbound
    prepared = body.prepare(inbound.body_html) if inbound.body_html else None
    inbound.body_html = prepared.html if prepared else ""
    inbound.body_html_blocked = prepared.blocked if prepared else ""
    inbound.body_cut = prepared.cut.as_dict() if prepared else {}
    inbound.body_version = body.VERSION
    InboundMessage.objects.filter(pk=inbound.pk, body_version__lt=body.VERSION).update(
        body_html=inbound.body_html,
        body_html_blocked=inbound.body_html_blocked,
        body_cut=inbound.body_cut,
        body_version=inbound.body_version,
    )
    return inbound


def _lines(text: str) -> int:
    """About how many lines the new text takes in the frame (no script may measure it there)."""
    lines = sum(1 + len(line) // 95 for line in text.splitlines()) + 2
    return max(4, min(lines, 24))


@transaction.atomic
def mailbox_create(
    *,
    actor: User,
    name: str,
    host: str,
    port: int,
    security: str,
    username: str,
    password: str,
    folder: str = "INBOX",
) -> Mailbox:
    """Managers connect a mailbox; plain IMAP only on loopback (a password in clear over a network
    is refused)."""
    if not is_mail_manager(actor):
        raise PermissionDenied("Only managers connect mailboxes.")
    errors: dict[str, list[str]] = {}
    if Mailbox.objects.filter(name=name.strip()).exists():
        errors["name"] = [_("A mailbox with this name exists already.")]
    if security not in Mailbox.Security.values:
        errors["security"] = [_("Choose TLS, STARTTLS or plain.")]
    elif security == Mailbox.Security.PLAIN and host.strip() not in (
        "127.0.0.1",
        "localhost",
        "::1",
    ):
        errors["security"] = [
            _("Plain IMAP sends the password in clear: only on this machine (127.0.0.1).")
        ]
    if not 1 <= port <= 65535:
        errors["port"] = [_("A port is between 1 and 65535.")]
    if errors:
        raise ValidationError(errors)
    return Mailbox.objects.create(
        name=name.strip(),
        host=host.strip(),
        port=port,
        security=security,
        username=username.strip(),
        password=password,
        folder=folder.strip() or "INBOX",
    )


@transaction.atomic
def mailbox_set_active(*, actor: User, mailbox: Mailbox, active: bool) -> Mailbox:
    if not is_mail_manager(actor):
        raise PermissionDenied("Only managers change mailboxes.")
    Mailbox.objects.filter(pk=mailbox.pk).update(active=active)
    mailbox.active = active
    return mailbox
