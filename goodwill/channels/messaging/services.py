"""Writes of the messaging channel (SMS and WhatsApp): a client's text into the one intake, our
text to the client through the outbox, and the provider's receipts.

The channel only parses: who the client is, which case, who is told and what is acknowledged is
decided by `intake.services.intake_receive`, as for a call or an e-mail."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from goodwill.cases.models import Case
from goodwill.cases.services import case_answered
from goodwill.channels.messaging import keywords, selectors
from goodwill.channels.messaging.models import InboundText
from goodwill.channels.messaging.webhook import Receipt, TextIn
from goodwill.channels.outbox.defaults import DEFAULT_TEMPLATES
from goodwill.channels.outbox.headers import SUBJECT_MAX, header_text
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import (
    outbound_queue,
    outbound_receipt,
    outbound_send_before_extend,
    texts_stopped_reason,
    whatsapp_window_reason,
)
from goodwill.channels.outbox.templates import (
    TemplateError,
    case_context,
    render_message,
    template_variables,
)
from goodwill.clients.services import ensure_visible
from goodwill.intake.services import Inbound, intake_receive, intake_text_instruction
from goodwill.organisation.models import User

log = logging.getLogger(__name__)

# The longest text we send: a concatenated SMS of ten parts; WhatsApp's own limit is 4,096.
BODY_LIMIT = {"sms": 1600, "whatsapp": 4096}


def _media_note(media: tuple[str, ...]) -> str:
    if not media:
        return ""
    return ngettext(
        "The client sent %(n)s attachment (%(types)s). It stays with the provider: Goodwill does "
        "not fetch it.",
        "The client sent %(n)s attachments (%(types)s). They stay with the provider: Goodwill "
        "does not fetch them.",
        len(media),
    ) % {"n": len(media), "types": ", ".join(media)}


@transaction.atomic
def text_receive(*, text: TextIn, at: dt.datetime | None = None) -> InboundText | None:
    """File one text message from a client, exactly once; None when it was filed already.

    The message's row is written first, in the same transaction as what the intake does with
    it: the provider's retry, a replayed request or two deliveries racing each other hit the
    unique MessageSid and change nothing. The number is the one the provider vouches for (like
    a call's), so it finds the client by their phone number; a stranger becomes a new client.
    Attached media are recorded by type and never fetched (their URLs are the provider's, and
    fetching what a stranger points at is no job for the web process).

    A message that is only an opt-out word (STOP, ARRÊT…) or an opt-in word (START…: keywords)
    is the client's instruction about the channel, for `intake.services.
    intake_text_instruction`: it opens no case and is no chaser; its row here keeps it (with
    the client it stopped, or none for a stranger) and the client's timeline says what changed.
    A WhatsApp message reopens the 24-hour window, so the free texts to the client still waiting
    in the outbox may leave until its new end."""
    at = at or timezone.now()
    try:
        with transaction.atomic():
            row = InboundText.objects.create(
                provider_sid=text.sid,
                channel=text.channel,
                from_number=text.number,
                to_number=text.to,
                body=text.body,
                media=list(text.media),
                received_at=at,
            )
    except IntegrityError:
        return None
    said = keywords.instruction(text.body) if not text.media else ""
    if said:
        instructed = intake_text_instruction(
            inbound=Inbound(
                channel=text.channel,
                at=at,
                phone=text.number,
                text=text.body,
                own_words=text.body,
                payload={"provider_sid": text.sid, "number": text.number},
            ),
            stop=said == keywords.STOP,
        )
        if instructed is not None:
            row.client, row.entry = instructed.client, instructed.entry
            row.save(update_fields=["client", "entry"])
            _window_reopened(row)
            return row
    note = _media_note(text.media)
    words = text.body or ("" if note else _("(The message had no text.)"))
    done = intake_receive(
        inbound=Inbound(
            channel=text.channel,
            at=at,
            phone=text.number,
            text="\n\n".join(part for part in (words, note) if part),
            own_words=text.body,
            payload={
                "provider_sid": text.sid,
                "number": text.number,
                **({"media": list(text.media)} if text.media else {}),
            },
        )
    )
    row.client, row.case, row.entry = done.client, done.case, done.entry
    row.save(update_fields=["client", "case", "entry"])
    _window_reopened(row)
    return row


def _window_reopened(row: InboundText) -> None:
    if row.channel == "whatsapp" and row.client is not None:
        outbound_send_before_extend(
            client=row.client,
            channel="whatsapp",
            until=row.received_at + selectors.WHATSAPP_WINDOW,
        )


def text_receipt(*, receipt: Receipt, at: dt.datetime | None = None) -> OutboundMessage | None:
    """Record the provider's status callback on the message it names (outbox.services.
    outbound_receipt: only forward, failures told to the case owner once); None when no message
    carries its id yet: the receipt is kept until one does (it came before the id was saved)."""
    return outbound_receipt(
        provider_id=receipt.sid, receipt=receipt.receipt, error=receipt.error, at=at
    )


def _numbered(
    template: str, language: str, order: tuple[str, ...], context: dict[str, Any]
) -> dict[str, str] | None:
    """The values of an approved template's numbered variables ({"1": "Herr Lefèvre", …}):
    the placeholders `order` names (GOODWILL_WHATSAPP_CONTENT_SIDS), else those of the
    built-in words in the order they first appear there. Never from the words a manager may
    edit: the provider's text is fixed, and a reordered edit must not put the advisor's name
    where the client's goes. None: no order is known. An empty value is a dash (the provider
    refuses an empty variable)."""
    names = list(order)
    if not names:
        builtin = DEFAULT_TEMPLATES.get((template, language))
        if builtin is None:
            return None
        try:
            names = template_variables(builtin[1], name=template)
        except TemplateError:
            return None
    return {
        str(number): str(context.get(name) or "").strip() or "-"
        for number, name in enumerate(names, start=1)
    }


@transaction.atomic
def text_send(
    *,
    actor: User | None,
    case: Case,
    channel: str,
    body: str = "",
    template: str = "",
    key: str = "",
    now: dt.datetime | None = None,
) -> OutboundMessage:
    """A text message to the client from the case page, queued in the outbox (the worker sends
    it through the provider; never inside the request).

    Free text, or one of the approved WhatsApp templates in the client's language. WhatsApp lets
    a business write freely only within 24 hours of the client's last WhatsApp message; outside
    that window only an approved template may go, and free text is refused here, whoever asks.
    An approved template goes only in a language it is approved in: never English instead.
    Nothing goes on a channel where the client texted STOP. Free WhatsApp text carries the end
    of the window, and both rules are checked again when the worker sends it (outbox.services.
    text_refusal): a STOP or the window's end meanwhile refuses it then.
    `key` (the form's nonce) makes a double-submitted form one message."""
    ensure_visible(actor=actor, client=case.client)
    now = now or timezone.now()
    client = case.client
    errors: dict[str, list[str]] = {}
    send_before = None
    content_sid, variables = "", None
    if channel not in selectors.channels_enabled():
        raise ValidationError({"channel": [_("This channel is not set up.")]})
    number = selectors.client_mobile(client=client, channel=channel)
    stopped = selectors.texts_stopped_at(client=client, channel=channel)
    if stopped is not None:
        errors["channel"] = [texts_stopped_reason(channel=channel, since=stopped)]
    elif not number:
        errors["channel"] = [_("The client has no mobile number: add one first.")]
    language = selectors.case_language(case)
    text = body.replace("\r\n", "\n").strip()
    if template:
        if template not in selectors.approved_templates(language=language):
            errors["template"] = [_("This template is not approved in the client's language.")]
        elif text:
            errors["body"] = [_("Send either your own words or a template, not both.")]
        else:
            context = case_context(case=case, language=language)
            text = render_message(name=template, language=language, context=context)[1].strip()
            approved = settings.GOODWILL_WHATSAPP_CONTENT_SIDS.get((template, language))
            if channel == "whatsapp" and approved is not None:
                content_sid = approved.sid
                variables = _numbered(template, language, approved.variables, context)
                if variables is None:
                    errors["template"] = [
                        _(
                            "This template has the provider's id but not the order of its "
                            "variables: add it to GOODWILL_WHATSAPP_CONTENT_SIDS."
                        )
                    ]
    elif not text:
        errors["body"] = [_("The message is empty.")]
    elif channel == "whatsapp":
        # Free text may leave only within the window: the outbox checks again when it leaves.
        send_before = selectors.whatsapp_window_until(client=client, now=now)
        if send_before is None:
            errors["body"] = [whatsapp_window_reason()]
    if len(text) > BODY_LIMIT.get(channel, 1600):
        errors["body"] = [
            _("Keep it under %(n)s characters.") % {"n": BODY_LIMIT.get(channel, 1600)}
        ]
    if errors:
        raise ValidationError(errors)
    assert number is not None
    with translation.override(language):
        label = Case.Channel(channel).label
    first_line = text.splitlines()[0] if text else ""
    message = outbound_queue(
        key=f"text:{case.pk}:{key or uuid.uuid4().hex}",
        purpose=OutboundMessage.Purpose.REPLY,
        reason=OutboundMessage.Reason.STAFF_REPLY,
        channel=channel,
        to_address=number,
        to_name=client.name,
        subject=header_text(f"{label}: {first_line}", limit=SUBJECT_MAX),
        body_text=text + "\n",
        language=language,
        client=client,
        case=case,
        actor=actor,
        at=now,
        send_before=send_before,
        provider_template=content_sid if variables is not None else "",
        provider_variables=variables,
    )
    case_answered(actor=actor, case=case, at=now)
    return message
