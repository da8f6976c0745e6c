"""A part that declares an unknown or dangerous charset spoils that part, never the message
(issue 10: `charset=punycode` made the whole message unprocessable)."""

from __future__ import annotations

import time

import pytest

from goodwill.channels.email.models import Attachment
from goodwill.channels.email.services import email_ingest
from goodwill.clients.models import Client

FROM = b"From: Thomas <thomas.lefevre@example.com>\n"


def _mixed(charset: bytes, body: bytes = "Bonjour, ma montre s'arrête.".encode()) -> bytes:
    return (
        FROM + b"Subject: =?" + charset + b"?q?abc-d=FF?= Montre\nMessage-ID: <cs-"
        b"" + charset + b"@example.com>\nMIME-Version: 1.0\n"
        b"Content-Type: multipart/mixed; boundary=b\n\n"
        b"--b\nContent-Type: text/plain; charset=" + charset + b"\n"
        b"Content-Transfer-Encoding: 8bit\n\n" + body + b"\n"
        b"--b\nContent-Type: text/html; charset=utf-8\n\n<p>Voir la facture.</p>\n"
        b'--b\nContent-Type: application/pdf; charset="' + charset + b'"; name="facture.pdf"\n'
        b"Content-Disposition: attachment; filename*=" + charset + b"''facture%FF.pdf\n"
        b"Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n"
        b"--b--\n"
    )


@pytest.mark.parametrize(
    "charset",
    [
        b"punycode",
        b"idna",
        b"undefined",
        b"unicode_escape",
        b"raw_unicode_escape",
        b"zlib_codec",
        b"base64",
        b"rot13",
        b"x-klingon",
        b'"utf-8',
        b"utf-8\x00",
        b"a" * 200,
    ],
)
def test_a_part_in_a_strange_charset_is_read_as_utf8_and_the_rest_goes_through(
    charset: bytes, client_t: Client
) -> None:
    inbound = email_ingest(raw=_mixed(charset))
    assert inbound.status == "processed", inbound.reason
    assert inbound.client == client_t
    assert "Bonjour, ma montre s'arrête." in inbound.body_text
    assert "Voir la facture." in inbound.body_html
    assert "Montre" in inbound.subject
    attachment = Attachment.objects.get()
    assert attachment.path.read_bytes() == b"%PDF-1.4\n"


def test_an_escape_charset_cannot_smuggle_characters(client_t: Client) -> None:
    inbound = email_ingest(raw=_mixed(b"unicode_escape", body=b"invoice \\u202e fdp.exe \\x00"))
    assert "\u202e" not in inbound.body_text and "\\u202e" in inbound.body_text


def test_a_large_part_declared_punycode_does_not_hold_the_worker(client_t: Client) -> None:
    # Python's punycode decoder takes quadratic time: 400 kB of it held a worker for minutes.
    body = b"a" * 10 + b"-" + b"99" * 200_000
    started = time.perf_counter()
    inbound = email_ingest(raw=_mixed(b"punycode", body=body))
    assert time.perf_counter() - started < 5
    assert inbound.status == "processed"
