"""Reading a brand's list of affected vehicles (CSV): untrusted input, read as a stream.

Pure functions of bytes to rows (no database): `read_codes` yields each data line as a `Row`
(its normalised code) or a `Problem` (why it was kept aside). What cannot be read at all (not
text, no VIN or serial column, too big) raises `UnreadableFile`, which pages answer with a 400
and the command with its message; a bad line never stops the others.

Spreadsheets write CSV in many ways: UTF-8 with or without a BOM (Excel), UTF-16 (Excel's
"Unicode text"), Windows-1252 (older Excel), separated by commas, semicolons (European Excel)
or tabs. A cell beginning with =, +, -, @ is a formula to a spreadsheet: it is refused, never
stored, so nothing Goodwill later exports can run it.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import re
from collections.abc import Iterator
from typing import BinaryIO

from django.utils.translation import gettext as _

from goodwill.clients.normalize import code_normalized
from goodwill.text import one_line

# What a campaign file may hold; beyond it the file is refused before any work.
MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 500_000
# A VIN is 17 characters, serials are shorter; anything longer is not a code.
MAX_CELL = 64
MIN_CODE = 4
HEAD_BYTES = 64 * 1024

# Header names (lower case, spaces/dashes/underscores dropped) read as the column of codes.
CODE_COLUMNS = (
    "vin",
    "fin",  # Fahrzeug-Identifizierungsnummer
    "chassis",
    "chassisnumber",
    "vehicleidentificationnumber",
    "serial",
    "serialnumber",
    "serialno",
    "seriennummer",
    "numerodeserie",
    "numéro de série",
    "numerodiserie",
    "code",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
# What a VIN or serial is written with: letters, digits and the separators people type.
_CODE_TEXT = re.compile(r"[A-Za-z0-9 .\-/]+")


class UnreadableFile(ValueError):
    """The file as a whole cannot be read; the message says why, for the person uploading."""


@dataclasses.dataclass(frozen=True)
class Row:
    line: int
    raw: str
    code: str


@dataclasses.dataclass(frozen=True)
class Problem:
    line: int
    raw: str
    reason: str


@dataclasses.dataclass
class Layout:
    """What the header said: the separator, the column read, the columns ignored."""

    separator: str = ","
    column: str = ""
    ignored: list[str] = dataclasses.field(default_factory=list)
    encoding: str = "utf-8"


def _encoding(head: bytes) -> tuple[str, int]:
    """(codec, bytes of BOM to skip) from the first bytes of the file."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", len(codecs.BOM_UTF8)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", 0  # the codec reads its own BOM
    try:
        # A multi-byte character cut at the end of the head is no reason to doubt UTF-8.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8", 0
    except UnicodeDecodeError:
        return "cp1252", 0


def _folded(name: str) -> str:
    return re.sub(r"[\s_\-.#]+", "", name.strip().lower())


def _looks_like_code(cell: str) -> bool:
    code = code_normalized(cell)
    return MIN_CODE <= len(code) <= MAX_CELL and bool(re.search(r"\d", code))


class _Capped(io.RawIOBase):
    """A stream refusing to be read past `limit` bytes: a huge upload stops early."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self._stream, self._left = stream, limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(min(len(buffer), self._left + 1))
        if len(data) > self._left:
            raise UnreadableFile(_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES >> 20})
        self._left -= len(data)
        buffer[: len(data)] = data
        return len(data)


def read_codes(stream: BinaryIO, *, layout: Layout | None = None) -> Iterator[Row | Problem]:
    """Each data line of a campaign file as a Row or a Problem, in file order; `layout` (if
    given) is filled in with what the header said once it is read."""
    layout = layout if layout is not None else Layout()
    raw = io.BufferedReader(_Capped(stream, MAX_BYTES), buffer_size=HEAD_BYTES)
    head = raw.peek(HEAD_BYTES)[:HEAD_BYTES]
    if not head.strip():
        raise UnreadableFile(_("The file is empty."))
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableFile(_("This is not a text (CSV) file."))
    encoding, bom = _encoding(head)
    raw.read(bom)
    layout.encoding = encoding
    text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
    try:
        yield from _rows(text, layout)
    except UnicodeDecodeError:
        raise UnreadableFile(
            _("The file mixes text encodings: save it again as CSV UTF-8.")
        ) from None
    except csv.Error as error:
        raise UnreadableFile(_("The file is not valid CSV: %(error)s") % {"error": error}) from None


def _rows(text: io.TextIOWrapper, layout: Layout) -> Iterator[Row | Problem]:
    first = text.readline()
    counts = {sep: first.count(sep) for sep in (";", ",", "\t")}
    separator = max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","
    layout.separator = separator
    header = next(csv.reader([first], delimiter=separator), [])
    names = [_folded(name) for name in header]
    wanted = {_folded(name) for name in CODE_COLUMNS}
    matches = [index for index, name in enumerate(names) if name in wanted]
    start_line = 2
    if matches:
        column = matches[0]
        layout.column = header[column].strip()
        layout.ignored = [name.strip() for i, name in enumerate(header) if i != column][:50]
    elif len(header) == 1 and _looks_like_code(header[0]):
        # A bare list of codes, one a line, without a header: the first line is data.
        column, start_line = 0, 1
        layout.column = ""
        text = _prepend(first, text)  # type: ignore[assignment]
    else:
        raise UnreadableFile(_("No column of VINs or serial numbers: name one “VIN” or “Serial”."))
    reader = csv.reader(text, delimiter=separator)
    for count, cells in enumerate(reader):
        line = start_line + count
        if count >= MAX_ROWS:
            raise UnreadableFile(
                _("More than %(rows)s lines: split the file.") % {"rows": MAX_ROWS}
            )
        if not any(cell.strip() for cell in cells):
            continue
        cell = cells[column].strip() if column < len(cells) else ""
        yield _row(line, cell)


def _row(line: int, cell: str) -> Row | Problem:
    # Shown back to staff: one line of visible text (no bidi override can disguise it).
    shown = one_line(cell[:MAX_CELL])
    if not cell:
        return Problem(line, "", _("No VIN or serial number on this line."))
    if cell.startswith(_FORMULA):
        return Problem(line, shown, _("A spreadsheet formula, not a VIN or serial number."))
    if len(cell) > MAX_CELL or not _CODE_TEXT.fullmatch(cell):
        return Problem(line, shown, _("Not a VIN or serial number."))
    code = code_normalized(cell)
    if len(code) < MIN_CODE:
        return Problem(line, shown, _("Too short for a VIN or serial number."))
    return Row(line, cell, code)


def _prepend(first: str, rest: io.TextIOBase) -> Iterator[str]:
    yield first
    yield from rest
