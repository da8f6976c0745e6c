"""Queueing messages to send. Delivery (claiming due rows, the transports, retries) lives beside."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.organisation.models import User


def new_message_id() -> str:
    return f"<{uuid.uuid4().hex}@{settings.GOODWILL_MAIL_DOMAIN}>"


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
) -> OutboundMessage:
    """Queue one message, idempotently on `key` (the existing row is returned on a repeat).

    Anything queued to a client about a case counts as news: it moves the case's
    `last_sent_to_client_at`, which restarts the update-cadence clock and the chaser rule."""
    at = at or timezone.now()
    existing = OutboundMessage.objects.filter(key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            message = OutboundMessage.objects.create(
                key=key, purpose=purpose, to_address=to_address, to_name=to_name, subject=subject[:300],
                body_text=body_text, body_html=body_html, language=language, client=client, case=case,
                actor=actor, message_id=new_message_id(), in_reply_to=in_reply_to,
                references=" ".join(references), next_attempt_at=at, created_at=at,
            )
    except IntegrityError:
        return OutboundMessage.objects.get(key=key)
    if case is not None and purpose != OutboundMessage.Purpose.STAFF:
        Case.objects.filter(pk=case.pk).update(
            last_sent_to_client_at=Greatest(Coalesce(F("last_sent_to_client_at"), Value(at)), Value(at))
        )
        case.last_sent_to_client_at = max(case.last_sent_to_client_at or at, at)
    return message
