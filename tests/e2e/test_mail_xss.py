"""Hostile mail in a real headless Chromium: script in the body, the HTML, the subject, the sender's
name and an attachment's name. An advisor reads the case and the client's story; nothing runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page, expect

from conftest import PASSWORD
from goodwill.cases.models import Case
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOADS_HTML = [
    "<script>window.__xss='script';alert('script')</script>",
    "<img src=x onerror=\"window.__xss='onerror';alert('onerror')\">",
    "<svg><script>window.__xss='svg'</script></svg><svg onload=\"window.__xss='svgload'\"></svg>",
    "<a href=\"javascript:window.__xss='js';alert('js')\" id=jslink>click me</a>",
    "<iframe src=\"javascript:parent.__xss='iframe'\"></iframe>",
    "<form action=\"javascript:alert('form')\"><button>go</button></form>",
    (
        "<body onload=\"window.__xss='body'\">"
        "<div style=\"background:url(javascript:alert('css'))\">css</div>"
    ),
    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss='mxss'\">",
    "<object data=\"data:text/html,<script>alert('object')</script>\"></object>",
]
SENDER_NAME = "<img src=x onerror=alert('name')><script>window.__xss='name'</script>"
HOSTILE = (
    "<img src=x onerror=\"window.__xss='text';alert('text')\"><script>window.__xss='t2'</script>"
)


@pytest.fixture
def browser_page(page: Page, tmp_path: Path, settings: pytest.FixtureRequest) -> Page:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    return page


def test_hostile_mail_never_runs_in_the_browser(case_t: Case, browser_page: Page) -> None:
    page = browser_page
    dialogs: list[str] = []

    def refuse(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    # Given hostile mail from Mr. T: in the HTML, the text, the subject, his name and file names
    for i, payload in enumerate(PAYLOADS_HTML):
        email_ingest(raw=make_mail(subject=f"html {i}", html=f"<p>Hello</p>{payload}"))
    email_ingest(
        raw=make_mail(
            sender=f"{SENDER_NAME} <thomas.lefevre@example.com>",
            subject=HOSTILE,
            body=HOSTILE,
            attachments=[
                (f"{HOSTILE}.html", "text/html", b"<script>alert('file')</script>"),
                ("photo\u202egpj.svg", "image/svg+xml", b"<svg onload=alert('svg')></svg>"),
            ],
        )
    )
    # When the advisor reads the case and the client's story
    page.goto("/login/")
    page.get_by_label("Username").fill("anna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".userbox")).to_contain_text("Anna Schmid")
    response = page.goto(f"/cases/{case_t.reference}/")
    assert response is not None
    csp = response.headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]*)", csp)
    assert (
        script_src
        and "'unsafe-inline'" not in script_src.group(1)
        and "'unsafe-eval'" not in script_src.group(1)
    )
    page.wait_for_load_state("load")
    from goodwill.channels.email.models import InboundMessage

    assert InboundMessage.objects.filter(status="processed").count() == len(PAYLOADS_HTML) + 1
    frames = page.locator("iframe.mail-frame")
    expect(frames.first).to_be_visible()
    for index in range(frames.count()):  # lazy frames load when seen
        frames.nth(index).scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    # clicking the javascript: link and the form does nothing either
    for frame in page.frames:
        if frame.locator("#jslink").count():
            frame.locator("#jslink").click()
    page.wait_for_timeout(300)
    mail_frames = [f for f in page.frames if "/mail/messages/" in f.url]
    assert len(mail_frames) >= 5
    assert any("Hello" in f.content() for f in mail_frames)  # the mail did render
    # Then nothing ran: no dialog, no flag, in the page or in any frame
    assert dialogs == []
    assert page.evaluate("window.__xss") is None
    for frame in page.frames:
        try:
            assert frame.evaluate("window.__xss") is None
        except Exception as error:  # a sandboxed frame without script cannot even evaluate: good
            assert (
                "script" in str(error).lower()
                or "sandbox" in str(error).lower()
                or "context" in str(error).lower()
            )
    # and the hostile attachment name is shown as text, served as a download with a safe name
    link = page.locator(".mail-attachments a").filter(has_text="onerror").first
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert (
        "<" not in download.value.suggested_filename
        and "/" not in download.value.suggested_filename
    )
    page.goto(f"/clients/{case_t.client.ref}/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate("window.__xss") is None
