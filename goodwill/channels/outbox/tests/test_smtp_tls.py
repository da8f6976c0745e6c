"""The SMTP transport's three ways to talk to a server (GOODWILL_SMTP_URL): STARTTLS, implicit
TLS and plain, each against a local aiosmtpd with a certificate made for the test."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.outbox.services import outbound_queue
from goodwill.channels.outbox.smtp import SmtpTransport
from goodwill.channels.outbox.sweeps import deliver_due
from goodwill.channels.outbox.tests.smtp_sink import Sink, free_port
from goodwill.conf import smtp_url


@pytest.fixture
def certificate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, trusted by this test's TLS clients only."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(  # noqa: S603
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # read by ssl.create_default_context()
    return key, cert


def _context(key: Path, cert: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    return context


@pytest.fixture
def starttls_sink(certificate: tuple[Path, Path]) -> Iterator[Sink]:
    sink = Sink(port=free_port())
    controller = Controller(
        sink,
        hostname="127.0.0.1",
        port=sink.port,
        tls_context=_context(*certificate),
        require_starttls=True,
    )
    controller.start()
    yield sink
    controller.stop()


@pytest.fixture
def ssl_sink(certificate: tuple[Path, Path]) -> Iterator[Sink]:
    sink = Sink(port=free_port())
    controller = Controller(
        sink, hostname="127.0.0.1", port=sink.port, ssl_context=_context(*certificate)
    )
    controller.start()
    yield sink
    controller.stop()


def _send(case: Case, url: str) -> str:
    message = outbound_queue(
        key="tls",
        purpose="reply",
        to_address="thomas.lefevre@example.com",
        subject="Over TLS",
        body_text="x",
        client=case.client,
        case=case,
    )
    with override_settings(GOODWILL_SMTP_URL=url):
        deliver_due(timezone.now())
    message.refresh_from_db()
    return message.status


def test_it_sends_over_starttls(starttls_sink: Sink, case_t: Case) -> None:
    assert _send(case_t, f"smtp://127.0.0.1:{starttls_sink.port}?tls=starttls") == "sent"
    assert starttls_sink.messages()[0]["Subject"] == "Over TLS"


def test_it_sends_over_implicit_tls(ssl_sink: Sink, case_t: Case) -> None:
    assert _send(case_t, f"smtps://127.0.0.1:{ssl_sink.port}") == "sent"
    assert len(ssl_sink.messages()) == 1


def test_a_server_requiring_starttls_refuses_plain_and_it_is_retried(
    starttls_sink: Sink, case_t: Case
) -> None:
    assert _send(case_t, f"smtp://127.0.0.1:{starttls_sink.port}?tls=none") == "queued"
    assert starttls_sink.messages() == []


def test_the_url_gives_host_port_credentials_and_tls() -> None:
    transport = SmtpTransport("smtp://care%40brand:p%3Ass@mail.example:2525?tls=starttls")
    assert (
        transport.host,
        transport.port,
        transport.username,
        transport.password,
        transport.tls,
    ) == ("mail.example", 2525, "care@brand", "p:ss", "starttls")
    assert SmtpTransport("smtps://mail.example").port == 465
    assert SmtpTransport("smtp://mail.example").port == 587


@pytest.mark.parametrize(
    "url",
    ["http://mail.example", "smtp://", "smtp://mail.example?tls=maybe", "smtp://mail.example:port"],
)
def test_a_bad_smtp_url_stops_start_up(url: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        smtp_url(url)


@pytest.mark.parametrize(
    "url", ["", "capture:", "smtp://relay:25?tls=none", "smtps://u:p@mail.example:465"]
)
def test_good_smtp_urls_are_accepted(url: str) -> None:
    assert smtp_url(url) == url
