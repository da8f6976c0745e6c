"""The public contact form: a message from the brand's website becomes a case, answered by name."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import signing
from django.test import Client as Browser
from django.test import override_settings
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.webform.models import Submission
from goodwill.channels.webform.services import Contact, webform_submit
from goodwill.clients.models import Client
from goodwill.notifications.models import Notification
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry

FORM = {
    "name": "Giulia Bianchi",
    "email": "giulia.bianchi@example.it",
    "phone": "+39 06 1234 5678",
    "product": "",
    "message": "Il mio orologio si ferma di notte.\nPotete aiutarmi?",
    "website": "",
}


@pytest.fixture
def browser() -> Browser:
    return Browser(enforce_csrf_checks=True)


def _post(browser: Browser, data: dict[str, str], url: str = "/contact/?lang=it", **extra: str):  # type: ignore[no-untyped-def]
    page = browser.get(url)
    assert page.status_code == 200
    token = browser.cookies["csrftoken"].value if "csrftoken" in browser.cookies else ""
    return browser.post(url, {**data, "csrfmiddlewaretoken": token}, **extra)


def test_the_form_is_public_and_speaks_the_brands_languages(
    browser: Browser, care_centre: Site
) -> None:
    assert "Your message" in browser.get("/contact/").text
    assert '<html lang="it">' in browser.get("/contact/?lang=it").text
    page = browser.get("/contact/", HTTP_ACCEPT_LANGUAGE="de-CH,de;q=0.9")
    assert page.headers["Content-Language"] == "de"
    assert page.headers["X-Frame-Options"] == "DENY"


def test_an_unknown_sender_becomes_an_unverified_client_of_the_care_centre(
    browser: Browser, care_centre: Site, agent: User, manager: User
) -> None:
    response = _post(browser, FORM)
    assert response.status_code == 200
    assert "Chiara Rossi" in response.text
    client = Client.objects.get(last_name="Bianchi")
    assert (client.verified, client.site, client.advisor, client.language) == (
        False,
        care_centre,
        agent,
        "it",
    )
    case = Case.objects.get(client=client)
    assert (case.channel, case.owner, case.language) == ("web", agent, "it")
    assert case.reference in response.text
    entry = Entry.objects.get(case=case, kind="message_in")
    assert (
        entry.channel == "web"
        and "si ferma di notte" in entry.body
        and entry.payload["phone"] == "+390612345678"
    )
    ack = OutboundMessage.objects.get(purpose="acknowledgement")
    assert (ack.to_address, ack.to_name, ack.language) == (
        "giulia.bianchi@example.it",
        "Giulia Bianchi",
        "it",
    )
    assert "Chiara Rossi se ne occuperà personalmente" in ack.body_text
    assert "Gentile Giulia Bianchi" in ack.body_text and case.reference in ack.subject


def test_an_acknowledgement_is_not_an_answer(
    browser: Browser, care_centre: Site, agent: User
) -> None:
    _post(browser, FORM)
    case = Case.objects.get()
    assert case.last_sent_to_client_at is None  # the first-response clock still runs


def test_a_known_client_joins_their_open_case_and_a_second_message_is_a_chaser(
    browser: Browser, case_t: Case, advisor: User, care_centre: Site, agent: User
) -> None:
    form = {
        **FORM,
        "name": "Thomas Lefèvre",
        "email": "Thomas.Lefevre@example.com",
        "phone": "",
        "message": "Any news?",
    }
    _post(browser, form, url="/contact/?lang=de")
    _post(browser, {**form, "message": "Hello??"}, url="/contact/?lang=de")
    assert Case.objects.filter(client=case_t.client).count() == 1
    assert Entry.objects.filter(case=case_t, kind="message_in", channel="web").count() == 2
    case_t.refresh_from_db()
    assert case_t.chaser_count >= 1
    assert (
        Notification.objects.filter(recipient=advisor, kind="message_in", case=case_t).count() == 2
    )
    # A follow-up on an open case that a person handles is not acknowledged: Anna answers.
    assert not OutboundMessage.objects.filter(purpose="acknowledgement").exists()


def test_a_known_client_without_open_case_gets_a_new_one_owned_by_their_advisor(
    browser: Browser, client_t: Client, advisor: User, care_centre: Site
) -> None:
    _post(
        browser,
        {**FORM, "email": "", "phone": "0171 2345678", "name": "T. Lefèvre"},
        url="/contact/?lang=en",
    )
    assert not Case.objects.exists()  # an e-mail is required to answer
    _post(
        browser,
        {
            **FORM,
            "email": "thomas.lefevre@example.com",
            "phone": "",
            "name": "T. Lefèvre",
            "product": "m-ab 1234",
        },
        url="/contact/?lang=en",
    )
    case = Case.objects.get()
    assert case.client == client_t and case.owner == advisor and case.channel == "web"


def test_a_client_whose_advisor_has_left_still_reaches_the_least_busy_carer(
    browser: Browser, client_t: Client, advisor: User, care_centre: Site, agent: User
) -> None:
    User.objects.filter(pk=advisor.pk).update(is_active=False)
    response = _post(
        browser,
        {**FORM, "email": "thomas.lefevre@example.com", "name": "Thomas Lefèvre"},
        url="/contact/?lang=de",
    )
    assert response.status_code == 200
    case = Case.objects.get(client=client_t)
    assert case.owner == agent
    assert "Chiara Rossi" in OutboundMessage.objects.get(purpose="acknowledgement").body_text


def test_a_phone_that_belongs_to_a_client_reveals_nothing_of_them_to_the_typed_address(
    browser: Browser, case_t: Case, advisor: User, care_centre: Site, agent: User
) -> None:
    response = _post(
        browser,
        {
            **FORM,
            "email": "stranger@example.org",
            "phone": "+49 171 2345678",
            "name": "Eve Stranger",
        },
        url="/contact/?lang=en",
    )
    assert response.status_code == 200
    assert case_t.reference not in response.text and "Anna Schmid" not in response.text
    ack = OutboundMessage.objects.get(purpose="acknowledgement")
    assert ack.to_address == "stranger@example.org"
    for secret in (case_t.reference, "Anna Schmid", "Lefèvre"):
        assert secret not in ack.subject and secret not in ack.body_text
    submission = Submission.objects.get()
    assert (
        submission.new_client
        and submission.client != case_t.client
        and not submission.client.verified
    )
    assert submission.case != case_t and submission.case.owner == agent
    assert not Entry.objects.filter(case=case_t, kind="message_in").exists()


def test_the_thanks_page_shows_no_reference_to_whoever_typed_a_known_address(
    browser: Browser, case_t: Case, advisor: User, care_centre: Site
) -> None:
    response = _post(
        browser,
        {**FORM, "email": "thomas.lefevre@example.com", "name": "Thomas"},
        url="/contact/?lang=en",
    )
    assert response.status_code == 200
    assert case_t.reference not in response.text and "Anna Schmid" not in response.text
    # His message joined his open case: no acknowledgement, so the page promises none.
    assert "confirmation with your reference" not in response.text
    assert "We will answer you by e-mail." in response.text
    assert not OutboundMessage.objects.filter(purpose="acknowledgement").exists()


def test_the_thanks_page_says_a_confirmation_went_to_a_known_address_only_when_one_did(
    browser: Browser, client_t: Client, advisor: User, care_centre: Site
) -> None:
    response = _post(
        browser,
        {**FORM, "email": "thomas.lefevre@example.com", "name": "Thomas"},
        url="/contact/?lang=en",
    )
    case = Case.objects.get(client=client_t)
    assert case.reference not in response.text and "Anna Schmid" not in response.text
    assert "confirmation with your reference" in response.text
    ack = OutboundMessage.objects.get(purpose="acknowledgement")
    # the reference goes to the client's own address
    assert ack.to_address == "thomas.lefevre@example.com" and case.reference in ack.subject


def test_the_honeypot_thanks_a_robot_and_keeps_nothing(
    browser: Browser, care_centre: Site, agent: User
) -> None:
    response = _post(browser, {**FORM, "website": "http://spam.example"})
    assert response.status_code == 200 and "Grazie" in response.text  # posted to the Italian page
    assert not Client.objects.exists() and not Submission.objects.exists()


@override_settings(GOODWILL_WEBFORM_PER_EMAIL_HOUR=2)
def test_too_many_messages_from_one_address_are_held_and_kept(
    browser: Browser, care_centre: Site, agent: User
) -> None:
    for _ in range(2):
        assert _post(browser, FORM).status_code == 200
    limited = _post(browser, {**FORM, "message": "Third time"})
    assert limited.status_code == 429
    assert "Non serve inviarlo di nuovo" in limited.text  # kept: no need to send it again
    kept = Submission.objects.get(message="Third time")
    assert kept.held and kept.case is None  # kept aside, not yet on any case
    assert Submission.objects.count() == 3


@override_settings(GOODWILL_WEBFORM_PER_IP_HOUR=2)
def test_too_many_messages_from_one_connection_are_refused(
    browser: Browser, care_centre: Site, agent: User
) -> None:
    for n in range(2):
        _post(browser, {**FORM, "email": f"person{n}@example.org"})
    assert _post(browser, {**FORM, "email": "other@example.org"}).status_code == 429


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-address"),
        ("name", "  "),
        ("message", ""),
        ("phone", "12"),
        ("email", "a" * 300),
    ],
)
def test_bad_input_gets_field_errors(
    browser: Browser, care_centre: Site, agent: User, field: str, value: str
) -> None:
    response = _post(browser, {**FORM, field: value})
    assert response.status_code == 400
    assert 'class="errorlist' in response.text
    assert not Submission.objects.exists()


def test_a_post_without_csrf_token_is_refused(browser: Browser, care_centre: Site) -> None:
    assert browser.post("/contact/", FORM).status_code == 403


def _policy(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    directives = (
        part.strip().split(" ", 1)
        for part in response.headers["Content-Security-Policy"].split(";")
    )
    return {name: (rest[0] if rest else "") for name, *rest in directives}


def test_the_embedded_form_can_be_framed_and_works_without_a_cookie(
    browser: Browser, care_centre: Site, agent: User
) -> None:
    page = browser.get("/contact/embed/?lang=fr")
    assert "X-Frame-Options" not in page.headers
    policy = _policy(page)
    assert policy["frame-ancestors"] == "*"  # no origin configured: any site may frame it
    assert policy["script-src"] == "'self'" and policy["form-action"] == "'self'"
    assert (
        _policy(browser.get("/contact/"))["frame-ancestors"] == "'self'"
    )  # only the embed is widened
    assert "topbar" not in page.text
    token = signing.TimestampSigner(salt="goodwill.webform.embed").sign("embed")
    fresh = Browser(enforce_csrf_checks=True)  # a third-party frame: no cookie at all
    response = fresh.post("/contact/embed/?lang=fr", {**FORM, "token": token})
    assert response.status_code == 200
    assert OutboundMessage.objects.get().language == "fr"


def test_the_embedded_form_refuses_a_forged_token_but_keeps_the_text(
    browser: Browser, care_centre: Site
) -> None:
    response = browser.post("/contact/embed/", {**FORM, "token": "forged"})
    assert response.status_code == 400 and "si ferma di notte" in response.text
    assert not Submission.objects.exists()


@override_settings(GOODWILL_WEBFORM_FRAME_ANCESTORS=["https://www.aurelis.example"])
def test_the_brands_site_is_the_only_one_allowed_to_frame_it(
    browser: Browser, care_centre: Site
) -> None:
    page = browser.get("/contact/embed/")
    policy = _policy(page)
    assert policy["frame-ancestors"] == "https://www.aurelis.example"
    assert policy["script-src"] == "'self'" and policy["object-src"] == "'none'"


def test_a_phone_alone_does_not_identify_a_client(
    client_t: Client, care_centre: Site, agent: User
) -> None:
    submission = webform_submit(
        contact=Contact(
            name="Thomas",
            email="new@example.org",
            phone="+49 171 2345678",
            message="Hello",
            language="de",
        ),
        ip="192.0.2.1",
    )
    assert submission.client != client_t and submission.new_client
    assert submission.client.contact_points.filter(
        kind="phone", normalized="+491712345678"
    ).exists()


def test_every_bad_field_is_named_at_once(browser: Browser, care_centre: Site) -> None:
    response = _post(browser, {**FORM, "email": "nope", "phone": "12", "message": ""})
    assert response.status_code == 400
    assert response.text.count('class="errorlist') == 3


def test_the_staff_alert_speaks_the_recipients_language_not_the_clients(
    browser: Browser, case_t: Case, advisor: User, backup: User, care_centre: Site
) -> None:
    form = {
        **FORM,
        "name": "Thomas Lefèvre",
        "email": "thomas.lefevre@example.com",
        "phone": "",
        "message": "Und?",
    }
    _post(browser, form, url="/contact/?lang=fr")
    alert = Notification.objects.get(recipient=advisor, kind="message_in")
    assert alert.title == f"Thomas Lefèvre wrote through the website about {case_t.reference}"
    # While Anna is away, Jonas covers and reads it in German.
    today = timezone.localdate()
    User.objects.filter(pk=advisor.pk).update(
        away_from=today, away_until=today + dt.timedelta(days=3)
    )
    _post(browser, {**form, "message": "Hallo?"}, url="/contact/?lang=fr")
    assert Notification.objects.get(recipient=backup, kind="message_in").title.startswith(
        "Thomas Lefèvre hat über die Website"
    )


@pytest.mark.parametrize(
    ("language", "heading", "lang"),
    [
        ("es", "Escríbanos", "es"),
        ("pt", "Escreva-nos", "pt"),
        ("nl", "Schrijf ons", "nl"),
        ("ja", "お問い合わせフォーム", "ja"),
        ("zh-hans", "给我们留言", "zh-Hans"),
        ("ar", "راسلونا", "ar"),
    ],
)
def test_the_form_speaks_each_client_language(
    browser: Browser, care_centre: Site, language: str, heading: str, lang: str
) -> None:
    page = browser.get(f"/contact/?lang={language}")

    assert heading in page.text
    assert f'<html lang="{lang}"' in page.text
    assert page.headers["Content-Language"] == lang
    assert "Write to us" not in page.text


def test_the_arabic_form_is_laid_out_right_to_left(browser: Browser, care_centre: Site) -> None:
    page = browser.get("/contact/?lang=ar").text

    assert '<html lang="ar" dir="rtl">' in page
    assert "إرسال" in page  # Send
    # The switcher names each language in itself.
    assert ">Nederlands</a>" in page and ">日本語</a>" in page and ">中文(简体)</a>" in page


def test_the_browser_language_is_taken_among_the_ten(browser: Browser, care_centre: Site) -> None:
    dutch = browser.get("/contact/", headers={"Accept-Language": "nl-BE,nl;q=0.9,en;q=0.5"})
    chinese = browser.get("/contact/", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    polish = browser.get("/contact/", headers={"Accept-Language": "pl,de;q=0.3"})

    assert dutch.headers["Content-Language"] == "nl"
    assert chinese.headers["Content-Language"] == "zh-Hans"
    assert polish.headers["Content-Language"] == "de"


def test_a_message_in_arabic_is_acknowledged_in_arabic(
    browser: Browser, care_centre: Site, agent: User
) -> None:
    form = {**FORM, "message": "سيارتي لا تعمل منذ الصباح، أرجو المساعدة في أقرب وقت ممكن."}
    response = _post(browser, form, url="/contact/?lang=ar")

    assert response.status_code == 200
    assert "شكرًا لكم، لقد استلمنا رسالتكم." in response.text
    ack = OutboundMessage.objects.get(purpose=OutboundMessage.Purpose.ACKNOWLEDGEMENT)
    assert ack.language == "ar"
    assert ack.subject.startswith("لقد استلمنا طلبكم")
