"""Reading a factory or logistics feed (CSV: VIN or serial, stage, when) into rows, each bad one
with its reason; journeys.services.feed_apply applies them."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from goodwill.clients.normalize import code_normalized
from goodwill.journeys.services import FeedRow

# A feed dated further ahead than this is a typo, not news.
FUTURE = dt.timedelta(days=1)
MAX_ROWS = 100_000
CODE_COLUMNS = ("vin", "serial", "identifier")


class FeedError(ValueError):
    """The file as a whole cannot be read (not CSV, no columns to read)."""


def parse_at(raw: str, *, now: dt.datetime) -> tuple[dt.datetime | None, str]:
    """When, from ISO 8601: a time with its zone, or a day (taken at noon UTC)."""
    raw = raw.strip()
    try:
        # A bare day first: parse_datetime would take it as a naive midnight.
        day = parse_date(raw) if len(raw) == 10 else None
        moment = None if day else parse_datetime(raw)
    except ValueError:
        moment, day = None, None
    if moment is None and day is not None:
        moment = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    if moment is None:
        return None, _("“at” is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM+00:00).")
    if timezone.is_naive(moment):
        return None, _("“at” has a time but no time zone.")
    if moment > now + FUTURE:
        return None, _("“at” is in the future.")
    return moment, ""


def row_read(line: int, record: Mapping[str, Any], *, now: dt.datetime) -> FeedRow:
    """One record (a CSV line or an API item) as a feed row, with its problem if any."""
    raw_code = next((str(record.get(c) or "") for c in CODE_COLUMNS if record.get(c)), "")
    code = code_normalized(raw_code)[:64]
    stage = str(record.get("stage") or "").strip().lower()[:30]
    if not code:
        return FeedRow(line, "", stage, None, _("No VIN or serial."))
    if not stage:
        return FeedRow(line, code, "", None, _("No stage."))
    at, problem = parse_at(str(record.get("at") or ""), now=now)
    return FeedRow(line, code, stage, at, problem)


def rows_read(data: bytes, *, now: dt.datetime | None = None) -> list[FeedRow]:
    """The rows of a CSV file (UTF-8, with or without BOM; a header naming vin or serial, stage
    and at)."""
    now = now or timezone.now()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FeedError(_("The file is not UTF-8 text.")) from error
    if "\x00" in text:
        raise FeedError(_("The file is not text."))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = {h.strip().lower() for h in reader.fieldnames or []}
    if not header & set(CODE_COLUMNS) or "stage" not in header or "at" not in header:
        raise FeedError(_("The header must name vin (or serial), stage and at."))
    rows: list[FeedRow] = []
    try:
        for number, record in enumerate(reader, start=2):
            if number > MAX_ROWS + 1:
                raise FeedError(_("More than %(max)s rows: split the file.") % {"max": MAX_ROWS})
            clean = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
            rows.append(row_read(number, clean, now=now))
    except csv.Error as error:
        raise FeedError(_("The file is not valid CSV: %(error)s") % {"error": error}) from error
    return rows


def codes_of(rows: Iterable[FeedRow]) -> set[str]:
    return {row.code for row in rows if row.code}
