"""Ten client languages (issue 11): every automatic message exists in each, staff reply in any
the brand has a template for, and a language without one is said to the advisor, never
silently swapped."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client as Browser

from goodwill.cases.models import Case
from goodwill.cases.services import case_change_status, case_open
from goodwill.channels.outbox.defaults import DEFAULT_TEMPLATES, NAMES
from goodwill.channels.outbox.models import MessageTemplate, OutboundMessage
from goodwill.channels.outbox.templates import (
    EXTRA_PLACEHOLDERS,
    case_context,
    placeholders_for,
    render_message,
)
from goodwill.clients.models import Client
from goodwill.clients.services import client_update
from goodwill.memo import memo_clear
from goodwill.organisation.models import User

TEN = ("en", "fr", "de", "it", "es", "pt", "nl", "ja", "zh-hans", "ar")
# Every extra a template kind may be given, each a value we can find again in the text.
EXTRAS = {
    "message": "MESSAGE-5b1e",
    "update": "UPDATE-0c7d",
    "backup": "BACKUP-a2f9",
    "away_until": "UNTIL-77e0",
    "by_phone": True,
    "reply_by": "REPLYBY-3d41",
    "task": "TASK-91c2",
    "partner": "PARTNER-4e8a",
    "eta": "ETA-b7d0",
    "done": False,
    "refused": False,
    "next_step": "NEXT-6a1f",
    "promised": "PROMISED-2c9e",
    "link": "https://care.example/portal/open/LINK-8d3c/",
    "valid_until": "UNTIL-5e2b",
    "claim": "CLAIM-8d3b",
    "amount": "AMOUNT-6f21",
    "approved": False,
    "reason": "REASON-1c5a",
    "appointment": "APPOINTMENT-1f3a",
    "site": "SITE-8b2c",
    "expires": "EXPIRES-9a0b",
    "when": "WHEN-5c7d",
    "scores": "SCORES-4d2e",
    "stop": "https://care.example/s/STOP-7a1c/stop/",
    "work": "WORK-3e6b",
    "quote_until": "QUOTEUNTIL-7d2a",
    "campaign_title": "CAMPAIGN-3e1d",
    "campaign_text": "CAMPAIGNTEXT-7a2f",
    "vehicles": "- VEHICLES-0c4b",
    "stage": "STAGE-3e8f",
    "previous": "PREVIOUS-4b1e",
}
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


def test_the_client_languages_are_the_ten() -> None:
    assert tuple(settings.GOODWILL_CLIENT_LANGUAGES) == TEN
    assert set(settings.GOODWILL_BRAND_LANGUAGES) == set(TEN)


@pytest.mark.parametrize("language", TEN)
@pytest.mark.parametrize("name", NAMES)
def test_each_default_template_renders_whole_in_each_language(
    case_t: Case, name: str, language: str
) -> None:
    extra = {key: EXTRAS[key] for key in EXTRA_PLACEHOLDERS.get(name, ())}
    context = case_context(case=case_t, language=language, **extra)

    subject, body = render_message(name=name, language=language, context=context)

    text = subject + body
    assert not re.search(r"\{\{|\}\}|\{%|%\}|\x00|None", text)
    # Each language says what the English says: the same placeholders, all of them known.
    used = set(_PLACEHOLDER.findall("".join(DEFAULT_TEMPLATES[name, language])))
    assert used == set(_PLACEHOLDER.findall("".join(DEFAULT_TEMPLATES[name, "en"])))
    assert used <= placeholders_for(name)
    for key in used - {"by_phone"}:
        assert str(context[key]) in text
    assert body.count(context["greeting_name"]) == 1
    if language != "en":
        assert render_message(name=name, language="en", context=context) != (subject, body)


def _case_in(language: str, *, client: Client, advisor: User) -> Case:
    """A new case of Mr. T's, who now reads `language`."""
    client_update(actor=advisor, client=client, language=language)
    return case_open(
        actor=advisor, client=client, summary="Noise", category="breakdown", channel="email"
    )


def test_a_reply_in_dutch_to_a_dutch_client_is_accepted_and_sent_in_dutch(
    client: Browser, advisor: User, case_t: Case
) -> None:
    case_t = _case_in("nl", client=case_t.client, advisor=advisor)
    client.force_login(advisor)
    box = client.get(f"/cases/{case_t.reference}/forms/message/", headers={"HX-Request": "true"})
    assert '<option value="nl" selected>Nederlands</option>' in box.text
    assert "Geachte Herr Lefèvre," in box.text
    assert '<option value="ar">العربية</option>' in box.text
    assert '<option value="zh-hans">中文(简体)</option>' in box.text

    response = client.post(
        f"/cases/{case_t.reference}/message/",
        {"language": "nl", "subject": "", "body": "Uw auto is klaar.", "nonce": "n1"},
    )

    assert response.status_code == 302
    sent = OutboundMessage.objects.get(case=case_t, purpose="reply")
    assert sent.language == "nl"
    assert sent.subject == f"Uw pechhulp [{case_t.reference}]"


def test_a_language_without_a_template_is_said_to_the_advisor(
    client: Browser, advisor: User, case_t: Case
) -> None:
    case_t = _case_in("pl", client=case_t.client, advisor=advisor)
    client.force_login(advisor)

    box = client.get(f"/cases/{case_t.reference}/forms/message/", headers={"HX-Request": "true"})

    assert (
        "No “reply” template in Polish: this message would go in English — add one under "
        "Message templates, or choose a language." in box.text
    )
    assert '<option value="en" selected>English</option>' in box.text
    assert "Dear Mr Lefèvre," in box.text or "Dear Herr Lefèvre," in box.text


def test_a_template_a_manager_deleted_is_said_and_automatic_news_records_english(
    client: Browser, advisor: User, case_t: Case
) -> None:
    case_t = _case_in("nl", client=case_t.client, advisor=advisor)
    MessageTemplate.objects.filter(language="nl").delete()
    memo_clear()
    client.force_login(advisor)

    box = client.get(f"/cases/{case_t.reference}/forms/message/", headers={"HX-Request": "true"})
    case_change_status(actor=advisor, case=case_t, status=Case.Status.WAITING_PARTNER)

    assert "No “reply” template in Dutch" in box.text
    assert '<option value="nl"' not in box.text
    news = OutboundMessage.objects.get(case=case_t, purpose="notification")
    assert news.language == "en"
    assert "in the hands of our partner" in news.body_text  # English throughout, not half Dutch
    assert "Geachte" not in news.body_text


def test_the_migration_adds_only_missing_rows(db: None) -> None:
    seed = importlib.import_module(
        "goodwill.channels.outbox.migrations.0007_seed_six_more_languages"
    ).seed
    edited = "Beste {{ client_name }}"
    MessageTemplate.objects.filter(name="reply", language="nl").update(body=edited)
    MessageTemplate.objects.filter(name="reply", language="ja").delete()
    MessageTemplate.objects.filter(name="reply", language="fr").delete()

    seed(apps, None)

    assert MessageTemplate.objects.get(name="reply", language="nl").body == edited
    assert (
        MessageTemplate.objects.get(name="reply", language="ja").body
        == (DEFAULT_TEMPLATES["reply", "ja"][1])
    )
    assert not MessageTemplate.objects.filter(name="reply", language="fr").exists()
    assert MessageTemplate.objects.filter(language="zh-hans").count() == len(NAMES)


def test_the_case_page_says_a_language_goodwill_has_no_words_in(
    client: Browser, advisor: User, case_t: Case
) -> None:
    polish = _case_in("pl", client=case_t.client, advisor=advisor)
    client.force_login(advisor)

    page = client.get(f"/cases/{polish.reference}/").text
    served = client.get(f"/cases/{case_t.reference}/").text

    assert (
        "Polish is not one of the client languages: automatic messages and replies go in English."
        in page
    )
    assert "is not one of the client languages" not in served


@pytest.mark.parametrize(
    ("language", "greeting", "closing"),
    [
        ("ar", "حضرة Herr Lefèvre،", "مع خالص التحية والتقدير،\nAnna Schmid"),
        ("zh-hans", "尊敬的Herr Lefèvre：", "此致\n敬礼\n\nAnna Schmid"),
        ("ja", "Herr Lefèvre 様", "Aurelis カスタマーケア\nAnna Schmid"),
    ],
)
def test_switching_a_reply_to_another_client_language_keeps_what_staff_wrote(
    client: Browser, advisor: User, case_t: Case, language: str, greeting: str, closing: str
) -> None:
    client.force_login(advisor)
    box = client.get(f"/cases/{case_t.reference}/forms/message/", headers={"HX-Request": "true"})
    german = re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", box.text, re.DOTALL)
    assert german is not None
    written = german.group(1).replace("\n\n\n\n", "\n\nIhr Wagen ist fertig.\n\n")

    fragment = client.post(
        f"/cases/{case_t.reference}/message/draft/",
        {"language": language, "previous_language": "de", "body": written, "subject": ""},
        headers={"HX-Request": "true"},
    ).text

    assert greeting in fragment and closing in fragment
    assert "Ihr Wagen ist fertig." in fragment


def test_a_manager_edits_the_templates_of_every_client_language(
    client: Browser, manager: User
) -> None:
    client.force_login(manager)

    listing = client.get("/outbox/templates/").text
    arabic = client.get("/outbox/templates/status_changed/ar/")
    chinese = client.get("/outbox/templates/reply/zh-hans/")

    for name in ("Español", "Português", "Nederlands", "日本語", "中文(简体)", "العربية"):
        assert f"<th>{name}</th>" in listing
    assert arabic.status_code == 200 and '<pre class="mail-body" dir="rtl">' in arabic.text
    assert "لدى شريكنا" in arabic.text  # the sample status, in the client's words
    assert chinese.status_code == 200 and "尊敬的Mr Rossi：" in chinese.text
    assert client.get("/outbox/templates/reply/pl/").status_code == 404
