"""A quote from the workshop: Anna drafts it on Mr T's case with a photo and a video, sends it,
he is e-mailed in German with his portal link, sees it there and approves or declines it; the
decision is final, on his story, and Anna is told."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as Browser
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User
from goodwill.portal.tests.conftest import portal_open, post
from goodwill.quotes.models import Quote, QuoteMedia
from goodwill.quotes.services import quote_create, quote_decide, quote_media_add, quotes_expire
from goodwill.quotes.tests.conftest import MP4, png
from goodwill.timeline.models import Entry


def staff(user: User) -> Browser:
    browser = Browser()
    browser.force_login(user)
    return browser


def send(advisor: User, quote: Quote) -> None:
    response = staff(advisor).post(f"/cases/{quote.case.reference}/quotes/{quote.pk}/send/")
    assert response.status_code == 302


def decide(browser: Browser, quote: Quote, data: dict[str, str]) -> Any:
    browser.get("/portal/")  # a page of his gives the CSRF cookie the form carries
    return post(browser, f"/portal/quotes/{quote.pk}/decide/", data)


def test_staff_draft_add_media_and_send_the_client_is_told_in_his_language(
    case_t: Case, advisor: User
) -> None:
    browser = staff(advisor)
    page = browser.get(f"/cases/{case_t.reference}/")
    assert 'id="quotes"' in page.content.decode()

    made = browser.post(
        f"/cases/{case_t.reference}/quotes/",
        {
            "title": "New front tyre",
            "work": "Sidewall cut",
            "amount": "1480.00",
            "currency": "EUR",
            "valid_until": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
            "file": _upload("tyre.png", png()),
        },
    )
    assert made.status_code == 302
    quote = Quote.objects.get(case=case_t)
    assert quote.status == "draft" and quote.client == case_t.client
    film = browser.post(
        f"/cases/{case_t.reference}/quotes/{quote.pk}/media/", {"file": _upload("t.mp4", MP4)}
    )
    assert film.status_code == 302
    kinds = sorted(m.document.mime_type for m in QuoteMedia.objects.filter(quote=quote))
    assert kinds == ["image/png", "video/mp4"]
    # Nothing reaches the client before it is sent.
    assert not OutboundMessage.objects.filter(reason="quote_sent").exists()

    send(advisor, quote)

    quote.refresh_from_db()
    assert quote.status == "sent" and quote.sent_by == advisor
    mail = OutboundMessage.objects.get(reason="quote_sent", client=case_t.client)
    assert mail.language == "de"
    assert mail.subject.startswith("Ihr Kostenvoranschlag: New front tyre")
    assert "1.480,00 EUR" in mail.body_text
    assert re.search(r"/portal/open/[A-Za-z0-9_-]{40,}/", mail.body_text)
    assert Entry.objects.get(kind="quote_sent", case=case_t).actor == advisor
    # Sending again changes nothing and sends nothing.
    send(advisor, quote)
    assert OutboundMessage.objects.filter(reason="quote_sent").count() == 1


def _upload(name: str, content: bytes) -> object:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_a_program_or_a_pdf_is_not_quote_media(quote_t: Quote, advisor: User) -> None:
    for content in (b"MZ\x90\x00" + b"\x00" * 100, b"%PDF-1.4\n%%EOF\n", b"<html>hi</html>"):
        with pytest.raises(ValidationError):
            quote_media_add(actor=advisor, quote=quote_t, content=content, filename="x")
    assert not QuoteMedia.objects.exists()


def test_the_client_approves_from_his_portal_and_anna_is_told(
    quote_t: Quote, advisor: User, client_t: Client
) -> None:
    quote_media_add(actor=advisor, quote=quote_t, content=png(), filename="tyre.png")
    send(advisor, quote_t)
    browser = portal_open(client_t)

    page = browser.get(f"/portal/cases/{quote_t.case.reference}/").content.decode()
    assert "New front tyre and alignment" in page
    assert f'<img src="/portal/quotes/{quote_t.pk}/media/' in page
    assert f"#quote-{quote_t.pk}" in browser.get("/portal/").content.decode()

    done = decide(browser, quote_t, {"decision": "approve", "comment": ""})

    assert done.status_code == 302 and "decided=approved" in done["Location"]
    quote_t.refresh_from_db()
    assert quote_t.status == "approved" and quote_t.decided_at is not None
    assert quote_t.decided_by is None  # the client, from his portal
    entry = Entry.objects.get(kind="quote_approved", client=client_t)
    assert entry.actor is None and entry.case == quote_t.case
    told = Notification.objects.get(kind="quote_decided")
    assert told.recipient == quote_t.case.owner and "approved" in told.title

    # Final: approving again, or declining now, is refused in words and changes nothing.
    again = decide(browser, quote_t, {"decision": "decline"})
    assert again.status_code == 409
    quote_t.refresh_from_db()
    assert quote_t.status == "approved"
    kinds = set(Entry.objects.filter(kind__startswith="quote_").values_list("kind", flat=True))
    assert kinds == {"quote_drafted", "quote_sent", "quote_approved"}
    assert Entry.objects.filter(kind__startswith="quote_").count() == 3


def test_the_client_declines_with_a_reason(quote_t: Quote, advisor: User, client_t: Client) -> None:
    send(advisor, quote_t)
    browser = portal_open(client_t)

    decide(
        browser,
        quote_t,
        {"decision": "decline", "comment": "Too dear; I will ask my usual garage."},
    )

    quote_t.refresh_from_db()
    assert quote_t.status == "declined"
    assert quote_t.client_comment == "Too dear; I will ask my usual garage."
    entry = Entry.objects.get(kind="quote_declined")
    assert entry.body == "Too dear; I will ask my usual garage."
    told = Notification.objects.get(kind="quote_decided")
    assert "declined" in told.title and told.body == quote_t.client_comment
    with pytest.raises(ValidationError, match="already declined"):
        quote_decide(client=client_t, quote=quote_t, approve=True)


def test_an_expired_quote_cannot_be_approved(
    quote_t: Quote, advisor: User, client_t: Client
) -> None:
    send(advisor, quote_t)
    # Noon UTC two days after the last day: past it in every time zone, whatever the hour now.
    later = dt.datetime.combine(
        quote_t.valid_until + dt.timedelta(days=2), dt.time(12), tzinfo=dt.UTC
    )

    with pytest.raises(ValidationError, match="expired"):
        quote_decide(client=client_t, quote=quote_t, approve=True, at=later)

    quote_t.refresh_from_db()
    assert quote_t.status == "sent" and quote_t.decided_at is None
    assert quotes_expire(at=later) == 1
    quote_t.refresh_from_db()
    assert quote_t.status == "expired"
    browser = portal_open(client_t)
    refused = decide(browser, quote_t, {"decision": "approve"})
    assert refused.status_code == 409
    assert not Notification.objects.filter(kind="quote_decided").exists()


def test_a_draft_is_not_shown_nor_decided(quote_t: Quote, client_t: Client) -> None:
    browser = portal_open(client_t)

    assert (
        "New front tyre"
        not in browser.get(f"/portal/cases/{quote_t.case.reference}/").content.decode()
    )
    browser.get("/portal/")
    assert decide(browser, quote_t, {"decision": "approve"}).status_code == 404
    with pytest.raises(ValidationError):
        quote_decide(client=client_t, quote=quote_t, approve=True)


def test_media_is_served_with_its_type_only_to_its_client(
    quote_t: Quote,
    advisor: User,
    client_t: Client,
    paris_client: Client,
) -> None:
    photo = quote_media_add(actor=advisor, quote=quote_t, content=png(), filename="tyre.png")
    film = quote_media_add(actor=advisor, quote=quote_t, content=MP4, filename="tyre.mov")
    url = f"/portal/quotes/{quote_t.pk}/media/{{}}/"
    mine = portal_open(client_t)
    # Not before it is sent.
    assert mine.get(url.format(photo.pk)).status_code == 404
    send(advisor, quote_t)

    image = mine.get(url.format(photo.pk))
    video = mine.get(url.format(film.pk))

    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content) == png()  # type: ignore[attr-defined]
    assert video["Content-Type"] == "video/mp4"
    assert image["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in image["Content-Security-Policy"]
    page = mine.get(f"/portal/cases/{quote_t.case.reference}/").content.decode()
    assert f'<video controls preload="metadata" playsinline src="{url.format(film.pk)}">' in page
    # Another client, or nobody, gets nothing; nor a media id under another quote.
    theirs = portal_open(paris_client)
    assert theirs.get(url.format(photo.pk)).status_code == 404
    assert Browser().get(url.format(photo.pk)).status_code == 302  # to the page asking a link
    assert mine.get(f"/portal/quotes/{quote_t.pk + 1}/media/{photo.pk}/").status_code == 404


def test_another_clients_quote_is_a_404(
    quote_t: Quote, advisor: User, paris_client: Client, foreign_dealer: User
) -> None:
    send(advisor, quote_t)
    browser = portal_open(paris_client)
    browser.get("/portal/")

    refused = decide(browser, quote_t, {"decision": "approve"})

    assert refused.status_code == 404
    quote_t.refresh_from_db()
    assert quote_t.status == "sent"
    with pytest.raises(ValidationError):
        quote_decide(client=paris_client, quote=quote_t, approve=True)


def test_a_dealer_from_another_network_cannot_draft_or_send(
    case_t: Case, quote_t: Quote, foreign_dealer: User
) -> None:
    browser = staff(foreign_dealer)

    assert browser.post(f"/cases/{case_t.reference}/quotes/{quote_t.pk}/send/").status_code == 404
    made = browser.post(
        f"/cases/{case_t.reference}/quotes/",
        {"title": "x", "amount": "1", "currency": "EUR", "valid_until": "2099-01-01"},
    )
    assert made.status_code == 404
    quote_t.refresh_from_db()
    assert quote_t.status == "draft"


def test_a_quote_is_checked_before_it_is_kept(case_t: Case, advisor: User) -> None:
    with pytest.raises(ValidationError) as refused:
        quote_create(
            actor=advisor,
            case=case_t,
            title="  ",
            work="",
            amount=Decimal("-1"),
            currency="E1",
            valid_until=timezone.localdate() - dt.timedelta(days=1),
        )
    assert set(refused.value.message_dict) == {"title", "amount", "currency", "valid_until"}
    other = case_open(actor=advisor, client=case_t.client, summary="Another question")
    assert Quote.objects.filter(case=other).count() == 0


def test_a_client_without_e_mail_gets_the_link_from_staff(
    quote_t: Quote, advisor: User, client_t: Client
) -> None:
    from goodwill.clients.models import ContactPoint

    ContactPoint.objects.filter(client=client_t, kind=ContactPoint.Kind.EMAIL).delete()

    page = staff(advisor).post(
        f"/cases/{quote_t.case.reference}/quotes/{quote_t.pk}/send/", follow=True
    )

    assert page.status_code == 200
    assert "/portal/open/" in page.content.decode()  # shown once, to read out or text
    quote_t.refresh_from_db()
    assert quote_t.status == "sent"
    assert not OutboundMessage.objects.filter(reason="quote_sent").exists()
