"""Tests that attack the intake (issue 10): thousands of generated and mutated MIME messages,
and a table of the hostile inputs the issue names.

The property: whatever arrives, nothing crashes, every message is stored raw, and each is either
processed onto a story or kept aside (ignored, unprocessable, quarantined) with its reason, a
reason the intake chose, never an exception it did not expect (those are logged as errors, and
the test fails on any).

The messages are written as bytes, not through `email.message`, so that they can be as broken as
real mail: bad charsets and transfer encodings, encoded words hiding line breaks, NULs, nested
multiparts with missing boundaries, deep HTML, hostile file names, then bytes flipped, inserted,
cut or repeated. Examples are derandomised so a run is repeatable; set GOODWILL_FUZZ=explore to
draw new ones (and more of them).
"""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import quopri
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goodwill.cases.models import Case
from goodwill.channels.email import parsing
from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.services import email_ingest, email_ingest_many
from goodwill.clients.models import Client
from goodwill.organisation.models import Site, User

EXPLORE = os.environ.get("GOODWILL_FUZZ") == "explore"


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples * 2 if EXPLORE else examples,
        deadline=None,
        database=None,  # nothing written beside the code
        derandomize=not EXPLORE,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


SENDERS = [
    b"Thomas Lefevre <thomas.lefevre@example.com>",
    b"thomas.lefevre@example.com",
    b'"=?utf-8?q?Thomas=0D=0ABcc:_x@evil.example?=" <thomas.lefevre@example.com>',
    b"Mallory <mallory@evil.example>",
    b"=?utf-8?b?4oCuZXhlLnBkZg==?= <mallory@evil.example>",
    b"\xe8\xe9 Raw Latin <raw@example.fr>",
    b"<b>Tom</b> <tom@example.org>",
    b"MAILER-DAEMON@mx.example",
    b"undisclosed-recipients:;",
    b"not an address at all",
    b"",
]
CHARSETS = [
    b"utf-8",
    b"us-ascii",
    b"iso-8859-1",
    b"windows-1252",
    b"utf-16",
    b"utf-7",
    b"shift_jis",
    b"punycode",
    b"idna",
    b"undefined",
    b"unicode_escape",
    b"zlib_codec",
    b"x-klingon",
    b'"utf-8',
    b"",
]
ENCODINGS = [b"7bit", b"8bit", b"binary", b"base64", b"quoted-printable", b"x-uuencode", b"zzz"]
HTML = [
    b"<p>Hello <b>there</b></p>",
    b"<div>" * 3000 + b"deep" + b"</div>" * 10,
    b"<span><div></span>" * 2000,
    b'<img src="https://tracker.example/p.gif" onerror="alert(1)"><script>alert(2)</script>',
    b'<div class="gmail_quote">On Monday Anna wrote:<blockquote>old</blockquote></div>',
    b"<table><tr><td>" * 500,
    b"<style><div></style><p>\x00\xff\xfe</p>",
]
FILENAMES = [
    b"invoice.pdf",
    b"invoice\xe2\x80\xaefdp.exe",
    b"../../etc/passwd",
    b"=?utf-8?q?fa=0D=0Acture.pdf?=",
    b"\x00nul.pdf",
    b"a" * 400 + b".pdf",
]
EXTRA_HEADERS = [
    b"Auto-Submitted: auto-replied",
    b"Precedence: bulk",
    b"Return-Path: <>",
    b"X-Garbage line without colon",
    b"Subject: =?punycode?q?abc-?=",
    b"Date: 31 Febtember 20x6 25:61 +9900",
    b"From: second@from.example",
    b"\tcontinuation without a header",
]

_ids = st.sampled_from(
    [
        b"<a@example.com>",
        b"<gw-2026-000000001.1.abc@aurelis.example>",
        b"<00000000000000000000000000000000@goodwill.localhost>",
        b"<\x00bad@x>",
        b"no angle brackets",
    ]
)


def _text(draw: st.DrawFn, max_size: int = 60) -> bytes:
    words = draw(st.text(max_size=max_size))
    return words.encode(draw(st.sampled_from(["utf-8", "latin-1", "utf-16-le"])), "replace")


def _encoded_word(draw: st.DrawFn) -> bytes:
    charset = draw(st.sampled_from(CHARSETS)) or b"utf-8"
    data = draw(st.binary(max_size=30))
    if draw(st.booleans()):
        return b"=?" + charset + b"?B?" + base64.b64encode(data) + b"?="
    return b"=?" + charset + b"?Q?" + quopri.encodestring(data, header=True) + b"?="


def _transfer(draw: st.DrawFn, payload: bytes) -> tuple[bytes, bytes]:
    encoding = draw(st.sampled_from(ENCODINGS))
    if encoding == b"base64":
        payload = base64.encodebytes(payload)
        if draw(st.booleans()):
            payload = payload[: draw(st.integers(0, len(payload)))]  # truncated
    elif encoding == b"quoted-printable":
        payload = quopri.encodestring(payload)
    return encoding, payload


@st.composite
def _part(draw: st.DrawFn, depth: int = 0) -> bytes:
    if depth < 3 and draw(st.integers(0, 3)) == 0:
        boundary = draw(st.sampled_from([b"b", b"=_x", b"", b"same", b"a" * 80]))
        children = draw(st.lists(_part(depth + 1), min_size=0, max_size=3))
        kind = draw(st.sampled_from([b"mixed", b"alternative", b"related", b"report"]))
        head = b"Content-Type: multipart/" + kind + b'; boundary="' + boundary + b'"\n\n'
        body = b"".join(b"--" + boundary + b"\n" + child + b"\n" for child in children)
        if draw(st.booleans()):
            body += b"--" + boundary + b"--\n"
        return head + body
    kind = draw(st.sampled_from(["text", "html", "file", "message"]))
    charset = draw(st.sampled_from(CHARSETS))
    if kind == "text":
        payload = _text(draw, 400)
        content_type = b"text/plain; charset=" + charset
    elif kind == "html":
        payload = draw(st.sampled_from(HTML)) + _text(draw)
        content_type = b"text/html; charset=" + charset
    elif kind == "message":
        payload = b"From: inner@example.com\nSubject: inner\n\ninner body\n"
        content_type = b"message/rfc822"
    else:
        payload = draw(st.binary(max_size=300))
        content_type = draw(st.sampled_from([b"application/pdf", b"image/jpeg", b"x/y", b""]))
    encoding, payload = _transfer(draw, payload)
    head = b"Content-Type: " + content_type + b"\nContent-Transfer-Encoding: " + encoding + b"\n"
    if kind == "file" or draw(st.integers(0, 4)) == 0:
        name = draw(st.sampled_from(FILENAMES))
        head += b'Content-Disposition: attachment; filename="' + name + b'"\n'
        if draw(st.booleans()):
            head += b"Content-Disposition: attachment; filename*=" + charset + b"''%FF" + name
            head += b"\n"
    return head + b"\n" + payload + b"\n"


@st.composite
def mime_messages(draw: st.DrawFn) -> bytes:
    """One message, from plausible to broken."""
    lines = []
    sender = draw(st.sampled_from(SENDERS))
    if sender:
        lines.append(b"From: " + sender)
    subject = draw(st.one_of(st.builds(lambda: b""), st.just(b"Hello")))
    subject += b" " + (_encoded_word(draw) if draw(st.booleans()) else _text(draw))
    lines.append(b"Subject: " + subject)
    if draw(st.integers(0, 3)):
        lines.append(b"Message-ID: <" + draw(st.binary(min_size=1, max_size=12)).hex().encode())
        lines[-1] += b"@fuzz.example>"
    lines += [
        name + b": " + b" ".join(draw(st.lists(_ids, max_size=3)))
        for name in (b"In-Reply-To", b"References")
        if draw(st.booleans())
    ]
    lines += draw(st.lists(st.sampled_from(EXTRA_HEADERS), max_size=2))
    lines.append(b"MIME-Version: 1.0")
    return b"\n".join(lines) + b"\n" + draw(_part())


_INSERTED = [b"\r", b"\n", b"\x00", b"\n\n", b"--", b"=?", b"\xff"]


@st.composite
def mutated(draw: st.DrawFn, messages: st.SearchStrategy[bytes]) -> bytes:
    """A message with bytes flipped, inserted, cut or repeated, as transport and bad mailers
    leave them."""
    data = bytearray(draw(messages))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        operation = draw(st.integers(0, 4))
        if operation == 0 and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif operation == 1:
            data[at:at] = draw(
                st.sampled_from([b"\r", b"\n", b"\x00", b"\n\n", b"--", b"=?", b"\xff"])
            )
        elif operation == 2:
            del data[at : at + draw(st.integers(1, 40))]
        elif operation == 3:
            del data[at:]
        else:
            data[at:at] = data[max(0, at - 40) : at]
    return bytes(data)


HOSTILE = st.one_of(mime_messages(), mutated(mime_messages()))


def test_thousands_of_hostile_messages_never_crash_the_parser() -> None:
    """Parsing alone (no database), fast: what parsing may raise is Unreadable or Quarantine,
    the two reasons the intake records."""

    @fuzz(1000)
    @given(raw=HOSTILE)
    def parse(raw: bytes) -> None:
        import tempfile
        from pathlib import Path

        with tempfile.NamedTemporaryFile() as handle:
            handle.write(raw)
            handle.flush()
            with contextlib.suppress(parsing.Unreadable):  # Quarantine is one too
                parsing.read(parsing.parse_file(Path(handle.name)))

    parse()


@pytest.mark.slow
def test_generated_and_mutated_messages_are_all_stored_and_accounted_for(
    client_t: Client,
    case_t: Case,
    care_centre: Site,
    agent: User,
    manager: User,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Through the whole intake, in batches as the worker takes them: about 1,400 messages."""
    caplog.set_level(logging.ERROR, logger="goodwill")

    @fuzz(300)
    @given(batch=st.lists(HOSTILE, min_size=1, max_size=8))
    def intake(batch: list[bytes]) -> None:
        _accounted_for(batch, email_ingest_many(raws=list(batch)))
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert not errors, errors[0].getMessage()

    intake()


def _accounted_for(raws: list[bytes], rows: list[InboundMessage]) -> None:
    assert len(rows) == len(raws)
    for raw, row in zip(raws, rows, strict=True):
        row.refresh_from_db()
        assert row.raw_path.exists()
        if row.raw_path.read_bytes() != raw:  # a duplicate: the same Message-ID and body
            assert row.message_id is not None
        assert row.status in ("processed", "ignored", "unprocessable", "quarantined"), row.status
        if row.status == "processed":
            assert row.case_id is not None and row.entry_id is not None
        else:
            assert row.reason
            assert not row.reason.startswith(_UNEXPECTED), row.reason


# Reasons inbound_process writes only for an exception it did not expect.
_UNEXPECTED = tuple(
    f"{name}:"
    for name in (
        "AttributeError",
        "TypeError",
        "ValueError",
        "KeyError",
        "IndexError",
        "UnicodeError",
        "UnicodeDecodeError",
        "UnicodeEncodeError",
        "LookupError",
        "AssertionError",
        "RecursionError",
        "ValidationError",
    )
)


def _mail(headers: str, body: bytes = b"Hello, my watch stopped.\n") -> bytes:
    return headers.encode("utf-8", "surrogateescape") + b"\n\n" + body


def _deep_mime(levels: int) -> bytes:
    body = b"bottom\n"
    for n in range(levels):
        body = b"Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n%s\n--b%d--\n" % (
            n,
            n,
            body,
            n,
        )
    return b"From: thomas.lefevre@example.com\nSubject: deep\nMIME-Version: 1.0\n" + body


# The hostile inputs issue 10 names, each with what must become of it.
TABLE: dict[str, tuple[bytes, Callable[[InboundMessage], bool]]] = {
    "encoded word with a line break in the name": (
        _mail("From: =?utf-8?q?Tom=0D=0ABcc:_x@evil.example?= <mallory@evil.example>\nSubject: x"),
        lambda m: m.status == "processed" and "\n" not in m.sender and "\r" not in m.sender,
    ),
    "raw CR in a header": (
        _mail("From: Tom\r <mallory@evil.example>\nSubject: a\rb"),
        lambda m: m.status == "processed" and "\r" not in m.subject,
    ),
    "NUL in name, subject and body": (
        _mail("From: To\x00m <mallory@evil.example>\nSubject: a\x00b", b"bo\x00dy\n"),
        lambda m: m.status == "processed" and "\x00" not in m.sender + m.subject + m.body_text,
    ),
    "a name of 5,000 characters": (
        _mail("From: " + "Tom" * 1700 + " <mallory@evil.example>\nSubject: long"),
        lambda m: m.status == "processed" and len(m.sender) <= 320,
    ),
    "a bidi override in the name and the file name": (
        _mail(
            "From: =?utf-8?q?Mal=E2=80=AElory?= <mallory@evil.example>\nSubject: x\n"
            "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b",
            b"--b\nContent-Type: text/plain\n\nhi\n--b\nContent-Type: application/octet-stream\n"
            b"Content-Disposition: attachment; filename*=utf-8''invoice%E2%80%AEfdp.exe\n\nMZ\n"
            b"--b--\n",
        ),
        lambda m: (
            m.status == "processed"
            and "\u202e" not in m.sender
            and m.attachments.get().filename == "invoicefdp.exe"
        ),
    ),
    "a part in charset=punycode": (
        _mail(
            "From: thomas.lefevre@example.com\nSubject: x\nContent-Type: text/plain; "
            "charset=punycode\nContent-Transfer-Encoding: 8bit",
            "Grüße aus München\n".encode(),
        ),
        lambda m: m.status == "processed" and "Grüße aus München" in m.body_text,
    ),
    "100,000 nested <div>s": (
        _mail(
            "From: thomas.lefevre@example.com\nSubject: deep\nContent-Type: text/html",
            b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000,
        ),
        lambda m: m.status == "processed" and m.body_cut.get("depth", 0) >= 100_000,
    ),
    "a reference of another client's case from a stranger": (
        _mail(
            "From: mallory@evil.example\nSubject: Re: GW-2026-000000001\nIn-Reply-To: "
            "<gw-2026-000000001.1.abc@aurelis.example>"
        ),
        lambda m: (
            m.status == "processed"
            and m.case is not None
            and m.case.reference != "GW-2026-000000001"
        ),
    ),
    "MIME nested 2,000 deep": (
        _deep_mime(2_000),
        lambda m: m.status in ("quarantined", "unprocessable") and bool(m.reason),
    ),
    "no From and nothing to thread on": (
        _mail("Subject: who am I?"),
        lambda m: m.status == "unprocessable" and "no sender" in m.reason,
    ),
}


@pytest.mark.parametrize("name", list(TABLE))
def test_each_hostile_input_of_the_issue_ends_as_it_should(
    name: str, client_t: Client, case_t: Case, care_centre: Site, agent: User, manager: User
) -> None:
    raw, expected = TABLE[name]
    Case.objects.filter(pk=case_t.pk).update(reference="GW-2026-000000001")
    inbound = email_ingest(raw=raw)
    inbound.refresh_from_db()
    assert inbound.raw_path.read_bytes() == raw
    assert expected(inbound), (inbound.status, inbound.reason)
