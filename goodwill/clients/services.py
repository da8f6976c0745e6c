"""Writes to the client book. Every change is validated here and written to the client's
timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from goodwill.clients import rules
from goodwill.clients.events import MileageRecorded, ProductAdded, ProductDelivered
from goodwill.clients.models import (
    TEXT_CHANNELS,
    Client,
    ContactPoint,
    Cover,
    Identifier,
    MileageReading,
    Product,
    ReferenceCounter,
    Tier,
)
from goodwill.events import announce
from goodwill.languages import client_language, client_languages
from goodwill.organisation.access import OtherSite
from goodwill.organisation.models import Site, User
from goodwill.timeline import services as timeline
from goodwill.timeline.models import Entry


def can_serve(*, user: User, site: Site) -> bool:
    """Whether the user may see (and so own, advise or act for) the clients of `site`."""
    return rules.serves_site(staff=user, site_id=site.pk)


def ensure_visible(*, actor: User | None, client: Client) -> None:
    """A dealer's staff may act only on their own site's clients; `None` is the system itself."""
    if actor is not None and not can_serve(user=actor, site=client.site):
        raise OtherSite("This client belongs to another site.")


def ensure_can_own(*, user: User, client: Client, field: str) -> None:
    """Whoever owns a case or advises a client must be able to open their page."""
    if not user.is_active:
        raise ValidationError({field: [_("%(name)s can no longer take clients.") % {"name": user}]})
    if not can_serve(user=user, site=client.site):
        raise ValidationError(
            {
                field: [
                    _("%(name)s works for another site and cannot see this client.")
                    % {"name": user}
                ]
            }
        )


def reference_next(
    *, series: str, render: Callable[[int], str], taken: Callable[[str], bool]
) -> str:
    """The next free reference of a series. Imported rows keep the references people already know,
    so numbers they use are skipped. Call inside a transaction: the counter's row lock makes
    concurrent callers wait for each other instead of sharing a number."""
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(series=series)
    while True:
        counter.last += 1
        reference = render(counter.last)
        if not taken(reference):
            break
    counter.save(update_fields=["last"])
    return reference


def _next_client_ref() -> str:
    return reference_next(
        series="client",
        render=lambda n: f"CL-{n:07d}",
        taken=lambda ref: Client.objects.filter(ref=ref).exists(),
    )


def identifiers_index(*, client: Client) -> None:
    """Rebuild the client's search identifiers from the client, contact points, products and
    cases."""
    # Lock the client so a case opened meanwhile cannot lose its reference between delete and
    # insert.
    Client.objects.select_for_update().filter(pk=client.pk).exists()
    found = rules.client_identifiers(
        first_name=client.first_name,
        last_name=client.last_name,
        ref=client.ref,
        contacts=client.contact_points.all(),
    )
    for product in client.products.all():
        found += rules.product_identifiers(
            plate=product.plate, vin=product.vin, serial=product.serial
        )
    for reference in client.cases.values_list("reference", flat=True):
        found += rules.case_identifiers(reference=reference)
    rows = [
        Identifier(client=client, site_id=client.site_id, kind=kind, value=value, display=display)
        for kind, value, display in found
    ]
    Identifier.objects.filter(client=client).delete()
    Identifier.objects.bulk_create(rows, ignore_conflicts=True)


def identifier_add_case(*, client: Client, reference: str) -> None:
    """Make a new case's reference findable, without rebuilding the client's whole index."""
    # One INSERT that leaves an existing row alone (identifier_unique), as get_or_create would,
    # without its SELECT and savepoint.
    Identifier.objects.bulk_create(
        [
            Identifier(
                client=client, site_id=client.site_id, kind=kind, value=value, display=display
            )
            for kind, value, display in rules.case_identifiers(reference=reference)
        ],
        ignore_conflicts=True,
    )


def _contact_add(
    *, client: Client, kind: str, value: str, country: str, primary: bool
) -> ContactPoint:
    try:
        kind, value, normalized = rules.contact_normalized(kind=kind, value=value, country=country)
    except ValidationError as error:
        raise ValidationError({str(kind): error.messages}) from None
    if kind == ContactPoint.Kind.EMAIL:
        owner = (
            ContactPoint.objects.filter(kind=kind, normalized=normalized)
            .exclude(client=client)
            .select_related("client")
            .first()
        )
        if owner is not None:
            raise ValidationError(
                {
                    "email": _("%(email)s already belongs to %(client)s (%(ref)s).")
                    % {"email": value, "client": owner.client.name, "ref": owner.client.ref}
                }
            )
    contact, _created = ContactPoint.objects.get_or_create(
        client=client,
        kind=kind,
        normalized=normalized,
        defaults={"value": value, "is_primary": primary},
    )
    return contact


@transaction.atomic
def client_create(
    *,
    actor: User | None,
    last_name: str,
    site: Site,
    first_name: str = "",
    title: str = "",
    address_as: str = "",
    email: str = "",
    phone: str = "",
    language: str = "en",
    country: str = "",
    tier: str = Tier.STANDARD,
    advisor: User | None = None,
    backup_advisor: User | None = None,
    ref: str | None = None,
    client_since: dt.datetime | None = None,
    verified: bool = True,
) -> Client:
    """Create a client with their contact points. The advisor defaults to the creating advisor.

    Raises ValidationError (per field) for a missing name, a bad phone or e-mail, or an e-mail
    that already belongs to another client: one address, one story.
    """
    if actor is not None and not can_serve(user=actor, site=site):
        raise OtherSite("This site is not yours.")
    errors: dict[str, list[str]] = {}
    if not last_name.strip():
        errors["last_name"] = [_("A last name is required.")]
    if tier not in Tier.values:
        errors["tier"] = [_("Unknown tier “%(tier)s”.") % {"tier": tier}]
    if country and not (len(country) == 2 and country.isascii() and country.isalpha()):
        errors["country"] = [_("Use the two-letter country code, e.g. CH.")]
    language = client_language(language)  # "zh-CN", "zh_Hans" → "zh-hans"; "NL" → "nl"
    if not (
        2 <= len(language) <= 8
        and language.replace("-", "").isascii()
        and language.replace("-", "").isalpha()
    ):
        errors["language"] = [_("Use a language code such as de, fr or it.")]
    if errors:
        raise ValidationError(errors)
    if advisor is None and actor is not None and actor.role == User.Role.ADVISOR:
        advisor = actor
    since = client_since or timezone.now()
    start = rules.client_start(
        tier=tier, chosen_by_person=actor is not None, client_since=since, verified=verified
    )
    client = Client.objects.create(
        ref=ref or _next_client_ref(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        title=title.strip(),
        address_as=address_as.strip(),
        language=language,
        country=country.upper(),
        tier=start.tier,
        tier_set_by_hand=start.tier_set_by_hand,
        site=site,
        advisor=advisor,
        backup_advisor_id=rules.backup_advisor_id(
            advisor=advisor, chosen_id=backup_advisor.pk if backup_advisor else None
        ),
        client_since=since,
        verified=start.verified,
        last_activity_at=start.last_activity_at,
    )
    if advisor is not None:
        ensure_can_own(user=advisor, client=client, field="advisor")
    phone_country = rules.contact_country(client_country=country.upper(), site_country=site.country)
    if email:
        _contact_add(
            client=client,
            kind=ContactPoint.Kind.EMAIL,
            value=email,
            country=phone_country,
            primary=True,
        )
    if phone:
        _contact_add(
            client=client,
            kind=ContactPoint.Kind.PHONE,
            value=phone,
            country=phone_country,
            primary=True,
        )
    identifiers_index(client=client)
    timeline.record_client_created(client=client, actor=actor, at=since)
    return client


_EDITABLE = (
    "title",
    "first_name",
    "last_name",
    "address_as",
    "language",
    "country",
    "tier",
    "advisor",
    "backup_advisor",
)


@transaction.atomic
def client_update(
    *, actor: User | None, client: Client, at: dt.datetime | None = None, **changes: Any
) -> Client:
    """Change the client's details; the timeline keeps each field's value before and after.
    `at` back-dates the change (imports, demo); it defaults to now."""
    ensure_visible(actor=actor, client=client)
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ValueError(f"client_update cannot change {sorted(unknown)}")
    if "language" in changes:
        changes["language"] = client_language(changes["language"]) or client.language
    diff: dict[str, tuple[Any, Any]] = {}
    for field, new in changes.items():
        old = getattr(client, field)
        if old != new:
            diff[field] = (old, new)
            setattr(client, field, new)
    if not diff:
        return client
    if not client.last_name.strip():
        raise ValidationError({"last_name": [_("A last name is required.")]})
    for field in ("advisor", "backup_advisor"):
        if field in diff and getattr(client, field) is not None:
            ensure_can_own(user=getattr(client, field), client=client, field=field)
    fields = list(diff)
    if "tier" in diff and actor is not None:
        client.tier_set_by_hand = (
            True  # chosen by a person: it stays (care.services.client_tier_refresh)
        )
        fields.append("tier_set_by_hand")
    client.save(update_fields=fields)
    if {"first_name", "last_name"} & set(diff):
        identifiers_index(client=client)
    timeline.record_client_changed(client=client, actor=actor, changes=diff, at=at)
    return client


@transaction.atomic
def client_advisor_hand_over(
    *,
    actor: User | None,
    client: Client,
    successor: User,
    handoff_note: str,
    at: dt.datetime | None = None,
) -> bool:
    """The client's advisor changes with a handoff note, so the new one never asks the client
    again (the note is on the client's timeline). The successor must be able to see the client.
    False when they already advise them: a re-run changes nothing."""
    ensure_visible(actor=actor, client=client)
    if not handoff_note.strip():
        raise ValidationError({"handoff_note": [_("Write a handoff note for the new advisor.")]})
    client = (
        Client.objects.select_for_update(of=("self",))
        .select_related("site", "advisor")
        .get(pk=client.pk)
    )
    if client.advisor_id == successor.pk:
        return False
    ensure_can_own(user=successor, client=client, field="advisor")
    old = client.advisor
    client.advisor = successor
    client.save(update_fields=["advisor"])
    timeline.record_advisor_handed_over(
        client=client,
        actor=actor,
        old_advisor=old,
        new_advisor=successor,
        handoff_note=handoff_note.strip(),
        at=at,
    )
    return True


@transaction.atomic
def contact_point_add(*, actor: User | None, client: Client, kind: str, value: str) -> ContactPoint:
    """Another way to reach the client; national phone numbers are read with the client's
    country."""
    ensure_visible(actor=actor, client=client)
    if kind not in ContactPoint.Kind.values:
        raise ValidationError({"kind": [_("A contact point is an e-mail or a phone.")]})
    contact = _contact_add(
        client=client,
        kind=kind,
        value=value,
        country=rules.contact_country(
            client_country=client.country, site_country=client.site.country
        ),
        primary=False,
    )
    identifiers_index(client=client)
    timeline.record_client_changed(client=client, actor=actor, changes={kind: ("", contact.value)})
    return contact


@transaction.atomic
def product_add(
    *,
    actor: User | None,
    client: Client,
    kind: str,
    brand: str,
    model: str,
    serial: str = "",
    vin: str = "",
    plate: str = "",
    purchase_date: dt.date | None = None,
    delivered_on: dt.date | None = None,
    price: Decimal | None = None,
    currency: str = "",
    selling_advisor: User | None = None,
    site: Site | None = None,
    at: dt.datetime | None = None,
) -> Product:
    """Record a product the client owns; its plate, VIN and serial become searchable.
    `delivered_on`: already in the client's hands (a car delivered), so its journey starts
    there."""
    ensure_visible(actor=actor, client=client)
    if kind not in Product.Kind.values:
        raise ValidationError({"kind": [_("Unknown product kind “%(kind)s”.") % {"kind": kind}]})
    _delivered_on_check(delivered_on=delivered_on, purchase_date=purchase_date, at=at)
    serial, vin, plate = rules.product_codes(serial=serial, vin=vin, plate=plate)
    product = Product.objects.create(
        client=client,
        kind=kind,
        brand=brand,
        model=model,
        serial=serial,
        vin=vin,
        plate=plate,
        purchase_date=purchase_date,
        delivered_on=delivered_on,
        price=price,
        currency=currency,
        selling_advisor=selling_advisor,
        site=site or client.site,
    )
    identifiers_index(client=client)
    timeline.record_product_added(product=product, actor=actor, at=at)
    announce(ProductAdded(client=client, product=product, at=at))
    return product


def _delivered_on_check(
    *, delivered_on: dt.date | None, purchase_date: dt.date | None, at: dt.datetime | None
) -> None:
    """A delivery day is one that happened: not ahead of today (where the product is, in the
    site's time zone of the request) and not before the product was sold."""
    if delivered_on is None:
        return
    if delivered_on > timezone.localdate(at or timezone.now()):
        raise ValidationError(
            {"delivered_on": [_("The delivery day cannot be in the future: give the day it was.")]}
        )
    if purchase_date is not None and delivered_on < purchase_date:
        raise ValidationError({"delivered_on": [_("It cannot be delivered before it was sold.")]})


@transaction.atomic
def product_delivered_set(
    *,
    actor: User | None,
    product: Product,
    delivered_on: dt.date | None,
    at: dt.datetime | None = None,
) -> Product:
    """Set (or clear, None) the day the product was handed to the client, with the day before
    and after on the client's timeline. The same rule as `product_add`: a day that happened, not
    before the sale. A day given (not cleared) is announced: the car's order journey reaches
    its delivery on that day (`journeys.services.journey_delivered`)."""
    ensure_visible(actor=actor, client=product.client)
    _delivered_on_check(delivered_on=delivered_on, purchase_date=product.purchase_date, at=at)
    before = product.delivered_on
    if before == delivered_on:
        return product
    Product.objects.filter(pk=product.pk).update(delivered_on=delivered_on)
    product.delivered_on = delivered_on
    timeline.record_client_changed(
        client=product.client,
        actor=actor,
        changes={"delivered_on": (before or "", delivered_on or "")},
        payload={"product": product.pk, "product_label": product_label(product)},
        at=at,
    )
    if delivered_on is not None:
        announce(ProductDelivered(product=product, actor=actor, at=at))
    return product


def product_label(product: Product) -> str:
    """How the client's story names one of their products: brand, model and identifier."""
    return f"{product.brand} {product.model} {product.identifier}".strip()


# Past this, a reading is a typo (no car is driven a million kilometres).
MILEAGE_MAX_KM = 999_999
# More than this a day on average since the previous reading is a typing error: no car is
# driven that far. A first reading is not judged so: a used car comes with its odometer.
MILEAGE_MAX_KM_A_DAY = 2_000


@transaction.atomic
def mileage_record(
    *,
    actor: User | None,
    product: Product,
    km: int,
    read_on: dt.date,
    source: str = MileageReading.Source.STAFF,
    at: dt.datetime | None = None,
) -> MileageReading:
    """Record the product's odometer as read on `read_on`, by staff (`actor`) or by the client
    in the portal (`source` client, no actor). Refused with the reason when it cannot be true:
    negative, absurd, in the future, lower than an earlier reading (odometers do not go
    back), or more than MILEAGE_MAX_KM_A_DAY a day since the previous reading (a first reading
    is taken as it is: a used car comes with its odometer). The latest reading is kept on the
    product; MileageRecorded lets the journeys plan the next service from the readings' rate."""
    ensure_visible(actor=actor, client=product.client)
    at = at or timezone.now()
    if source not in MileageReading.Source.values:
        raise ValidationError({"source": [_("Unknown source.")]})
    if product.kind != Product.Kind.CAR:
        raise ValidationError({"km": [_("Only a car has a mileage.")]})
    if not 0 <= km <= MILEAGE_MAX_KM:
        raise ValidationError(
            {"km": [_("Give the mileage in km, between 0 and %(max)s.") % {"max": MILEAGE_MAX_KM}]}
        )
    if read_on > timezone.localdate(at):
        raise ValidationError({"read_on": [_("The day it was read cannot be in the future.")]})
    if product.purchase_date is not None and read_on < product.purchase_date:
        raise ValidationError({"read_on": [_("The day it was read is before the purchase.")]})
    readings = MileageReading.objects.filter(product=product)
    earlier = readings.filter(read_on__lte=read_on, km__gt=km).order_by("-km").first()
    later = readings.filter(read_on__gte=read_on, km__lt=km).order_by("km").first()
    if earlier is not None or later is not None:
        raise ValidationError(
            {"km": [_("An odometer does not go back: check the reading against the earlier ones.")]}
        )
    previous = readings.filter(read_on__lte=read_on).order_by("-read_on", "-km").first()
    if previous is not None:
        days = max((read_on - previous.read_on).days, 1)
        if (km - previous.km) / days > MILEAGE_MAX_KM_A_DAY:
            raise ValidationError(
                {
                    "km": [
                        _(
                            "That is more than %(max)s km a day since the previous reading: "
                            "check the mileage."
                        )
                        % {"max": formats.number_format(MILEAGE_MAX_KM_A_DAY, force_grouping=True)}
                    ]
                }
            )
    reading = MileageReading.objects.create(
        product=product,
        km=km,
        read_on=read_on,
        source=source,
        actor=actor,
        recorded_at=at,
    )
    before = previous.km if previous is not None else ""
    if product.mileage_read_on is None or read_on >= product.mileage_read_on:
        Product.objects.filter(pk=product.pk).update(mileage_km=km, mileage_read_on=read_on)
        product.mileage_km, product.mileage_read_on = km, read_on
    # On the client's story, as any change to what they own: who read it (the client on the
    # portal, or staff), the reading before and the day it was read.
    timeline.record_client_changed(
        client=product.client,
        actor=actor,
        changes={"mileage_km": (before, km)},
        payload={
            "product": product.pk,
            "product_label": product_label(product),
            "read_on": read_on.isoformat(),
            **({"by": "client"} if source == MileageReading.Source.CLIENT else {}),
        },
        at=at,
    )
    announce(MileageRecorded(product=product, at=at))
    return reading


@transaction.atomic
def cover_add(
    *,
    actor: User | None,
    product: Product,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    provider: str = "",
    reference: str = "",
    terms: str = "",
    at: dt.datetime | None = None,
) -> Cover:
    ensure_visible(actor=actor, client=product.client)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": [_("The cover cannot end before it starts.")]})
    cover = Cover.objects.create(
        product=product,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        provider=provider,
        reference=reference,
        terms=terms,
    )
    timeline.record_cover_added(cover=cover, actor=actor, at=at)
    return cover


@transaction.atomic
def client_writes_in_learn(*, client: Client, language: str, at: dt.datetime | None = None) -> bool:
    """Record the language the client actually writes in, learned from their messages (see
    channels.email.services._learn_language), with a client_changed entry keeping the old value.
    Returns whether it changed. The preferred language (`language`) is the client's choice and
    stays."""
    current = (
        Client.objects.select_for_update().values_list("writes_in", flat=True).get(pk=client.pk)
    )
    if current == language:
        client.writes_in = language
        return False
    Client.objects.filter(pk=client.pk).update(writes_in=language)
    client.writes_in = language
    timeline.record_client_changed(
        client=client, actor=None, changes={"writes_in": (current, language)}, at=at
    )
    return True


@transaction.atomic
def client_texts_stop(
    *,
    client: Client,
    channel: str,
    stop: bool,
    word: str,
    number: str = "",
    at: dt.datetime | None = None,
) -> Entry | None:
    """The client's own instruction by text: an opt-out word (`stop`) or an opt-in word on
    `channel` ("sms" or "whatsapp"). Their word is the law on that channel: from the STOP on, no
    text goes to them there (the outbox refuses it when it would leave) until they send START.
    No staff actor: the timeline records the change as theirs, with their word and number.
    Returns the timeline entry, or None when nothing changed (a second STOP, or a START from a
    client who never stopped, changes nothing and writes nothing)."""
    if channel not in TEXT_CHANNELS:
        raise ValidationError({"channel": [_("Texts are SMS or WhatsApp.")]})
    at = at or timezone.now()
    client = Client.objects.select_for_update().get(pk=client.pk)
    field = f"{channel}_stopped_at"
    old = client.texts_stopped_at(channel)
    if (old is not None) == stop:
        return None
    new = at if stop else None
    setattr(client, field, new)
    client.save(update_fields=[field])
    return timeline.record_texts_stopped(
        client=client,
        channel=channel,
        field=field,
        before=old,
        after=new,
        word=word,
        number=number,
        at=at,
    )


@transaction.atomic
def client_preferences_set(
    *,
    client: Client,
    language: str,
    preferred_channel: str,
    marketing_consent: bool,
    at: dt.datetime | None = None,
) -> Client:
    """The client's own choices, made by them (the portal): the language we speak to them in
    (one of the client languages), how they prefer to hear from us, and whether they agree to
    marketing, with when they said so. No staff actor: the timeline records the change as
    theirs, before and after."""
    at = at or timezone.now()
    errors: dict[str, list[str]] = {}
    language = client_language(language)
    if language not in client_languages():
        errors["language"] = [_("Choose one of the languages offered.")]
    if preferred_channel not in Client.Channel.values:
        errors["preferred_channel"] = [_("Choose e-mail or phone.")]
    if errors:
        raise ValidationError(errors)
    client = Client.objects.select_for_update().get(pk=client.pk)
    diff: dict[str, tuple[Any, Any]] = {}
    for field, new in (
        ("language", language),
        ("preferred_channel", preferred_channel),
        ("marketing_consent", marketing_consent),
    ):
        old = getattr(client, field)
        if old != new:
            diff[field] = (old, new)
            setattr(client, field, new)
    if not diff:
        return client
    fields = list(diff)
    if "marketing_consent" in diff:
        client.marketing_consent_at = at
        fields.append("marketing_consent_at")
    client.save(update_fields=fields)
    timeline.record_client_changed(
        client=client, actor=None, changes=diff, at=at, payload={"by": "client"}
    )
    return client
