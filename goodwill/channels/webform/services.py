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
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from goodwill.cases.models import Case
from goodwill.channels.webform import limits
from goodwill.channels.webform.models import Submission
from goodwill.clients import normalize
from goodwill.intake.services import Inbound, NoOwner, intake_receive
from goodwill.languages import client_languages
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import managers_for


class RateLimited(Exception):
    """Too many messages from this connection in the last hour, even to keep aside: a flood."""


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
    if contact.language not in client_languages():
        errors["language"] = [_("Unknown language.")]
    if errors:
        raise ValidationError(errors)
    return email, phone


def _over_limit(*, email: str, ip: str, at: dt.datetime) -> bool:
    """Count this message against its connection and its address (both, always: a sender who
    keeps posting stays limited) and say whether either is over its hourly limit."""
    by_ip = limits.hit(bucket=f"ip:{ip_hash(ip)}", at=at)
    by_email = limits.hit(bucket=f"email:{ip_hash(email)}", at=at)
    return (
        by_ip > settings.GOODWILL_WEBFORM_PER_IP_HOUR
        or by_email > settings.GOODWILL_WEBFORM_PER_EMAIL_HOUR
    )


@transaction.atomic
def webform_submit(
    *, contact: Contact, ip: str, embedded: bool = False, at: dt.datetime | None = None
) -> Submission:
    """Take one message from the contact form through the intake. Raises ValidationError per
    field.

    Over the hourly limits (per connection, per e-mail address: channels.webform.limits, shared
    by every process) the message is not lost: it is kept aside, `held`, for staff to pass on or
    discard at /contact/held/, and the managers are told once an hour per connection. Only a
    flood (GOODWILL_WEBFORM_HELD_PER_IP_HOUR held messages from one connection) is refused
    outright with RateLimited, keeping nothing."""
    at = at or timezone.now()
    email, _phone = _clean(contact)
    if _over_limit(email=email, ip=ip, at=at):
        return _hold(contact=contact, email=email, ip=ip, embedded=embedded, at=at)
    submission = _new_submission(contact=contact, email=email, ip=ip, embedded=embedded, at=at)
    _file(submission)
    return submission


def _new_submission(
    *, contact: Contact, email: str, ip: str, embedded: bool, at: dt.datetime, held: bool = False
) -> Submission:
    return Submission(
        name=contact.name.strip()[:200],
        email=contact.email.strip()[:254],
        phone=contact.phone.strip()[:40],
        product=contact.product.strip()[:100],
        message=contact.message.strip(),
        language=contact.language,
        ip_hash=ip_hash(ip),
        email_normalized=email,
        embedded=embedded,
        created_at=at,
        held=held,
    )


def _hold(*, contact: Contact, email: str, ip: str, embedded: bool, at: dt.datetime) -> Submission:
    hashed = ip_hash(ip)
    held_lately = Submission.objects.filter(
        held=True, ip_hash=hashed, created_at__gt=at - limits.WINDOW
    ).count()
    if held_lately >= settings.GOODWILL_WEBFORM_HELD_PER_IP_HOUR:
        raise RateLimited
    submission = _new_submission(
        contact=contact, email=email, ip=ip, embedded=embedded, at=at, held=True
    )
    submission.save()
    care_centre = Site.objects.filter(kind=Site.Kind.CARE_CENTRE).first()
    hour = limits.window_start(at).strftime("%Y%m%d%H")
    for person in managers_for(site=care_centre) if care_centre is not None else []:
        with translation.override(person.language):
            title = _(
                "Contact-form messages held over the hourly limit: check them before they reach "
                "an advisor"
            )
        notify(
            recipient=person,
            kind=Notification.Kind.MESSAGE_HELD,
            title=title,
            body=f"{submission.name} <{submission.email}>: {submission.message[:300]}",
            at=at,
            key=f"webform_held:{hashed[:16]}:{hour}:{person.pk}",
        )
    return submission


def _file(submission: Submission) -> None:
    """Through the one intake: client, case, owner, record, acknowledgement, who is told."""
    phone = ""
    if submission.phone:
        try:
            phone = normalize.phone_e164(submission.phone, settings.GOODWILL_DEFAULT_COUNTRY)
        except ValidationError:
            phone = ""
    message = submission.message
    details = [
        line
        for line in (
            submission.phone and f"{_('Phone')}: {submission.phone}",
            submission.product and f"{_('Product')}: {submission.product}",
        )
        if line
    ]
    inbound = Inbound(
        channel=Case.Channel.WEB,
        at=submission.created_at,
        address=submission.email_normalized,
        phone=phone,
        name=submission.name,
        # The form has no subject: none is made up from the message, which would then show
        # twice on the timeline (as the entry's line and again as its text).
        own_words=message,
        text="\n".join([message, *(["", *details] if details else [])]),
        language=submission.language,
        product=submission.product,
        payload={"name": submission.name, "phone": phone, "product": submission.product},
    )
    try:
        done = intake_receive(inbound=inbound)
    except NoOwner as error:
        raise ValidationError(
            _("The contact form is not open yet: no site receives messages.")
        ) from error
    submission.client, submission.case = done.client, done.case
    submission.new_client, submission.new_case = done.new_client, done.new_case
    submission.save()
    submission.acknowledged = (
        done.acknowledgement is not None
        and done.acknowledgement.status != done.acknowledgement.Status.SUPPRESSED
    )
    # The entry names its submission, for staff reading the raw form.
    done.entry.payload["webform_id"] = submission.pk
    done.entry.save(update_fields=["payload"])


def can_review_held(user: User) -> bool:
    """The care centre and the managers look at what was held: it is not yet any site's."""
    return (
        user.sees_all_clients
        or user.role in (User.Role.MANAGER, User.Role.ADMIN)
        or user.is_superuser
    )


@transaction.atomic
def webform_release(*, actor: User, submission: Submission) -> Submission:
    """Pass a held message on: it goes through the intake as if it had just come in (dated when
    it was written), and its sender is answered as any other."""
    if not can_review_held(actor):
        raise PermissionDenied("Only the care centre and managers review held messages.")
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not submission.held or submission.decided_at is not None:
        raise ValidationError(_("This message was already dealt with."))
    _file(submission)
    submission.decided_at, submission.decided_by = timezone.now(), actor
    submission.save(update_fields=["decided_at", "decided_by"])
    return submission


@transaction.atomic
def webform_discard(*, actor: User, submission: Submission) -> Submission:
    """Discard a held message (spam): it stays in the table, marked, and goes nowhere."""
    if not can_review_held(actor):
        raise PermissionDenied("Only the care centre and managers review held messages.")
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not submission.held or submission.decided_at is not None:
        raise ValidationError(_("This message was already dealt with."))
    submission.decided_at, submission.decided_by, submission.discarded = timezone.now(), actor, True
    submission.save(update_fields=["decided_at", "decided_by", "discarded"])
    return submission
