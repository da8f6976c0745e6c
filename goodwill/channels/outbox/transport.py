"""How a message leaves Goodwill: one `Transport` per way out, each with `send(message)`.

`send` returns when the message is accepted, or raises `TemporaryError` (try again later:
connection refused, a 4xx reply) or `PermanentError` (it will never work: a 5xx reply, an
impossible address). Delivery (channels.outbox.services.outbound_deliver) turns these into
retries with backoff or a failure shown on the case.

`transport_for_settings()` picks the transport of each message by its channel. E-mail, from
GOODWILL_SMTP_URL: empty or `capture:` gives the capture transport, which sends nothing and leaves
every message readable in the outbox page (the demo); `smtp://…` gives
channels.outbox.smtp.SmtpTransport. Text messages (sms, whatsapp), from
GOODWILL_MESSAGING_API_URL: empty captures them likewise; else channels.outbox.texting's
ProviderTransport posts them to the provider's HTTP API.
"""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses

from django.conf import settings

from goodwill.channels.outbox.headers import SUBJECT_MAX, header_text, mail_address, message_ids
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.languages import html_lang, is_rtl


class TransportError(Exception):
    """A message could not be handed over; `str(error)` says why, for the outbox and the case."""


class TemporaryError(TransportError):
    """Worth trying again later."""


class PermanentError(TransportError):
    """Trying again will not help."""


# The channels a message goes out on as a text through the messaging provider.
TEXT_CHANNELS = frozenset({"sms", "whatsapp"})


class Transport:
    name = "base"

    def send(self, message: OutboundMessage) -> str | None:
        """Hand the message over; returns the provider's id for it when it gives one (a text's
        MessageSid, which its receipts name), else None."""
        raise NotImplementedError

    def pick(self, message: OutboundMessage) -> Transport:
        """The transport that carries `message` (itself, unless it routes by channel)."""
        return self


class CaptureTransport(Transport):
    """Sends nothing: the message is marked sent by "capture" and stays readable in the outbox."""

    name = "capture"

    def send(self, message: OutboundMessage) -> str | None:
        if message.channel in TEXT_CHANNELS:
            return None  # no e-mail to build: the number was checked when it was queued
        build_email(message)  # an address that could never be sent fails here too, as it would live
        return None


class ByChannel(Transport):
    """E-mail one way, text messages the other."""

    name = "by-channel"

    def __init__(self, *, mail: Transport, text: Transport) -> None:
        self.mail, self.text = mail, text

    def send(self, message: OutboundMessage) -> str | None:
        return self.pick(message).send(message)

    def pick(self, message: OutboundMessage) -> Transport:
        return self.text if message.channel in TEXT_CHANNELS else self.mail


def transport_for_settings() -> Transport:
    url = settings.GOODWILL_SMTP_URL
    mail: Transport
    if url in {"", "capture:"}:
        mail = CaptureTransport()
    else:
        from goodwill.channels.outbox.smtp import SmtpTransport

        mail = SmtpTransport(url, timeout=settings.GOODWILL_SMTP_TIMEOUT)
    text: Transport = CaptureTransport()
    if settings.GOODWILL_MESSAGING_API_URL:
        from goodwill.channels.outbox.texting import ProviderTransport

        text = ProviderTransport.from_settings()
    return ByChannel(mail=mail, text=text)


def sender_address() -> Address:
    """GOODWILL_MAIL_FROM as an Address ("Aurelis Client Care <care@…>")."""
    [(name, addr)] = getaddresses([settings.GOODWILL_MAIL_FROM]) or [("", "")]
    username, _, domain = addr.partition("@")
    return Address(display_name=name, username=username, domain=domain)


def build_email(message: OutboundMessage) -> EmailMessage:
    """The RFC 5322 message the client receives. Built from the row alone, so every attempt
    (and the outbox page) produces the same message with the same Message-ID and Date.

    Every value from a row reaches its header through channels.outbox.headers (one line, no
    control character, no encoded word left to decode): whatever a stranger typed as their
    name, it cannot add a header or a body, on any interpreter.

    Anything Goodwill writes by itself (notifications, acknowledgements, e-mails to staff) says
    `Auto-Submitted: auto-generated` (RFC 3834) so autoresponders do not answer it; a reply
    written by a person does not."""
    mail = EmailMessage()
    mail["From"] = sender_address()  # a bad GOODWILL_MAIL_FROM is our fault, not the message's
    try:
        mail["To"] = mail_address(message.to_address, name=message.to_name)
    except (ValueError, TypeError, IndexError) as error:
        raise PermanentError(f"Cannot address this message: {error}") from error
    mail["Subject"] = header_text(message.subject, limit=SUBJECT_MAX)
    mail["Date"] = format_datetime(message.created_at)
    mail["Message-ID"] = message.message_id
    if in_reply_to := message_ids(message.in_reply_to):
        mail["In-Reply-To"] = in_reply_to
    if references := message_ids(message.references):
        mail["References"] = references
    if message.purpose != OutboundMessage.Purpose.REPLY:
        mail["Auto-Submitted"] = "auto-generated"
    if message.case is not None:
        # Lets the inbound side find the case even when a client's mailer drops In-Reply-To.
        mail["X-Goodwill-Case"] = message.case.reference
    if message.language:
        mail["Content-Language"] = header_text(html_lang(message.language), limit=35)
    mail.set_content(message.body_text)
    if message.body_html:
        html = message.body_html
        if is_rtl(message.language):
            # Plain text takes its direction from its letters; HTML must be told (Arabic).
            html = f'<div dir="rtl" lang="{html_lang(message.language)}">{html}</div>'
        mail.add_alternative(html, subtype="html")
    return mail
