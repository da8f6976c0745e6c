"""Client-facing words only: nothing internal (the case's summary, internal status labels, notes,
staff logins) can reach a message to a client; the client reads the case's title and status in
their own words and language."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client as HttpClient
from django.utils import translation

from conftest import PASSWORD
from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_add_note, case_change_status
from goodwill.cases.wording import client_status, client_title
from goodwill.channels.outbox.defaults import DEFAULT_TEMPLATES, NAMES
from goodwill.channels.outbox.models import MessageTemplate, OutboundMessage
from goodwill.channels.outbox.templates import case_context, render_message, reply_draft
from goodwill.memo import memo_clear
from goodwill.news.services import news_cadence_update, news_milestone
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry

# How the cases these stories close ended (a person closing a case says so).
SETTLED = OutcomeGiven(done="Settled with the client", done_by="Anna Schmid", fixed=True)

SUMMARY_MARK = "INTERNAL-SUMMARY-7f3a"
NOTE_MARK = "INTERNAL-NOTE-91c2"
LOGIN_MARK = "internal-login-5d0e"
MARKS = (SUMMARY_MARK, NOTE_MARK, LOGIN_MARK)

# What each template gets beside the case's context, as its real callers give it.
EXTRA = {
    "reply": {"message": "Your car is ready."},
    "case_update": {"update": "The part has arrived."},
    "backup_cover": {"backup": "Jonas Weber", "away_until": "3.12.2026"},
    "partner_update": {"task": "Tow", "partner": "ADAC", "eta": "14:30", "done": "", "refused": ""},
    "portal_link": {"link": "https://care.example/portal/open/x/", "valid_until": "3.1.2027"},
    "claim_decision": {"claim": "Taxi", "amount": "86,50 EUR", "approved": "yes", "reason": ""},
}


@pytest.fixture
def marked_case(case_t: Case, advisor: User) -> Case:
    """Mr. T's case with a marker in every internal field: the summary, a note, the owner's
    login, and a status whose staff label differs from the client's phrase."""
    Case.objects.filter(pk=case_t.pk).update(
        summary=f"{SUMMARY_MARK} flat tyre, client angry", status=Case.Status.WAITING_PARTNER
    )
    User.objects.filter(pk=advisor.pk).update(username=LOGIN_MARK, first_name="", last_name="")
    case_t.refresh_from_db()
    case_t.owner.refresh_from_db()
    case_add_note(actor=advisor, case=case_t, text=f"{NOTE_MARK}: he shouted at the dealer")
    return case_t


def _leaks(text: str, language: str) -> list[str]:
    with translation.override(language):
        staff_status = str(Case.Status.WAITING_PARTNER.label)
    return [mark for mark in (*MARKS, staff_status) if mark in text]


@pytest.mark.parametrize("language", settings.GOODWILL_CLIENT_LANGUAGES)
@pytest.mark.parametrize("name", NAMES)
def test_no_client_template_quotes_anything_internal(
    marked_case: Case, name: str, language: str
) -> None:
    context = case_context(case=marked_case, language=language, **EXTRA.get(name, {}))
    rendered = [render_message(name=name, language=language, context=context)]
    # The same words stored by a manager in the database, where they are edited.
    if (name, language) in DEFAULT_TEMPLATES:
        subject, body = DEFAULT_TEMPLATES[name, language]
        MessageTemplate.objects.update_or_create(
            name=name, language=language, defaults={"subject": subject, "body": body}
        )
        memo_clear()
        rendered.append(render_message(name=name, language=language, context=context))

    for subject, body in rendered:
        assert _leaks(subject + body, language) == []
        if name in ("status_changed", "case_update"):
            assert client_title(case=marked_case, language=language) in body


def test_the_context_holds_client_facing_values_only(marked_case: Case) -> None:
    context = case_context(case=marked_case, language="de")

    assert context["case_title"] == context["case_summary"] == "Ihre Pannenhilfe"
    assert context["status"] == "bei unserem Partner in Arbeit"
    assert context["advisor"] == f"{settings.GOODWILL_BRAND_NAME} Client Care"
    assert _leaks(repr(context), "de") == []


def test_a_german_client_never_reads_the_internal_english_title(
    case_t: Case, advisor: User
) -> None:
    assert case_t.summary == "Flat tyre on holiday" and case_t.client.language == "de"

    case_change_status(actor=advisor, case=case_t, status=Case.Status.WAITING_PARTNER)
    news_milestone(actor=advisor, case=case_t, milestone="part_ordered")
    news_cadence_update(case=case_t, key="cadence:test")

    sent = list(OutboundMessage.objects.filter(case=case_t))
    assert len(sent) == 3
    for message in sent:
        text = message.subject + message.body_text
        assert message.language == "de"
        assert "Flat tyre" not in text and "Waiting on partner" not in text
        assert "Wartet auf Partner" not in text
    status_news = next(m for m in sent if m.key.startswith("status:"))
    assert "„Ihre Pannenhilfe“" in status_news.body_text
    assert "bei unserem Partner in Arbeit" in status_news.body_text


def test_the_reply_box_subject_is_the_clients_title(case_t: Case, advisor: User) -> None:
    subject, body = reply_draft(case=case_t, language="de", sender="Anna Berger")

    assert subject == f"Ihre Pannenhilfe [{case_t.reference}]"
    assert "Flat tyre" not in subject + body


def test_staff_write_the_title_the_client_reads_on_the_case_page(
    client: HttpClient, case_t: Case, advisor: User
) -> None:
    client.login(username=advisor.username, password=PASSWORD)
    page = client.get(f"/cases/{case_t.reference}/").content.decode()
    assert "Flat tyre on holiday" in page and "Ihre Pannenhilfe" in page

    response = client.post(
        f"/cases/{case_t.reference}/client-title/", {"title": "Ihr Reifen am Gardasee"}
    )

    assert response.status_code == 302
    case_t.refresh_from_db()
    assert case_t.client_title == "Ihr Reifen am Gardasee"
    assert case_t.summary == "Flat tyre on holiday"
    assert client_title(case=case_t, language="de") == "Ihr Reifen am Gardasee"
    change = Entry.objects.get(case=case_t, kind="note", payload__has_key="changes")
    assert change.payload["changes"] == {"client_title": ["", "Ihr Reifen am Gardasee"]}
    case_change_status(actor=advisor, case=case_t, status=Case.Status.RESOLVED, outcome=SETTLED)
    news = OutboundMessage.objects.get(case=case_t, purpose="notification")
    assert "Ihr Reifen am Gardasee" in news.body_text and "erledigt" in news.body_text


def test_an_emptied_title_falls_back_to_the_category(
    client: HttpClient, case_t: Case, advisor: User
) -> None:
    client.login(username=advisor.username, password=PASSWORD)
    client.post(f"/cases/{case_t.reference}/client-title/", {"title": "Ihr Reifen"})
    client.post(f"/cases/{case_t.reference}/client-title/", {"title": "  "})

    case_t.refresh_from_db()
    assert case_t.client_title == ""
    assert client_title(case=case_t, language="fr") == "Votre assistance dépannage"


@pytest.mark.parametrize(
    ("language", "phrase"),
    [
        ("en", "in the hands of our partner"),
        ("fr", "entre les mains de notre partenaire"),
        ("de", "bei unserem Partner in Arbeit"),
        ("it", "nelle mani del nostro partner"),
    ],
)
def test_statuses_read_as_client_phrases_in_each_language(language: str, phrase: str) -> None:
    assert client_status(status=Case.Status.WAITING_PARTNER, language=language) == phrase
