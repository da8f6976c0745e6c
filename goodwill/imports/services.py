"""Loading a dataset written by shared/bench/dataset.py: how benchmarks fill the database and how a
brand migrates its client book.

Sites and advisors go through the organisation services. Clients, products, cases and messages
take a bulk path: client_create and friends cost milliseconds a row, hours for 100,000 clients
and 2.4 million messages. The bulk path batches the writes (multi-row inserts, COPY on
PostgreSQL), never the decisions: each one comes from the function the live services call, so
the two paths cannot drift apart (imports/tests/test_agreement.py holds them to it):

- contact points: clients.rules.contact_country and contact_normalized, as client_create;
  an address another client has, or one that is no address, is left out with a warning;
- search identifiers: clients.rules.client_identifiers, product_identifiers and
  case_identifiers, as identifiers_index and identifier_add_case;
- a new client's tier, verification, backup advisor and first activity: clients.rules
  (client_start, backup_advisor_id), no person choosing; the tier then follows the value of
  what they own as product_add's refresh would (care.services.tier_following_value);
- who owns a case: cases.rules.case_owner, as owner_for: the advisor the file names, unless
  they may not serve the client's site (or have left), then the client's advisor;
- timeline entries: timeline.services.case_opened_entry, message_in_entry (the sender as the
  intake records it, clients.rules.sender_address), message_out_entry and call_entry, written
  in bulk by record_imported.

Every row carries a key from the file, so a second run inserts nothing. The files are read side
by side, a batch of clients at a time with their products, cases and messages (the files are in
client-id order), one transaction per batch. Only id → pk maps, the staff (what the owner rule
needs of them) and the tier thresholds stay in memory between batches.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any, TextIO, cast

import orjson
from babel.languages import get_official_languages
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, models, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from tqdm import tqdm

from goodwill.care.models import TierThreshold
from goodwill.care.services import tier_following_value
from goodwill.cases.models import Case
from goodwill.cases.rules import case_owner
from goodwill.clients import rules
from goodwill.clients.models import Client, ContactPoint, Cover, Identifier, Product, Tier
from goodwill.db import bulk_insert
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import site_create, staff_create
from goodwill.timeline import services as timeline

FILES = (
    "sites.jsonl",
    "advisors.jsonl",
    "clients.jsonl",
    "products.jsonl",
    "cases.jsonl",
    "messages.jsonl",
)
# About 24,000 messages a batch: large enough for fast inserts, small enough for flat memory.
CLIENTS_PER_BATCH = 1000
# SQLite only: let the write-ahead log grow to this many pages (4 KB each) before a checkpoint.
WAL_CHECKPOINT_PAGES = 100_000
# Rows past the last client (all of them bad, in a sane file) are drained this many at a time.
DRAIN_LIMIT = 50_000
# A file of garbage must not fill memory with its bad rows: the rest are only counted.
BAD_ROWS_KEPT = 1000

_STATUS = {
    "open": "open",
    "pending": "waiting_client",
    "reopened": "open",
    "resolved": "resolved",
    "closed": "closed",
}
_WARRANTY_PROVIDER = "Aurelis"
# TextChoices.values builds a new list on every call: read once, checked millions of times.
_SITE_KINDS = tuple(Site.Kind.values)
_TIERS = tuple(Tier.values)
_PRODUCT_KINDS = tuple(Product.Kind.values)
_CATEGORIES = tuple(Case.Category.values)
_CHANNELS = tuple(Case.Channel.values)
_DIRECTIONS = ("inbound", "outbound")
_MESSAGE_CHANNELS = ("email", "web", "phone")


class DatasetError(Exception):
    """The directory is not a dataset, or the database refused a batch; the message says which."""


@dataclasses.dataclass(frozen=True)
class BadRow:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclasses.dataclass
class ImportReport:
    """Per file: rows inserted, rows skipped because they were already there, rows refused."""

    inserted: dict[str, int] = dataclasses.field(default_factory=lambda: dict.fromkeys(FILES, 0))
    skipped: dict[str, int] = dataclasses.field(default_factory=lambda: dict.fromkeys(FILES, 0))
    bad: dict[str, int] = dataclasses.field(default_factory=lambda: dict.fromkeys(FILES, 0))
    bad_rows: list[BadRow] = dataclasses.field(default_factory=list)
    # Rows loaded with a part left out (a bad or taken e-mail, a bad phone): counted, not skipped.
    warned: dict[str, int] = dataclasses.field(default_factory=lambda: dict.fromkeys(FILES, 0))
    warnings: list[BadRow] = dataclasses.field(default_factory=list)
    # Rows written besides the files' own: contact points, identifiers, covers, timeline entries.
    derived: dict[str, int] = dataclasses.field(
        default_factory=lambda: {
            "contact points": 0,
            "identifiers": 0,
            "covers": 0,
            "timeline entries": 0,
        }
    )
    seconds: float = 0.0

    def reject(self, file: str, line: int, reason: str) -> None:
        self.bad[file] += 1
        if len(self.bad_rows) < BAD_ROWS_KEPT:
            self.bad_rows.append(BadRow(file=file, line=line, reason=reason))

    def warn(self, file: str, line: int, reason: str) -> None:
        self.warned[file] += 1
        if len(self.warnings) < BAD_ROWS_KEPT:
            self.warnings.append(BadRow(file=file, line=line, reason=reason))

    @property
    def rows_read(self) -> int:
        return sum(self.inserted.values()) + sum(self.skipped.values()) + sum(self.bad.values())

    @property
    def rows_written(self) -> int:
        return sum(self.inserted.values()) + sum(self.derived.values())

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.seconds if self.seconds > 0 else 0.0


class _Bad(Exception):
    """A row the import refuses; the message is the reason shown to the user."""


Row = dict[str, Any]


# --- reading and checking rows --------------------------------------------------------------


def _int(row: Row, key: str, *, required: bool = True) -> int | None:
    value = row.get(key)
    if value is None and not required:
        return None
    if type(value) is not int:  # bool is an int too, and never an id
        raise _Bad(
            f"{key} is missing" if value is None else f"{key} is not a whole number: {value!r:.40}"
        )
    return value


def _text(
    row: Row,
    key: str,
    model: type[models.Model] | None = None,
    field: str | None = None,
    *,
    required: bool = True,
) -> str:
    value = row.get(key)
    if value is None or value == "":
        if required:
            raise _Bad(f"{key} is missing")
        return ""
    if not isinstance(value, str):
        raise _Bad(f"{key} is not text: {value!r:.40}")
    value = value.strip()
    if model is not None:
        # PostgreSQL refuses an over-long value and would roll back the whole batch.
        limit = cast("models.Field[Any, Any]", model._meta.get_field(field or key)).max_length
        if limit is not None and len(value) > limit:
            raise _Bad(f"{key} is longer than {limit} characters")
    return value


def _choice(row: Row, key: str, choices: Sequence[str] | dict[str, str]) -> str:
    value = row.get(key)
    if value not in choices:
        raise _Bad(
            f"{key} is missing"
            if value is None
            else f"{key} {value!r:.40} is not one of {', '.join(choices)}"
        )
    return str(value)


def _when(row: Row, key: str, shift: dt.timedelta, *, required: bool = True) -> dt.datetime | None:
    value = row.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise _Bad(
            f"{key} is missing" if value is None else f"{key} is not a date and time: {value!r:.40}"
        )
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _Bad(f"{key} is not an ISO date and time: {value!r:.40}") from None
    if moment.tzinfo is None:
        raise _Bad(f"{key} has no time zone: {value!r:.40}")
    # The dataset writes "…Z": already UTC, and astimezone returns the same object.
    return moment.astimezone(dt.UTC) + shift if shift else moment.astimezone(dt.UTC)


def _day(row: Row, key: str, shift: dt.timedelta) -> dt.date | None:
    value = row.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Bad(f"{key} is not a date: {value!r:.40}")
    try:
        return dt.date.fromisoformat(value) + shift
    except ValueError:
        raise _Bad(f"{key} is not an ISO date: {value!r:.40}") from None


class _Reader:
    """One JSON Lines file read forward only, with one row of look-ahead to stop at a client id."""

    def __init__(self, *, path: Path, report: ImportReport, check: Callable[[Row], Row]) -> None:
        self.name = path.name
        self._file: IO[bytes] = path.open("rb")
        self._lines = enumerate(self._file, start=1)
        self._report = report
        self._check = check
        self._ahead: Row | None = None
        self.exhausted = False
        self.bytes_read = 0

    def close(self) -> None:
        self._file.close()

    def _next(self) -> Row | None:
        for number, raw in self._lines:
            self.bytes_read += len(raw)
            if not raw.strip():
                continue
            try:
                row = orjson.loads(raw)  # a third of json.loads's time on these rows
            except ValueError as error:  # orjson.JSONDecodeError (bad UTF-8 included) is one
                self._report.reject(self.name, number, f"not JSON ({error})")
                continue
            if not isinstance(row, dict):
                self._report.reject(self.name, number, "not a JSON object")
                continue
            try:
                row = self._check(row)
            except _Bad as error:
                self._report.reject(self.name, number, str(error))
                continue
            row["_line"] = number
            return row
        self.exhausted = True
        return None

    def __iter__(self) -> Iterator[Row]:
        while (row := self._next()) is not None:
            yield row

    def take(self, count: int) -> list[Row]:
        rows: list[Row] = []
        while len(rows) < count and (row := self._next()) is not None:
            rows.append(row)
        return rows

    def take_until(self, client_id: float, limit: float = math.inf) -> list[Row]:
        """The next rows whose client_id is at most `client_id` (the files are in client order)."""
        rows: list[Row] = []
        while len(rows) < limit:
            if self._ahead is None:
                self._ahead = self._next()
                if self._ahead is None:
                    break
            if self._ahead["client_id"] > client_id:
                break
            rows.append(self._ahead)
            self._ahead = None
        return rows

    @property
    def done(self) -> bool:
        return self._ahead is None and self.exhausted


# --- writing ----------------------------------------------------------------------------------


def _insert(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> int:
    return bulk_insert(model=model, columns=columns, rows=rows)


def _site_languages(country: str) -> list[str]:
    # Babel's official languages (CH → de, fr, it) and English, which every site speaks.
    languages = [lang for lang in get_official_languages(country) if len(lang) == 2]
    return [*languages, *([] if "en" in languages else ["en"])]


@dataclasses.dataclass(frozen=True, slots=True)
class _Staff:
    """What the rules need of a staff member (clients.rules.StaffLike), read once before the
    rows: deciding an owner costs no query."""

    pk: int
    site_id: int | None
    is_active: bool
    sees_all_clients: bool
    backup_id: int | None
    team_site_ids: frozenset[int] = frozenset()


@dataclasses.dataclass
class _Known:
    """Dataset id → database pk, the only state kept between batches."""

    sites: dict[int, int] = dataclasses.field(default_factory=dict)
    site_country: dict[int, str] = dataclasses.field(default_factory=dict)
    advisors: dict[int, int] = dataclasses.field(default_factory=dict)
    # staff pk → what the rules need of them
    staff: dict[int, _Staff] = dataclasses.field(default_factory=dict)
    # currency → threshold: what tier the value of a client's products reaches (care)
    thresholds: dict[str, TierThreshold] = dataclasses.field(default_factory=dict)
    # client id → (pk, site pk, advisor pk, e-mail address kept, as shown)
    clients: dict[int, tuple[int, int, int | None, str]] = dataclasses.field(default_factory=dict)
    # product id → (pk, client id, selling advisor pk); case id → (pk, client id)
    products: dict[int, tuple[int, int, int | None]] = dataclasses.field(default_factory=dict)
    cases: dict[int, tuple[int, int]] = dataclasses.field(default_factory=dict)


class _Import:
    def __init__(self, *, directory: Path, shift: dt.timedelta, report: ImportReport) -> None:
        self.directory = directory
        self.shift = shift
        self.report = report
        self.known = _Known()
        self._entries_written = 0

    # Sites and advisors: a few hundred rows, through the organisation services.

    def sites(self) -> None:
        file = "sites.jsonl"
        reader = _Reader(path=self.directory / file, report=self.report, check=self._check_site)
        try:
            for row in reader:
                existing = (
                    Site.objects.filter(code=row["code"]).values_list("pk", "country").first()
                )
                if existing is None:
                    with transaction.atomic():
                        site = site_create(
                            code=row["code"],
                            name=row["name"],
                            kind=row["kind"],
                            country=row["country"],
                            timezone=row["timezone"],
                            city=row["city"],
                            email=row["email"],
                            languages=_site_languages(row["country"]),
                        )
                    existing = (site.pk, site.country)
                    self.report.inserted[file] += 1
                else:
                    self.report.skipped[file] += 1
                self.known.sites[row["id"]], self.known.site_country[row["id"]] = existing
        finally:
            reader.close()

    def _check_site(self, row: Row) -> Row:
        return {
            "id": _int(row, "id"),
            "code": _text(row, "code", Site),
            "name": _text(row, "name", Site),
            "kind": _choice(row, "kind", _SITE_KINDS),
            "city": _text(row, "city", Site, required=False),
            "country": _text(row, "country", Site).upper(),
            "timezone": _text(row, "timezone", Site, required=False) or "UTC",
            "email": _text(row, "email", Site, required=False),
        }

    def advisors(self) -> None:
        file = "advisors.jsonl"
        reader = _Reader(path=self.directory / file, report=self.report, check=self._check_advisor)
        try:
            for row in reader:
                pk = User.objects.filter(code=row["code"]).values_list("pk", flat=True).first()
                if pk is not None:
                    self.report.skipped[file] += 1
                elif row["site_id"] not in self.known.sites:
                    self.report.reject(file, row["_line"], f"unknown site {row['site_id']}")
                    continue
                elif User.objects.filter(username=row["code"].lower()).exists():
                    self.report.reject(
                        file, row["_line"], f"the username {row['code'].lower()} is taken"
                    )
                    continue
                else:
                    with transaction.atomic():
                        user = staff_create(
                            username=row["code"].lower(),
                            code=row["code"],
                            password=None,
                            first_name=row["first_name"],
                            last_name=row["last_name"],
                            role=User.Role.ADVISOR,
                            site=Site.objects.get(pk=self.known.sites[row["site_id"]]),
                            email=row["email"],
                            phone=row["phone"],
                            language="en",
                            languages_spoken=row["languages"],
                        )
                    pk = user.pk
                    self.report.inserted[file] += 1
                self.known.advisors[row["id"]] = pk
        finally:
            reader.close()
        self.known.staff = {
            user.pk: _Staff(
                pk=user.pk,
                site_id=user.site_id,
                is_active=user.is_active,
                sees_all_clients=user.sees_all_clients,
                backup_id=user.backup_id,
                team_site_ids=user.team_site_ids,
            )
            for user in User.objects.select_related("site")
        }
        self.known.thresholds = {t.currency: t for t in TierThreshold.objects.all()}

    def _check_advisor(self, row: Row) -> Row:
        languages = row.get("languages") or []
        if not isinstance(languages, list) or not all(isinstance(lang, str) for lang in languages):
            raise _Bad("languages is not a list of language codes")
        return {
            "id": _int(row, "id"),
            "code": _text(row, "code", User),
            "first_name": _text(row, "first_name", User, required=False),
            "last_name": _text(row, "last_name", User, required=False),
            "email": _text(row, "email", User, required=False),
            "phone": _text(row, "phone", User, required=False),
            "site_id": _int(row, "site_id"),
            "languages": languages,
        }

    # Clients and what hangs off them: checked row by row, written in bulk a batch at a time.

    def _check_client(self, row: Row) -> Row:
        tier = row.get("tier") or Tier.STANDARD
        if tier not in _TIERS:
            raise _Bad(f"tier {tier!r:.40} is not one of {', '.join(_TIERS)}")
        return {
            "id": _int(row, "id"),
            "ref": _text(row, "ref", Client),
            "first_name": _text(row, "first_name", Client, required=False),
            "last_name": _text(row, "last_name", Client),
            "email": _text(row, "email", required=False),
            "phone": _text(row, "phone", required=False),
            "country": _text(row, "country", Client, required=False).upper(),
            "language": _text(row, "language", Client, required=False) or "en",
            "tier": tier,
            "advisor_id": _int(row, "advisor_id", required=False),
            "site_id": _int(row, "site_id"),
            "created_at": _when(row, "created_at", self.shift),
        }

    def _check_product(self, row: Row) -> Row:
        price = row.get("price")
        if price is not None:
            try:
                price = Decimal(str(price)).quantize(Decimal("0.01"))
            except InvalidOperation:
                raise _Bad(f"price is not a number: {price!r:.40}") from None
            if not price.is_finite() or price < 0 or price >= 10**10:
                raise _Bad(f"price {price} is out of range")
        checked: Row = {
            "id": _int(row, "id"),
            "client_id": _int(row, "client_id"),
            "kind": _choice(row, "kind", _PRODUCT_KINDS),
            "brand": _text(row, "brand", Product),
            "model": _text(row, "model", Product),
            "serial": _text(row, "serial", Product, required=False),
            "vin": _text(row, "vin", Product, required=False),
            "plate": _text(row, "plate", Product, required=False),
            "purchase_date": _day(row, "purchase_date", self.shift),
            "warranty_end": _day(row, "warranty_end", self.shift),
            "price": price,
            "currency": _text(row, "currency", Product, required=False),
            "site_id": _int(row, "site_id", required=False),
        }
        checked["serial"], checked["vin"], checked["plate"] = rules.product_codes(
            serial=checked["serial"], vin=checked["vin"], plate=checked["plate"]
        )
        start, end = checked["purchase_date"], checked["warranty_end"]
        if start is not None and end is not None and end < start:
            raise _Bad("warranty_end is before purchase_date")
        return checked

    def _check_case(self, row: Row) -> Row:
        priority = _int(row, "priority")
        if not 1 <= priority <= 3:  # type: ignore[operator]  # _int(required=True) never returns None
            raise _Bad(f"priority {priority} is not 1, 2 or 3")
        checked: Row = {
            "id": _int(row, "id"),
            "ref": _text(row, "ref", Case, "reference"),
            "client_id": _int(row, "client_id"),
            "product_id": _int(row, "product_id", required=False),
            "subject": _text(row, "subject")[:300],
            "category": _choice(row, "category", _CATEGORIES),
            "channel": _choice(row, "channel", _CHANNELS),
            "priority": priority,
            "language": _text(row, "language", Case, required=False) or "en",
            "opened_at": _when(row, "opened_at", self.shift),
            "closed_at": _when(row, "closed_at", self.shift, required=False),
            "status": _STATUS[_choice(row, "status", _STATUS)],
            "advisor_id": _int(row, "advisor_id"),
        }
        if checked["closed_at"] is not None and checked["closed_at"] < checked["opened_at"]:
            raise _Bad("closed_at is before opened_at")
        return checked

    def _check_message(self, row: Row) -> Row:
        # The hot path (24 messages a client): the common case is tested inline, the helpers
        # only run to word the reason of a bad row.
        if not (
            type(row.get("id")) is int
            and type(row.get("case_id")) is int
            and type(row.get("client_id")) is int
        ):
            for key in ("id", "case_id", "client_id"):
                _int(row, key)
        subject, body, email = (
            row.get("subject") or "",
            row.get("body") or "",
            row.get("author_email") or "",
        )
        if not (isinstance(subject, str) and isinstance(body, str) and isinstance(email, str)):
            raise _Bad("subject, body and author_email must be text")
        author_id = row.get("author_id")
        if author_id is not None and type(author_id) is not int:
            _int(row, "author_id")
        if row.get("direction") not in _DIRECTIONS:
            _choice(row, "direction", _DIRECTIONS)
        if row.get("channel") not in _MESSAGE_CHANNELS:
            _choice(row, "channel", _MESSAGE_CHANNELS)
        # The row just parsed is ours: checked in place rather than copied into a new dict.
        row["at"] = _when(row, "at", self.shift)
        row["subject"], row["body"], row["author_email"] = subject.strip(), body, email.strip()
        row["author_type"], row["author_id"] = row.get("author_type"), author_id
        return row

    def batch(
        self, *, clients: list[Row], products: list[Row], cases: list[Row], messages: list[Row]
    ) -> None:
        """Check every reference first, then write the batch in one transaction."""
        known, report = self.known, self.report

        new_clients: dict[int, Row] = {}
        for row in clients:
            reason = (
                "duplicate client id"
                if row["id"] in known.clients or row["id"] in new_clients
                else f"unknown site {row['site_id']}"
                if row["site_id"] not in known.sites
                else f"unknown advisor {row['advisor_id']}"
                if row["advisor_id"] is not None and row["advisor_id"] not in known.advisors
                else None
            )
            if reason:
                report.reject("clients.jsonl", row["_line"], reason)
                continue
            self._contacts(row)
            new_clients[row["id"]] = row

        def client_known(client_id: int) -> bool:
            return client_id in known.clients or client_id in new_clients

        new_products: dict[int, Row] = {}
        for row in products:
            reason = (
                f"unknown client {row['client_id']}"
                if not client_known(row["client_id"])
                else "duplicate product id"
                if row["id"] in known.products or row["id"] in new_products
                else f"unknown site {row['site_id']}"
                if row["site_id"] is not None and row["site_id"] not in known.sites
                else None
            )
            if reason:
                report.reject("products.jsonl", row["_line"], reason)
                continue
            new_products[row["id"]] = row

        new_cases: dict[int, Row] = {}
        for row in cases:
            product_owner = (
                None
                if row["product_id"] is None
                else new_products[row["product_id"]]["client_id"]
                if row["product_id"] in new_products
                else known.products[row["product_id"]][1]
                if row["product_id"] in known.products
                else -1
            )
            reason = (
                f"unknown client {row['client_id']}"
                if not client_known(row["client_id"])
                else "duplicate case id"
                if row["id"] in known.cases or row["id"] in new_cases
                else f"unknown advisor {row['advisor_id']}"
                if row["advisor_id"] not in known.advisors
                else f"unknown product {row['product_id']}"
                if product_owner == -1
                else f"product {row['product_id']} belongs to another client"
                if product_owner is not None and product_owner != row["client_id"]
                else None
            )
            if reason:
                report.reject("cases.jsonl", row["_line"], reason)
                continue
            new_cases[row["id"]] = row

        # The latest message of each case, so last_activity_at is written once, with the row.
        checked_messages: list[Row] = []
        case_last: dict[int, dt.datetime] = {}
        for row in messages:
            case_client = (
                new_cases[row["case_id"]]["client_id"]
                if row["case_id"] in new_cases
                else known.cases[row["case_id"]][1]
                if row["case_id"] in known.cases
                else None
            )
            actor = (
                known.advisors.get(row["author_id"]) if row["author_type"] == "advisor" else None
            )
            reason = (
                f"unknown case {row['case_id']}"
                if case_client is None
                else (
                    f"case {row['case_id']} belongs to client {case_client}, not {row['client_id']}"
                )
                if case_client != row["client_id"]
                else f"unknown advisor {row['author_id']}"
                if row["author_type"] == "advisor" and actor is None
                else None
            )
            if reason:
                report.reject("messages.jsonl", row["_line"], reason)
                continue
            row["actor_id"] = actor
            checked_messages.append(row)
            if row["at"] > case_last.get(row["case_id"], row["at"] - dt.timedelta(1)):
                case_last[row["case_id"]] = row["at"]
        client_last: dict[int, dt.datetime] = {}
        for case_id, row in new_cases.items():
            at = max(row["opened_at"], case_last.get(case_id, row["opened_at"]))
            row["last_activity_at"] = at
            client_last[row["client_id"]] = max(at, client_last.get(row["client_id"], at))
        for case_id, at in case_last.items():
            if case_id not in new_cases:
                client_id = known.cases[case_id][1]
                client_last[client_id] = max(at, client_last.get(client_id, at))

        # What each new client owns, for the tier its value reaches (only when a threshold is set).
        prices: dict[int, list[tuple[str, Decimal | None]]] = defaultdict(list)
        if known.thresholds:
            for row in new_products.values():
                prices[row["client_id"]].append((row["currency"], row["price"]))

        with transaction.atomic():
            inserted_clients = self._write_clients(new_clients, client_last, prices)
            self._write_products(new_products)
            inserted_cases = self._write_cases(new_cases)
            self._write_entries(inserted_cases, checked_messages)
            self._touch(case_last, client_last, new_cases, inserted_clients)

    def _contacts(self, row: Row) -> None:
        """The e-mail and phone as client_create stores them (clients.rules); a bad one is
        reported and left out."""
        contacts: list[rules.Contact] = []
        country = rules.contact_country(
            client_country=row["country"], site_country=self.known.site_country[row["site_id"]]
        )
        for kind, what in (
            (ContactPoint.Kind.EMAIL, "an e-mail address"),
            (ContactPoint.Kind.PHONE, "a phone number"),
        ):
            if value := row[kind]:
                try:
                    contacts.append(
                        rules.contact_normalized(kind=kind, value=value, country=country)
                    )
                except ValidationError:
                    self.report.warn(
                        "clients.jsonl",
                        row["_line"],
                        f"{kind} {value!r:.60} is not {what}; the client is loaded without it",
                    )
        row["contacts"] = contacts

    def _write_clients(
        self,
        rows: dict[int, Row],
        client_last: dict[int, dt.datetime],
        prices: dict[int, list[tuple[str, Decimal | None]]],
    ) -> set[int]:
        """Insert the clients not yet there (by ref), with contact points and identifiers.

        Each starts as client_create starts one (clients.rules.client_start, with no person
        choosing), with the tier the value of their products in this batch reaches, as
        product_add's refresh would give it (care.services.tier_following_value)."""
        file, known = "clients.jsonl", self.known
        existing = {
            ref: rest
            for ref, *rest in Client.objects.filter(
                ref__in=[r["ref"] for r in rows.values()]
            ).values_list("ref", "pk", "site_id", "advisor_id")
        }
        fresh = [r for r in rows.values() if r["ref"] not in existing]
        self._drop_taken_emails(fresh)
        table: list[tuple[Any, ...]] = []
        # The data set's times are its history: this is what tells an API sync they came in.
        imported_at = timezone.now()
        for r in fresh:
            start = rules.client_start(
                tier=r["tier"], chosen_by_person=False, client_since=r["created_at"]
            )
            advisor = known.advisors.get(r["advisor_id"])
            table.append(
                (
                    r["ref"],
                    "",
                    r["first_name"],
                    r["last_name"],
                    "",
                    r["language"],
                    r["country"],
                    tier_following_value(
                        tier=start.tier,
                        set_by_hand=start.tier_set_by_hand,
                        prices=prices.get(r["id"], ()),
                        thresholds=known.thresholds,
                    ),
                    start.tier_set_by_hand,
                    known.sites[r["site_id"]],
                    advisor,
                    rules.backup_advisor_id(
                        advisor=known.staff[advisor] if advisor is not None else None
                    ),
                    start.verified,
                    r["created_at"],
                    # The entries of this batch move it on, as each one would on the live path.
                    max(start.last_activity_at, client_last.get(r["id"], start.last_activity_at)),
                    imported_at,
                )
            )
        _insert(
            Client,
            (
                "ref",
                "title",
                "first_name",
                "last_name",
                "address_as",
                "language",
                "country",
                "tier",
                "tier_set_by_hand",
                "site_id",
                "advisor_id",
                "backup_advisor_id",
                "verified",
                "client_since",
                "last_activity_at",
                "imported_at",
            ),
            table,
        )
        created = {
            ref: rest
            for ref, *rest in Client.objects.filter(ref__in=[r["ref"] for r in fresh]).values_list(
                "ref", "pk", "site_id", "advisor_id"
            )
        }
        inserted: set[int] = set()
        contacts: list[tuple[Any, ...]] = []
        identifiers: list[tuple[Any, ...]] = []
        for row in rows.values():
            # The address a message to the client goes to: theirs as stored (none if left out).
            email = next(
                (c.value for c in row["contacts"] if c.kind == ContactPoint.Kind.EMAIL), ""
            )
            if row["ref"] in existing:
                pk, site_pk, advisor_pk = existing[row["ref"]]
                self.report.skipped[file] += 1
            elif row["ref"] in created:
                pk, site_pk, advisor_pk = created[row["ref"]]
                self.report.inserted[file] += 1
                inserted.add(row["id"])
                contacts.extend(
                    (pk, c.kind, c.value, c.normalized, "", True) for c in row["contacts"]
                )
                identifiers.extend(
                    (pk, site_pk, *found)
                    for found in rules.client_identifiers(
                        first_name=row["first_name"],
                        last_name=row["last_name"],
                        ref=row["ref"],
                        contacts=row["contacts"],
                    )
                )
            else:  # lost a race with another writer between the two queries
                self.report.reject(file, row["_line"], f"client {row['ref']} could not be inserted")
                continue
            known.clients[row["id"]] = (pk, site_pk, advisor_pk, email)
        self.report.derived["contact points"] += _insert(
            ContactPoint,
            ("client_id", "kind", "value", "normalized", "label", "is_primary"),
            contacts,
        )
        self.report.derived["identifiers"] += _insert(
            Identifier, ("client_id", "site_id", "kind", "value", "display"), identifiers
        )
        return inserted

    def _drop_taken_emails(self, rows: list[Row]) -> None:
        """One address, one client (as client_create enforces): a second client with an address
        already taken, in the database or earlier in this batch, is loaded without it."""
        wanted = {
            c.normalized for r in rows for c in r["contacts"] if c.kind == ContactPoint.Kind.EMAIL
        }
        owners = dict(
            ContactPoint.objects.filter(
                kind=ContactPoint.Kind.EMAIL, normalized__in=wanted
            ).values_list("normalized", "client__ref")
        )
        for r in rows:
            kept = []
            for contact in r["contacts"]:
                if contact.kind == ContactPoint.Kind.EMAIL:
                    owner = owners.setdefault(contact.normalized, r["ref"])
                    if owner != r["ref"]:
                        self.report.warn(
                            "clients.jsonl",
                            r["_line"],
                            (
                                f"email {contact.value!r:.60} already belongs to {owner}; "
                                "the client is loaded without it"
                            ),
                        )
                        continue
                kept.append(contact)
            r["contacts"] = kept

    def _write_products(self, rows: dict[int, Row]) -> None:
        """Insert the products not yet there (by source key), each with its warranty and
        identifiers."""
        file, known = "products.jsonl", self.known
        keys = {f"ds:product:{product_id}": product_id for product_id in rows}
        existing = {
            key: (pk, selling_advisor)
            for key, pk, selling_advisor in Product.objects.filter(
                source_key__in=list(keys)
            ).values_list("source_key", "pk", "selling_advisor_id")
        }
        fresh = [(key, rows[product_id]) for key, product_id in keys.items() if key not in existing]
        table: list[tuple[Any, ...]] = []
        for key, r in fresh:
            _pk, client_site, advisor, _email = known.clients[r["client_id"]]
            table.append(
                (
                    known.clients[r["client_id"]][0],
                    r["kind"],
                    r["brand"],
                    r["model"],
                    r["serial"],
                    r["vin"],
                    r["plate"],
                    r["purchase_date"],
                    r["price"],
                    r["currency"],
                    advisor,
                    known.sites[r["site_id"]] if r["site_id"] is not None else client_site,
                    key,
                )
            )
        _insert(
            Product,
            (
                "client_id",
                "kind",
                "brand",
                "model",
                "serial",
                "vin",
                "plate",
                "purchase_date",
                "price",
                "currency",
                "selling_advisor_id",
                "site_id",
                "source_key",
            ),
            table,
        )
        created = dict(
            Product.objects.filter(source_key__in=[key for key, _r in fresh]).values_list(
                "source_key", "pk"
            )
        )
        covers: list[tuple[Any, ...]] = []
        identifiers: list[tuple[Any, ...]] = []
        selling_advisor: int | None
        for key, product_id in keys.items():
            row = rows[product_id]
            if key in existing:
                pk, selling_advisor = existing[key]
                self.report.skipped[file] += 1
            elif key in created:
                pk = created[key]
                # Sold by the client's advisor, as the row above says.
                selling_advisor = known.clients[row["client_id"]][2]
                self.report.inserted[file] += 1
                if row["purchase_date"] is not None and row["warranty_end"] is not None:
                    covers.append(
                        (
                            pk,
                            Cover.Kind.WARRANTY,
                            _WARRANTY_PROVIDER,
                            "",
                            row["purchase_date"],
                            row["warranty_end"],
                            "",
                        )
                    )
                client_pk, site_pk, _advisor, _email = known.clients[row["client_id"]]
                identifiers.extend(
                    (client_pk, site_pk, *found)
                    for found in rules.product_identifiers(
                        plate=row["plate"], vin=row["vin"], serial=row["serial"]
                    )
                )
            else:
                self.report.reject(
                    file, row["_line"], f"product {product_id} could not be inserted"
                )
                continue
            known.products[product_id] = (pk, row["client_id"], selling_advisor)
        # No unique key on covers: only a product inserted just now gets one, so a rerun adds none.
        self.report.derived["covers"] += _insert(
            Cover,
            ("product_id", "kind", "provider", "reference", "starts_on", "ends_on", "terms"),
            covers,
        )
        self.report.derived["identifiers"] += _insert(
            Identifier, ("client_id", "site_id", "kind", "value", "display"), identifiers
        )

    def _write_cases(self, rows: dict[int, Row]) -> dict[int, Row]:
        """Insert the cases not yet there (by source key) on the client's site; the new ones by
        id."""
        file, known = "cases.jsonl", self.known
        keys = {f"ds:case:{case_id}": case_id for case_id in rows}
        existing = dict(
            Case.objects.filter(source_key__in=list(keys)).values_list("source_key", "pk")
        )
        fresh: list[tuple[str, Row]] = []
        staff = known.staff
        for key, case_id in list(keys.items()):
            if key in existing:
                continue
            r = rows[case_id]
            _pk, site_pk, advisor_pk, _email = known.clients[r["client_id"]]
            # Whoever the file names keeps the case if they may serve the client's site; else
            # the client's advisor (cases.rules.case_owner, as owner_for decides live).
            owner = case_owner(
                proposed=staff[known.advisors[r["advisor_id"]]],
                advisor=staff[advisor_pk] if advisor_pk is not None else None,
                site_id=site_pk,
            )
            if owner is None:
                del keys[key]
                self.report.reject(
                    file,
                    r["_line"],
                    f"advisor {r['advisor_id']} cannot serve the client's site, "
                    "and the client has no advisor to own the case instead",
                )
                continue
            r["owner_pk"] = owner.pk
            fresh.append((key, r))
        table: list[tuple[Any, ...]] = []
        for key, r in fresh:
            client_pk, site_pk, _advisor, _email = known.clients[r["client_id"]]
            product = known.products[r["product_id"]] if r["product_id"] is not None else None
            # Case.site is the client's site, never the owner's: dealer isolation filters on it.
            table.append(
                (
                    r["ref"],
                    client_pk,
                    product[0] if product is not None else None,
                    r["subject"],
                    r["category"],
                    r["channel"],
                    r["status"],
                    r["priority"],
                    r["language"],
                    r["owner_pk"],
                    # The product's selling advisor hears of the case (case_open).
                    product[2] if product is not None else None,
                    site_pk,
                    r["opened_at"],
                    r["closed_at"],
                    r["last_activity_at"],
                    key,
                )
            )
        _insert(
            Case,
            (
                "reference",
                "client_id",
                "product_id",
                "summary",
                "category",
                "channel",
                "status",
                "priority",
                "language",
                "owner_id",
                "selling_advisor_id",
                "site_id",
                "opened_at",
                "closed_at",
                "last_activity_at",
                "source_key",
            ),
            table,
        )
        created = dict(
            Case.objects.filter(source_key__in=[key for key, _r in fresh]).values_list(
                "source_key", "pk"
            )
        )
        inserted: dict[int, Row] = {}
        identifiers: list[tuple[Any, ...]] = []
        for key, case_id in keys.items():
            row = rows[case_id]
            if key in existing:
                pk = existing[key]
                self.report.skipped[file] += 1
            elif key in created:
                pk = created[key]
                self.report.inserted[file] += 1
                row["pk"] = pk
                inserted[case_id] = row
                client_pk, site_pk, _advisor, _email = known.clients[row["client_id"]]
                identifiers.extend(
                    (client_pk, site_pk, *found)
                    for found in rules.case_identifiers(reference=row["ref"])
                )
            else:
                self.report.reject(
                    file, row["_line"], f"reference {row['ref']} is already used by another case"
                )
                continue
            known.cases[case_id] = (pk, row["client_id"])
        self.report.derived["identifiers"] += _insert(
            Identifier, ("client_id", "site_id", "kind", "value", "display"), identifiers
        )
        return inserted

    def _write_entries(self, opened: dict[int, Row], messages: list[Row]) -> None:
        """A case_opened entry per new case, then one entry per message, calls included, each
        built by the function its live writer uses (timeline.services.*_entry)."""
        file, known = "messages.jsonl", self.known
        entries: list[dict[str, Any]] = [
            {
                **timeline.case_opened_entry(
                    summary=r["subject"],
                    channel=r["channel"],
                    owner_id=r["owner_pk"],
                    category=r["category"],
                    reference=r["ref"],
                ),
                "client_id": known.clients[r["client_id"]][0],
                "case_id": r["pk"],
                "at": r["opened_at"],
                "source_key": f"ds:case:{case_id}:opened",
            }
            for case_id, r in opened.items()
        ]
        attempted = 0
        cases, clients, append = known.cases, known.clients, entries.append
        call_entry, message_in_entry, message_out_entry = (
            timeline.call_entry,
            timeline.message_in_entry,
            timeline.message_out_entry,
        )
        # One payload object per distinct content (every message from one sender has the same),
        # shared by its entries: bulk_insert encodes each distinct object once.
        payloads: dict[tuple[Any, ...], dict[str, Any]] = {}
        shared = payloads.setdefault
        # A sender as the intake records them (clients.rules.sender_address), worked out once per
        # address: validating an address costs more than the rest of a message's entry.
        senders: dict[str, str] = {}
        for r in messages:
            case = cases.get(r["case_id"])
            if case is None:  # its case was refused when written
                self.report.reject(file, r["_line"], f"unknown case {r['case_id']}")
                continue
            client = clients[r["client_id"]]
            if r["channel"] == "phone":
                # Historic calls carry no duration.
                fields = call_entry(direction=r["direction"], duration_seconds=0, summary=r["body"])
            elif r["direction"] == "inbound":
                if (sender := senders.get(r["author_email"])) is None:
                    sender = senders[r["author_email"]] = rules.sender_address(r["author_email"])
                fields = message_in_entry(
                    subject=r["subject"], body=r["body"], sender=sender, channel=r["channel"]
                )
            else:
                # Sent long ago: "sent", not "outbox" (as the demo's history writes it).
                fields = message_out_entry(
                    subject=r["subject"],
                    body=r["body"],
                    to=client[3],
                    channel=r["channel"],
                    status="sent",
                )
            payload = fields["payload"]
            append(
                {
                    **fields,
                    "payload": shared(tuple(payload.items()), payload),
                    "client_id": client[0],
                    "case_id": case[0],
                    "at": r["at"],
                    "actor_id": r["actor_id"],
                    "source_key": f"ds:msg:{r['id']}",
                }
            )
            attempted += 1
        written = timeline.record_imported(rows=entries)
        self.report.derived["timeline entries"] += written
        # The case_opened entries are all new (their cases were inserted just now): the rest are
        # messages.
        new_messages = written - len(opened)
        self.report.inserted[file] += new_messages
        self.report.skipped[file] += attempted - new_messages
        self._entries_written = written

    def _touch(
        self,
        case_last: dict[int, dt.datetime],
        client_last: dict[int, dt.datetime],
        new_cases: dict[int, Row],
        new_clients: set[int],
    ) -> None:
        """Move last activity forward on clients and cases written by an earlier batch or run.

        Rare (a rerun with more messages, or rows out of order), so plain updates do.
        """
        if not self._entries_written:
            return
        for case_id, at in case_last.items():
            if case_id not in new_cases:
                Case.objects.filter(pk=self.known.cases[case_id][0]).update(
                    last_activity_at=Greatest(F("last_activity_at"), Value(at))
                )
        for client_id, at in client_last.items():
            if client_id not in new_clients and client_id in self.known.clients:
                Client.objects.filter(pk=self.known.clients[client_id][0]).update(
                    last_activity_at=Greatest(
                        Coalesce(F("last_activity_at"), Value(at)), Value(at)
                    ),
                    imported_at=timezone.now(),
                )


def _check_directory(directory: Path) -> dict[str, Any]:
    if not directory.is_dir():
        raise DatasetError(f"{directory} is not a directory")
    missing = [name for name in ("meta.json", *FILES) if not (directory / name).is_file()]
    if missing:
        raise DatasetError(
            f"{directory} is not a dataset: {', '.join(missing)} missing "
            "(write one with shared/bench/dataset.py)"
        )
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    except (ValueError, OSError) as error:
        raise DatasetError(f"{directory / 'meta.json'} is not readable JSON: {error}") from None
    if not isinstance(meta, dict) or not isinstance(meta.get("counts"), dict):
        raise DatasetError(f"{directory / 'meta.json'} has no counts: is this a dataset?")
    return meta


def dataset_import(
    *,
    directory: Path,
    progress: bool = True,
    time_shift: dt.timedelta = dt.timedelta(0),
    stderr: TextIO | None = None,
) -> ImportReport:
    """Load a dataset directory; rows already there (same code, ref or source key) are skipped.

    A row that is not JSON, misses a required field or names an unknown site, advisor, client,
    product or case is reported with its file and line and skipped; the rest loads. `time_shift`
    is added to every date and time read (dates move by its whole days). Raises DatasetError when
    the directory is not a dataset, or when the database refuses a batch (batches before it stay).
    """
    started = time.perf_counter()
    directory = Path(directory)
    _check_directory(directory)
    if connection.vendor == "sqlite":
        # A larger page cache for the connection (64 MB, default 2 MB): the unique source_key
        # indexes are written in no useful order.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -65536")
            cursor.execute("PRAGMA wal_autocheckpoint")
            autocheckpoint = cursor.fetchone()[0]
            # Checkpoint every WAL_CHECKPOINT_PAGES rather than every 1,000 pages (a commit or
            # two): a page written by several batches (the identifier indexes, the tails of the
            # timeline ones) is copied into the database once, and fsync runs a tenth as often.
            # Crash safety is the WAL's and synchronous=NORMAL's, untouched: a checkpoint only
            # copies committed pages.
            cursor.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        try:
            report = _dataset_import(
                directory=directory, progress=progress, time_shift=time_shift, stderr=stderr
            )
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA wal_autocheckpoint = {int(autocheckpoint)}")
                if not connection.in_atomic_block:  # (a checkpoint inside a transaction is refused)
                    # Leave a short log for the readers of a live database; counted in the time.
                    cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
    else:
        report = _dataset_import(
            directory=directory, progress=progress, time_shift=time_shift, stderr=stderr
        )
    report.seconds = time.perf_counter() - started
    return report


def _dataset_import(
    *, directory: Path, progress: bool, time_shift: dt.timedelta, stderr: TextIO | None
) -> ImportReport:
    report = ImportReport()
    job = _Import(directory=directory, shift=time_shift, report=report)
    # The id maps grow to a million tuples and every batch allocates a million objects: at the
    # default thresholds the cyclic collector rescans them ~2,500 times per 10,000 clients (7% of
    # the time). The rows hold no cycles; young garbage is still collected every 50,000 objects.
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, 20, 20)
    try:
        return _load(job=job, directory=directory, progress=progress, stderr=stderr)
    finally:
        gc.set_threshold(*thresholds)


def _load(*, job: _Import, directory: Path, progress: bool, stderr: TextIO | None) -> ImportReport:
    report = job.report
    total = sum((directory / name).stat().st_size for name in FILES)
    with tqdm(
        total=total,
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        desc="import",
        file=stderr or sys.stderr,
        disable=not progress,
        mininterval=0.5,
        dynamic_ncols=True,
    ) as bar:
        job.sites()
        job.advisors()
        bar.update(
            (directory / "sites.jsonl").stat().st_size
            + (directory / "advisors.jsonl").stat().st_size
        )
        readers = {
            name: _Reader(path=directory / f"{name}.jsonl", report=report, check=check)
            for name, check in (
                ("clients", job._check_client),
                ("products", job._check_product),
                ("cases", job._check_case),
                ("messages", job._check_message),
            )
        }
        seen = bar.n
        bound: float = 0
        try:
            while True:
                clients = readers["clients"].take(CLIENTS_PER_BATCH)
                if clients:
                    bound = max(bound, *(row["id"] for row in clients))
                    products = readers["products"].take_until(bound)
                    cases = readers["cases"].take_until(bound)
                    messages = readers["messages"].take_until(bound)
                else:
                    # Past the last client: what is left names unknown clients. Drain it in slices,
                    # each file only once the one it depends on is done.
                    bound = math.inf
                    products = readers["products"].take_until(bound, DRAIN_LIMIT)
                    cases = (
                        readers["cases"].take_until(bound, DRAIN_LIMIT)
                        if readers["products"].done
                        else []
                    )
                    messages = (
                        readers["messages"].take_until(bound, DRAIN_LIMIT)
                        if readers["cases"].done
                        else []
                    )
                    if not (products or cases or messages) and all(
                        r.done for r in readers.values()
                    ):
                        break
                first = (clients or products or cases or messages)[0]
                try:
                    job.batch(clients=clients, products=products, cases=cases, messages=messages)
                except DatabaseError as error:
                    raise DatasetError(
                        f"the database refused the batch starting at line {first['_line']} of its "
                        f"file (client {first.get('client_id', first.get('id'))}): {error}. "
                        "Earlier batches are loaded; fix the row and run the import again."
                    ) from error
                bar.update(seen + sum(r.bytes_read for r in readers.values()) - bar.n)
                bar.set_postfix(clients=len(job.known.clients), refresh=False)
        finally:
            for reader in readers.values():
                reader.close()
    return report
