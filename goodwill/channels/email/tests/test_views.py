"""Showing a client's mail to staff without letting the mail act: sanitised, framed, downloaded."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient

from conftest import PASSWORD
from goodwill.cases.models import Case
from goodwill.channels.email.files import safe_filename
from goodwill.channels.email.models import Attachment, Mailbox
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.clients.models import Client
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import staff_create


def login(user: User) -> HttpClient:
    browser = HttpClient()
    assert browser.login(username=user.username, password=PASSWORD)
    return browser


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        (".htaccess", "htaccess"),
        ("invoice\u202egpj.exe", "invoicegpj.exe"),
        ("fa\u200bcture\x00.pdf", "facture.pdf"),
        ("Rechnung Müller.pdf", "Rechnung Muller.pdf"),
        ("<script>alert(1)</script>.html", "script_.html"),
        ("", "attachment"),
        ("...", "attachment"),
    ],
)
def test_it_makes_attachment_names_safe(name: str, safe: str) -> None:
    assert safe_filename(name) == safe


def test_it_serves_attachments_as_downloads_with_safe_names_and_types(
    client_t: Client, advisor: User
) -> None:
    inbound = email_ingest(
        raw=make_mail(
            subject="files",
            attachments=[
                ("../../.htaccess", "text/html", b"<script>alert(1)</script>"),
                ("photo\u202egpj.svg", "image/svg+xml", b"<svg onload=alert(1)>"),
                ("invoice.pdf", "application/pdf", b"%PDF-1.4"),
            ],
        )
    )
    browser = login(advisor)
    responses = [
        browser.get(f"/mail/attachments/{a.pk}/") for a in inbound.attachments.order_by("position")
    ]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert [r["Content-Type"] for r in responses] == [
        "application/octet-stream",
        "application/octet-stream",
        "application/pdf",
    ]
    assert responses[0]["Content-Disposition"] == 'attachment; filename="htaccess"'
    assert responses[1]["Content-Disposition"] == 'attachment; filename="photogpj.svg"'
    assert all(r["X-Content-Type-Options"] == "nosniff" for r in responses)


def test_it_hides_another_sites_mail_and_attachments(
    client_t: Client, foreign_dealer: User
) -> None:
    inbound = email_ingest(raw=make_mail(attachments=[("a.pdf", "application/pdf", b"%PDF")]))
    browser = login(foreign_dealer)
    assert browser.get(f"/mail/messages/{inbound.pk}/body/").status_code == 404
    assert browser.get(f"/mail/attachments/{Attachment.objects.get().pk}/").status_code == 404


def test_it_renders_html_mail_sanitised_with_images_blocked_until_asked(
    client_t: Client, advisor: User
) -> None:
    html = (
        '<p onclick="alert(1)">Hello <b>there</b></p><script>window.__xss=1</script>'
        '<img src="https://tracker.example/pixel.gif" onerror="alert(2)">'
        '<a href="javascript:alert(3)">x</a>'
        '<form action="https://evil.example"><input name=q></form>'
        '<div class="gmail_quote">On Monday Anna wrote:<blockquote>old text</blockquote></div>'
    )
    inbound = email_ingest(raw=make_mail(subject="html", html=html))
    browser = login(advisor)
    response = browser.get(f"/mail/messages/{inbound.pk}/body/")
    body = response.content.decode()
    assert response.status_code == 200
    for bad in (
        "<script",
        "onclick",
        "onerror",
        "javascript:",
        "<form",
        "<input",
        "tracker.example",
    ):
        assert bad not in body, bad
    assert "<details>" in body and "old text" in body.split("<details>", 1)[1]
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "sandbox" in csp and "script-src" not in csp
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    shown = browser.get(f"/mail/messages/{inbound.pk}/body/?images=1")
    assert "tracker.example/pixel.gif" in shown.content.decode()
    assert "https:" in shown["Content-Security-Policy"]


def test_it_folds_quoted_text_history(client_t: Client, advisor: User) -> None:
    body = (
        "Yes, Monday works.\n\nOn Fri, 5 Jun 2026, Anna Schmid wrote:\n> Would Monday suit you?\n"
    )
    inbound = email_ingest(raw=make_mail(subject="Re: Monday", body=body))
    page = login(advisor).get(f"/mail/messages/{inbound.pk}/body/").content.decode()
    main, quoted = page.split("<details>", 1)
    assert "Yes, Monday works." in main and "Would Monday suit you?" in quoted


def test_the_case_page_shows_the_mail_frame_attachments_and_language(
    case_t: Case, advisor: User
) -> None:
    email_ingest(
        raw=make_mail(
            subject="Photo",
            body="Hallo, anbei ein Foto vom Reifen, der Schaden ist deutlich zu sehen.",
            attachments=[("reifen.jpg", "image/jpeg", b"\xff\xd8jpeg")],
        )
    )
    page = login(advisor).get(f"/cases/{case_t.reference}/")
    html = page.content.decode()
    assert 'class="mail-frame"' in html and 'sandbox="allow-popups' in html
    assert "reifen.jpg" in html
    csp = page["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    )


def test_the_client_page_says_which_language_they_write_in(client_t: Client, advisor: User) -> None:
    from goodwill.clients.services import client_writes_in_learn

    client_writes_in_learn(client=client_t, language="nl")
    assert "writes in" in login(advisor).get(f"/clients/{client_t.ref}/").content.decode()


def test_managers_see_mailboxes_and_mail_kept_aside(
    client_t: Client, manager: User, advisor: User
) -> None:
    kept = email_ingest(raw=b"Subject: nobody\n\nno sender\n")
    browser = login(manager)
    page = browser.get("/mail/")
    assert page.status_code == 200
    assert "no sender" in page.content.decode()
    raw = browser.get(f"/mail/messages/{kept.pk}/raw/")
    assert raw["Content-Disposition"] == f'attachment; filename="message-{kept.pk}.eml"'
    assert b"".join(raw.streaming_content) == b"Subject: nobody\n\nno sender\n"  # type: ignore[attr-defined]
    assert login(advisor).get("/mail/").status_code == 403


def test_managers_connect_a_mailbox_but_never_plain_over_a_network(manager: User) -> None:
    browser = login(manager)
    data = {
        "name": "care",
        "host": "imap.example.com",
        "port": 143,
        "security": "plain",
        "username": "care",
        "password": "x",
        "folder": "INBOX",
    }
    assert browser.post("/mail/", data).status_code == 400
    data.update(security="tls", port=993)
    assert browser.post("/mail/", data).status_code == 302
    assert "imap.example.com" in browser.get("/mail/").content.decode()


def test_a_dealers_manager_sees_only_their_sites_mail_and_manages_no_mailbox(
    client_t: Client,
    paris: Site,
    munich: Site,
    manager: User,
) -> None:
    # Given mail kept aside from nobody, an auto-reply from Thomas (a Munich client), and a mailbox
    kept = email_ingest(raw=b"Subject: nobody\n\nno sender\n")
    auto = email_ingest(
        raw=make_mail(
            subject="Out of office until Monday", headers={"Auto-Submitted": "auto-replied"}
        )
    )
    assert (auto.status, auto.client_id) == ("ignored", client_t.pk)
    mailbox = Mailbox.objects.create(
        name="care",
        host="imap.example.com",
        port=993,
        security="tls",
        username="care",
        password="secret",
    )
    paris_manager = staff_create(
        username="paris-boss",
        password=PASSWORD,
        first_name="Claire",
        last_name="Martin",
        role="manager",
        site=paris,
    )
    munich_manager = staff_create(
        username="munich-boss",
        password=PASSWORD,
        first_name="Klaus",
        last_name="Bauer",
        role="manager",
        site=munich,
    )
    # When the Paris manager opens the mail page
    browser = login(paris_manager)
    page = browser.get("/mail/").content.decode()
    # Then neither message shows, nor any mailbox, and neither raw file downloads
    assert (
        "no sender" not in page and "Out of office" not in page and "imap.example.com" not in page
    )
    assert browser.get(f"/mail/messages/{kept.pk}/raw/").status_code == 404
    assert browser.get(f"/mail/messages/{auto.pk}/raw/").status_code == 404
    # And they can neither connect nor pause a mailbox
    data = {
        "name": "mine",
        "host": "imap.example.com",
        "port": 993,
        "security": "tls",
        "username": "x",
        "password": "x",
        "folder": "INBOX",
    }
    assert browser.post("/mail/", data).status_code == 403
    assert browser.post(f"/mail/mailboxes/{mailbox.pk}/toggle/").status_code == 403
    mailbox.refresh_from_db()
    assert mailbox.active and Mailbox.objects.count() == 1
    # The Munich manager sees their client's mail, not the mail kept aside from nobody
    browser = login(munich_manager)
    page = browser.get("/mail/").content.decode()
    assert "Out of office" in page and "no sender" not in page
    assert browser.get(f"/mail/messages/{auto.pk}/raw/").status_code == 200
    assert browser.get(f"/mail/messages/{kept.pk}/raw/").status_code == 404
    # The care centre's manager sees both
    page = login(manager).get("/mail/").content.decode()
    assert "Out of office" in page and "no sender" in page


def test_the_client_page_lists_a_document_renamed_on_resending_once_under_its_latest_name(
    client_t: Client,
    advisor: User,
) -> None:
    # Given the client sends the same receipt three times, under a new name the third time
    receipt = b"%PDF-1.4 receipt 4711"
    for name in ("scan.pdf", "scan.pdf", "Quittung Bremsen.pdf"):
        email_ingest(
            raw=make_mail(subject="receipt", attachments=[(name, "application/pdf", receipt)])
        )
    latest = Attachment.objects.latest("id")
    # When the advisor opens the client's page
    page = login(advisor).get(f"/clients/{client_t.ref}/").content.decode()
    # Then the vault's card lists it once, with the name it came with last, linked to that copy
    card = page.split('id="vault"', 1)[1].split("</section>", 1)[0]
    assert card.count("scan.pdf</a>") == 1 and card.count("Quittung Bremsen.pdf</a>") == 1
    assert f'href="/mail/attachments/{latest.pk}/">Quittung Bremsen.pdf</a>' in card
    assert "sent 3 times" in card
