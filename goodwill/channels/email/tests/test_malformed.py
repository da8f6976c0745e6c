"""One badly encoded mail must never stop the intake (django-helpdesk's stops for good). Each bad
message is processed with replacement characters or kept raw, with its reason; the next goes
through."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.sweeps import fetch_mail
from goodwill.channels.email.tests.conftest import mailbox_for, make_mail
from goodwill.channels.email.tests.dovecot import Dovecot
from goodwill.clients.models import Client
from goodwill.organisation.models import User

FROM = b"From: Thomas <thomas.lefevre@example.com>\n"


def _nested(depth: int) -> bytes:
    head = FROM + b"Subject: deep\nMIME-Version: 1.0\n"
    body = b"text at the bottom\n"
    for level in range(depth):
        body = (
            (b"Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n" % (level, level))
            + body
            + (b"\n--b%d--\n" % level)
        )
    return head + body


def _many_parts(count: int) -> bytes:
    parts = b"".join(b"--p\nContent-Type: text/plain\n\npart %d\n" % i for i in range(count))
    return (
        FROM
        + b"Subject: many\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=p\n\n"
        + parts
        + b"--p--\n"
    )


CORPUS: dict[str, bytes] = {
    "raw latin-1 in the subject": FROM + b"Subject: Probl\xe8me de fr\xe9ins\n\nBonjour\n",
    "unknown charset": FROM
    + b"Subject: x\nContent-Type: text/plain; charset=x-klingon\n\nqapla\xff\n",
    "charset lies (utf-8 label, cp1252 bytes)": FROM
    + b"Subject: x\nContent-Type: text/plain; charset=utf-8\n"
    b"Content-Transfer-Encoding: 8bit\n\nca co\xfbte 100\x80\n",
    "broken encoded word": FROM
    + b"Subject: =?utf-8?B?not base64!!?= =?x-unknown?Q?abc?=\n\nhello\n",
    "no headers at all": b"just some text without any header\n",
    "header line without a colon": FROM
    + b"Subject: x\nthis is not a header\nDate: 99 Foo 2026 99:99\n\nbody\n",
    "missing boundary": FROM
    + b"Subject: x\nMIME-Version: 1.0\nContent-Type: multipart/mixed\n\n--x\n\nhello\n",
    "truncated base64": FROM
    + b"Subject: x\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
    b"--b\nContent-Type: text/plain\n\nsee attached\n--b\nContent-Type: application/pdf; "
    b"name=a.pdf\n"
    b"Content-Transfer-Encoding: base64\n\n" + base64.b64encode(b"%PDF" * 100)[:101] + b"\n",
    "NUL bytes": FROM + b"Subject: nul\x00here\n\nbody\x00with\x00nuls\n",
    "huge header": FROM + b"Subject: " + b"A" * 2_000_000 + b"\n\nbody\n",
    "10,000 parts": _many_parts(10_000),
    "nested 2,000 deep": _nested(2_000),
    "binary garbage": bytes(range(256)) * 40,
    "empty": b"",
}


@pytest.mark.parametrize("name", list(CORPUS))
def test_it_never_crashes_and_keeps_every_bad_message(
    name: str, client_t: Client, manager: User
) -> None:
    inbound = email_ingest(raw=CORPUS[name])
    assert inbound.pk is not None
    assert inbound.raw_path.read_bytes() == CORPUS[name]
    assert inbound.status in ("processed", "unprocessable", "quarantined"), inbound.status
    if inbound.status != "processed":
        assert inbound.reason
    # and the next message goes through
    after = email_ingest(raw=make_mail(subject="After the bad one"))
    assert after.status == "processed"


def test_it_reads_bad_charsets_with_replacement(client_t: Client) -> None:
    inbound = email_ingest(raw=CORPUS["raw latin-1 in the subject"])
    assert inbound.status == "processed"
    assert inbound.subject == "Problème de fréins"
    lying = email_ingest(raw=CORPUS["charset lies (utf-8 label, cp1252 bytes)"])
    assert "coûte 100€" in lying.body_text
    nul = email_ingest(raw=CORPUS["NUL bytes"])
    assert "\x00" not in nul.body_text + nul.subject


def test_it_quarantines_oversized_messages_and_attachments(
    settings: pytest.FixtureRequest, client_t: Client, manager: User
) -> None:
    settings.GOODWILL_MAIL_MAX_BYTES = 50_000  # type: ignore[attr-defined]
    settings.GOODWILL_MAIL_MAX_ATTACHMENT_BYTES = 10_000  # type: ignore[attr-defined]
    big = email_ingest(raw=make_mail(subject="big", body="x " * 40_000))
    assert big.status == "quarantined" and "limit" in big.reason
    attached = email_ingest(
        raw=make_mail(subject="att", attachments=[("scan.pdf", "application/pdf", b"%" * 20_000)])
    )
    assert attached.status == "quarantined" and "scan.pdf" in attached.reason
    assert manager.notifications.filter(kind="mail_unprocessable").count() == 2


def test_the_whole_corpus_through_imap_never_stops_the_intake(
    dovecot: Dovecot, client_t: Client, manager: User
) -> None:
    mailbox_for(dovecot)
    corpus = [raw for name, raw in CORPUS.items() if raw and name != "huge header"]
    dovecot.append([*corpus, make_mail(subject="The last one")])
    assert fetch_mail(timezone.now()) == len(corpus) + 1
    assert InboundMessage.objects.filter(status="received").count() == 0
    assert InboundMessage.objects.filter(subject="The last one", status="processed").exists()


def test_it_stores_a_message_from_a_file(client_t: Client, tmp_path: Path) -> None:
    path = tmp_path / "m.eml"
    path.write_bytes(make_mail(subject="from a file"))
    assert email_ingest(raw=path).status == "processed"


def test_a_header_line_without_colon_does_not_hide_the_headers_after_it(
    case_t: Case, client_t: Client
) -> None:
    raw = (
        FROM
        + b"Subject: Re: tyre\nDate: 31 Febtember 20x6 25:61 +9900\nX-Garbage line without colon\n"
        b"Message-ID: <after-garbage@example.com>\n"
        b"In-Reply-To: <gw-2026-000000777.6.abc@aurelis.example>\n"
        b"\nStill waiting.\n"
    )
    other = case_open(actor=None, client=client_t, summary="Another matter", owner=case_t.owner)
    Case.objects.filter(pk=other.pk).update(reference="GW-2026-000000777")
    inbound = email_ingest(raw=raw)
    assert inbound.message_id == "<after-garbage@example.com>"
    assert inbound.status == "processed" and inbound.case_id == other.pk
