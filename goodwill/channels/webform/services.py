"""The web contact form's write path: a message typed on the brand's website becomes a case.

Who handles it (the rule, also in docs/configuration.md):
* A known client (by e-mail only: the acknowledgement goes to the typed address, so matching by
  phone would tell a stranger another client's advisor and case) keeps their advisor: the message
  joins their most recently active open case (a chaser when we had not answered), or opens a new
  case owned by their advisor (or whoever covers while the advisor is away; the least busy carer
  when the advisor has left).
* An unknown sender (also one whose phone belongs to a client but whose e-mail does not) becomes an *unverified* client of the brand's care centre. Their advisor is
  the care agent with the fewest open cases (a manager if the centre has no agent), so that from
  the first message they have one person, named in the acknowledgement; staff verify the client
  and may hand them to a dealer's advisor later.
The acknowledgement goes out in the language the form was shown in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from goodwill.cases.models import Case
from goodwill.cases.services import case_client_contacted, case_open
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import outbound_queue
from goodwill.channels.outbox.templates import case_context, render_message
from goodwill.channels.webform.models import Submission
from goodwill.clients import normalize
from goodwill.clients.models import Client, ContactPoint, Product
from goodwill.clients.services import client_create
from goodwill.organisation.models import Site, User
from goodwill.timeline import services as timeline

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


def _known_client(*, email: str) -> Client | None:
    """The client whose e-mail was typed. Never by phone: anyone may type a phone number, and
    what we answer goes to the typed address (staff see the phone on the message and merge)."""
    point = (ContactPoint.objects.filter(kind=ContactPoint.Kind.EMAIL, normalized=email)
             .select_related("client", "client__advisor", "client__site").order_by("id").first())
    return point.client if point is not None else None


def care_centre() -> Site | None:
    return Site.objects.filter(kind=Site.Kind.CARE_CENTRE).order_by("id").first()


def least_busy_carer(site: Site) -> User | None:
    """The care agent (else manager) of `site` with the fewest open cases."""
    for role in (User.Role.AGENT, User.Role.MANAGER):
        person = (User.objects.filter(is_active=True, site=site, role=role)
                  .annotate(load=Count("owned_cases", filter=Q(owned_cases__status__in=Case.OPEN_STATUSES)))
                  .order_by("load", "id").first())
        if person is not None:
            return person
    return None


def _new_client(*, contact: Contact, email: str, phone: str, at: dt.datetime) -> Client:
    site = care_centre() or Site.objects.order_by("id").first()
    if site is None:
        raise ValidationError(_("The contact form is not open yet: no site receives messages."))
    words = contact.name.split()
    first, last = " ".join(words[:-1]), words[-1] if words else contact.name
    return client_create(actor=None, first_name=first[:100], last_name=last[:100], site=site, email=email,
                         phone=phone, language=contact.language, advisor=least_busy_carer(site),
                         verified=False, client_since=at)


def _product(client: Client, typed: str) -> Product | None:
    code = normalize.code_normalized(typed)
    if not code:
        return None
    for product in client.products.all():
        if code in {normalize.code_normalized(v) for v in (product.plate, product.vin, product.serial) if v}:
            return product
    return None


def _open_case(client: Client) -> Case | None:
    return (Case.objects.filter(client=client, status__in=Case.OPEN_STATUSES)
            .select_related("owner", "client").order_by("-last_activity_at", "-id").first())


@transaction.atomic
def webform_submit(*, contact: Contact, ip: str, embedded: bool = False, at: dt.datetime | None = None) -> Submission:
    """Take one message from the contact form: find or create the client, join their open case
    or open one, put the message on the timeline and queue an acknowledgement naming who will
    handle it. Raises ValidationError per field, or RateLimited (nothing is written then)."""
    from goodwill.notifications.models import Notification
    from goodwill.notifications.services import notify, route_to

    at = at or timezone.now()
    email, phone = _clean(contact)
    _check_rate(email=email, ip=ip, at=at)
    client = _known_client(email=email)
    new_client = client is None
    if client is None:
        try:
            with transaction.atomic():
                client = _new_client(contact=contact, email=email, phone=phone, at=at)
        except (IntegrityError, ValidationError):
            # The same person sent twice at once and the other request created them first.
            client = _known_client(email=email)
            if client is None:
                raise
            new_client = False
    product = _product(client, contact.product) if contact.product else None
    case = _open_case(client)
    new_case = case is None
    summary = (contact.message.strip().splitlines() or [""])[0][:120]
    if case is None:
        # case_open gives a client with an advisor to them (or to whoever covers while they are away).
        # An advisor who has left cannot take it: the least busy carer does, so the message is kept.
        has_advisor = client.advisor is not None and client.advisor.is_active
        owner = None if has_advisor else least_busy_carer(client.site)
        if owner is None and not has_advisor and (centre := care_centre()) is not None:
            owner = least_busy_carer(centre)
        case = case_open(actor=None, client=client, summary=summary or _("Message from the website"),
                         channel=Case.Channel.WEB, product=product, owner=owner, language=contact.language,
                         opened_at=at)
    submission = Submission.objects.create(
        name=contact.name.strip()[:200], email=contact.email.strip()[:254], phone=contact.phone.strip()[:40],
        product=contact.product.strip()[:100], message=contact.message.strip(), language=contact.language,
        ip_hash=ip_hash(ip), email_normalized=email, embedded=embedded, created_at=at, client=client, case=case,
        new_client=new_client, new_case=new_case,
    )
    details = [line for line in (
        contact.phone.strip() and f"{_('Phone')}: {contact.phone.strip()}",
        contact.product.strip() and f"{_('Product')}: {contact.product.strip()}",
    ) if line]
    timeline.record_message_in(
        client=client, case=case, subject=summary, body="\n".join([contact.message.strip(), *(["", *details] if details else [])]),
        sender=email, channel="web", at=at,
        extra={"webform_id": submission.pk, "name": submission.name, "phone": phone, "product": submission.product,
               "language": contact.language},
    )
    if not new_case:
        case_client_contacted(case=case, channel="web", at=at)
        # The request speaks the client's language; the alert speaks the recipient's.
        recipient = route_to(user=case.owner, at=at)
        with translation.override(recipient.language):
            title = _("%(client)s wrote through the website about %(reference)s") % {
                "client": client.name, "reference": case.reference}
        notify(recipient=case.owner, kind=Notification.Kind.MESSAGE_IN, case=case, at=at, title=title,
               body=contact.message.strip()[:2000], key=f"message_in:web:{submission.pk}")
    subject, body = render_message(name="acknowledgement", language=contact.language,
                                   context=case_context(case=case, language=contact.language))
    outbound_queue(key=f"ack:web:{submission.pk}", purpose=OutboundMessage.Purpose.ACKNOWLEDGEMENT,
                   to_address=email, to_name=submission.name, subject=subject, body_text=body,
                   language=contact.language, client=client, case=case, at=at)
    return submission
