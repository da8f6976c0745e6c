"""Mail for the stories: raw messages built the way mail programs write them."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest
from django.utils import timezone

from goodwill.channels.email.models import Mailbox
from goodwill.channels.email.tests.dovecot import PASSWORD, USER, Dovecot


@pytest.fixture(autouse=True)
def _mail_in_tmp(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Raw messages and attachments go to a fresh DATA_DIR per test."""
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]


def make_mail(
    *,
    sender: str = "Thomas Lefèvre <thomas.lefevre@example.com>",
    subject: str = "My car",
    body: str = "Hello, the car makes a strange noise when I brake. Could someone call me back?",
    html: str | None = None,
    message_id: str | None = None,
    in_reply_to: str | None = None,
    references: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, str, bytes]] | None = None,
) -> bytes:
    message = EmailMessage()
    if sender:
        message["From"] = sender
    message["To"] = "care@aurelis.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(timezone.now())
    message["Message-ID"] = message_id or make_msgid(domain="example.com")
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references:
        message["References"] = references
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for filename, content_type, data in attachments or []:
        maintype, subtype = content_type.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(message)


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    server = Dovecot()
    yield server
    server.stop()


@pytest.fixture
def dovecot_tls(monkeypatch: pytest.MonkeyPatch) -> Iterator[Dovecot]:
    server = Dovecot(tls=True)
    # Our TLS client verifies certificates; trust the test server's self-signed one.
    monkeypatch.setattr("goodwill.channels.email.imap.ssl_context", server.ssl_context)
    yield server
    server.stop()


@pytest.fixture
def dovecot_starttls(monkeypatch: pytest.MonkeyPatch) -> Iterator[Dovecot]:
    server = Dovecot(starttls=True)
    monkeypatch.setattr("goodwill.channels.email.imap.ssl_context", server.ssl_context)
    yield server
    server.stop()


def mailbox_for(server: Dovecot) -> Mailbox:
    security = (
        Mailbox.Security.TLS
        if server.tls
        else Mailbox.Security.STARTTLS
        if server.starttls
        else Mailbox.Security.PLAIN
    )
    return Mailbox.objects.create(
        name=f"care-{server.port}",
        host="127.0.0.1",
        port=server.port,
        security=security,
        username=USER,
        password=PASSWORD,
    )
