"""The telephony provider's webhook. No session: each request is signed with the shared secret."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, QueryDict
from ninja import Router, Schema, Status

from goodwill.channels.phone import services, webhook

log = logging.getLogger(__name__)

router = Router(tags=["phone"])


class EventOut(Schema):
    status: str  # "ok", "duplicate" (already acted on: nothing done) or "ignored"
    call_id: str | None = None
    state: str | None = None


class ErrorOut(Schema):
    detail: str


@router.post(
    "/phone/events",
    auth=None,
    response={200: EventOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    summary=(
        "Telephony events (generic JSON or Twilio status callback), signed with the shared secret"
    ),
)
def phone_event(request: HttpRequest) -> Status:
    """Headers `X-Goodwill-Timestamp` (Unix seconds, at most 5 minutes off) and
    `X-Goodwill-Signature` (hex HMAC-SHA256 of `timestamp + "." + raw body`). A replay or a retry
    of an event already acted on is acknowledged with status "duplicate" and changes nothing."""
    body = request.body
    timestamp = request.headers.get(webhook.TIMESTAMP_HEADER)
    signature = request.headers.get(webhook.SIGNATURE_HEADER)
    if not timestamp or not signature:
        return Status(
            401, ErrorOut(detail="Sign the request: X-Goodwill-Timestamp and X-Goodwill-Signature.")
        )
    try:
        verified = webhook.verify(
            secret=settings.GOODWILL_PHONE_WEBHOOK_SECRET,
            timestamp=timestamp,
            signature=signature,
            body=body,
        )
    except webhook.BadSignature as refused:
        log.warning("phone webhook refused: %s", refused)
        return Status(403, ErrorOut(detail=str(refused)))
    try:
        if (request.content_type or "").endswith("json"):
            event = webhook.event_from_json(body)
        else:
            event = webhook.event_from_twilio(QueryDict(body, encoding=request.encoding or "utf-8"))
    except webhook.IgnoredEvent:
        return Status(200, EventOut(status="ignored"))
    except webhook.BadEvent as bad:
        return Status(400, ErrorOut(detail=str(bad)))
    call = services.call_event_receive(event=event, signature=verified)
    if call is None:
        return Status(200, EventOut(status="duplicate", call_id=event.call_id))
    return Status(200, EventOut(status="ok", call_id=call.call_id, state=call.state))
