"""An operator takes in a folder of .eml files (a migration, a mailbox export) from the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from goodwill.channels.email.models import InboundMessage
from goodwill.clients.models import Client
from goodwill.demo.mail import _too_deep


def _eml(directory: Path, name: str, body: bytes) -> None:
    (directory / name).write_bytes(body)


def test_it_takes_in_a_folder_once_and_keeps_the_bad_file(tmp_path: Path, client_t: Client) -> None:
    _eml(tmp_path, "1.eml", b"From: Thomas Lefevre <thomas.lefevre@example.com>\nSubject: Tyre\n"
                            b"Message-ID: <imp-1@example.com>\n\nAny news about my tyre?\n")
    _eml(tmp_path, "2.eml", _too_deep(timezone.now()))  # nested deeper than anyone sends on purpose
    out = io.StringIO()

    call_command("mail_import", str(tmp_path), verbosity=0, stdout=out)
    call_command("mail_import", str(tmp_path), verbosity=0, stdout=io.StringIO())

    assert out.getvalue().startswith("2 files:")
    assert InboundMessage.objects.count() == 2
    assert InboundMessage.objects.get(message_id__contains="imp-1").client == client_t
    bad = InboundMessage.objects.exclude(message_id__contains="imp-1").get()
    assert bad.status == InboundMessage.Status.QUARANTINED and bad.reason


def test_it_names_a_missing_path(db: None) -> None:
    with pytest.raises(CommandError, match="no such file"):
        call_command("mail_import", "/nonexistent/mail", verbosity=0)
