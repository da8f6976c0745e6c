"""A file named "invoice\u202efdp.exe" shows as "invoicefdp.exe": bidi controls and other
invisible format characters never reach a page from a stranger's mail (issue 10, finding 4)."""

from __future__ import annotations

import unicodedata

import pytest
from django.test import Client as HttpClient

from conftest import PASSWORD
from goodwill.cases.models import Case
from goodwill.channels.email.models import Attachment, InboundMessage
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.clients.models import Client
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry

# Right-to-left override, isolates and marks, zero-width characters, byte order mark, a tag.
INVISIBLE = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u200f", "\u200b", "\ufeff"]
INVISIBLE += ["\u200d", "\u2060", "\u061c", "\U000e0041"]


def login(user: User) -> HttpClient:
    browser = HttpClient()
    assert browser.login(username=user.username, password=PASSWORD)
    return browser


def _visible(text: str) -> bool:
    return not any(unicodedata.category(ch) in ("Cf", "Cc") for ch in text)


@pytest.mark.parametrize("mark", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_characters_leave_names_file_names_and_subjects(
    mark: str, care_centre: Site, agent: User
) -> None:
    # Given a stranger whose name, subject and attachment hide a format character
    inbound = email_ingest(
        raw=make_mail(
            sender=f'"Mallory {mark}Smith" <mallory@evil.example>',
            subject=f"Your invoice {mark}2026",
            attachments=[(f"invoice{mark}fdp.exe", "application/octet-stream", b"MZ\x90\x00")],
        )
    )
    # Then what is stored, and so shown, keeps the real order and extension
    assert inbound.status == "processed"
    attachment = Attachment.objects.get()
    assert attachment.filename == "invoicefdp.exe"
    entry = Entry.objects.get(kind="message_in")
    assert entry.payload["attachments"][0]["name"] == "invoicefdp.exe"
    assert inbound.subject == "Your invoice 2026" and entry.summary == "Your invoice 2026"
    assert inbound.sender == "Mallory Smith <mallory@evil.example>"
    client = inbound.client
    assert client is not None and (client.first_name, client.last_name) == ("Mallory", "Smith")


def test_the_pages_show_old_names_without_their_bidi_controls(
    case_t: Case, client_t: Client, advisor: User, manager: User
) -> None:
    # Given a message stored before names were cleaned: an .exe posing as a .pdf
    inbound = email_ingest(
        raw=make_mail(
            subject="Invoice",
            attachments=[("invoice.exe", "application/octet-stream", b"MZ\x90\x00")],
        )
    )
    posing = "invoice\u202efdp.exe"
    Attachment.objects.update(filename=posing)
    entry = Entry.objects.get(kind="message_in")
    entry.payload["attachments"][0]["name"] = posing
    Entry.objects.filter(pk=entry.pk).update(payload=entry.payload)
    InboundMessage.objects.filter(pk=inbound.pk).update(
        status="unprocessable", sender="\u202eMallory <thomas.lefevre@example.com>"
    )
    # When staff read the case, the client's documents and the mail page
    pages = [
        login(advisor).get(f"/cases/{case_t.reference}/").content.decode(),
        login(advisor).get(f"/clients/{client_t.ref}/").content.decode(),
        login(manager).get("/mail/").content.decode(),
    ]
    # Then no page carries the override, and the file shows its real extension
    for html in pages:
        assert "\u202e" not in html
    assert "invoicefdp.exe" in pages[0] and "invoicefdp.exe" in pages[1]
    assert "Mallory &lt;thomas.lefevre@example.com&gt;" in pages[2]
    assert _visible(pages[0].replace("\n", "").replace("\t", "").replace("\r", ""))
