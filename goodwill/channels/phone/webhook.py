"""Reading the telephony provider's webhook: its signature, and its two formats.

Signature: HMAC-SHA256 with the shared secret (GOODWILL_PHONE_WEBHOOK_SECRET) over
`timestamp + "." + raw body`, hex, in `X-Goodwill-Signature`; the Unix timestamp in
`X-Goodwill-Timestamp`. Formats: our generic JSON, and the form fields of Twilio's status callbacks.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from collections.abc import Mapping
from typing import Any

from django.utils.dateparse import parse_datetime

from goodwill.channels.phone.models import Call
from goodwill.channels.phone.services import CallEvent
from goodwill.http import BadSignature as BadSignature
from goodwill.http import webhook_verify

TIMESTAMP_HEADER = "X-Goodwill-Timestamp"
SIGNATURE_HEADER = "X-Goodwill-Signature"
# Older requests are refused: a captured request cannot be replayed later, and the receipts table
# only has to remember what could still pass this check.
MAX_AGE = dt.timedelta(minutes=5)

_GENERIC_KINDS = {"ringing", "answered", "ended"}
# Twilio's CallStatus → (our event, ended without an answer)
_TWILIO_STATUS = {
    "ringing": ("ringing", False),
    "in-progress": ("answered", False),
    "answered": ("answered", False),
    "completed": ("ended", False),
    "busy": ("ended", True),
    "no-answer": ("ended", True),
    "failed": ("ended", True),
    "canceled": ("ended", True),
}


class BadEvent(ValueError):
    pass


class IgnoredEvent(Exception):
    """A well-formed event we have nothing to do with (a call queued, or dialling out)."""


def verify(
    *,
    secret: str,
    timestamp: str | None,
    signature: str | None,
    body: bytes,
    now: dt.datetime | None = None,
) -> str:
    """goodwill.http.webhook_verify with this channel's window and setting."""
    return webhook_verify(
        secret=secret,
        timestamp=timestamp,
        signature=signature,
        body=body,
        max_age=MAX_AGE,
        unconfigured="the phone webhook is not configured (GOODWILL_PHONE_WEBHOOK_SECRET)",
        now=now,
    )


def _direction(raw: str) -> str:
    return Call.Direction.OUTBOUND if raw.lower().startswith("outbound") else Call.Direction.INBOUND


def _duration(raw: object) -> int | None:
    if raw is None or raw == "":
        return None
    try:
        value = int(float(str(raw)))
    except (ValueError, OverflowError):  # "abc", or JSON's Infinity
        raise BadEvent(f"duration {raw!r} is not a number") from None
    if value < 0 or value > 7 * 24 * 3600:
        raise BadEvent(f"duration {raw!r} is out of range")
    return value


def _text(data: Mapping[str, Any], name: str, limit: int) -> str:
    value = data.get(name)
    text = "" if value is None else str(value)
    if "\x00" in text:  # no database stores it (PostgreSQL refuses it outright)
        raise BadEvent(f"{name} contains a NUL character")
    return text.strip()[:limit]


def _required(data: Mapping[str, Any], name: str) -> str:
    if not isinstance(data.get(name), str) or not _text(data, name, 128):
        raise BadEvent(f"{name} is missing")
    return _text(data, name, 128)


def event_from_json(body: bytes) -> CallEvent:
    """{"event": "ringing|answered|ended", "call_id", "from", "to", "agent", "at",
    "duration_seconds", "direction"?}"""
    try:
        data = json.loads(body)
    except ValueError:
        raise BadEvent("the body is not JSON") from None
    if not isinstance(data, dict):
        raise BadEvent("the body is not a JSON object")
    kind = data.get("event")
    if kind not in _GENERIC_KINDS:
        raise BadEvent(f"event must be one of {sorted(_GENERIC_KINDS)}")
    at = None
    if data.get("at"):
        try:
            at = parse_datetime(data["at"]) if isinstance(data["at"], str) else None
        except ValueError:  # well formed, but no such day or hour ("2026-02-30")
            at = None
        if at is None or at.tzinfo is None:
            raise BadEvent("at must be an ISO time with its offset")
    return CallEvent(
        provider="generic",
        call_id=_required(data, "call_id"),
        kind=kind,
        from_number=_required(data, "from"),
        to_number=_text(data, "to", 40),
        direction=_direction(_text(data, "direction", 20)),
        agent=_text(data, "agent", 150),
        at=at,
        duration_seconds=_duration(data.get("duration_seconds")),
    )


def event_from_twilio(form: Mapping[str, str]) -> CallEvent:
    """Twilio's status callback fields: CallSid, From, To, CallStatus, CallDuration, Direction,
    Timestamp (RFC 2822); `Agent` is ours, added to the callback by the call flow."""
    status = (form.get("CallStatus") or "").lower()
    if status in ("queued", "initiated"):
        raise IgnoredEvent(status)
    if status not in _TWILIO_STATUS:
        raise BadEvent(f"CallStatus {status!r} is not one we act on")
    kind, unanswered = _TWILIO_STATUS[status]
    at = None
    if form.get("Timestamp"):
        try:
            at = email.utils.parsedate_to_datetime(form["Timestamp"])
        except (TypeError, ValueError):
            raise BadEvent("Timestamp is not an RFC 2822 date") from None
        if at.tzinfo is None:
            raise BadEvent("Timestamp has no offset")
    return CallEvent(
        provider="twilio",
        call_id=_required(form, "CallSid"),
        kind=kind,
        from_number=_required(form, "From"),
        to_number=_text(form, "To", 40),
        direction=_direction(_text(form, "Direction", 20)),
        agent=_text(form, "Agent", 150),
        at=at,
        duration_seconds=_duration(form.get("CallDuration")),
        unanswered=unanswered,
    )
