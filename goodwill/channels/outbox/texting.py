"""Sending text messages (SMS, WhatsApp) through the provider's HTTP API, Twilio's dialect.

One form POST per message to `{GOODWILL_MESSAGING_API_URL}/Accounts/{sid}/Messages.json` with
HTTP Basic auth (the account SID and its auth token) and the fields `To`, `From`, `Body` and
`StatusCallback` (where the provider reports delivered, read, failed: channels.messaging). A
WhatsApp message goes `whatsapp:+…` to `whatsapp:+…`; an approved template that has the
provider's id (GOODWILL_WHATSAPP_CONTENT_SIDS) goes as `ContentSid` and `ContentVariables`
instead of `Body`.

The answer's `sid` is the provider's id for the message, which its receipts name. A 5xx answer,
a 429 or no answer at all is temporary (the outbox tries again with backoff); any other 4xx is
the provider refusing this message (a number it cannot reach, a WhatsApp text outside the 24-hour
window): permanent, with the provider's code and words. A refused login (401/403) is our
configuration, not the message: temporary, so it goes once the credentials are fixed.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from django.conf import settings

from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.transport import PermanentError, TemporaryError, Transport

# What the provider says of a refused message: enough for the case page, never a whole page.
_DETAIL_MAX = 300


class ProviderTransport(Transport):
    name = "messaging"

    def __init__(
        self,
        *,
        api_url: str,
        account_sid: str,
        auth_token: str,
        sms_from: str,
        whatsapp_from: str,
        status_callback: str = "",
        timeout: float = 15.0,
    ) -> None:
        self.url = f"{api_url.rstrip('/')}/Accounts/{urllib.parse.quote(account_sid)}/Messages.json"
        self.auth = base64.b64encode(f"{account_sid}:{auth_token}".encode()).decode()
        self.sms_from, self.whatsapp_from = sms_from, whatsapp_from
        self.status_callback, self.timeout = status_callback, timeout

    @classmethod
    def from_settings(cls) -> ProviderTransport:
        return cls(
            api_url=settings.GOODWILL_MESSAGING_API_URL,
            account_sid=settings.GOODWILL_MESSAGING_ACCOUNT_SID,
            auth_token=settings.GOODWILL_MESSAGING_AUTH_TOKEN,
            sms_from=settings.GOODWILL_MESSAGING_SMS_FROM,
            whatsapp_from=settings.GOODWILL_MESSAGING_WHATSAPP_FROM,
            status_callback=settings.GOODWILL_MESSAGING_STATUS_CALLBACK_URL,
            timeout=settings.GOODWILL_MESSAGING_TIMEOUT,
        )

    def form(self, message: OutboundMessage) -> dict[str, str]:
        """The fields posted for `message` (built from the row alone: every attempt is the same)."""
        to = message.to_address.strip()
        if message.channel == "whatsapp":
            sender, to = self.whatsapp_from, f"whatsapp:{to}"
            if not sender.startswith("whatsapp:"):
                sender = f"whatsapp:{sender}"
        else:
            sender = self.sms_from
        fields = {"To": to, "From": sender}
        if message.channel == "whatsapp" and message.provider_template:
            # An approved template by its id: the provider writes its own approved words.
            fields["ContentSid"] = message.provider_template
            fields["ContentVariables"] = json.dumps(message.provider_variables, ensure_ascii=False)
        else:
            fields["Body"] = message.body_text.strip()
        if self.status_callback:
            fields["StatusCallback"] = self.status_callback
        return fields

    def send(self, message: OutboundMessage) -> str | None:
        if message.channel == "whatsapp" and not self.whatsapp_from:
            raise TemporaryError(
                "No WhatsApp sender configured (GOODWILL_MESSAGING_WHATSAPP_FROM)."
            )
        if message.channel != "whatsapp" and not self.sms_from:
            raise TemporaryError("No SMS sender configured (GOODWILL_MESSAGING_SMS_FROM).")
        request = urllib.request.Request(  # noqa: S310 (an http(s) URL checked by settings)
            self.url,
            data=urllib.parse.urlencode(self.form(message)).encode(),
            headers={
                "Authorization": f"Basic {self.auth}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
            method="POST",
        )
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                answer = response.read(65536)
        except urllib.error.HTTPError as error:
            raise _refusal(error.code, error.read(65536)) from error
        except (OSError, ValueError) as error:  # refused, reset, timed out, a bad redirect
            raise TemporaryError(f"Cannot reach the messaging provider: {error}") from error
        try:
            sid = json.loads(answer).get("sid")
        except (ValueError, AttributeError):
            sid = None
        if not isinstance(sid, str) or not sid.strip():
            # Taken, but we cannot match its receipts: sending again would send it twice.
            return None
        return sid.strip()[:64]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is never followed: urllib would turn the POST into a GET (so an unsent text
    looks sent) and carry the account's credentials to wherever it points."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def _refusal(status: int, body: bytes) -> PermanentError | TemporaryError:
    detail = f"HTTP {status}"
    if 300 <= status < 400:
        return TemporaryError(
            f"The messaging provider's address answers with a redirect ({detail}): set "
            "GOODWILL_MESSAGING_API_URL to the address it points at"
        )
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if isinstance(data, dict):
        code, words = data.get("code"), data.get("message")
        detail = f"{detail}: {code or ''} {words or ''}".strip()
    detail = " ".join(detail.split())[:_DETAIL_MAX]
    if status in (401, 403):
        return TemporaryError(
            f"The messaging provider refused our credentials ({detail}): check "
            "GOODWILL_MESSAGING_ACCOUNT_SID and GOODWILL_MESSAGING_AUTH_TOKEN"
        )
    if status == 429 or status >= 500:
        return TemporaryError(f"The messaging provider is busy or down ({detail})")
    return PermanentError(f"The messaging provider refused the message ({detail})")
