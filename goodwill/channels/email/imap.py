"""Reading a mailbox over IMAP (imapclient): TLS, STARTTLS, or plain on loopback.

Order for each message, so a crash at any line loses nothing and doubles nothing:
store raw durably and commit → mark \\Seen on the server → move our UID mark forward → process.
A message stored but not yet marked is fetched again next time and recognised (dedupe key).
"""

from __future__ import annotations

import contextlib
import logging
import ssl
from collections.abc import Callable

from django.utils import timezone
from imapclient import SEEN, IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

from goodwill.channels.email.models import InboundMessage, Mailbox
from goodwill.channels.email.services import inbound_process, inbound_store_many
from goodwill.memo import batch_memo

log = logging.getLogger("goodwill.mail")

TIMEOUT = 60
# Messages fetched, stored and synced together: at most this many, and this many bytes (one big
# message alone), so memory stays bounded whatever the mailbox holds.
BATCH_COUNT = 50
BATCH_BYTES = 16 * 1024 * 1024
# UIDs named in one command: a server caps its command lines (Dovecot at 64 kB).
UIDS_PER_COMMAND = 1000
# The only hosts a password may be sent to in clear (as services.mailbox_create allows).
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_BODY = b"BODY[]"


class RefusedError(IMAPClientError):
    """A command the server refused, or that we refuse to send, without which the fetch cannot
    go on: nothing after it is marked or passed over, and the next round tries again."""


def connect(mailbox: Mailbox) -> IMAPClient:
    """A logged-in connection; the password never leaves this machine unencrypted."""
    tls = mailbox.security == Mailbox.Security.TLS
    if mailbox.security == Mailbox.Security.PLAIN and mailbox.host not in LOOPBACK:
        raise RefusedError(
            f"plain IMAP would send the password in clear to {mailbox.host}: use TLS or STARTTLS"
        )
    client = IMAPClient(
        mailbox.host,
        port=mailbox.port,
        ssl=tls,
        ssl_context=ssl_context() if tls else None,
        timeout=TIMEOUT,
    )
    try:
        if mailbox.security == Mailbox.Security.STARTTLS:
            # Raises when the server does not offer STARTTLS: we never log in in clear instead.
            client.starttls(ssl_context())
        client.login(mailbox.username, mailbox.password)
    except BaseException:
        with contextlib.suppress(IMAPClientError, OSError):
            client.shutdown()
        raise
    return client


def ssl_context() -> ssl.SSLContext:
    """Verified TLS; the tests put a context trusting their own server's certificate in its
    place."""
    return ssl.create_default_context()


def fetch(
    mailbox: Mailbox,
    *,
    limit: int = 200,
    process: bool = True,
    keep_going: Callable[[], bool] = lambda: True,
) -> int:
    """Fetch up to `limit` new messages of the mailbox; returns how many were stored or seen again.
    The caller holds the mailbox's lease (sweeps.fetch_mail) and is asked before each batch
    whether it still does (`keep_going`)."""
    client = connect(mailbox)
    try:
        selected = client.select_folder(mailbox.folder)
        validity = selected.get(b"UIDVALIDITY")
        if isinstance(validity, int) and validity != mailbox.uidvalidity:
            # The folder was rebuilt: UIDs mean something else now. Start over; the dedupe key
            # recognises every message already stored.
            mailbox.uidvalidity, mailbox.last_uid = validity, 0
            Mailbox.objects.filter(pk=mailbox.pk).update(uidvalidity=validity, last_uid=0)
        # "n:*" also matches the last message when n is past it: hence the filter.
        found = client.search(["UID", f"{mailbox.last_uid + 1}:*"])
        uids = sorted(uid for uid in found if uid > mailbox.last_uid)[:limit]
        handled = 0
        for batch in _batches(client, uids):
            if not keep_going():
                break
            raws = _fetch_batch(client, batch)
            present = [uid for uid in batch if uid in raws]
            # Stored and committed first; only then told to the server, then processed.
            stored = inbound_store_many(
                raws=[(raws[uid], uid) for uid in present],
                mailbox=mailbox,
                source=InboundMessage.Source.IMAP,
            )
            del raws
            if present:
                _mark_seen(client, mailbox, present)
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
        _close(client)
        Mailbox.objects.filter(pk=mailbox.pk).update(last_polled_at=timezone.now())


def _batches(client: IMAPClient, uids: list[int]) -> list[list[int]]:
    if not uids:
        return []
    sizes: dict[int, object] = {}
    for start in range(0, len(uids), UIDS_PER_COMMAND):
        chunk = uids[start : start + UIDS_PER_COMMAND]
        sizes.update(
            (uid, data.get(b"RFC822.SIZE"))
            for uid, data in client.fetch(chunk, ["RFC822.SIZE"]).items()
        )
    batches: list[list[int]] = []
    current: list[int] = []
    total = 0
    for uid in uids:
        size = sizes.get(uid)
        size = size if isinstance(size, int) else 0
        if current and (len(current) >= BATCH_COUNT or total + size > BATCH_BYTES):
            batches.append(current)
            current, total = [], 0
        current.append(uid)
        total += size
    if current:
        batches.append(current)
    return batches


def _fetch_batch(client: IMAPClient, batch: list[int]) -> dict[int, bytes]:
    try:
        response = client.fetch(batch, ["BODY.PEEK[]"])
    except IMAPClientAbortError:
        raise
    except IMAPClientError as error:
        # Nothing of this batch is marked or passed over: the sweep records the error and the
        # next round asks again.
        message = f"FETCH of UIDs {batch[0]}..{batch[-1]} refused: {error}"
        raise RefusedError(message[:500]) from error
    # A UID missing here was expunged meanwhile. A server's unsolicited FETCH (flags changed by
    # another client) can carry a sequence number that equals one of our UIDs: only a body counts.
    return {
        uid: data[_BODY] for uid, data in response.items() if isinstance(data.get(_BODY), bytes)
    }


def _mark_seen(client: IMAPClient, mailbox: Mailbox, uids: list[int]) -> None:
    """\\Seen tells the people reading the mailbox that we have the messages; our UID mark, not
    the flag, says what to fetch. So a refusal (a read-only folder) is logged and passed over,
    not retried forever with the mailbox stuck on the same batch."""
    try:
        client.add_flags(uids, [SEEN], silent=True)
    except IMAPClientAbortError:
        raise
    except IMAPClientError as error:
        log.warning(
            "mailbox %s: could not mark UIDs %s..%s seen: %s", mailbox, uids[0], uids[-1], error
        )


def _stored_prefix(batch: list[int], present: set[int]) -> int:
    """The highest UID of the batch below which every UID was stored (0 when the first is
    missing)."""
    held = 0
    for uid in batch:
        if uid not in present:
            break
        held = uid
    return held


def _close(client: IMAPClient) -> None:
    try:
        client.logout()
    except (IMAPClientError, OSError):
        with contextlib.suppress(IMAPClientError, OSError):
            client.shutdown()
