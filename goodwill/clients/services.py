"""Writes to the client book. Every change is validated here and written to the client's
timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from goodwill.clients import rules
from goodwill.clients.events import ProductAdded
from goodwill.clients.models import (
    Client,
    ContactPoint,
    Cover,
    Identifier,
    Product,
    ReferenceCounter,
    Tier,
)
from goodwill.events import announce
from goodwill.languages import client_language, client_languages
from goodwill.organisation.access import OtherSite
from goodwill.organisation.models import Site, User
from goodwill.timeline import services as timeline


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
    price: Decimal | None = None,
    currency: str = "",
    selling_advisor: User | None = None,
    site: Site | None = None,
    at: dt.datetime | None = None,
) -> Product:
    """Record a product the client owns; its plate, VIN and serial become searchable."""
    ensure_visible(actor=actor, client=client)
    if kind not in Product.Kind.values:
        raise ValidationError({"kind": [_("Unknown product kind “%(kind)s”.") % {"kind": kind}]})
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
        price=price,
        currency=currency,
        selling_advisor=selling_advisor,
        site=site or client.site,
    )
    identifiers_index(client=client)
    timeline.record_product_added(product=product, actor=actor, at=at)
    announce(ProductAdded(client=client, product=product, at=at))
    return product


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
