"""Reads of the phone channel: who is calling (the screen pop), and which calls to pop for an
agent."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Collection

import phonenumbers
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone, translation

from goodwill.cases.models import Case
from goodwill.channels.phone.models import Call
from goodwill.clients import normalize
from goodwill.clients.models import Client, Cover
from goodwill.clients.selectors import search_country, visible_clients
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry

# A live call whose end never reached us (a lost webhook) must not pop for ever.
LIVE_FOR = dt.timedelta(hours=2)
# How long an ended call waits in the pop for its summary.
SUMMARY_WAIT = dt.timedelta(minutes=30)
POP_LIMIT = 3
LAST_ENTRIES = 5


def number_e164(raw: str) -> str:
    """The number in E.164, or "" when it cannot be read (withheld, "anonymous", garbage)."""
    raw = raw.strip()
    if not raw:
        return ""
    try:
        return normalize.phone_e164(raw, settings.GOODWILL_DEFAULT_COUNTRY)
    except ValidationError:
        return ""


def _clients_by_number(e164: str, clients: QuerySet[Client]) -> list[Client]:
    # Joins the phone identifier (index identifier_value): one indexed lookup however big the book.
    return list(
        clients.filter(identifiers__kind="phone", identifiers__value=e164)
        .select_related("advisor")
        .order_by(F("last_activity_at").desc(nulls_last=True), "-id")[:5]
    )


def _is_national(raw: str) -> bool:
    digits = raw.strip()
    return bool(digits) and not digits.startswith(("+", "00"))


def _readings(raw: str, countries: list[str]) -> list[str]:
    """Every E.164 number a national `raw` is valid as in `countries`, in that order."""
    found: list[str] = []
    for country in countries:
        try:
            number = phonenumbers.parse(raw, country)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if e164 not in found:
                found.append(e164)
    return found


def caller_number(
    *, number: str, viewer: User, clients: QuerySet[Client]
) -> tuple[str, list[Client]]:
    """(E.164, the clients it belongs to) for a number as received or typed. An international
    number reads as it is. A national one ("06 12 34 56 78") is read in the caller's likely
    country: the country of a client it belongs to, among the countries the brand serves (the
    viewer's site's first); for a new caller, the viewer's site's country where the number is
    valid there, else the first of the brand's countries where it is. Never a fixed default: a
    Dutch mobile typed nationally is Dutch, even at a Swiss care centre."""
    home = search_country(viewer)
    if not _is_national(number):
        e164 = number_e164(number)
        return e164, (_clients_by_number(e164, clients) if e164 else [])
    countries = [home, *(c for c in _brand_countries() if c != home)]
    readings = _readings(number, countries)
    if not readings:
        return "", []
    matches = list(
        clients.filter(identifiers__kind="phone", identifiers__value__in=readings)
        .select_related("advisor")
        .annotate(number=F("identifiers__value"))
        .order_by(F("last_activity_at").desc(nulls_last=True), "-id")[:5]
    )
    if matches:
        # The reading a client has, the one of the viewer's country first.
        e164 = min(
            (str(getattr(c, "number", "")) for c in matches), key=lambda n: readings.index(n)
        )
        return e164, [c for c in matches if getattr(c, "number", "") == e164]
    return readings[0], []


def _brand_countries() -> list[str]:
    """The countries of the brand's sites: where its clients' national numbers come from."""
    return [
        c
        for c in Site.objects.order_by("country").values_list("country", flat=True).distinct()
        if c
    ]


def client_for_number(*, number: str) -> Client | None:
    """The client a number belongs to, for the system (no viewer): when several share it (a family
    line), the one heard from most recently."""
    e164 = number_e164(number)
    if not e164:
        return None
    found = _clients_by_number(e164, Client.objects.select_related("site"))
    return found[0] if found else None


def latest_open_case(*, client: Client) -> Case | None:
    """The open case a call is most likely about: the only one, or the one worked most recently."""
    return (
        Case.objects.filter(client=client, status__in=Case.OPEN_STATUSES)
        .order_by("-last_activity_at", "-opened_at")
        .first()
    )


@functools.cache
def _territory_languages(country: str) -> tuple[str, ...]:
    """The languages a caller from `country` most likely speaks: its official languages, most
    spoken first; de facto official ones only where there is no official one (English in the US).
    Swiss German or Frisian are left out: German or Dutch greet those callers just as well."""
    spoken = get_global("territory_languages").get(country, {})

    def ranked(status: str) -> list[str]:
        found = [
            (info.get("population_percent", 0), code)
            for code, info in spoken.items()
            if info.get("official_status") == status
        ]
        return [code for _percent, code in sorted(found, reverse=True)]

    return tuple(ranked("official") or ranked("de_facto_official"))


@functools.cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def language_name(code: str, language: str) -> str:
    """A language's name in the reader's language ("de" → "tedesco" for an Italian agent)."""
    name = _locale(language).languages.get(code) or _locale(language).languages.get(
        code.split("_")[0]
    )
    return name or code


def _country_code(e164: str) -> tuple[str, int]:
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return "", 0
    code = number.country_code or 0
    # Shared calling codes (+1, +7) name the region only for a valid number; else the code's main
    # one.
    region = phonenumbers.region_code_for_number(
        number
    ) or phonenumbers.region_code_for_country_code(code)
    return ("" if region == "ZZ" else region or ""), code


@dataclasses.dataclass(frozen=True)
class CallerView:
    """Everything the screen pop shows about one number, as the viewer may see it."""

    number: str  # E.164, or as received when unreadable
    display: str
    country: str  # ISO code, "" when unknown
    country_name: str
    calling_code: int
    likely_languages: list[str]  # names, in the viewer's language
    client: Client | None
    others: list[Client]  # further clients sharing the number
    greet_in: str  # the language to greet in, named in the viewer's language
    open_cases: list[Case]
    last_entries: list[Entry]


def screen_pop(*, number: str, viewer: User, language: str | None = None) -> CallerView:
    """Number → client, open cases and the last entries of their story, in three indexed queries
    (one when the number is unknown). Only clients the viewer may see: to a dealer's agent a
    number of another dealer's client is a new caller. Names are in `language` (default: the
    active one, the agent's UI language)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    e164, matches = caller_number(
        number=number, viewer=viewer, clients=visible_clients(user=viewer)
    )
    country, calling_code = _country_code(e164) if e164 else ("", 0)
    client = matches[0] if matches else None
    open_cases: list[Case] = []
    entries: list[Entry] = []
    greet_in = ""
    if client is not None:
        # Each with its product and that product's cover, and who owns it (one more query for
        # the covers, only when a case names a product).
        open_cases = list(
            Case.objects.filter(client=client, status__in=Case.OPEN_STATUSES)
            .select_related("product", "owner")
            .prefetch_related(
                Prefetch("product__covers", queryset=Cover.objects.order_by("ends_on"))
            )
            .order_by("-last_activity_at", "-opened_at")[:10]
        )
        entries = list(
            Entry.objects.filter(client=client)
            .only("kind", "at", "summary", "payload")
            .order_by("-at", "-id")[:LAST_ENTRIES]
        )
        greet_in = language_name(client.writes_in or client.language, language)
    return CallerView(
        number=e164 or number,
        display=normalize.phone_display(e164) if e164 else (number or "—"),
        country=country,
        country_name=_locale(language).territories.get(country, "") if country else "",
        calling_code=calling_code,
        likely_languages=[language_name(code, language) for code in _territory_languages(country)]
        if country
        else [],
        client=client,
        others=matches[1:],
        greet_in=greet_in,
        open_cases=open_cases,
        last_entries=entries,
    )


def pop_calls(
    *, viewer: User, hidden: Collection[int] = (), now: dt.datetime | None = None
) -> list[Call]:
    """The calls to pop up for the viewer: ringing or on the line for them, ended for them and
    waiting for a summary, and for care-centre staff the calls ringing for nobody in particular.
    One query (indexes call_agent_started and call_unassigned_ringing)."""
    now = now or timezone.now()
    mine = Q(agent=viewer) & (
        Q(state__in=Call.LIVE_STATES)
        | Q(state=Call.State.ENDED, summary="", ended_at__gte=now - SUMMARY_WAIT)
    )
    wanted = mine
    unassigned = Q(agent__isnull=True, state=Call.State.RINGING)
    if User.site.is_cached(viewer):
        if viewer.site is not None and viewer.site.is_brand_wide:
            wanted |= unassigned
    elif viewer.site_id is not None:
        # Asked inside the same query: the empty poll, every 2 s on every staff page, stays at one
        # query besides the session and the user.
        care = Site.objects.filter(pk=viewer.site_id, kind=Site.Kind.CARE_CENTRE)
        wanted |= unassigned & Q(Exists(care))
    calls = Call.objects.filter(wanted, started_at__gte=now - LIVE_FOR)
    if hidden:
        calls = calls.exclude(pk__in=list(hidden))  # dismissed by the viewer
    return list(calls.order_by("-started_at", "-id")[:POP_LIMIT])


def calls_for_agent(*, viewer: User, limit: int = 50) -> list[Call]:
    """The viewer's latest calls, newest first (index call_agent_started): where they summarise a
    call after the pop has gone. Clients of another site are not named (the agent may have taken
    a call for a client they cannot see)."""
    calls = list(
        Call.objects.filter(agent=viewer)
        .select_related("client", "client__site", "case")
        .order_by("-started_at", "-id")[:limit]
    )
    for call in calls:
        if call.client is not None and not (viewer.sees_site(call.client.site_id)):
            call.client, call.case = None, None
    return calls


def call_get(*, viewer: User, pk: int) -> Call:
    """A call the viewer may act on: theirs, or any for brand-wide staff; 404 otherwise."""
    calls = Call.objects.filter(pk=pk)
    if not viewer.sees_all_clients:
        calls = calls.filter(agent=viewer)
    call = calls.select_related("client", "case").first()
    if call is None:
        raise Http404("No such call")
    return call
