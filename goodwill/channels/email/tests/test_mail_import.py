"""An operator takes in a folder of .eml files (a migration, a mailbox export) from the command
line."""

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
    _eml(
        tmp_path,
        "1.eml",
        b"From: Thomas Lefevre <thomas.lefevre@example.com>\nSubject: Tyre\n"
        b"Message-ID: <imp-1@example.com>\n\nAny news about my tyre?\n",
    )
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


def test_the_client_page_lists_each_document_once_however_often_it_came(
    tmp_path: Path, client: object, advisor: object, client_t: Client
) -> None:
    # Given the client sends the same receipt three times (story 003)
    for n in range(3):
        message = (
            "From: thomas.lefevre@example.com\nSubject: receipt\n"
            f"Message-ID: <receipt-{n}@example.com>\nMIME-Version: 1.0\n"
            'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nHere '
            'it is\n--b\nContent-Type: application/pdf; name="receipt.pdf"\nContent-Disposition: '
            'attachment; filename="receipt.pdf"\n'
            "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--b--\n"
        )
        _eml(tmp_path, f"{n}.eml", message.encode())
    call_command("mail_import", str(tmp_path), verbosity=0, stdout=io.StringIO())
    # When the advisor opens the client's page
    client.force_login(advisor)  # type: ignore[attr-defined]
    page = client.get(f"/clients/{client_t.ref}/").content.decode()  # type: ignore[attr-defined]
    # Then the vault's card lists the receipt once, with how often it came
    card = page.split('id="vault"', 1)[1].split("</section>", 1)[0]
    assert card.count("receipt.pdf</a>") == 1
    assert "sent 3 times" in card
