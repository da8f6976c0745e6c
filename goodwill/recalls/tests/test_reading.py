"""The brand's CSV is untrusted: whatever it holds, lines are read or kept aside with why, and a
file that cannot be read at all says so (UnreadableFile, a 400 on the page)."""

from __future__ import annotations

import codecs
import io

import pytest

from goodwill.recalls import reading
from goodwill.recalls.reading import Layout, Problem, Row, UnreadableFile, read_codes
from goodwill.recalls.tests.conftest import csv_bytes


def _codes(stream: io.BytesIO) -> list[Row | Problem]:
    return list(read_codes(stream))


def test_it_reads_excel_utf8_with_bom_and_semicolons() -> None:
    data = codecs.BOM_UTF8 + "VIN;Modèle\r\nZAR12345678901234;GT\r\n".encode()
    layout = Layout()
    rows = list(read_codes(io.BytesIO(data), layout=layout))
    assert rows == [Row(2, "ZAR12345678901234", "ZAR12345678901234")]
    assert (layout.separator, layout.column, layout.ignored) == (";", "VIN", ["Modèle"])


def test_it_reads_commas_tabs_and_normalises_codes() -> None:
    assert _codes(csv_bytes("Model,Serial Number", "GT,ab-12 34")) == [Row(2, "ab-12 34", "AB1234")]
    assert _codes(csv_bytes("vin\tmodel", "ZAR12345678901234\tGT")) == [
        Row(2, "ZAR12345678901234", "ZAR12345678901234")
    ]


def test_it_reads_utf16_and_windows_1252() -> None:
    utf16 = "Fahrgestell;FIN\r\nGT;ZAR12345678901234\r\n".encode("utf-16")
    assert [r.code for r in _codes(io.BytesIO(utf16))] == ["ZAR12345678901234"]
    cp1252 = csv_bytes("Modèle;VIN", "Coupé;ZAR12345678901234", encoding="cp1252")
    assert [r.code for r in _codes(cp1252)] == ["ZAR12345678901234"]


def test_a_bare_list_without_header_is_read_from_its_first_line() -> None:
    rows = _codes(csv_bytes("ZAR12345678901234", "ZAR99999999999999"))
    assert [(r.line, r.code) for r in rows] == [(1, "ZAR12345678901234"), (2, "ZAR99999999999999")]


def test_it_keeps_bad_lines_aside_with_their_reason() -> None:
    rows = _codes(
        csv_bytes(
            "VIN,Note",
            '=HYPERLINK("http://evil.example","x"),a',
            "+1234567,b",
            "@SUM(A1),c",
            ",empty",
            "ZA<script>,d",
            "AB1,e",
            "X" * 70 + ",f",
            ",",
            "ZAR12345678901234,ok",
        )
    )
    problems = [r for r in rows if isinstance(r, Problem)]
    assert [p.line for p in problems] == [2, 3, 4, 5, 6, 7, 8]
    assert "formula" in problems[0].reason
    assert "formula" in problems[1].reason and "formula" in problems[2].reason
    assert "No VIN" in problems[3].reason
    assert all(len(p.raw) <= reading.MAX_CELL for p in problems)
    assert rows[-1] == Row(10, "ZAR12345678901234", "ZAR12345678901234")


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "empty"),
        (b"Name;Model\r\nTom;GT\r\n", "No column"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text"),
        # UTF-8 for its first 64 KB, then Latin-1 bytes: read as UTF-8, refused when met.
        (b"VIN\r\n" + b"ZAR12345678901234\r\n" * 4000 + b"Z\xe9\xff\r\n", "encodings"),
    ],
)
def test_an_unreadable_file_says_why(data: bytes, says: str) -> None:
    with pytest.raises(UnreadableFile, match=says):
        _codes(io.BytesIO(data))


def test_a_huge_file_is_refused_while_streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    data = b"VIN\r\n" + b"ZAR12345678901234\r\n" * 200
    with pytest.raises(UnreadableFile, match="larger"):
        _codes(io.BytesIO(data))
