"""Reads of the messaging channel: the client's last text, their WhatsApp window, the number to
answer on, the approved templates, and the case page's text-message section."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.messaging.models import InboundText
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.templates import template_languages
from goodwill.clients.models import Client, ContactPoint
from goodwill.languages import client_language

# WhatsApp lets a business answer freely only this long after the client's last message.
WHATSAPP_WINDOW = dt.timedelta(hours=24)
CHANNELS = ("sms", "whatsapp")


def last_inbound(*, client: Client, channel: str | None = None) -> InboundText | None:
    """The client's latest text message (on `channel`, else on either); index
    inbound_text_client_latest."""
    texts = InboundText.objects.filter(client=client)
    if channel is not None:
        texts = texts.filter(channel=channel)
    else:
        texts = texts.filter(channel__in=CHANNELS)
    return texts.order_by("-received_at", "-id").first()


def whatsapp_window_until(*, client: Client, now: dt.datetime | None = None) -> dt.datetime | None:
    """Until when free text may be sent to the client on WhatsApp (24 hours after their last
    WhatsApp message), or None when the window is closed."""
    last = last_inbound(client=client, channel="whatsapp")
    if last is None:
        return None
    until = last.received_at + WHATSAPP_WINDOW
    return until if until > (now or timezone.now()) else None


def texts_stopped_at(*, client: Client, channel: str) -> dt.datetime | None:
    """When the client texted STOP on `channel`, else None (read afresh: the client in hand may
    be older than their STOP)."""
    if channel not in CHANNELS:
        return None
    stopped: dt.datetime | None = (
        Client.objects.filter(pk=client.pk).values_list(f"{channel}_stopped_at", flat=True).first()
    )
    return stopped


def client_mobile(*, client: Client, channel: str) -> str | None:
    """The number to text the client on: the one their last message on `channel` came from,
    else on the other, else their primary phone number on file (E.164)."""
    for wanted in (channel, None):
        last = last_inbound(client=client, channel=wanted)
        if last is not None:
            return last.from_number
    return (
        ContactPoint.objects.filter(client=client, kind=ContactPoint.Kind.PHONE)
        .order_by("-is_primary", "id")
        .values_list("normalized", flat=True)
        .first()
    )


def channels_enabled() -> list[str]:
    """The text channels staff may send on: both while texts are captured (no provider), else
    those with a sender number configured."""
    if not settings.GOODWILL_MESSAGING_API_URL:
        return list(CHANNELS)
    return [
        channel
        for channel, sender in (
            ("sms", settings.GOODWILL_MESSAGING_SMS_FROM),
            ("whatsapp", settings.GOODWILL_MESSAGING_WHATSAPP_FROM),
        )
        if sender
    ]


def approved_templates(*, language: str) -> list[str]:
    """The WhatsApp templates approved in `language` (GOODWILL_WHATSAPP_TEMPLATES) that the brand
    has words for in exactly that language: approval is per language, so never English instead."""
    language = client_language(language)
    return [
        name
        for name, languages in settings.GOODWILL_WHATSAPP_TEMPLATES.items()
        if (not languages or language in languages) and language in template_languages(name=name)
    ]


def case_language(case: Case) -> str:
    return client_language(case.language or case.client.language) or "en"


@dataclasses.dataclass(frozen=True)
class Panel:
    """What the case page's text-message section shows."""

    channels: list[str]
    preferred: str  # the channel of the client's last text, else "sms"
    numbers: dict[str, str]  # channel → number, where there is one
    window_until: dt.datetime | None
    stopped: dict[str, dt.datetime]  # channel → when the client texted STOP on it
    language: str
    templates: list[str]
    sent: list[OutboundMessage]


def texting_panel(*, case: Case, now: dt.datetime | None = None) -> Panel:
    client = case.client
    last = last_inbound(client=client)
    numbers = {
        channel: number
        for channel in CHANNELS
        if (number := client_mobile(client=client, channel=channel))
    }
    language = case_language(case)
    return Panel(
        channels=channels_enabled(),
        preferred=last.channel if last is not None else "sms",
        numbers=numbers,
        window_until=whatsapp_window_until(client=client, now=now),
        stopped={
            channel: stopped
            for channel in CHANNELS
            if (stopped := client.texts_stopped_at(channel)) is not None
        },
        language=language,
        templates=approved_templates(language=language),
        sent=list(
            OutboundMessage.objects.filter(case=case, channel__in=CHANNELS).order_by(
                "-created_at", "-id"
            )[:10]
        ),
    )
