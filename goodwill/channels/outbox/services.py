"""Queueing messages to send, and delivering them through a transport
(goodwill.channels.outbox.transport).

Delivery is claim → send → record. A worker claims due rows with one conditional UPDATE that
gives them a lease (`claimed_until`) and a token (`claimed_by`); only the token's holder may
record the outcome. A worker killed mid-send leaves its rows `sending` until the lease runs out,
then any worker takes them again. The only window for a duplicate is a kill between the
server's "250 OK" and our commit of `sent` (a few milliseconds): the resent copy carries the
same Message-ID, which mail clients and our own inbound side treat as one message.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import secrets
import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from goodwill.cases.models import Case
from goodwill.cases.services import case_answered, case_told
from goodwill.channels.outbox.defaults import NAMES
from goodwill.channels.outbox.events import DeliveryFailed
from goodwill.channels.outbox.headers import NAME_MAX, SUBJECT_MAX, header_text, message_ids
from goodwill.channels.outbox.models import EarlyReceipt, MessageTemplate, OutboundMessage
from goodwill.channels.outbox.selectors import case_thread
from goodwill.channels.outbox.templates import (
    check_template,
    render_message,
    reply_frame,
    staff_name,
    template_languages,
    template_missing,
)
from goodwill.channels.outbox.transport import (
    TEXT_CHANNELS,
    PermanentError,
    TemporaryError,
    Transport,
    transport_for_settings,
)
from goodwill.clients.models import Client
from goodwill.clients.selectors import client_email
from goodwill.clients.services import ensure_visible
from goodwill.db import delete_oldest, insert_new
from goodwill.events import announce
from goodwill.languages import client_language, client_languages
from goodwill.memo import after_batch, memo_clear
from goodwill.organisation.models import User
from goodwill.timeline import services as timeline

log = logging.getLogger("goodwill.outbox")

# Purposes that reach the client, and so belong on their timeline.
CLIENT_FACING = frozenset(
    {
        OutboundMessage.Purpose.REPLY,
        OutboundMessage.Purpose.NOTIFICATION,
        OutboundMessage.Purpose.ACKNOWLEDGEMENT,
    }
)
# Those that count as news on the case. An automatic acknowledgement ("we received your message")
# is not: it must neither meet the first-response clock nor hide the client's next chaser.
NEWS = frozenset({OutboundMessage.Purpose.REPLY, OutboundMessage.Purpose.NOTIFICATION})


def new_message_id() -> str:
    """Our Message-ID, and the thread token of the case the message is about: 128 random bits,
    so that only who received the message can quote it back (intake.services.intake_thread)."""
    return f"<{secrets.token_hex(16)}@{settings.GOODWILL_MAIL_DOMAIN}>"


# No savepoint when nested (every caller queues inside its own transaction): a repeated key is
# no error (insert_new), and nothing catches its errors to carry on.
@transaction.atomic(savepoint=False)
def outbound_queue(
    *,
    key: str,
    purpose: str,
    to_address: str,
    subject: str,
    body_text: str,
    to_name: str = "",
    body_html: str = "",
    language: str = "en",
    client: Client | None = None,
    case: Case | None = None,
    actor: User | None = None,
    in_reply_to: str = "",
    references: Sequence[str] = (),
    at: dt.datetime | None = None,
    reason: str = "",
    channel: str = "email",
    send_before: dt.datetime | None = None,
    provider_template: str = "",
    provider_variables: dict[str, str] | None = None,
) -> OutboundMessage:
    """Queue one message, idempotently on `key` (the existing row is returned on a repeat).
    `channel`: "email", or "sms" / "whatsapp" for a text to the E.164 number in `to_address`;
    `send_before`: the time after which it must not leave (free WhatsApp text: the end of the
    24-hour window), checked again when it would leave (`text_refusal`). `provider_template`
    and `provider_variables`: an approved WhatsApp template sent by the provider's id for it.

    `reason` says why it is sent (OutboundMessage.Reason, shown on the outbox page). An automatic
    one (OutboundMessage.AUTOMATIC) is held to the limits on automatic mail, once here for every
    sender (`_automatic_plan`): one automatic e-mail to a client per
    GOODWILL_AUTO_MAIL_WINDOW_MINUTES. Another one in the meantime is merged into the one still
    waiting to leave (kept as `merged`, its words in that e-mail), else it waits for the window's
    end, when later ones merge into it; past GOODWILL_AUTO_MAIL_DAILY_CAP of them in 24 hours it
    is kept as `suppressed` with why (never on the client's timeline, not news, not delivered)
    until staff send it anyway.

    A client-facing message about a case is written on the timeline as sent ("message_out",
    naming the outbound row so the case page can show how delivery went). A reply or a
    notification counts as news: it moves the case's `last_sent_to_client_at` and tells the
    care clocks (first response met, update cadence restarted), which also resets the chaser
    rule. Acknowledgements and mail to staff do not. Delivery is enqueued after commit; the
    delivery sweep is the safety net (and sends what waits for its window)."""
    at = at or timezone.now()
    plan = (
        _automatic_plan(client=client, at=at)
        if reason in OutboundMessage.AUTOMATIC
        else _Plan(leaves_at=at)
    )
    message = OutboundMessage(
        key=key,
        channel=channel,
        purpose=purpose,
        reason=reason,
        status=OutboundMessage.Status.SUPPRESSED if plan.held else OutboundMessage.Status.QUEUED,
        last_error=plan.held,
        to_address=to_address.strip(),
        # Kept as they will be sent: one line, nothing a header could be broken with.
        to_name=header_text(to_name, limit=NAME_MAX),
        subject=header_text(subject, limit=SUBJECT_MAX),
        body_text=body_text,
        body_html=body_html,
        language=language,
        client=client,
        case=case,
        actor=actor,
        message_id=new_message_id(),
        in_reply_to=message_ids(in_reply_to),
        references=message_ids(" ".join(references)),
        next_attempt_at=plan.leaves_at,
        send_before=send_before,
        provider_template=provider_template,
        provider_variables=provider_variables or {},
        created_at=at,
    )
    if plan.merge_into is not None:
        message.status, message.merged_into = OutboundMessage.Status.MERGED, plan.merge_into
    # The key taken already (a repeat, or a racing worker): that message stands, nothing more.
    if not insert_new(message, unique="key"):
        return OutboundMessage.objects.get(key=key)
    if plan.held:
        log.info("automatic message %s to client %s held back: %s", key, client, plan.held)
        return message
    if plan.merge_into is not None:
        if _merge(message, into=plan.merge_into):
            _released(message, delivered_as=plan.merge_into)
            return message
        # The one it was to join left meanwhile: this one waits for the next window instead.
        message.status, message.merged_into = OutboundMessage.Status.QUEUED, None
        message.next_attempt_at = _window_end(client=client, at=at)
        OutboundMessage.objects.filter(pk=message.pk).update(
            status=message.status, merged_into=None, next_attempt_at=message.next_attempt_at
        )
    _released(message)
    return message


def _released(message: OutboundMessage, *, delivered_as: OutboundMessage | None = None) -> None:
    """What follows a message let out to the client: its sent copy on the timeline, the clocks
    told when it is news, its delivery enqueued after commit. A message merged into another
    (`delivered_as`) is on the timeline with that one's delivery, and has none of its own."""
    case, purpose, at = message.case, message.purpose, message.created_at
    carrier = delivered_as or message
    if case is not None and purpose in CLIENT_FACING:
        timeline.record_message_out(
            case=case,
            actor=message.actor,
            subject=message.subject,
            body=message.body_text,
            to=message.to_address,
            channel=message.channel,
            at=at,
            status="queued",
            extra={
                "outbound_id": carrier.pk,
                "message_id": carrier.message_id,
                "purpose": purpose,
                "language": message.language,
                "reason": message.reason,
                **({"merged": True} if delivered_as is not None else {}),
            },
        )
    if case is not None and purpose in NEWS:
        case_told(case=case, at=at)
    if delivered_as is None:
        message_pk = message.pk
        transaction.on_commit(lambda: _enqueue_delivery(message_pk))


@dataclasses.dataclass(frozen=True)
class _Plan:
    """What becomes of an automatic message: sent when `leaves_at` comes, merged into a waiting
    one, or held back (`held`: why)."""

    leaves_at: dt.datetime
    merge_into: OutboundMessage | None = None
    held: str = ""


def _automatic_recent(*, client: Client, at: dt.datetime) -> QuerySet[OutboundMessage]:
    return OutboundMessage.objects.filter(
        client=client,
        reason__in=OutboundMessage.AUTOMATIC,
        status__in=(
            OutboundMessage.Status.QUEUED,
            OutboundMessage.Status.SENDING,
            OutboundMessage.Status.SENT,
        ),
        created_at__gt=at - dt.timedelta(hours=24),
        created_at__lte=at,
    )


def _automatic_plan(*, client: Client | None, at: dt.datetime) -> _Plan:
    """When an automatic message to `client` at `at` may leave. Three mails in a minute (an
    acknowledgement, a status change, who covers) read as a machine talking: one automatic
    e-mail per window, carrying everything said in it, and no more than the day's cap."""
    if client is None:
        return _Plan(leaves_at=at)
    # Automatic mail to one client, one sender at a time: two workers checking at the same
    # instant would each see no other and both send. The client's row is the lock (the intake
    # already holds it, having moved the client's last activity).
    Client.objects.select_for_update().filter(pk=client.pk).values_list("pk").first()
    window = dt.timedelta(minutes=settings.GOODWILL_AUTO_MAIL_WINDOW_MINUTES)
    cap = settings.GOODWILL_AUTO_MAIL_DAILY_CAP
    # One query: the latest `cap` of them answer the window, the cap and which one still waits
    # to leave (one waits at most, and it is among the latest).
    latest = list(_automatic_recent(client=client, at=at).order_by("-created_at", "-id")[:cap])
    waiting = [m for m in latest if m.status == OutboundMessage.Status.QUEUED and not m.attempts]
    if window and waiting:
        return _Plan(leaves_at=waiting[-1].next_attempt_at, merge_into=waiting[-1])
    if len(latest) >= cap:
        return _Plan(
            leaves_at=at,
            held=ngettext(
                "Held back: the client was sent %(cap)s automatic message in the last 24 hours, "
                "the most they get.",
                "Held back: the client was sent %(cap)s automatic messages in the last 24 hours, "
                "the most they get.",
                cap,
            )
            % {"cap": cap},
        )
    if window and latest and latest[0].created_at > at - window:
        return _Plan(leaves_at=latest[0].created_at + window)
    return _Plan(leaves_at=at)


def _window_end(*, client: Client | None, at: dt.datetime) -> dt.datetime:
    window = dt.timedelta(minutes=settings.GOODWILL_AUTO_MAIL_WINDOW_MINUTES)
    if client is None or not window:
        return at
    latest = (
        _automatic_recent(client=client, at=at)
        .exclude(status=OutboundMessage.Status.QUEUED)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return max(at, latest + window) if latest else at


def _merge(message: OutboundMessage, *, into: OutboundMessage) -> bool:
    """Fold `message`'s words into `into`, the automatic e-mail to the same client still waiting
    to leave; False if a worker took that one meanwhile (it is then sent as it was)."""
    body = merged_body(into.body_text, message.body_text)
    # Conditional: the delivery claim and this update serialise on the row; whichever is first,
    # the e-mail leaves with what it had at that moment and nothing is said twice or lost.
    taken = OutboundMessage.objects.filter(
        pk=into.pk, status=OutboundMessage.Status.QUEUED, attempts=0
    ).update(body_text=body)
    if taken:
        into.body_text = body
    return bool(taken)


def merged_body(first: str, second: str) -> str:
    """One letter saying what two automatic messages say: the second's paragraphs that the first
    does not open or close with (the greeting, the signature: the same in both when the
    templates share their frame) go before the first's closing."""
    a = first.strip().split("\n\n")
    b = second.strip().split("\n\n")
    head = 0
    while head < min(len(a), len(b)) and a[head].strip() == b[head].strip():
        head += 1
    tail = 0
    while (
        tail < min(len(a), len(b)) - head
        and a[len(a) - 1 - tail].strip() == b[len(b) - 1 - tail].strip()
    ):
        tail += 1
    middle = b[head : len(b) - tail]
    if not middle:
        return first
    return "\n\n".join(a[: len(a) - tail] + middle + a[len(a) - tail :]).rstrip() + "\n"


def _enqueue_delivery(message_pk: int) -> None:
    # In a batch of ingested mail (goodwill.memo.batch_memo), the committed messages are handed to
    # the queue in one task at the end of the batch: one enqueue (a queue commit) instead of one
    # each.
    after_batch("outbox.deliver", message_pk, _enqueue_deliveries)


def _enqueue_deliveries(message_pks: list[int]) -> None:
    from goodwill.channels.outbox.tasks import deliver, deliver_many

    try:
        if len(message_pks) == 1:
            deliver.enqueue(message_pks[0])
        else:
            deliver_many.enqueue(message_pks)
    except Exception:
        # The queue being down loses nothing: the rows are committed and the sweep will send them.
        log.warning(
            "could not enqueue delivery of outbound messages %s; the sweep will send them",
            message_pks,
            exc_info=True,
        )


def lease() -> dt.timedelta:
    """How long a worker holds a message: renewed just before each send and well beyond the
    longest SMTP exchange, so a slow send is never taken over (and sent twice) by another worker."""
    return dt.timedelta(
        seconds=max(settings.GOODWILL_DELIVERY_LEASE_SECONDS, 3 * settings.GOODWILL_SMTP_TIMEOUT)
    )


def backoff(attempts: int) -> dt.timedelta:
    """Pause after the `attempts`-th temporary failure: 1, 2, 4, 8… minutes, at most 6 hours."""
    return dt.timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 6 * 3600))


def _claimable(now: dt.datetime) -> Q:
    # Queued and due, or being sent by a worker whose lease ran out (it died).
    return Q(status=OutboundMessage.Status.QUEUED, next_attempt_at__lte=now) | Q(
        status=OutboundMessage.Status.SENDING, claimed_until__lt=now
    )


def outbound_claim_due(
    *,
    now: dt.datetime,
    limit: int = 50,
    message_id: int | None = None,
    message_ids: Sequence[int] | None = None,
) -> list[OutboundMessage]:
    """Claim up to `limit` due messages (or just `message_id`, or only among `message_ids`) for
    this worker, atomically.

    SKIP LOCKED lets workers claim different rows side by side on PostgreSQL; the conditional
    UPDATE (re-checked under the row lock) guarantees no row is claimed twice on any database."""
    token = uuid.uuid4().hex
    with transaction.atomic():
        due = OutboundMessage.objects.filter(_claimable(now))
        if message_id is not None:
            due = due.filter(pk=message_id)
        if message_ids is not None:
            due = due.filter(pk__in=message_ids)
        ids = list(
            due.order_by("next_attempt_at", "id")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        if not ids:
            return []
        OutboundMessage.objects.filter(_claimable(now), pk__in=ids).update(
            status=OutboundMessage.Status.SENDING,
            claimed_by=token,
            claimed_until=now + lease(),
            attempts=F("attempts") + 1,
        )
    return list(
        OutboundMessage.objects.filter(claimed_by=token).select_related("case").order_by("id")
    )


def outbound_deliver(*, message: OutboundMessage, transport: Transport) -> str:
    """Send one message this worker has claimed and record how it went; returns the new status.

    Sent: marked sent at once (the shorter the gap after the server's OK, the smaller the
    chance of a duplicate). A temporary failure is retried after `backoff`, until
    GOODWILL_DELIVERY_MAX_ATTEMPTS; then, or on a permanent failure, the message is failed,
    with the reason, and the case owner is told (notification delivery_failed). A text is
    failed the same way, never handed over, when `text_refusal` says it must not leave now."""
    limit = settings.GOODWILL_DELIVERY_MAX_ATTEMPTS
    transport = transport.pick(message)
    # A batch is claimed at once but sent one by one: renew the lease before each send, and
    # leave alone a message whose lease ran out meanwhile (another worker may hold it now).
    renewed = OutboundMessage.objects.filter(
        pk=message.pk,
        claimed_by=message.claimed_by,
        status=OutboundMessage.Status.SENDING,
    ).update(claimed_until=timezone.now() + lease())
    if not renewed:
        log.warning(
            "outbound message %s: lease lost before sending; left to its new holder", message.pk
        )
        return str(OutboundMessage.objects.values_list("status", flat=True).get(pk=message.pk))
    if message.attempts > limit:
        # Claimed again after its workers died mid-send `limit` times: something in it kills them.
        return _fail(
            message, reason=_("Given up after %(n)s attempts that never finished.") % {"n": limit}
        )
    if message.channel in TEXT_CHANNELS and (
        refused := text_refusal(message_id=message.pk, now=timezone.now())
    ):
        # Refused here, not only when queued: the client may have texted STOP, or WhatsApp's
        # window closed, while the message waited for the worker.
        log.info(
            "text %s to client %s refused when leaving: %s", message.pk, message.client_id, refused
        )
        return _fail(message, reason=refused)
    try:
        provider_id = transport.send(message)
    except PermanentError as error:
        return _fail(message, reason=str(error))
    except TemporaryError as error:
        return _retry(message, reason=str(error), limit=limit)
    except Exception as error:
        log.exception("transport %s crashed on outbound message %s", transport.name, message.pk)
        return _retry(message, reason=f"{type(error).__name__}: {error}", limit=limit)
    now = timezone.now()
    # The id saved and any receipt the provider sent before it (kept aside by outbound_receipt)
    # applied in one transaction: a callback racing this save is applied here or there, once.
    with transaction.atomic():
        updated = OutboundMessage.objects.filter(
            pk=message.pk, claimed_by=message.claimed_by
        ).update(
            status=OutboundMessage.Status.SENT,
            sent_at=now,
            claimed_until=None,
            claimed_by="",
            delivered_by=transport.name,
            last_error="",
            provider_id=provider_id or "",
        )
        if not updated:
            log.warning("outbound message %s was sent after its lease ran out", message.pk)
        message.status, message.sent_at, message.delivered_by = (
            OutboundMessage.Status.SENT,
            now,
            transport.name,
        )
        message.provider_id = provider_id or ""
        if (
            updated
            and provider_id
            and (early := outbound_receipts_kept_apply(provider_id=provider_id))
        ):
            message.status = early.status
    return message.status


def texts_stopped_reason(*, channel: str, since: dt.datetime) -> str:
    """Why no text goes to a client on `channel`: they texted STOP (clients.services.
    client_texts_stop). Shown to staff on the send form and on a message refused when leaving."""
    date = formats.date_format(timezone.localtime(since), "SHORT_DATE_FORMAT")
    if channel == "whatsapp":
        return _(
            "The client asked for no more WhatsApp messages (they wrote STOP on %(date)s): "
            "nothing is sent to them on WhatsApp until they write START."
        ) % {"date": date}
    return _(
        "The client asked for no more SMS (they texted STOP on %(date)s): nothing is sent to "
        "them by SMS until they text START."
    ) % {"date": date}


def whatsapp_window_reason() -> str:
    """Why free text may not go on WhatsApp now: the same words when it is queued
    (messaging.services.text_send) and when it would leave (`text_refusal`)."""
    return _(
        "WhatsApp allows your own words only within 24 hours of the client's last "
        "WhatsApp message. Send one of the approved templates instead: when the client "
        "answers, you can write freely again."
    )


def text_refusal(*, message_id: int, now: dt.datetime) -> str:
    """Why the text `message_id` must not leave now, else "": its client texted STOP on its
    channel, or its deadline (`send_before`: WhatsApp's 24-hour window for free text) passed.
    Read afresh from the database, in one query, just before it is handed to the provider: a
    STOP or the window's end while it waited in the queue is obeyed. (A STOP arriving during
    the provider's HTTP call itself is obeyed by the provider, which refuses texts to a number
    that opted out.)"""
    row = (
        OutboundMessage.objects.filter(pk=message_id)
        .values(
            "channel",
            "send_before",
            "client__sms_stopped_at",
            "client__whatsapp_stopped_at",
        )
        .first()
    )
    if row is None:
        return ""
    channel = str(row["channel"])
    stopped = row.get(f"client__{channel}_stopped_at")
    if isinstance(stopped, dt.datetime):
        return texts_stopped_reason(channel=channel, since=stopped)
    if row["send_before"] is not None and now >= row["send_before"]:
        return (
            whatsapp_window_reason()
            if channel == "whatsapp"
            else _("The time by which it had to be sent has passed.")
        )
    return ""


def outbound_send_before_extend(*, client: Client, channel: str, until: dt.datetime) -> int:
    """The client wrote again on `channel` (a WhatsApp message reopens the 24-hour window): the
    texts to them that depend on the window may leave until `until`, those waiting and those
    refused for it (sent again by staff, they then go). Returns how many were moved."""
    return OutboundMessage.objects.filter(
        client=client,
        channel=channel,
        status__in=(
            OutboundMessage.Status.QUEUED,
            OutboundMessage.Status.SENDING,
            OutboundMessage.Status.FAILED,
        ),
        send_before__isnull=False,
        send_before__lt=until,
    ).update(send_before=until)


# The longest provider id a message can carry (OutboundMessage.provider_id, EarlyReceipt's).
PROVIDER_ID_MAX = 64
# The receipts that fail a message (and tell its case owner).
FAILURES = frozenset({OutboundMessage.Receipt.FAILED, OutboundMessage.Receipt.UNDELIVERED})


@transaction.atomic
def outbound_receipt(
    *, provider_id: str, receipt: str, error: str = "", at: dt.datetime | None = None
) -> OutboundMessage | None:
    """Record what the text-message provider reports of a message it took (its status
    callback); returns the message, or None when no message has that id yet: the receipt is
    then kept (EarlyReceipt) and applied here when the id is saved (`outbound_receipts_kept_
    apply`), since the provider may call back before its answer to our send reached us.

    A receipt only moves forward (OutboundMessage.RECEIPT_RANK): the provider's callbacks
    arrive in any order and may repeat, and "read" then a late "delivered" stays read; the
    same receipt twice changes nothing. The first report that it failed or could not be
    delivered fails the message with the provider's reason (shown on the case, sent again from
    there) and tells the case owner, once."""
    if receipt not in OutboundMessage.Receipt.values:
        raise ValidationError({"receipt": [_("Unknown receipt.")]})
    if not provider_id or len(provider_id) > PROVIDER_ID_MAX:
        return None  # no message can carry it (the webhook refuses such ids before)
    at = at or timezone.now()
    message = _message_with(provider_id)
    if message is not None:
        return _receipt_record(message, receipt=receipt, error=error, at=at)
    _receipt_keep(provider_id=provider_id, receipt=receipt, error=error, at=at)
    # The id may have been saved since we first looked, its save finding nothing kept (it
    # committed before our row, or our insert waited for its own): then it is ours to apply.
    if _message_with(provider_id) is None:
        return None
    return outbound_receipts_kept_apply(provider_id=provider_id)


def _message_with(provider_id: str) -> OutboundMessage | None:
    return (
        OutboundMessage.objects.select_for_update(of=("self",))
        .filter(provider_id=provider_id)
        .select_related("case")
        .first()
    )


def _receipt_record(
    message: OutboundMessage, *, receipt: str, error: str, at: dt.datetime
) -> OutboundMessage:
    rank = OutboundMessage.RECEIPT_RANK
    if rank[receipt] <= rank[message.receipt]:
        return message
    message.receipt, message.receipt_at = receipt, at
    fields = ["receipt", "receipt_at"]
    failed = receipt in FAILURES
    if failed:
        message.receipt_error = error[:300]
        message.status = OutboundMessage.Status.FAILED
        message.last_error = _("The provider could not deliver it: %(error)s") % {
            "error": error or message.get_receipt_display()
        }
        fields += ["receipt_error", "status", "last_error"]
    message.save(update_fields=fields)
    if failed and message.purpose != OutboundMessage.Purpose.STAFF:
        announce(DeliveryFailed(message=message, reason=message.last_error))
    return message


def _kept_row(*, provider_id: str, at: dt.datetime) -> EarlyReceipt:
    """The kept row for `provider_id`, made empty if there was none, locked by this transaction.

    Both sides of the race go through here: the callback keeping a receipt and the save of the
    id claiming it. The insert on the unique id is what makes them wait for each other (a plain
    SELECT does not see, nor wait for, a row another transaction is still inserting), so the
    second one always finds what the first one committed. An empty row made by the save is
    deleted in its own transaction, never seen by anyone else."""
    EarlyReceipt.objects.bulk_create(
        [EarlyReceipt(provider_id=provider_id, received_at=at)],
        update_conflicts=True,
        unique_fields=["provider_id"],
        update_fields=["provider_id"],
    )
    return EarlyReceipt.objects.select_for_update().get(provider_id=provider_id)


def _receipt_keep(*, provider_id: str, receipt: str, error: str, at: dt.datetime) -> None:
    """Keep a receipt for an id no message carries yet: the furthest forward, by the same rule
    as a message's (a failure that moved it forward remembered, with its error)."""
    kept = _kept_row(provider_id=provider_id, at=at)
    rank = OutboundMessage.RECEIPT_RANK
    if rank[receipt] <= rank[kept.receipt]:
        return
    kept.receipt, kept.received_at = receipt, at
    if receipt in FAILURES:
        kept.failure, kept.error = receipt, error[:300]
    kept.save(update_fields=["receipt", "failure", "error", "received_at"])


def outbound_receipts_kept_apply(*, provider_id: str) -> OutboundMessage | None:
    """Apply the receipt kept for `provider_id` (it came before the id was saved) to the
    message that now carries it, through `outbound_receipt` as if it came now, and forget it;
    returns the message, or None when nothing was kept. Called in the transaction that saves the
    id (`outbound_deliver`)."""
    with transaction.atomic(savepoint=False):
        kept = _kept_row(provider_id=provider_id, at=timezone.now())
        kept.delete()
        message = None
        # As they came: the failure that moved it forward first (the owner is told), then what
        # moved it further (a "read" after it); the second changes nothing when it is the same.
        for receipt, error in ((kept.failure, kept.error), (kept.receipt, kept.error)):
            if receipt:
                message = outbound_receipt(
                    provider_id=provider_id, receipt=receipt, error=error, at=kept.received_at
                )
        return message


def early_receipts_purge(*, before: dt.datetime, limit: int = 1000) -> int:
    """Forget kept receipts that came before `before` and no message ever claimed (ids another
    sender's, or of a message whose send we never recorded), a batch at a time; returns how
    many. Deleting is harmless to repeat, so any number of workers may run this at once."""
    return delete_oldest(
        EarlyReceipt.objects.filter(received_at__lt=before), order="received_at", limit=limit
    )


def _retry(message: OutboundMessage, *, reason: str, limit: int) -> str:
    if message.attempts >= limit:
        return _fail(
            message,
            reason=_("Given up after %(n)s attempts: %(reason)s") % {"n": limit, "reason": reason},
        )
    OutboundMessage.objects.filter(pk=message.pk, claimed_by=message.claimed_by).update(
        status=OutboundMessage.Status.QUEUED,
        next_attempt_at=timezone.now() + backoff(message.attempts),
        claimed_until=None,
        claimed_by="",
        last_error=reason[:2000],
    )
    message.status, message.last_error = OutboundMessage.Status.QUEUED, reason
    return message.status


@transaction.atomic
def _fail(message: OutboundMessage, *, reason: str) -> str:
    updated = OutboundMessage.objects.filter(pk=message.pk, claimed_by=message.claimed_by).update(
        status=OutboundMessage.Status.FAILED,
        claimed_until=None,
        claimed_by="",
        last_error=reason[:2000],
    )
    message.status, message.last_error = OutboundMessage.Status.FAILED, reason
    if not updated:
        return message.status
    if message.purpose == OutboundMessage.Purpose.STAFF:
        # A notification about a staff e-mail would itself be e-mailed to staff, bounce and notify
        # again, forever: logged, and listed as failed in /outbox/, nothing more.
        log.warning(
            "staff e-mail %s to %s failed: %s", message.pk, message.to_address, reason[:200]
        )
        return message.status
    announce(DeliveryFailed(message=message, reason=reason))
    return message.status


def outbound_send_many(*, message_ids: Sequence[int]) -> int:
    """Deliver the given messages at once where they are still due (the task a batch of ingested
    mail enqueues): claimed 50 at a time, as the delivery sweep does, instead of one claim each.
    Returns how many were sent or attempted."""
    transport = transport_for_settings()
    handled = 0
    for start in range(0, len(message_ids), 50):
        chunk = message_ids[start : start + 50]
        for message in outbound_claim_due(now=timezone.now(), limit=len(chunk), message_ids=chunk):
            outbound_deliver(message=message, transport=transport)
            handled += 1
    return handled


def outbound_send_now(*, message_id: int) -> str | None:
    """Deliver one message at once if it is still due (the task enqueued by outbound_queue).
    Returns its new status, or None when it was not due (sent already, or held by another
    worker)."""
    claimed = outbound_claim_due(now=timezone.now(), message_id=message_id)
    if not claimed:
        return None
    return outbound_deliver(message=claimed[0], transport=transport_for_settings())


@transaction.atomic
def outbound_retry(*, actor: User, message: OutboundMessage) -> OutboundMessage:
    """Send a failed message again (after staff fixed the address, or the server): it goes
    back to the queue with a fresh count of attempts. A message held back by the limits on
    automatic mail is sent anyway: it is then on the client's timeline, as if sent at once.
    Only failed and held-back messages can be sent again."""
    if message.client is not None:
        ensure_visible(actor=actor, client=message.client)
    elif not actor.sees_all_clients:
        raise PermissionDenied
    held = message.status == OutboundMessage.Status.SUPPRESSED
    updated = OutboundMessage.objects.filter(
        pk=message.pk,
        status__in=(OutboundMessage.Status.FAILED, OutboundMessage.Status.SUPPRESSED),
    ).update(
        status=OutboundMessage.Status.QUEUED,
        attempts=0,
        next_attempt_at=timezone.now(),
        last_error="",
        # A text sent again is a new message at the provider, with receipts of its own.
        provider_id="",
        receipt="",
        receipt_error="",
        receipt_at=None,
    )
    if not updated:
        raise ValidationError(_("Only a message that failed or was held back can be sent again."))
    message.refresh_from_db()
    if held:
        message.created_at = timezone.now()
        message.save(update_fields=["created_at"])
        _released(message)
    else:
        transaction.on_commit(lambda: _enqueue_delivery(message.pk))
    return message


def can_edit_templates(user: User) -> bool:
    """Managers set the words sent to clients (PRODUCT.md: "sets … templates"); admins too."""
    return user.is_superuser or user.role in (User.Role.MANAGER, User.Role.ADMIN)


@transaction.atomic
def template_save(
    *, actor: User, name: str, language: str, subject: str, body: str
) -> MessageTemplate:
    """Save the words of one template in one language. Only managers may; a template the sandbox
    refuses (anything but its documented placeholders and ifs: channels.outbox.templates) is
    refused with the reason, so a broken template never reaches the sending path."""
    if not can_edit_templates(actor):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if name not in NAMES and not MessageTemplate.objects.filter(name=name).exists():
        errors["name"] = [_("Unknown template.")]
    if language not in client_languages():
        errors["language"] = [_("Choose one of the client languages.")]
    for field, text in (("subject", subject), ("body", body)):
        if not text.strip():
            errors[field] = [_("This cannot be empty.")]
        elif problem := check_template(text, name=name):
            errors[field] = [_("The template does not read: %(problem)s") % {"problem": problem}]
    if len(subject) > 300:
        errors["subject"] = [_("Keep the subject under 300 characters.")]
    if errors:
        raise ValidationError(errors)
    template, _created = MessageTemplate.objects.update_or_create(
        name=name,
        language=language,
        defaults={
            "subject": subject.strip(),
            "body": body.replace("\r\n", "\n"),
            "updated_at": timezone.now(),
            "updated_by": actor,
        },
    )
    memo_clear()
    return template


@transaction.atomic
def case_write_message(
    *,
    actor: User | None,
    case: Case,
    subject: str,
    body: str,
    language: str | None = None,
    key: str = "",
) -> OutboundMessage:
    """A reply to the client, queued in the outbox (channels.outbox) and delivered by e-mail.

    It goes in the chosen language (the case's by default), addressed to the client by name and
    threaded on the case's last message (In-Reply-To/References), so their answer comes back to
    this case. The sent copy is on the timeline; answering a new case opens it. `key` (the
    form's nonce) makes a double-submitted form one message."""
    ensure_visible(actor=actor, client=case.client)
    errors: dict[str, list[str]] = {}
    language = client_language(language or case.language or case.client.language)
    if not body.strip():
        errors["body"] = [_("The message is empty.")]
    if language not in template_languages(name="reply"):
        # Said, never swapped: the advisor picks a language the brand can write in.
        errors["language"] = [
            template_missing(name="reply", language=language)
            or _("Choose one of the client languages.")
        ]
    email = client_email(client=case.client)
    if email is None:
        errors["body"] = [
            *errors.get("body", []),
            _("The client has no e-mail address: add one first."),
        ]
    if errors:
        raise ValidationError(errors)
    assert email is not None
    if not subject.strip():
        subject = reply_frame(case=case, language=language, sender=staff_name(actor or case.owner))[
            0
        ]
    in_reply_to, references = case_thread(case=case)
    message = outbound_queue(
        key=f"reply:{case.pk}:{key or uuid.uuid4().hex}",
        purpose=OutboundMessage.Purpose.REPLY,
        reason=OutboundMessage.Reason.STAFF_REPLY,
        to_address=email,
        to_name=case.client.name,
        subject=subject.strip(),
        body_text=body.strip() + "\n",
        language=language,
        client=case.client,
        case=case,
        actor=actor,
        in_reply_to=in_reply_to,
        references=references,
    )
    case_answered(actor=actor, case=case, at=None)
    return message


def client_notice_queue(
    *,
    name: str,
    language: str,
    context: dict[str, Any],
    key: str,
    reason: str,
    client: Client,
    to_address: str,
    case: Case | None = None,
    actor: User | None = None,
    at: dt.datetime | None = None,
) -> OutboundMessage:
    """The one shape of every notice to a client (a quote, a booking link, a journey's stage, a
    recall): the template `name` rendered in `language` with `context`, queued to them by
    `outbound_queue` under `key` and `reason`."""
    subject, body = render_message(name=name, language=language, context=context)
    return outbound_queue(
        key=key,
        purpose=OutboundMessage.Purpose.NOTIFICATION,
        reason=reason,
        to_address=to_address,
        to_name=client.name,
        subject=subject,
        body_text=body,
        language=language,
        client=client,
        case=case,
        actor=actor,
        at=at,
    )
