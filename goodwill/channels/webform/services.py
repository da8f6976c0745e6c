"""The web contact form's write path: a message typed on the brand's website.

The form only parses and guards (fields, honeypot and rate limits); who the client is, which
case, who owns it, what is recorded, the acknowledgement and who is told are the one intake's
rules (goodwill/intake/services.py), the same as for an e-mail or a call. The client is matched
by the typed e-mail only: the acknowledgement goes to that address, so matching by phone would
tell a stranger another client's advisor and case. The form's language is the client's choice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from goodwill.cases.models import Case
from goodwill.channels.webform.models import Submission
from goodwill.clients import normalize
from goodwill.intake.services import Inbound, NoOwner, intake_receive

WINDOW = dt.timedelta(hours=1)


class RateLimited(Exception):
    """Too many messages from this address or this connection in the last hour."""


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    message: str
    language: str
    phone: str = ""
    product: str = ""


def ip_hash(ip: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()


def _clean(contact: Contact) -> tuple[str, str]:
    """(normalised e-mail, E.164 phone or ""), or ValidationError per field."""
    errors: dict[str, list[str]] = {}
    email = phone = ""
    if not contact.name.strip():
        errors["name"] = [_("Tell us your name.")]
    try:
        email = normalize.email_normalized(contact.email)
    except ValidationError:
        errors["email"] = [_("This is not an e-mail address we can answer to.")]
    if contact.phone.strip():
        try:
            phone = normalize.phone_e164(contact.phone, settings.GOODWILL_DEFAULT_COUNTRY)
        except ValidationError:
            errors["phone"] = [_("This is not a phone number; leave it empty if you prefer.")]
    if not contact.message.strip():
        errors["message"] = [_("Write your message.")]
    if contact.language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Unknown language.")]
    if errors:
        raise ValidationError(errors)
    return email, phone


def _check_rate(*, email: str, ip: str, at: dt.datetime) -> None:
    since = at - WINDOW
    recent = Submission.objects.filter(created_at__gt=since)
    if recent.filter(ip_hash=ip_hash(ip)).count() >= settings.GOODWILL_WEBFORM_PER_IP_HOUR:
        raise RateLimited
    if recent.filter(email_normalized=email).count() >= settings.GOODWILL_WEBFORM_PER_EMAIL_HOUR:
        raise RateLimited


@transaction.atomic
def webform_submit(
    *, contact: Contact, ip: str, embedded: bool = False, at: dt.datetime | None = None
) -> Submission:
    """Take one message from the contact form through the intake. Raises ValidationError per
    field, or RateLimited (nothing is written then)."""
    at = at or timezone.now()
    email, phone = _clean(contact)
    _check_rate(email=email, ip=ip, at=at)
    message = contact.message.strip()
    details = [
        line
        for line in (
            contact.phone.strip() and f"{_('Phone')}: {contact.phone.strip()}",
            contact.product.strip() and f"{_('Product')}: {contact.product.strip()}",
        )
        if line
    ]
    inbound = Inbound(
        channel=Case.Channel.WEB,
        at=at,
        address=email,
        phone=phone,
        name=contact.name.strip()[:200],
        # The form has no subject: none is made up from the message, which would then show
        # twice on the timeline (as the entry's line and again as its text).
        own_words=message,
        text="\n".join([message, *(["", *details] if details else [])]),
        language=contact.language,
        product=contact.product.strip()[:100],
        payload={
            "name": contact.name.strip()[:200],
            "phone": phone,
            "product": contact.product.strip()[:100],
        },
    )
    try:
        done = intake_receive(inbound=inbound)
    except NoOwner as error:
        raise ValidationError(
            _("The contact form is not open yet: no site receives messages.")
        ) from error
    submission = Submission.objects.create(
        name=contact.name.strip()[:200],
        email=contact.email.strip()[:254],
        phone=contact.phone.strip()[:40],
        product=contact.product.strip()[:100],
        message=message,
        language=contact.language,
        ip_hash=ip_hash(ip),
        email_normalized=email,
        embedded=embedded,
        created_at=at,
        client=done.client,
        case=done.case,
        new_client=done.new_client,
        new_case=done.new_case,
    )
    submission.acknowledged = (
        done.acknowledgement is not None
        and done.acknowledgement.status != done.acknowledgement.Status.SUPPRESSED
    )
    # The entry names its submission, for staff reading the raw form.
    done.entry.payload["webform_id"] = submission.pk
    done.entry.save(update_fields=["payload"])
    return submission
