"""Every write of quotes: staff draft a quote on a case, add the workshop's photos and videos,
and send it; the client approves or declines it from their portal; the sweep marks the ones
left past their last day as expired.

A decision is taken by one conditional UPDATE (still sent, not past its last day), so it is final
whatever the number of tabs or processes: approving twice, deciding an expired quote, or deciding
one already declined is refused with the reason, and changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import client_notice_queue
from goodwill.channels.outbox.templates import case_context, template_language
from goodwill.clients.models import Client
from goodwill.clients.selectors import client_email, client_time_zone
from goodwill.clients.services import ensure_visible
from goodwill.documents import reading
from goodwill.documents.models import Document
from goodwill.documents.services import document_store
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.models import User
from goodwill.quotes.models import Quote, QuoteMedia
from goodwill.timeline import services as timeline

MAX_AMOUNT = Decimal("10000000")
MAX_MEDIA = 20
MEDIA_TYPES = reading.IMAGE_TYPES | reading.VIDEO_TYPES


def client_today(*, client: Client, at: dt.datetime) -> dt.date:
    """The day it is for the client: a quote holds to the end of its last day where they live."""
    return timezone.localtime(at, ZoneInfo(client_time_zone(client=client))).date()


@transaction.atomic
def quote_create(
    *,
    actor: User,
    case: Case,
    title: str,
    work: str,
    amount: Decimal,
    currency: str,
    valid_until: dt.date,
    at: dt.datetime | None = None,
) -> Quote:
    """A draft quote on `case`: nothing is shown to the client until it is sent."""
    ensure_visible(actor=actor, client=case.client)
    at = at or timezone.now()
    errors: dict[str, str] = {}
    title = " ".join(title.split())
    if not title:
        errors["title"] = _("Say what work the quote is for.")
    if not Decimal(0) <= amount < MAX_AMOUNT:
        errors["amount"] = _("Give an amount from 0.")
    currency = currency.strip().upper()
    if len(currency) != 3 or not currency.isascii() or not currency.isalpha():
        errors["currency"] = _("A currency is three letters, like EUR.")
    if valid_until < client_today(client=case.client, at=at):
        errors["valid_until"] = _("The last day has already passed.")
    if errors:
        raise ValidationError(errors)
    quote = Quote.objects.create(
        case=case,
        client=case.client,
        title=title[:200],
        work=work.strip(),
        amount=amount,
        currency=currency,
        valid_until=valid_until,
        created_by=actor,
        created_at=at,
    )
    timeline.record_quote_drafted(quote=quote, actor=actor, at=at)
    return quote


@transaction.atomic
def quote_media_add(*, actor: User, quote: Quote, content: bytes, filename: str) -> QuoteMedia:
    """A photo or video of the workshop's joins a draft quote; the file is kept in the document
    vault (`document_store`, typed by its bytes). Anything but an image or a video is refused."""
    ensure_visible(actor=actor, client=quote.client)
    if quote.status != Quote.Status.DRAFT:
        raise ValidationError({"file": _("This quote was sent: its photos can no longer change.")})
    if QuoteMedia.objects.filter(quote=quote).count() >= MAX_MEDIA:
        raise ValidationError(
            {"file": _("At most %(max)s photos and videos.") % {"max": MAX_MEDIA}}
        )
    if reading.sniff(content) not in MEDIA_TYPES:
        raise ValidationError({"file": _("Only photos and videos (MP4, WebM, QuickTime).")})
    document = document_store(
        client=quote.client,
        case=quote.case,
        content=content,
        filename=filename,
        source=Document.Source.STAFF,
        actor=actor,
        videos=True,
    )
    media, _created = QuoteMedia.objects.get_or_create(
        quote=quote, document=document, defaults={"added_at": timezone.now()}
    )
    return media


def _amount_text(quote: Quote) -> str:
    number = formats.number_format(quote.amount, 2, use_l10n=True, force_grouping=True)
    return f"{number} {quote.currency}"


@transaction.atomic
def quote_send(
    *,
    actor: User,
    quote: Quote,
    link: str,
    link_expires: dt.datetime,
    at: dt.datetime | None = None,
) -> Quote:
    """Send a draft quote to the client: it shows in their portal, and they are e-mailed in their
    language (`quote_sent`) with `link`, a fresh private link to their portal that the caller
    issued (the portal is above this app). Sending twice changes nothing."""
    ensure_visible(actor=actor, client=quote.client)
    at = at or timezone.now()
    if quote.valid_until < client_today(client=quote.client, at=at):
        raise ValidationError(
            {"valid_until": _("The quote's last day has passed: draft a new one.")}
        )
    sent = Quote.objects.filter(pk=quote.pk, status=Quote.Status.DRAFT).update(
        status=Quote.Status.SENT, sent_at=at, sent_by=actor
    )
    if not sent:
        quote.refresh_from_db()
        return quote
    quote.status, quote.sent_at, quote.sent_by = Quote.Status.SENT, at, actor
    timeline.record_quote_sent(quote=quote, actor=actor, at=at)
    _tell_client(quote=quote, link=link, link_expires=link_expires, at=at)
    return quote


def _tell_client(*, quote: Quote, link: str, link_expires: dt.datetime, at: dt.datetime) -> None:
    case, client = quote.case, quote.client
    email = client_email(client=client)
    if email is None:
        return
    language = template_language(name="quote_sent", language=client.language or case.language)
    with translation.override(language), timezone.override(client_time_zone(client=client)):
        amount = _amount_text(quote)
        quote_until = formats.date_format(quote.valid_until, "DATE_FORMAT")
        valid_until = formats.date_format(timezone.localtime(link_expires), "DATE_FORMAT")
    client_notice_queue(
        name="quote_sent",
        language=language,
        context=case_context(
            case=case,
            language=language,
            work=quote.title,
            amount=amount,
            quote_until=quote_until,
            link=link,
            valid_until=valid_until,
        ),
        key=f"quote_sent:{quote.pk}",
        reason=OutboundMessage.Reason.QUOTE_SENT,
        client=client,
        to_address=email,
        case=case,
        actor=quote.sent_by,
        at=at,
    )


@transaction.atomic
def quote_decide(
    *,
    client: Client,
    quote: Quote,
    approve: bool,
    comment: str = "",
    at: dt.datetime | None = None,
) -> Quote:
    """The client approves or declines a sent quote (declining may say why). Final: a quote
    already decided, or past its last day, is refused with the reason and left as it is. The
    decision goes on the timeline and the case's owner is told."""
    if quote.client_id != client.pk:
        raise ValidationError({"quote": _("This quote is not yours.")})
    at = at or timezone.now()
    today = client_today(client=client, at=at)
    comment = comment.strip()[:2000]
    status = Quote.Status.APPROVED if approve else Quote.Status.DECLINED
    decided = Quote.objects.filter(
        pk=quote.pk, client=client, status=Quote.Status.SENT, valid_until__gte=today
    ).update(status=status, decided_at=at, client_comment=comment)
    if not decided:
        quote.refresh_from_db()
        raise ValidationError({"quote": _refusal(quote, today)})
    quote.status, quote.decided_at, quote.client_comment = status, at, comment
    timeline.record_quote_decided(quote=quote, actor=None, at=at)
    owner = quote.case.owner
    with translation.override(owner.language or None):
        title = (
            _("%(client)s approved the quote: %(work)s")
            if approve
            else _("%(client)s declined the quote: %(work)s")
        ) % {"client": client.name, "work": quote.title}
    notify(
        recipient=owner,
        kind=Notification.Kind.QUOTE_DECIDED,
        title=title,
        body=comment,
        key=f"quote_decided:{quote.pk}",
        case=quote.case,
        at=at,
    )
    return quote


def _refusal(quote: Quote, today: dt.date) -> str:
    """Why a decision is refused, in words the client reads."""
    if quote.status == Quote.Status.APPROVED:
        return _("You have already approved this quote.")
    if quote.status == Quote.Status.DECLINED:
        return _("You have already declined this quote.")
    if quote.status == Quote.Status.EXPIRED or quote.valid_until < today:
        return _("This quote expired on %(day)s: ask us for a new one.") % {
            "day": formats.date_format(quote.valid_until, "DATE_FORMAT")
        }
    return _("This quote cannot be decided on.")


def quotes_expire(*, at: dt.datetime) -> int:
    """Sent quotes whose last day is over everywhere (a day's margin for every time zone) are
    marked expired; the decision refuses them from the client's own midnight anyway."""
    return Quote.objects.filter(
        status=Quote.Status.SENT, valid_until__lt=(at - dt.timedelta(days=1)).date()
    ).update(status=Quote.Status.EXPIRED)
