"""Reading the messaging provider's two webhooks: a message in, and a status callback.

Two signatures are taken. Ours, as the phone channel's: HMAC-SHA256 with the shared secret
(GOODWILL_MESSAGING_WEBHOOK_SECRET) over `timestamp + "." + raw body`, hex, in
`X-Goodwill-Signature`; the Unix timestamp in `X-Goodwill-Timestamp`, at most five minutes off.
(goodwill.http.webhook_verify, the one check both channels use.) And Twilio's own, so Twilio can
call us with no relay in between:
`X-Twilio-Signature`, base64 HMAC-SHA1 with the account's auth token
(GOODWILL_MESSAGING_AUTH_TOKEN) over the URL Twilio called followed by every form field, sorted,
name then value. It carries no time: a replayed message is stopped by its unique MessageSid,
and a replayed status callback changes nothing (a receipt only moves forward).

Fields: Twilio's form fields (MessageSid, From, To, Body, NumMedia,
MediaContentType0…; MessageStatus, ErrorCode, ErrorMessage).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit

from goodwill.http import BadSignature as BadSignature
from goodwill.http import webhook_verify

TIMESTAMP_HEADER = "X-Goodwill-Timestamp"
SIGNATURE_HEADER = "X-Goodwill-Signature"
TWILIO_SIGNATURE_HEADER = "X-Twilio-Signature"
# Older requests are refused: a captured request cannot be replayed later.
MAX_AGE = dt.timedelta(minutes=5)

# Twilio's longest message (WhatsApp 4,096; a concatenated SMS 1,600): anything longer is not one.
BODY_MAX = 10_000
# Twilio sends at most ten media per message.
MEDIA_MAX = 10
_SID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_CONTENT_TYPE = re.compile(r"[A-Za-z0-9.+-]{1,40}/[A-Za-z0-9.+-]{1,80}")
_ERROR_CODE = re.compile(r"[0-9]{1,10}")

# Twilio's MessageStatus → our receipt (OutboundMessage.Receipt); the inbound ones are ignored.
STATUS = {
    "accepted": "queued",
    "scheduled": "queued",
    "queued": "queued",
    "sending": "queued",
    "sent": "sent",
    "delivered": "delivered",
    "read": "read",
    "failed": "failed",
    "undelivered": "undelivered",
    "canceled": "failed",
}
IGNORED_STATUS = frozenset({"receiving", "received"})

# What the provider's commonest error codes mean, for the case page (Twilio's numbering).
ERRORS = {
    "21211": "invalid 'To' number",
    "21610": "the client has unsubscribed (STOP)",
    "21614": "the number is not a mobile number",
    "30003": "unreachable handset",
    "30004": "message blocked",
    "30005": "unknown number",
    "30006": "landline or unreachable carrier",
    "30007": "filtered by the carrier",
    "30008": "unknown error",
    "63016": "outside WhatsApp's 24-hour window: only an approved template may be sent",
    "63024": "the recipient cannot receive WhatsApp messages",
}


class BadMessage(ValueError):
    pass


class IgnoredStatus(Exception):
    """A well-formed callback about a message coming in, not one we sent."""


@dataclasses.dataclass(frozen=True, kw_only=True)
class TextIn:
    """One message a client sent, as the provider's webhook said it."""

    sid: str
    channel: str  # "sms" or "whatsapp"
    number: str  # E.164
    to: str
    body: str
    media: tuple[str, ...] = ()  # content types


@dataclasses.dataclass(frozen=True, kw_only=True)
class Receipt:
    sid: str
    receipt: str  # OutboundMessage.Receipt
    error: str = ""  # "30003 unreachable handset"


def verify(
    *,
    secret: str,
    timestamp: str | None,
    signature: str | None,
    body: bytes,
    now: dt.datetime | None = None,
) -> None:
    """goodwill.http.webhook_verify with this channel's window and setting."""
    webhook_verify(
        secret=secret,
        timestamp=timestamp,
        signature=signature,
        body=body,
        max_age=MAX_AGE,
        unconfigured="the messaging webhook is not configured",
        now=now,
    )


def twilio_sign(*, token: str, url: str, fields: list[tuple[str, str]]) -> str:
    """Twilio's signature of a form POST: the URL, then each field name and value, sorted by
    name (and a repeated name's values sorted too)."""
    data = url + "".join(name + value for name, value in sorted(fields))
    return base64.b64encode(hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()).decode()


def _with_and_without_port(url: str) -> list[str]:
    """Twilio signs the URL as it was configured: with or without the scheme's own port."""
    parts = urlsplit(url)
    default = {"https": 443, "http": 80}.get(parts.scheme)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        return [url]
    if port is None and default is not None:
        other = urlunsplit(parts._replace(netloc=f"{host}:{default}"))
    elif port == default:
        other = urlunsplit(parts._replace(netloc=host))
    else:
        return [url]
    return [url, other]


def verify_twilio(
    *, token: str, url: str, fields: list[tuple[str, str]], signature: str | None
) -> None:
    """Raise BadSignature unless `signature` is Twilio's for this URL and these form fields.
    Without an auth token configured nothing is ever accepted."""
    if not token:
        raise BadSignature("Twilio's signature cannot be checked: no auth token is configured")
    if not signature:
        raise BadSignature("missing signature")
    given = signature.strip().encode()
    for candidate in _with_and_without_port(url):
        expected = twilio_sign(token=token, url=candidate, fields=fields).encode()
        if hmac.compare_digest(given, expected):
            return
    raise BadSignature("bad signature")


def _field(form: Mapping[str, str], name: str) -> str:
    value = form.get(name) or ""
    if "\x00" in value:  # no database stores it (PostgreSQL refuses it outright)
        raise BadMessage(f"{name} contains a NUL character")
    return value


def _sid(form: Mapping[str, str]) -> str:
    sid = _field(form, "MessageSid").strip()
    if not _SID.fullmatch(sid):
        raise BadMessage("MessageSid is missing or malformed")
    return sid


def text_in(form: Mapping[str, str]) -> TextIn:
    """A message in: From `+4917…` (SMS) or `whatsapp:+4917…`; its media are listed by their
    content types only (their URLs are never fetched)."""
    sid = _sid(form)
    sender = _field(form, "From").strip()
    channel = "sms"
    if sender.lower().startswith("whatsapp:"):
        channel, sender = "whatsapp", sender[len("whatsapp:") :].strip()
    if not _E164.fullmatch(sender):
        # A short code or a named sender is no client we could answer or recognise.
        raise BadMessage("From is not a phone number in E.164 (+ and digits)")
    body = _field(form, "Body")
    if len(body) > BODY_MAX:
        raise BadMessage(f"Body is longer than {BODY_MAX} characters")
    raw_count = _field(form, "NumMedia").strip() or "0"
    if not (raw_count.isascii() and raw_count.isdecimal()) or int(raw_count) > MEDIA_MAX:
        raise BadMessage(f"NumMedia must be a number from 0 to {MEDIA_MAX}")
    media = []
    for index in range(int(raw_count)):
        content_type = _field(form, f"MediaContentType{index}").strip().lower()
        media.append(content_type if _CONTENT_TYPE.fullmatch(content_type) else "unknown")
    return TextIn(
        sid=sid,
        channel=channel,
        number=sender,
        to=_field(form, "To").strip()[:40],
        body=body.replace("\r\n", "\n").strip(),
        media=tuple(media),
    )


def receipt(form: Mapping[str, str]) -> Receipt:
    """A status callback: MessageSid, MessageStatus, ErrorCode (and ErrorMessage)."""
    sid = _sid(form)
    status = _field(form, "MessageStatus").strip().lower() or _field(form, "SmsStatus").lower()
    if status in IGNORED_STATUS:
        raise IgnoredStatus(status)
    if status not in STATUS:
        raise BadMessage(f"MessageStatus {status[:40]!r} is not one we know")
    code = _field(form, "ErrorCode").strip()
    if code and not _ERROR_CODE.fullmatch(code):
        raise BadMessage("ErrorCode is not a number")
    error = ""
    if code:
        said = " ".join(_field(form, "ErrorMessage").split())[:200]
        error = f"{code} {ERRORS.get(code) or said or 'error'}".strip()
    return Receipt(sid=sid, receipt=STATUS[status], error=error)
