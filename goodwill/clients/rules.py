"""The client book's rules, as pure functions: no database, no model instances needed.

The live services (clients.services, cases.services) and the bulk import (imports.services) both
decide with these, so a client loaded from a file gets the same contact points, search
identifiers and defaults as one typed in by an advisor; the agreement test
(imports/tests/test_agreement.py) holds the two paths to it. A rule that needs the database (is
this address taken?) stays in the services; what it decides on is here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple, Protocol

from django.core.exceptions import ValidationError

from goodwill.clients import normalize
from goodwill.clients.models import ContactPoint, Identifier, Tier


class StaffLike(Protocol):
    """What the rules need to know of a staff member; `organisation.User` is one."""

    @property
    def pk(self) -> Any: ...
    @property
    def site_id(self) -> Any: ...
    @property
    def is_active(self) -> bool: ...
    @property
    def sees_all_clients(self) -> bool: ...
    @property
    def backup_id(self) -> Any: ...
    @property
    def team_site_ids(self) -> frozenset[int]: ...


def serves_site(*, staff: StaffLike, site_id: int) -> bool:
    """Whether `staff` may see (and so own, advise or act for) the clients of the site `site_id`:
    brand-wide staff serve every site, a dealer's staff their own and their team's sites
    (`organisation.User.seen_site_ids`, the same rule the selectors filter by)."""
    return (
        staff.sees_all_clients
        or (staff.site_id is not None and staff.site_id == site_id)
        or site_id in staff.team_site_ids
    )


# --- contact points -------------------------------------------------------------------------


class Contact(NamedTuple):
    """A contact point as stored: the value as shown and its normalised form (what search and
    uniqueness compare)."""

    kind: str
    value: str
    normalized: str


# Words that begin a family name rather than end a given one ("Pieter de Vries" is Mr de Vries,
# not Mr Vries): Dutch, German, French, Italian, Spanish and Portuguese particles.
NAME_PARTICLES = frozenset(
    [
        "van",
        "von",
        "de",
        "der",
        "den",
        "ter",
        "ten",
        "te",
        "het",
        "'t",
        "d'",
        "da",
        "das",
        "dos",
        "do",
        "di",
        "del",
        "della",
        "dalla",
        "du",
        "des",
        "la",
        "le",
        "lo",
        "zu",
        "zum",
        "zur",
        "y",
    ]
)


def name_split(name: str) -> tuple[str, str]:
    """A whole name as a stranger writes it, split into given and family name: the last word and
    any particles before it ("Pieter de Vries" → "Pieter", "de Vries"; "Ludwig van der Berg" →
    "Ludwig", "van der Berg"; "de Vries" → "", "de Vries"; "Van Morrison" stays as written)."""
    words = name.split()
    if not words:
        return "", ""
    start = len(words) - 1
    while start > 0 and words[start - 1].lower() in NAME_PARTICLES:
        # "Van Morrison": a capitalised first word is a given name, not a particle.
        if start == 1 and not words[0].islower():
            break
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])


def contact_country(*, client_country: str, site_country: str) -> str:
    """The country national phone numbers are read with: the client's, else their site's."""
    return client_country or site_country


def contact_normalized(*, kind: str, value: str, country: str) -> Contact:
    """An e-mail keeps its spelling and compares in lower case; a phone is read with `country`,
    compared in E.164 and shown in the international format. Raises ValidationError (one
    message, for the caller to file under its field) for an address or number that is not one."""
    value = value.strip()
    if kind == ContactPoint.Kind.EMAIL:
        return Contact(kind, value, normalize.email_normalized(value))
    e164, shown = normalize.phone_read(value, country)
    return Contact(kind, shown, e164)


def sender_address(raw: str) -> str:
    """How the sender of a written message is recorded: their address normalised as an e-mail
    contact point is (so it reads as the client's own), or as written when it is no address."""
    try:
        return normalize.email_normalized(raw) if raw else ""
    except ValidationError:
        return raw


# --- search identifiers ---------------------------------------------------------------------


class SearchIdentifier(NamedTuple):
    """One row of the search index, without its client and site: kind, normalised value, and
    the identifier as people write it."""

    kind: str
    value: str
    display: str


class ContactLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def normalized(self) -> str: ...


def client_identifiers(
    *, first_name: str, last_name: str, ref: str, contacts: Iterable[ContactLike]
) -> list[SearchIdentifier]:
    """A client is found by each word of their name (folded to ASCII lower case), by their
    client reference and by each of their contact points."""
    name = normalize.display_name(first_name, last_name)
    found = [
        SearchIdentifier(Identifier.Kind.NAME, token, name)
        for token in normalize.name_tokens(first_name, last_name)
    ]
    found.extend(_code(Identifier.Kind.CLIENT, ref))
    found.extend(
        SearchIdentifier(contact.kind, contact.normalized, contact.value)
        for contact in contacts
        if contact.normalized
    )
    return found


def product_codes(*, serial: str, vin: str, plate: str) -> tuple[str, str, str]:
    """A product's serial, VIN and plate as stored: trimmed; VIN and plate in upper case."""
    return serial.strip(), vin.strip().upper(), plate.strip().upper()


def product_identifiers(*, plate: str, vin: str, serial: str) -> list[SearchIdentifier]:
    """A product makes its owner findable by its plate, VIN and serial, spaces and dashes
    ignored."""
    return [
        *_code(Identifier.Kind.PLATE, plate),
        *_code(Identifier.Kind.VIN, vin),
        *_code(Identifier.Kind.SERIAL, serial),
    ]


def case_identifiers(*, reference: str) -> list[SearchIdentifier]:
    """A case makes its client findable by the reference they quote back."""
    return _code(Identifier.Kind.CASE, reference)


def _code(kind: str, display: str) -> list[SearchIdentifier]:
    value = normalize.code_normalized(display)
    return [SearchIdentifier(kind, value, display)] if value else []


# --- a new client ---------------------------------------------------------------------------


class ClientStart(NamedTuple):
    tier: str
    tier_set_by_hand: bool
    verified: bool
    last_activity_at: dt.datetime


def client_start(
    *, tier: str, chosen_by_person: bool, client_since: dt.datetime, verified: bool = True
) -> ClientStart:
    """What a new client starts with. The tier given, standard when none is; a person who picks
    one above standard has decided it, so the value of what the client buys
    (care.services.client_tier_refresh) no longer moves it. Verified unless said otherwise (an
    unknown sender at the intake is not). Becoming a client is the first line of their story:
    their last activity until something else happens (never NULL, which PostgreSQL would sort
    first on the advisor's "latest activity" list)."""
    tier = tier or Tier.STANDARD
    return ClientStart(
        tier=tier,
        tier_set_by_hand=chosen_by_person and tier != Tier.STANDARD,
        verified=verified,
        last_activity_at=client_since,
    )


def backup_advisor_id(*, advisor: StaffLike | None, chosen_id: Any = None) -> Any:
    """Who covers for the client's advisor: the person chosen, else the advisor's own backup."""
    if chosen_id is not None:
        return chosen_id
    return advisor.backup_id if advisor is not None else None
