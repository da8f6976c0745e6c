"""Reads of the client book: who the user may see, search by anything, the client page."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re

from babel.core import get_global
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from goodwill.clients import normalize
from goodwill.clients.models import Client, ContactPoint, Cover, Identifier, Product, Tier
from goodwill.organisation.access import site_scoped
from goodwill.organisation.models import User

_PHONE_CHARS = re.compile(r"^[+()\d\s./-]+$")
# What the search reports first when one client matches in several ways.
_KIND_RANK = {
    k: i
    for i, k in enumerate(["case", "client", "plate", "vin", "serial", "email", "phone", "name"])
}


def visible_clients(*, user: User) -> QuerySet[Client]:
    """Every client the user may see: all for brand-wide staff, their site's for a dealer's, and
    their team's sites' too for a team member (organisation.access.site_scoped)."""
    return site_scoped(Client.objects.all(), user=user)


def client_get(*, user: User, ref: str) -> Client:
    """The client by reference, or 404 — the same 404 whether it is missing or belongs to another
    site."""
    client = (
        visible_clients(user=user)
        .select_related("site", "advisor", "backup_advisor")
        .filter(ref=ref)
        .first()
    )
    if client is None:
        raise Http404("No such client")
    return client


@dataclasses.dataclass(frozen=True)
class SearchHit:
    client: Client
    matched_kind: str
    matched_display: str

    @property
    def matched_label(self) -> str:
        return str(Identifier.Kind(self.matched_kind).label)


def _lookups(query: str, country: str) -> Q:
    """Every reading of what was typed, as one OR of index lookups on Identifier."""
    lookups = Q(pk__in=[])
    if "@" in query:
        lookups |= Q(kind=Identifier.Kind.EMAIL, value=query.strip().lower())
    digits = sum(ch.isdigit() for ch in query)
    if digits >= 6 and _PHONE_CHARS.match(query):
        with contextlib.suppress(ValidationError):  # not a phone after all: other readings remain
            lookups |= Q(kind=Identifier.Kind.PHONE, value=normalize.phone_e164(query, country))
    code = normalize.code_normalized(query)
    if len(code) >= 3 and any(ch.isdigit() for ch in code):
        kinds = [
            Identifier.Kind.PLATE,
            Identifier.Kind.VIN,
            Identifier.Kind.SERIAL,
            Identifier.Kind.CASE,
            Identifier.Kind.CLIENT,
        ]
        lookups |= Q(kind__in=kinds, value=code)
        if len(code) >= 6:  # the start of a VIN or a file number
            lookups |= Q(
                kind__in=kinds, value__gt=code, value__lt=normalize.prefix_upper_bound(code)
            )
    return lookups


SEARCH_LIMIT = 20


def client_search(
    *, user: User, query: str, country: str, limit: int = SEARCH_LIMIT
) -> list[SearchHit]:
    """Find clients by name (partial, accents and case ignored), e-mail, phone in any format,
    plate, VIN, serial, case or client reference. Each hit says which identifier matched."""
    # Control characters (a NUL pasted from somewhere) name nothing, and PostgreSQL refuses NULs.
    query = "".join(ch for ch in query if ch.isprintable() or ch == " ").strip()[:200]
    if not query:
        return []
    base = site_scoped(Identifier.objects.all(), user=user)
    condition = _lookups(query, country)
    tokens = normalize.name_tokens(query) if "@" not in query else []
    if tokens and not any(ch.isdigit() for ch in query):
        first, *others = sorted(tokens, key=len, reverse=True)
        name_q = Q(
            kind=Identifier.Kind.NAME,
            value__gte=first,
            value__lt=normalize.prefix_upper_bound(first),
        )
        for token in others:  # "marie lef": every word must start one of the client's names
            other = Identifier.objects.filter(
                client_id=OuterRef("client_id"),
                kind=Identifier.Kind.NAME,
                value__gte=token,
                value__lt=normalize.prefix_upper_bound(token),
            )
            if first.startswith(token):
                # "william williams": one name "Williams" must not count for both words, or every
                # Williams would match and crowd out William Williams himself.
                other = other.exclude(value=OuterRef("value"))
            name_q &= Q(Exists(other))
        condition |= name_q
    rows = (
        base.filter(condition)
        .select_related("client", "client__advisor")
        # Only what a hit shows: three model instances a row is most of the search's time.
        .only(
            "kind",
            "display",
            "client__ref",
            "client__first_name",
            "client__last_name",
            "client__tier",
            "client__country",
            "client__advisor__first_name",
            "client__advisor__last_name",
            "client__advisor__username",
        )
        # A client can match on several rows (first and last name): read a few more than shown.
        .order_by("value")[: limit * 2]
    )
    best: dict[int, SearchHit] = {}
    for row in rows:
        hit = SearchHit(client=row.client, matched_kind=row.kind, matched_display=row.display)
        current = best.get(row.client_id)
        if current is None or _KIND_RANK[row.kind] < _KIND_RANK[current.matched_kind]:
            best[row.client_id] = hit
    hits = sorted(
        best.values(),
        key=lambda h: (_KIND_RANK[h.matched_kind], h.client.last_name, h.client.first_name),
    )
    return hits[:limit]


def book_page(*, user: User, page: int, tier: str = "") -> Page[Client]:
    """One page of the clients the user advises, by name (the advisor's book)."""
    clients = (
        visible_clients(user=user).filter(advisor=user).order_by("last_name", "first_name", "id")
    )
    if tier in Tier.values:
        clients = clients.filter(tier=tier)
    return Paginator(clients, 50).get_page(page)


@dataclasses.dataclass(frozen=True)
class ProductView:
    product: Product
    covers: list[tuple[Cover, bool]]


def client_products(*, client: Client, today: dt.date) -> list[ProductView]:
    """The client's products with their cover, each marked active or not today."""
    products = (
        Product.objects.filter(client=client)
        .select_related("selling_advisor", "site")
        .prefetch_related(Prefetch("covers", queryset=Cover.objects.order_by("starts_on")))
    )
    return [
        ProductView(product=p, covers=[(c, c.is_active_on(today)) for c in p.covers.all()])
        for p in products
    ]


def client_email(*, client: Client) -> str | None:
    """The client's primary e-mail address, or None."""
    return (
        ContactPoint.objects.filter(client=client, kind=ContactPoint.Kind.EMAIL)
        .order_by("-is_primary", "id")
        .values_list("value", flat=True)
        .first()
    )


def search_country(user: User) -> str:
    """The country a national phone number typed by `user` is read in: their site's."""
    return user.site.country if user.site else settings.GOODWILL_DEFAULT_COUNTRY


def client_time_zone(*, client: Client) -> str:
    """The time zone the client lives in, for times said to them: their site's when it is in
    their country (or their country is unknown), else their country's main zone."""
    site_zone = client.site.timezone
    zones = get_global("territory_zones").get(client.country.upper(), []) if client.country else []
    if not zones or site_zone in zones:
        return site_zone
    return str(zones[0])
