"""The client portal's writes: private links (issued, sent, asked for, revoked), the client's
reply through the one intake, and their own preferences.

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
from goodwill.intake.services import Inbound, Intake, Thread, intake_receive
from goodwill.organisation.models import User
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
