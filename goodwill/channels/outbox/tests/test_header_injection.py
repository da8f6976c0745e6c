"""Nobody can write a header of mail we send: a name or subject typed by a stranger reaches the
SMTP server as one header line, however it hides a line break (issue 10, finding 1).

Each case goes through the real SMTP client to an aiosmtpd server on loopback, and the test
reads the raw bytes the server received."""

from __future__ import annotations

import email
import email.policy
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client as Browser
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import outbound_queue
from goodwill.channels.outbox.sweeps import deliver_due
from goodwill.channels.outbox.tests.smtp_sink import Sink
from goodwill.channels.webform.services import Contact, webform_submit
from goodwill.organisation.models import Site, User

ROOT = Path(__file__).resolve().parents[4]
HEADERS = {
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "In-Reply-To",
    "References",
    "Auto-Submitted",
    "X-Goodwill-Case",
    "Content-Language",
    "Content-Type",
    "Content-Transfer-Encoding",
    "MIME-Version",
}
_HEADER_LINE = re.compile(rb"^([A-Za-z][A-Za-z0-9-]*):(?: |$)")

HOSTILE = {
    "encoded word with CR LF": "=?utf-8?q?Giulia=0D=0ABcc:_spy@evil.example?=",
    "encoded word with a blank line and a body": (
        "=?utf-8?b?R2l1bGlhDQpCY2M6IHNweUBldmlsLmV4YW1wbGUNCg0KTm90IG91ciBib2R5?="
    ),
    "encoded word after plain text": "Giulia =?utf-8?q?=0ABcc:_spy@evil.example?=",
    "encoded word hiding another one": "=?utf-8?q?=3D=3Futf-8=3Fq=3F=0D=0ABcc:_spy=3F=3D?=",
    "raw CR LF": "Giulia\r\nBcc: spy@evil.example",
    "bare LF and CR": "Giulia\nBcc: spy@evil.example\rX-Evil: 1",
    "NUL": "Giulia\x00Bianchi",
    "other controls": "Giulia\x1b[31m\x07\x7fBianchi",
    "unicode line separators": "Giulia\u2028Bcc: spy@evil.example\u2029\x85",
    "bidi override": "Giulia \u202eanaihcnaiB",
    "over-long name": "Giulia " + "Bianchi" * 700,
    "over-long encoded words": " ".join(["=?utf-8?q?Bianchi=0D=0A?="] * 200),
}


def _head(raw: bytes) -> list[bytes]:
    head = re.split(rb"\r?\n\r?\n", raw, maxsplit=1)[0]
    return re.split(rb"\r?\n", head)


def assert_one_line_per_header(raw: bytes) -> None:
    """The header block holds only headers we write, each once; continuation lines are folds;
    no NUL, bare CR or over-long line anywhere in it."""
    lines = _head(raw)
    names = []
    for line in lines:
        assert b"\x00" not in line and b"\r" not in line, line
        assert len(line) <= 998, len(line)
        if line[:1] in (b" ", b"\t"):
            continue
        match = _HEADER_LINE.match(line)
        assert match, line
        names.append(match.group(1).decode())
    assert set(names) <= HEADERS, names
    assert len(names) == len(set(names)), names


def _received(sink: Sink) -> tuple[list[str], bytes]:
    [(recipients, raw)] = sink.received
    return recipients, raw


def _display_name(raw: bytes) -> str:
    mail = email.message_from_bytes(raw, policy=email.policy.default)
    return str(mail["To"].addresses[0].display_name)  # type: ignore[union-attr]


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_name_or_subject_stays_in_its_header(name: str, sink: Sink, case_t: Case) -> None:
    # Given a message whose recipient's name and subject are hostile
    outbound_queue(
        key="hostile",
        purpose="notification",
        to_address="thomas.lefevre@example.com",
        to_name=HOSTILE[name],
        subject=HOSTILE[name],
        body_text="Our words.",
        case=case_t,
    )
    # When it is sent
    assert deliver_due(timezone.now()) == 1
    # Then the server got it for that address only, with our headers, each on its line
    recipients, raw = _received(sink)
    assert recipients == ["thomas.lefevre@example.com"]
    assert_one_line_per_header(raw)
    mail = email.message_from_bytes(raw, policy=email.policy.default)
    assert mail.get_content().strip() == "Our words."  # type: ignore[attr-defined]
    # and the name and subject read as one line of visible text, as they are stored
    stored = OutboundMessage.objects.get()
    assert (_display_name(raw), mail["Subject"]) == (stored.to_name, stored.subject)
    for shown in (stored.to_name, stored.subject):
        assert shown.isprintable() and "=?" not in shown
    assert len(stored.to_name) <= 200 and len(stored.subject) <= 300


@pytest.mark.parametrize(
    "name",
    [
        "encoded word with CR LF",
        "encoded word with a blank line and a body",
        "encoded word after plain text",
        "raw CR LF",
        "over-long encoded words",
    ],
)
def test_a_hostile_name_on_the_contact_form_stays_in_the_to_header(
    name: str, sink: Sink, care_centre: Site, agent: User
) -> None:
    # Given a stranger who types a hostile name on the contact form
    webform_submit(
        contact=Contact(
            name=HOSTILE[name],
            email="giulia.bianchi@example.it",
            message="Il mio orologio si ferma di notte.",
            language="it",
        ),
        ip="203.0.113.7",
    )
    # When the acknowledgement is sent
    assert deliver_due(timezone.now()) == 1
    # Then it went to their address only, with our headers, their name on one line
    recipients, raw = _received(sink)
    assert recipients == ["giulia.bianchi@example.it"]
    assert_one_line_per_header(raw)
    shown = _display_name(raw)
    assert shown == OutboundMessage.objects.get().to_name
    assert shown and shown.isprintable() and "=?" not in shown


def test_a_hostile_subject_and_thread_ids_stay_in_their_headers(sink: Sink, case_t: Case) -> None:
    # A stranger's name reaches a staff e-mail's subject ("… wrote about GW-…"); a client's
    # Message-ID reaches our In-Reply-To and References.
    outbound_queue(
        key="hostile-subject",
        purpose="staff",
        to_address="anna@aurelis.example",
        to_name="Anna\r\nBcc: spy@evil.example",
        subject="=?utf-8?q?X=0D=0ABcc:_spy@evil.example=0D=0A=0D=0Abody?= wrote about GW-1",
        body_text="x",
        case=case_t,
        in_reply_to="<ok@client.example>\r\nBcc: spy@evil.example",
        references=["<a\x00b@client.example>", "<ok@client.example>", "Bcc: x"],
    )
    assert deliver_due(timezone.now()) == 1
    recipients, raw = _received(sink)
    assert recipients == ["anna@aurelis.example"]
    assert_one_line_per_header(raw)
    mail = email.message_from_bytes(raw, policy=email.policy.default)
    assert mail["Subject"] == "X Bcc: spy@evil.example body wrote about GW-1"
    assert mail["In-Reply-To"] == "<ok@client.example>"
    assert mail["References"] == "<ok@client.example>"


def test_a_message_queued_before_the_fix_is_made_safe_when_sent(sink: Sink, case_t: Case) -> None:
    # Rows written by an earlier version were not cleaned when queued: the build cleans again.
    message = outbound_queue(
        key="old-row",
        purpose="notification",
        to_address="thomas.lefevre@example.com",
        subject="News",
        body_text="x",
        case=case_t,
    )
    OutboundMessage.objects.filter(pk=message.pk).update(
        # (no NUL here: PostgreSQL refuses it in text, so no row can hold one)
        to_name="Thomas\r\nBcc: spy@evil.example",
        subject="a\x1bb\r\nX-Evil: 1",
        references="<ok@x.example>\r\nBcc: spy@evil.example",
    )
    assert deliver_due(timezone.now()) == 1
    recipients, raw = _received(sink)
    assert recipients == ["thomas.lefevre@example.com"]
    assert_one_line_per_header(raw)
    assert _display_name(raw) == "Thomas Bcc: spy@evil.example"


def test_the_contact_form_end_to_end_sends_a_hostile_name_as_one_header(
    sink: Sink, care_centre: Site, agent: User
) -> None:
    browser = Browser()
    response = browser.post(
        "/contact/?lang=en",
        {
            "name": "=?utf-8?q?Giulia=0D=0ABcc:_spy@evil.example=0D=0A=0D=0ANot_our_body?=",
            "email": "giulia.bianchi@example.it",
            "message": "Hello",
            "website": "",
        },
    )
    assert response.status_code == 200
    deliver_due(timezone.now())
    recipients, raw = _received(sink)
    assert recipients == ["giulia.bianchi@example.it"]
    assert_one_line_per_header(raw)
    assert _display_name(raw) == "Giulia Bcc: spy@evil.example Not our body"


_UNSAFE_CHECK = """
import sys
sys.path.insert(0, sys.argv[1])
from email.message import EmailMessage
from goodwill.channels.outbox.headers import header_text, mail_address
names = sys.argv[2:]
for name in names:
    mail = EmailMessage()
    mail["To"] = mail_address("giulia@example.it", name=name)
    mail["Subject"] = header_text(name)
    mail.set_content("x")
    sys.stdout.buffer.write(bytes(mail) + b"\\0")
"""


def _unsafe_interpreters() -> list[Path]:
    """Interpreters on this machine whose e-mail package folds encoded words unsafely
    (3.12.0-3.12.4), found where scripts/_python.sh looks for them."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    return sorted(pyenv.glob("versions/3.12.[0-4]/bin/python3"))


@pytest.mark.parametrize(
    "python", _unsafe_interpreters() or [None], ids=lambda p: str(p) if p else "none"
)
def test_headers_are_safe_even_on_an_interpreter_with_the_folding_bug(python: Path | None) -> None:
    """The quick start refuses these interpreters (scripts/_python.sh); the headers are built so
    that they would be safe on them anyway."""
    if python is None:
        pytest.skip("no Python 3.12.0-3.12.4 on this machine")
    names = [v for v in HOSTILE.values() if "\x00" not in v]  # argv cannot carry a NUL
    done = subprocess.run(  # noqa: S603  (a fixed interpreter path and our own script)
        [str(python), "-c", _UNSAFE_CHECK, str(ROOT), *names],
        capture_output=True,
        check=True,
        timeout=60,
    )
    messages = done.stdout.split(b"\0")[:-1]
    assert len(messages) == len(names)
    for raw in messages:
        assert_one_line_per_header(raw)
    assert sys.version_info >= (3, 12, 5)  # and the suite itself runs on a safe one
