"""Goodwill's own CSV format for moving in from anything else (docs/importing.md).

PATH is a directory of `clients.csv`, `cases.csv`, `messages.csv` and optionally
`products.csv`, UTF-8 (a BOM is fine), comma-separated with a header row, and an `attachments/`
folder for the files messages name. A row that cannot be read is left out with its file, line
and reason; the other rows come in.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from goodwill.cases.models import Case
from goodwill.clients.models import Product
from goodwill.imports.readers.common import Bad, attachment, text, when
from goodwill.imports.records import (
    CaseRecord,
    ClientRecord,
    Direction,
    Export,
    MessageRecord,
    Problem,
    ProductRecord,
    UnreadableExport,
)

SOURCE = "csv"
STATUSES = tuple(Case.Status.values)
CATEGORIES = tuple(Case.Category.values)
CHANNELS = tuple(Case.Channel.values)
DIRECTIONS: tuple[Direction, ...] = ("in", "out", "note")
PRODUCT_KINDS = tuple(Product.Kind.values)
REQUIRED = {
    "clients.csv": ("id",),
    "products.csv": ("id", "client_id", "kind", "brand", "model"),
    "cases.csv": ("id", "client_id", "subject", "opened_at"),
    "messages.csv": ("id", "case_id", "at", "direction"),
}
# A CSV field longer than this is a broken file, not a message.
csv.field_size_limit(10 * 1024 * 1024)


def _rows(path: Path, export: Export) -> Iterator[tuple[str, dict[str, str]]]:
    name = path.name
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED[name] if c not in (reader.fieldnames or [])]
            if missing:
                raise UnreadableExport(f"{name} has no column {', '.join(missing)}")
            for row in reader:
                yield (
                    f"{name}:{reader.line_num}",
                    {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)},
                )
    except UnicodeDecodeError:
        raise UnreadableExport(f"{name} is not UTF-8") from None
    except csv.Error as error:
        raise UnreadableExport(f"{name} is not readable CSV: {error}") from None
    except OSError as error:
        raise UnreadableExport(f"cannot read {path}: {error.strerror or error}") from None


def _choice(row: dict[str, str], key: str, choices: tuple[str, ...], default: str) -> str:
    value = row.get(key, "").lower() or default
    if value not in choices:
        raise Bad(f"{key} {value!r:.40} is not one of {', '.join(choices)}")
    return value


def _required(row: dict[str, str], key: str) -> str:
    if not row.get(key):
        raise Bad(f"{key} is missing")
    return row[key]


def read(path: Path, *, files: Path | None = None) -> Export:
    if not path.is_dir():
        raise UnreadableExport(f"{path} is not a directory of CSV files")
    for name in ("clients.csv", "cases.csv", "messages.csv"):
        if not (path / name).is_file():
            raise UnreadableExport(f"{path} holds no {name}")
    files = files or (path / "attachments")
    export = Export(source=SOURCE)
    for where, row in _rows(path / "clients.csv", export):
        try:
            export.clients.append(
                ClientRecord(
                    foreign_id=_required(row, "id"),
                    first_name=row.get("first_name", ""),
                    last_name=row.get("last_name", ""),
                    email=row.get("email", ""),
                    phone=row.get("phone", ""),
                    language=row.get("language", "").lower(),
                    organisation=row.get("company", ""),
                )
            )
        except Bad as error:
            export.problems.append(Problem(where=where, reason=str(error)))
    if (path / "products.csv").is_file():
        for where, row in _rows(path / "products.csv", export):
            try:
                purchase = _day(row, "purchase_date")
                delivered = _day(row, "delivered_on")
                export.products.append(
                    ProductRecord(
                        foreign_id=_required(row, "id"),
                        client_id=_required(row, "client_id"),
                        kind=_choice(row, "kind", PRODUCT_KINDS, ""),
                        brand=_required(row, "brand"),
                        model=_required(row, "model"),
                        serial=row.get("serial", ""),
                        vin=row.get("vin", ""),
                        plate=row.get("plate", ""),
                        purchase_date=purchase,
                        delivered_on=delivered,
                    )
                )
            except Bad as error:
                export.problems.append(Problem(where=where, reason=str(error)))
    messages: dict[str, list[MessageRecord]] = defaultdict(list)
    for where, row in _rows(path / "messages.csv", export):
        try:
            names = [n.strip() for n in row.get("attachments", "").split("|") if n.strip()]
            body = row.get("body", "")
            if not body and row.get("body_html"):
                body = text(row["body_html"], html=True)
            messages[_required(row, "case_id")].append(
                MessageRecord(
                    foreign_id=_required(row, "id"),
                    at=when(row.get("at"), "at"),
                    direction=_choice(row, "direction", DIRECTIONS, ""),  # type: ignore[arg-type]
                    body=text(body),
                    subject=row.get("subject", ""),
                    author_name=row.get("author_name", ""),
                    author_email=row.get("author_email", ""),
                    channel=_choice(row, "channel", CHANNELS, "email"),
                    attachments=tuple(
                        attachment(name=n, root=files, candidates=[(n,)]) for n in names
                    ),
                )
            )
        except Bad as error:
            export.problems.append(Problem(where=where, reason=str(error)))
    for where, row in _rows(path / "cases.csv", export):
        try:
            case_id = _required(row, "id")
            opened = when(row.get("opened_at"), "opened_at")
            closed = when(row["closed_at"], "closed_at") if row.get("closed_at") else None
            if closed is not None and closed < opened:
                raise Bad("closed_at is before opened_at")
            export.cases.append(
                CaseRecord(
                    foreign_id=case_id,
                    client_id=_required(row, "client_id"),
                    subject=_required(row, "subject"),
                    opened_at=opened,
                    status=_choice(row, "status", STATUSES, "open"),
                    closed_at=closed,
                    assignee_email=row.get("owner_email", ""),
                    channel=_choice(row, "channel", CHANNELS, "email"),
                    category=_choice(row, "category", CATEGORIES, "information"),
                    product_id=row.get("product_id", ""),
                    messages=tuple(sorted(messages.pop(case_id, []), key=lambda m: m.at)),
                )
            )
        except Bad as error:
            export.problems.append(Problem(where=where, reason=str(error)))
    for case_id, orphans in messages.items():
        for message in orphans:
            export.problems.append(
                Problem(
                    where=f"messages.csv: message {message.foreign_id}",
                    reason=f"case {case_id} is not in cases.csv (or was left out)",
                )
            )
    return export


def _day(row: dict[str, str], column: str) -> dt.date | None:
    """An optional day column, YYYY-MM-DD."""
    value = row.get(column, "")
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise Bad(f"{column} is not a date (YYYY-MM-DD): {value!r:.40}") from None
