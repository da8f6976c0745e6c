"""A reply opens as a preview exactly as the client will read it, with the findings; findings that
block stop it until someone says why, and that override is on the case story."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client as Browser
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.checks.selectors import message_review
from goodwill.checks.services import reply_send
from goodwill.clients.selectors import client_time_zone
from goodwill.organisation.models import User
from goodwill.promises.models import Promise
from goodwill.promises.services import promise_make
from goodwill.timeline.models import Entry

pytestmark = pytest.mark.usefixtures("brush_offs")

GOOD = (
    "Guten Tag Herr Lefèvre,\n\nIhr Wagen ist in unserer Werkstatt. Wir melden uns, sobald das "
    "Ersatzteil da ist.\n\nMit freundlichen Grüßen\nAnna Schmid"
)
BRUSH_OFF = GOOD.replace(
    "Wir melden uns", "Bitte wenden Sie sich direkt an den Hersteller. Wir melden uns"
)


def reply(body: str, **extra: str) -> dict[str, str]:
    return {"language": "de", "subject": "", "body": body, "nonce": "n1", **extra}


def test_the_preview_shows_the_message_as_the_client_reads_it(
    client: Browser, advisor: User, case_t: Case
) -> None:
    client.force_login(advisor)
    page = client.post(f"/cases/{case_t.reference}/message/preview/", reply(GOOD))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Thomas Lefèvre &lt;thomas.lefevre@example.com&gt;" in text
    assert f"Ihre Pannenhilfe [{case_t.reference}]" in text  # the subject the template gives
    assert "Guten Tag Herr Lefèvre," in text and "Deutsch" in text
    assert "Nothing found" in text and "Send to the client" in text
    assert OutboundMessage.objects.count() == 0  # a preview sends nothing


def test_a_brush_off_blocks_until_someone_says_why_and_the_override_is_on_the_story(
    client: Browser, advisor: User, case_t: Case
) -> None:
    client.force_login(advisor)
    preview = client.post(f"/cases/{case_t.reference}/message/preview/", reply(BRUSH_OFF))
    text = preview.content.decode()
    assert '<mark class="hard">wenden Sie sich direkt an den Hersteller</mark>' in text
    assert "Send despite the findings" in text and 'name="override_reason"' in text

    refused = client.post(f"/cases/{case_t.reference}/message/", reply(BRUSH_OFF))
    assert refused.status_code == 400
    assert "say why it must go as it is" in refused.content.decode()
    assert OutboundMessage.objects.count() == 0

    sent = client.post(
        f"/cases/{case_t.reference}/message/",
        reply(BRUSH_OFF, override_reason="The client asked for the maker's address."),
    )
    assert sent.status_code == 302
    message = OutboundMessage.objects.get()
    override = Entry.objects.get(case=case_t, kind="check_override")
    assert override.actor == advisor
    assert override.body == "The client asked for the maker's address."
    assert override.payload["outbound_id"] == message.pk
    assert override.payload["findings"][0]["code"] == "brush_off"
    assert override.payload["findings"][0]["found"] == "wenden Sie sich direkt an den Hersteller"
    story = client.get(f"/cases/{case_t.reference}/").content.decode()
    assert "Sent despite a check" in story and "The client asked for the maker" in story


def test_warnings_do_not_stop_a_reply(client: Browser, advisor: User, case_t: Case) -> None:
    client.force_login(advisor)
    no_greeting = "Ihr Wagen ist in unserer Werkstatt. Wir melden uns."
    preview = client.post(f"/cases/{case_t.reference}/message/preview/", reply(no_greeting))
    assert "does not open with a greeting" in preview.content.decode()
    assert client.post(f"/cases/{case_t.reference}/message/", reply(no_greeting)).status_code == 302
    assert OutboundMessage.objects.count() == 1
    assert not Entry.objects.filter(kind="check_override").exists()


def test_a_promise_in_the_text_is_recorded_from_the_preview_with_the_day_read(
    client: Browser, advisor: User, case_t: Case
) -> None:
    client.force_login(advisor)
    zone = client_time_zone(client=case_t.client)
    tomorrow = timezone.localdate(timezone.now(), ZoneInfo(zone)) + dt.timedelta(days=1)
    body = GOOD.replace("Wir melden uns", "Wir rufen Sie morgen um 10:30 an. Wir melden uns")
    preview = client.post(f"/cases/{case_t.reference}/message/preview/", reply(body)).content
    text = preview.decode()
    assert "no promise for that day in the ledger" in text
    # The promise form comes filled with the sentence and the day read, at the time written.
    assert 'value="Wir rufen Sie morgen um 10:30 an."' in text
    assert "T10:30" in text and "Record this promise" in text

    recorded = client.post(
        f"/cases/{case_t.reference}/message/promise/",
        reply(
            body,
            finding="0",
            **{
                "p0-text": "Wir rufen Sie morgen um 10:30 an.",
                "p0-due_at": f"{tomorrow:%Y-%m-%d}T10:30",
                "p0-zone": zone,
            },
        ),
    )
    assert recorded.status_code == 200
    promise = Promise.objects.get(case=case_t)
    assert promise.text == "Wir rufen Sie morgen um 10:30 an."
    assert "Nothing found" in recorded.content.decode()  # the preview again, now clean


def test_the_review_knows_the_ledger(advisor: User, case_t: Case) -> None:
    friday = timezone.now() + dt.timedelta(days=2)
    promise_make(actor=advisor, case=case_t, text="Rückruf", due_at=friday)
    day = timezone.localdate(friday, ZoneInfo(client_time_zone(client=case_t.client)))
    body = GOOD.replace("Wir melden uns", f"Wir rufen Sie am {day:%d.%m.%Y} an. Wir melden uns")
    review = message_review(actor=advisor, case=case_t, subject="", body=body, language="de")
    assert review.findings == []
    sent = reply_send(actor=advisor, case=case_t, subject="", body=body, language="de")
    assert sent.body_text == review.body


def test_a_managers_hard_rule_blocks_and_a_dealer_cannot_preview_anothers_case(
    client: Browser, manager: User, foreign_dealer: User, case_t: Case
) -> None:
    client.force_login(manager)
    client.post("/checks/rules/", {"text": "never kostenlos", "severity": "hard"})
    preview = client.post(
        f"/cases/{case_t.reference}/message/preview/",
        reply(GOOD.replace("Werkstatt.", "Werkstatt, kostenlos.")),
    ).content.decode()
    assert "Rule “never kostenlos”" in preview and "Send despite the findings" in preview

    client.force_login(foreign_dealer)
    assert (
        client.post(f"/cases/{case_t.reference}/message/preview/", reply(GOOD)).status_code == 404
    )


def test_edit_brings_the_message_back_into_the_reply_box(
    client: Browser, advisor: User, case_t: Case
) -> None:
    client.force_login(advisor)
    page = client.post(
        f"/cases/{case_t.reference}/message/preview/", reply(BRUSH_OFF, edit="1")
    ).content.decode()
    assert '<details class="action" open><summary>Write to the client' in page
    assert "Bitte wenden Sie sich direkt an den Hersteller." in page
    assert 'action="/cases/' in page and "/message/preview/" in page


def test_a_message_in_another_language_than_the_clients_is_flagged(
    advisor: User, case_t: Case
) -> None:
    english = (
        "Guten Tag Herr Lefèvre,\n\nYour car is at our workshop and the part has been ordered "
        "from the factory. We will write to you as soon as it has been fitted.\n\n"
        "Mit freundlichen Grüßen\nAnna Schmid"
    )
    review = message_review(actor=advisor, case=case_t, subject="", body=english, language="de")
    assert [finding.code.value for finding in review.findings] == ["language"]
    assert "the client's language is de" in review.findings[0].message


def test_the_preview_reads_a_fixed_number_of_queries(
    client: Browser, advisor: User, case_t: Case, django_assert_max_num_queries: Any
) -> None:
    client.force_login(advisor)
    client.post(f"/cases/{case_t.reference}/message/preview/", reply(GOOD))  # warm caches
    with django_assert_max_num_queries(14):
        client.post(f"/cases/{case_t.reference}/message/preview/", reply(BRUSH_OFF))
