"""Reading a mailbox over IMAP (stdlib imaplib): TLS, STARTTLS, or plain on loopback.

Order for each message, so a crash at any line loses nothing and doubles nothing:
store raw durably and commit → mark \\Seen on the server → move our UID mark forward → process.
A message stored but not yet marked is fetched again next time and recognised (dedupe key).
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import ssl
from collections.abc import Callable

from django.utils import timezone

from goodwill.channels.email.models import InboundMessage, Mailbox
from goodwill.channels.email.services import inbound_process, inbound_store_many
from goodwill.memo import batch_memo

TIMEOUT = 60
# Messages fetched, stored and synced together: at most this many, and this many bytes (one big
# message alone), so memory stays bounded whatever the mailbox holds.
BATCH_COUNT = 50
BATCH_BYTES = 16 * 1024 * 1024
_UID = re.compile(rb"UID (\d+)")
_SIZE = re.compile(rb"UID (\d+) RFC822\.SIZE (\d+)|RFC822\.SIZE (\d+) UID (\d+)")


def connect(mailbox: Mailbox) -> imaplib.IMAP4:
    if mailbox.security == Mailbox.Security.TLS:
        conn: imaplib.IMAP4 = imaplib.IMAP4_SSL(mailbox.host, mailbox.port, ssl_context=ssl_context(),
                                                timeout=TIMEOUT)
    else:
        conn = imaplib.IMAP4(mailbox.host, mailbox.port, timeout=TIMEOUT)
        if mailbox.security == Mailbox.Security.STARTTLS:
            conn.starttls(ssl_context=ssl_context())
    conn.login(mailbox.username, mailbox.password)
    return conn


def ssl_context() -> ssl.SSLContext:
    """Verified TLS; tests point SSL_CERT_FILE at their own CA."""
    return ssl.create_default_context()


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fetch(mailbox: Mailbox, *, limit: int = 200, process: bool = True,
          keep_going: Callable[[], bool] = lambda: True) -> int:
    """Fetch up to `limit` new messages of the mailbox; returns how many were stored or seen again.
    The caller holds the mailbox's lease (sweeps.fetch_mail)."""
    conn = connect(mailbox)
    try:
        typ, data = conn.select(_quote(mailbox.folder))
        if typ != "OK":
            raise imaplib.IMAP4.error(f"cannot open folder {mailbox.folder}: {data!r}")
        validity = _uidvalidity(conn)
        if validity is not None and validity != mailbox.uidvalidity:
            # The folder was rebuilt: UIDs mean something else now. Start over; the dedupe key
            # recognises every message already stored.
            mailbox.uidvalidity, mailbox.last_uid = validity, 0
            Mailbox.objects.filter(pk=mailbox.pk).update(uidvalidity=validity, last_uid=0)
        typ, data = conn.uid("SEARCH", f"UID {mailbox.last_uid + 1}:*")
        if typ != "OK":
            raise imaplib.IMAP4.error(f"SEARCH answered {typ}: {data!r}"[:500])
        uids = sorted(int(u) for u in (data[0] or b"").split() if int(u) > mailbox.last_uid)[:limit]
        handled = 0
        for batch in _batches(conn, uids):
            if not keep_going():
                break
            raws = _fetch_batch(conn, batch)
            present = [uid for uid in batch if uid in raws]
            # Stored and committed first; only then told to the server, then processed.
            stored = inbound_store_many(raws=[(raws[uid], uid) for uid in present],
                                        mailbox=mailbox, source=InboundMessage.Source.IMAP)
            del raws
            if present:
                conn.uid("STORE", ",".join(map(str, present)), "+FLAGS.SILENT", "(\\Seen)")
            # Our mark moves only over what we hold, up to the first UID the server did not give
            # us: that one is asked for again next round (gone for good, SEARCH no longer lists it).
            held = _stored_prefix(batch, set(present))
            if held:
                mailbox.last_uid = held
                Mailbox.objects.filter(pk=mailbox.pk, last_uid__lt=held).update(last_uid=held)
            with batch_memo():
                for inbound, _created in stored:
                    if process and inbound.status == InboundMessage.Status.RECEIVED:
                        inbound_process(inbound_id=inbound.pk)
            handled += len(stored)
            if len(present) < len(batch):
                break
        return handled
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            conn.logout()
        Mailbox.objects.filter(pk=mailbox.pk).update(last_polled_at=timezone.now())


def _batches(conn: imaplib.IMAP4, uids: list[int]) -> list[list[int]]:
    if not uids:
        return []
    sizes: dict[int, int] = {}
    _typ, data = conn.uid("FETCH", f"{uids[0]}:{uids[-1]}", "(RFC822.SIZE)")
    for line in data:
        text = line[0] if isinstance(line, tuple) else line
        match = _SIZE.search(text or b"")
        if match:
            uid, size = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
            sizes[int(uid)] = int(size)
    batches: list[list[int]] = []
    current: list[int] = []
    total = 0
    for uid in uids:
        size = sizes.get(uid, 0)
        if current and (len(current) >= BATCH_COUNT or total + size > BATCH_BYTES):
            batches.append(current)
            current, total = [], 0
        current.append(uid)
        total += size
    if current:
        batches.append(current)
    return batches


def _fetch_batch(conn: imaplib.IMAP4, batch: list[int]) -> dict[int, bytes]:
    typ, parts = conn.uid("FETCH", ",".join(map(str, batch)), "(UID BODY.PEEK[])")
    if typ != "OK":
        # Nothing of this batch is marked or passed over: the sweep records the error and the
        # next round asks again.
        raise imaplib.IMAP4.error(f"FETCH of UIDs {batch[0]}..{batch[-1]} answered {typ}: {parts!r}"[:500])
    raws: dict[int, bytes] = {}
    for part in parts:
        if isinstance(part, tuple) and len(part) == 2:
            match = _UID.search(part[0])
            if match:
                raws[int(match.group(1))] = part[1]
    return raws  # a UID missing here was expunged meanwhile


def _stored_prefix(batch: list[int], present: set[int]) -> int:
    """The highest UID of the batch below which every UID was stored (0 when the first is missing)."""
    held = 0
    for uid in batch:
        if uid not in present:
            break
        held = uid
    return held


def _uidvalidity(conn: imaplib.IMAP4) -> int | None:
    """The UIDVALIDITY the server announced when the folder was selected."""
    _typ, data = conn.response("UIDVALIDITY")
    value = data[0] if data else None
    return int(value) if value else None
