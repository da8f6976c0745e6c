"""Nested HTML stalls nothing (issue 10, finding 3): a message's HTML is sanitised once, at
intake, within limits of size and nesting; pages show what was stored, say what was cut off, and
the raw message stays downloadable."""

from __future__ import annotations

import time

import nh3
import pytest
from django.test import Client as HttpClient

from conftest import PASSWORD
from goodwill.cases.models import Case
from goodwill.channels.email import body
from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.clients.models import Client
from goodwill.organisation.models import User

# Generous bounds for a busy shared machine; the targets are 2 s and 200 ms, and before
# this change the same message took 64 s to take in and 33 s for each page.
INGEST_SECONDS = 8.0
PAGE_SECONDS = 2.0


def login(user: User) -> HttpClient:
    browser = HttpClient()
    assert browser.login(username=user.username, password=PASSWORD)
    return browser


def _nested(levels: int) -> str:
    return "<div>" * levels + "<p>Help, my watch stopped.</p>" + "</div>" * levels


def _timed_get(browser: HttpClient, url: str) -> tuple[str, float]:
    started = time.perf_counter()
    response = browser.get(url)
    seconds = time.perf_counter() - started
    assert response.status_code == 200, url
    return response.content.decode(), seconds


def test_a_message_nesting_100000_divs_is_taken_in_and_shown_quickly(
    case_t: Case, client_t: Client, advisor: User
) -> None:
    # Given a client's message whose HTML nests 100,000 <div>s
    raw = make_mail(subject="Deep", body="Help, my watch stopped.", html=_nested(100_000))
    # When it is taken in
    started = time.perf_counter()
    inbound = email_ingest(raw=raw)
    ingest_seconds = time.perf_counter() - started
    # Then it is on the case within the bound, its HTML stored flattened below the limit
    assert inbound.status == "processed" and inbound.case == case_t
    assert ingest_seconds < INGEST_SECONDS, ingest_seconds
    assert inbound.body_version == body.VERSION
    assert inbound.body_cut["depth"] >= 100_000
    assert inbound.body_html.count("<div>") <= body.MAX_DEPTH
    assert "Help, my watch stopped." in inbound.body_html
    # and every page showing it answers within the bound, saying what was cut off
    browser = login(advisor)
    frame, frame_seconds = _timed_get(browser, f"/mail/messages/{inbound.pk}/body/")
    case_page, case_seconds = _timed_get(browser, f"/cases/{case_t.reference}/")
    client_page, client_seconds = _timed_get(browser, f"/clients/{client_t.ref}/")
    assert max(frame_seconds, case_seconds, client_seconds) < PAGE_SECONDS, (
        frame_seconds,
        case_seconds,
        client_seconds,
    )
    assert f"/mail/messages/{inbound.pk}/body/" in case_page and "Deep" in client_page
    assert "Help, my watch stopped." in frame
    assert f"nests deeper than {body.MAX_DEPTH} levels" in frame
    assert f"/mail/messages/{inbound.pk}/raw/" in frame
    # and the raw message, whole, is a download for whoever may read the message
    raw_response = browser.get(f"/mail/messages/{inbound.pk}/raw/")
    assert raw_response.status_code == 200
    assert b"".join(raw_response.streaming_content) == raw  # type: ignore[attr-defined]


def test_pages_never_sanitise(
    client_t: Client, advisor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbound = email_ingest(
        raw=make_mail(
            subject="Photo",
            html='<p>See <img src="https://tracker.example/p.gif"> the <b>dent</b>.</p>',
        )
    )

    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("a page sanitised HTML")

    monkeypatch.setattr(nh3, "clean", refuse)
    browser = login(advisor)
    blocked, _seconds = _timed_get(browser, f"/mail/messages/{inbound.pk}/body/")
    shown, _seconds = _timed_get(browser, f"/mail/messages/{inbound.pk}/body/?images=1")
    assert "<b>dent</b>" in blocked and "tracker.example" not in blocked
    assert "tracker.example/p.gif" in shown


def test_a_message_taken_in_before_the_limits_is_prepared_once_when_first_shown(
    client_t: Client, advisor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a message stored by an earlier version: sanitised, but deep and with no copy
    # without images
    inbound = email_ingest(raw=make_mail(subject="Old", html="<p>x</p>"))
    old_html = nh3.clean(_nested(3_000) + '<img src="https://tracker.example/p.gif">')
    InboundMessage.objects.filter(pk=inbound.pk).update(
        body_html=old_html, body_html_blocked="", body_cut={}, body_version=0
    )
    browser = login(advisor)
    # When it is first shown, it is prepared with today's limits and stored
    first, _seconds = _timed_get(browser, f"/mail/messages/{inbound.pk}/body/")
    inbound.refresh_from_db()
    assert inbound.body_version == body.VERSION
    assert inbound.body_cut["depth"] >= 3_000
    assert "tracker.example" not in first and "tracker.example" not in inbound.body_html_blocked
    assert "Help, my watch stopped." in first
    # and never again: the next pages only read it

    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("sanitised twice")

    monkeypatch.setattr(nh3, "clean", refuse)
    again, _seconds = _timed_get(browser, f"/mail/messages/{inbound.pk}/body/")
    assert "Help, my watch stopped." in again


def test_a_message_too_long_to_show_says_so(
    client_t: Client, advisor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(body, "MAX_CHARS", 5_000)
    html_mail = email_ingest(
        raw=make_mail(subject="Long html", html="<p>" + "word " * 4_000 + "</p>")
    )
    text_mail = email_ingest(raw=make_mail(subject="Long text", body="word " * 4_000))
    assert html_mail.body_cut["chars"] > 20_000
    browser = login(advisor)
    for inbound in (html_mail, text_mail):
        page, _seconds = _timed_get(browser, f"/mail/messages/{inbound.pk}/body/")
        assert "too long to show whole: only its first 5,000 of" in page
        assert f"/mail/messages/{inbound.pk}/raw/" in page
        assert page.count("word") <= 1_001


# Markup an HTML parser nests deeper than its tags seem to say, repeated: each must be taken in
# quickly too (the sanitiser's work grows with the square of the depth it builds).
HOSTILE_NESTING = {
    "nested divs": "<div>" * 50_000,
    "self-closing divs (they open all the same)": "<div/>" * 50_000,
    "end tag past a table cell": "<div><table><tr><td></div>" * 20_000,
    "end tag past a block": "<span><div></span>" * 50_000,
    "formatting across blocks": "<b><div></b>" * 50_000,
    "links across blocks": '<a href="https://x.example"><div></a>' * 20_000,
    "list items past a list": "<li><ul></li>" * 50_000,
    "paragraph past a button": "<p><button></p>" * 50_000,
    "formatting reopened in each paragraph": (
        "<p>" + "".join(f'<b id="{n}">' for n in range(2_000)) + "</p>" + "<div><p>x</p>" * 2_000
    ),
    "nested tables": "<table><tr><td>" * 30_000,
    "nested quotes": "<blockquote>" * 50_000,
}


@pytest.mark.parametrize("name", list(HOSTILE_NESTING))
def test_hostile_nesting_is_prepared_quickly_and_stored_shallow(name: str) -> None:
    started = time.perf_counter()
    prepared = body.prepare(HOSTILE_NESTING[name] + "<p>the end</p>")
    text = body.html_to_text(prepared.html)
    assert time.perf_counter() - started < 3.0
    assert "the end" in text
    flattened, deeper = body.limit_depth(prepared.html)
    assert (flattened, deeper) == (prepared.html, 0)  # nothing stored nests past the limit
