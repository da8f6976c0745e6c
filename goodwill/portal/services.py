"""The client portal's writes: private links (issued, sent, asked for, revoked), the client's
reply through the one intake, their own preferences, and their appointments (booked, moved and
cancelled through the appointments services, the same ones /book/<token>/ calls).

A link is 256 random bits (`secrets.token_urlsafe(32)`) of which only the SHA-256 is kept; it
is bound to one client, works for GOODWILL_PORTAL_LINK_DAYS and can be revoked. Anyone may ask
for a link with an e-mail address: the answer is the same whether or not a client has it (the
link only ever goes to that address), and asking is rate-limited per address and per connection
with the contact form's limits, shared by every process (channels.webform.limits)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from goodwill.appointments.models import Booking, Kind, Slot
from goodwill.appointments.services import booking_cancel, booking_make, booking_move
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import outbound_queue
from goodwill.channels.outbox.templates import (
    client_context,
    render_message,
    template_language,
)
from goodwill.channels.webform import limits
from goodwill.clients import normalize
from goodwill.clients.models import Client, ContactPoint
from goodwill.clients.selectors import client_email
from goodwill.clients.services import ensure_visible
from goodwill.documents.models import Document
from goodwill.documents.services import document_store
from goodwill.intake.services import Inbound, Intake, Thread, intake_receive
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.models import Site, User
from goodwill.portal.models import PortalLink
from goodwill.portal.selectors import token_hash

log = logging.getLogger("goodwill.portal")

REPLY_MAX = 5000


def _hashed(value: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:portal:{value}".encode()).hexdigest()


@transaction.atomic
def portal_link_issue(
    *, client: Client, actor: User | None, at: dt.datetime | None = None
) -> PortalLink:
    """A new private link to `client`'s portal; its raw token is on `issued_token`, once. Staff
    must see the client; the client asking for it themselves (or support's CLI) has no actor."""
    if actor is not None:
        ensure_visible(actor=actor, client=client)
    at = at or timezone.now()
    token = secrets.token_urlsafe(32)
    link = PortalLink.objects.create(
        client=client,
        token_hash=token_hash(token),
        created_by=actor,
        created_at=at,
        expires_at=at + dt.timedelta(days=settings.GOODWILL_PORTAL_LINK_DAYS),
    )
    link.issued_token = token
    return link


def portal_link_url(link: PortalLink) -> str:
    """The address to open, right after `portal_link_issue` (the token is not kept)."""
    assert link.issued_token, "only a link just issued carries its token"
    return settings.GOODWILL_PUBLIC_URL + reverse("portal-open", args=[link.issued_token])


@transaction.atomic
def portal_link_send(
    *, client: Client, actor: User | None, at: dt.datetime | None = None, address: str = ""
) -> PortalLink:
    """Issue a link and e-mail it to the client's own address (`address`, else their primary
    one), in their language through the outbox (the `portal_link` template). A client without an
    e-mail address cannot be sent one: ValidationError."""
    at = at or timezone.now()
    to = address or client_email(client=client) or ""
    if not to:
        raise ValidationError(_("This client has no e-mail address to send the link to."))
    link = portal_link_issue(client=client, actor=actor, at=at)
    # Wholly English (recorded) when the brand has no portal_link template in their language.
    language = template_language(name="portal_link", language=client.language)
    with translation.override(language):
        valid_until = formats.date_format(timezone.localtime(link.expires_at), "DATE_FORMAT")
    subject, body = render_message(
        name="portal_link",
        language=language,
        context=client_context(
            client=client, language=language, link=portal_link_url(link), valid_until=valid_until
        ),
    )
    outbound_queue(
        key=f"portal_link:{link.pk}",
        purpose=OutboundMessage.Purpose.NOTIFICATION,
        reason=OutboundMessage.Reason.PORTAL_LINK,
        to_address=to,
        to_name=client.name,
        subject=subject,
        body_text=body,
        language=language,
        client=client,
        actor=actor,
        at=at,
    )
    return link


def portal_link_request(*, email: str, ip: str, at: dt.datetime | None = None) -> int:
    """Someone asks for a link with an e-mail address. Each client with that address gets one,
    sent to it; an unknown address gets nothing, and the caller says the same either way.
    Over the hourly limits (per address, per connection) nothing is sent either. Returns how
    many links were sent, for tests and logs only: never show it."""
    at = at or timezone.now()
    try:
        address = normalize.email_normalized(email)
    except ValidationError:
        return 0
    # Both counted, always: whoever keeps asking stays limited.
    by_ip = limits.hit(bucket=f"portal:ip:{_hashed(ip)}", at=at)
    by_email = limits.hit(bucket=f"portal:email:{_hashed(address)}", at=at)
    if (
        by_ip > settings.GOODWILL_PORTAL_LINK_PER_IP_HOUR
        or by_email > settings.GOODWILL_PORTAL_LINK_PER_EMAIL_HOUR
    ):
        log.info("portal link request over the hourly limits")
        return 0
    clients = Client.objects.filter(
        contact_points__kind=ContactPoint.Kind.EMAIL, contact_points__normalized=address
    ).distinct()[:5]
    sent = 0
    for client in clients:
        portal_link_send(client=client, actor=None, at=at, address=address)
        sent += 1
    return sent


@transaction.atomic
def portal_links_revoke(
    *, client: Client, actor: User | None, at: dt.datetime | None = None
) -> int:
    """End every live link of the client (a lost phone, a shared e-mail): their portal sessions
    end at their next request. Returns how many were revoked."""
    if actor is not None:
        ensure_visible(actor=actor, client=client)
    at = at or timezone.now()
    return PortalLink.objects.filter(client=client, revoked_at__isnull=True).update(revoked_at=at)


def portal_link_used(*, link: PortalLink, at: dt.datetime | None = None) -> None:
    """When the link was last opened, for staff and support."""
    at = at or timezone.now()
    PortalLink.objects.filter(pk=link.pk).update(last_used_at=at)
    link.last_used_at = at


@transaction.atomic
def portal_reply(*, client: Client, case: Case, text: str, at: dt.datetime | None = None) -> Intake:
    """The client writes on their case from the portal. It goes through the one intake as any
    message does (recorded as theirs, signals read, the chaser rule, the owner told, a closed
    case reopened), on this case: the portal session proves who they are, as our thread token
    does for an e-mail. Raises ValidationError for an empty or overlong message."""
    if case.client_id != client.pk:
        raise ValidationError(_("This is not your request."))
    text = text.strip()
    if not text:
        raise ValidationError({"text": [_("Write your message.")]})
    if len(text) > REPLY_MAX:
        raise ValidationError(
            {"text": [_("Please keep it under %(max)s characters.") % {"max": REPLY_MAX}]}
        )
    at = at or timezone.now()
    case.client = client
    inbound = Inbound(
        channel=Case.Channel.WEB,
        at=at,
        address=client_email(client=client) or "",
        name=client.name,
        own_words=text,
        text=text,
        # Detected from their words, as for an e-mail: the portal's language is a setting, not
        # evidence of the language they write in.
        payload={"portal": True},
    )
    return intake_receive(inbound=inbound, thread=Thread(case=case, how="portal", sender=client))


# --- Appointments -------------------------------------------------------------------------------


def _offered_slot(*, slot_id: int | None, site_id: int, kind: str) -> Slot:
    """The slot the client chose, if it is one this page offers (the site and kind): any other
    id, a stranger's site or a made-up number, is refused in words, never a 500."""
    slot = Slot.objects.filter(pk=slot_id or 0, site_id=site_id, kind=kind).first()
    if slot is None:
        raise ValidationError({"slot": _("This time is not offered here: choose another one.")})
    return slot


def portal_book(
    *,
    client: Client,
    site: Site,
    kind: str,
    slot_id: int | None,
    case: Case | None = None,
    at: dt.datetime | None = None,
) -> Booking:
    """The client books a `kind` appointment at `site` (one the portal offers them: their own
    site or an open case's) in the slot they chose, on `case` when they book from it. A full or
    taken-away slot is refused by `booking_make` with the reason."""
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose a kind of appointment.")})
    if case is not None and case.client_id != client.pk:
        raise ValidationError({"case": _("This request is not yours.")})
    slot = _offered_slot(slot_id=slot_id, site_id=site.pk, kind=kind)
    return booking_make(client=client, slot=slot, case=case, at=at)


def portal_booking_move(
    *, client: Client, booking: Booking, slot_id: int | None, at: dt.datetime | None = None
) -> Booking:
    """The client moves their appointment to another open slot of the same site and kind."""
    if booking.client_id != client.pk:
        raise ValidationError({"slot": _("This appointment is not yours.")})
    slot = _offered_slot(slot_id=slot_id, site_id=booking.slot.site_id, kind=booking.slot.kind)
    return booking_move(booking=booking, slot=slot, at=at)


def portal_booking_cancel(
    *, client: Client, booking: Booking, at: dt.datetime | None = None
) -> Booking:
    """The client cancels their appointment; its place goes back to the slot."""
    if booking.client_id != client.pk:
        raise ValidationError({"slot": _("This appointment is not yours.")})
    if booking.status == Booking.Status.BOOKED and booking.slot.starts_at <= (at or timezone.now()):
        raise ValidationError({"slot": _("This appointment has already begun.")})
    return booking_cancel(booking=booking, at=at)


# Not one transaction: document_store commits the document on its own (its file written and
# fsynced before, outside any lock), and the owner is told once it is durably there.
def portal_document_upload(
    *, client: Client, case: Case | None, content: bytes, filename: str
) -> Document:
    """The client uploads a document from their portal, onto one of their cases or none: into the
    vault through its one entry point (documents.services.document_store: once by content,
    within its limits of size and type, virus-scanned when a scanner is set; its ValidationError
    on "file" says why not, in the client's language), on their story. Whoever looks after it is
    told: the case's owner, else the client's advisor, once per document."""
    if case is not None and case.client_id != client.pk:
        raise ValidationError(_("This is not your request."))
    document = document_store(
        client=client, case=case, content=content, filename=filename, source=Document.Source.PORTAL
    )
    recipient = (case.owner if case is not None else None) or client.advisor
    if recipient is not None:
        # Staff read it in their own language.
        with translation.override(recipient.language):
            title = _("%(client)s sent a document from their portal: %(name)s") % {
                "client": client.name,
                "name": document.filename,
            }
            body = case.reference if case is not None else ""
        notify(
            recipient=recipient,
            # A document sent is the client writing to us, as for the owner of their case.
            kind=Notification.Kind.MESSAGE_IN,
            title=title[:300],
            body=body,
            key=f"portal_document:{document.pk}",
            case=case,
            client=client,
        )
    return document
