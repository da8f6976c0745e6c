"""Reading a mailbox over IMAP (stdlib imaplib): TLS, STARTTLS, or plain on loopback.

Order for each message, so a crash at any line loses nothing and doubles nothing:
store raw durably and commit → mark \\Seen on the server → move our UID mark forward → process.
A message stored but not yet marked is fetched again next time and recognised (dedupe key).
"""

from __future__ import annotations

import imaplib
import ssl
from collections.abc import Callable

from django.utils import timezone

from goodwill.channels.email.models import InboundMessage, Mailbox
from goodwill.channels.email.services import inbound_process, inbound_store

TIMEOUT = 60


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
        uids = sorted(int(u) for u in (data[0] or b"").split() if int(u) > mailbox.last_uid)[:limit]
        handled = 0
        for uid in uids:
            if not keep_going():
                break
            typ, parts = conn.uid("FETCH", str(uid), "(BODY.PEEK[])")
            raw = next((p[1] for p in parts if isinstance(p, tuple) and len(p) == 2), None)
            if typ != "OK" or raw is None:
                continue  # expunged meanwhile
            inbound, _created = inbound_store(raw=raw, mailbox=mailbox, source=InboundMessage.Source.IMAP,
                                              imap_uid=uid)
            del raw
            conn.uid("STORE", str(uid), "+FLAGS.SILENT", "(\\Seen)")
            mailbox.last_uid = uid
            Mailbox.objects.filter(pk=mailbox.pk, last_uid__lt=uid).update(last_uid=uid)
            if process and inbound.status == InboundMessage.Status.RECEIVED:
                inbound_process(inbound_id=inbound.pk)
            handled += 1
        return handled
    finally:
        try:
            conn.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
        Mailbox.objects.filter(pk=mailbox.pk).update(last_polled_at=timezone.now())


def _uidvalidity(conn: imaplib.IMAP4) -> int | None:
    """The UIDVALIDITY the server announced when the folder was selected."""
    _typ, data = conn.response("UIDVALIDITY")
    value = data[0] if data else None
    return int(value) if value else None
