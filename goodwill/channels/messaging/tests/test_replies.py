"""Staff answer by SMS or WhatsApp from the case page: queued in the outbox, sent by the worker
to the provider's HTTP API (a real server on loopback speaking its protocol), WhatsApp's 24-hour
window enforced by the service."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.messaging import services
from goodwill.channels.messaging.tests.conftest import ACCOUNT, STATUS, FakeProvider
from goodwill.channels.messaging.webhook import TextIn
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.sweeps import deliver_due
from goodwill.conf import ContentTemplate
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry

NUMBER = "+491712345678"


def whatsapp_from_client(case: Case, *, at: dt.datetime, sid: str = "SMin1") -> None:
    services.text_receive(
        text=TextIn(sid=sid, channel="whatsapp", number=NUMBER, to="", body="Ist er fertig?"),
        at=at,
    )


def signed_in(user: User) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def test_an_sms_reply_is_queued_by_the_page_and_sent_by_the_worker(
    provider: FakeProvider, advisor: User, case_t: Case
) -> None:
    response = signed_in(advisor).post(
        f"/cases/{case_t.reference}/text/",
        {"channel": "sms", "body": "Ihr Wagen ist fertig und kann abgeholt werden.", "nonce": "n1"},
    )

    assert response.status_code == 302
    message = OutboundMessage.objects.get(channel="sms")
    assert (message.to_address, message.status, message.case) == (NUMBER, "queued", case_t)
    assert provider.requests == []  # never sent inside the web request
    entry = Entry.objects.get(kind=Entry.Kind.MESSAGE_OUT, case=case_t)
    assert entry.channel == "sms" and entry.payload["outbound_id"] == message.pk

    assert deliver_due(timezone.now()) == 1

    [sent] = provider.requests
    assert sent["path"] == f"/2010-04-01/Accounts/{ACCOUNT}/Messages.json"
    assert sent["auth"] == provider.basic_auth
    assert sent["form"] == {
        "To": NUMBER,
        "From": "+4930123456",
        "Body": "Ihr Wagen ist fertig und kann abgeholt werden.",
        "StatusCallback": "https://care.example.com" + STATUS,
    }
    message.refresh_from_db()
    assert message.status == "sent" and message.delivered_by == "messaging"
    assert message.provider_id == "SM" + "1".rjust(32, "0")


def test_a_double_submitted_form_is_one_message(
    provider: FakeProvider, advisor: User, case_t: Case
) -> None:
    http = signed_in(advisor)
    for _ in range(2):
        http.post(
            f"/cases/{case_t.reference}/text/",
            {"channel": "sms", "body": "Danke, bis bald.", "nonce": "same"},
        )
    assert OutboundMessage.objects.filter(channel="sms").count() == 1


def test_whatsapp_free_text_goes_within_24_hours_of_the_clients_message(
    provider: FakeProvider, advisor: User, case_t: Case
) -> None:
    now = timezone.now()
    whatsapp_from_client(case_t, at=now - dt.timedelta(hours=23, minutes=50))

    message = services.text_send(
        actor=advisor, case=case_t, channel="whatsapp", body="Ja, ab 10 Uhr.", now=now
    )
    deliver_due(timezone.now())

    [sent] = provider.requests
    assert sent["form"]["To"] == f"whatsapp:{NUMBER}"
    assert sent["form"]["From"] == "whatsapp:+4930123457"
    assert sent["form"]["Body"] == "Ja, ab 10 Uhr."
    message.refresh_from_db()
    assert message.status == "sent"


@pytest.mark.parametrize("last_message", [None, dt.timedelta(hours=24, minutes=1)])
def test_outside_the_window_free_text_is_refused_and_a_template_goes(
    provider: FakeProvider,
    advisor: User,
    case_t: Case,
    last_message: dt.timedelta | None,
) -> None:
    now = timezone.now()
    if last_message is not None:
        whatsapp_from_client(case_t, at=now - last_message)

    with pytest.raises(ValidationError) as refused:
        services.text_send(
            actor=advisor, case=case_t, channel="whatsapp", body="Ja, ab 10 Uhr.", now=now
        )
    assert "24 hours" in refused.value.message_dict["body"][0]
    assert not OutboundMessage.objects.filter(channel="whatsapp").exists()

    message = services.text_send(
        actor=advisor, case=case_t, channel="whatsapp", template="whatsapp_update", now=now
    )
    # In the client's language (German), never English instead.
    assert message.language == "de"
    assert "Es gibt Neuigkeiten" in message.body_text and case_t.reference in message.body_text
    deliver_due(timezone.now())
    assert provider.requests[0]["form"]["Body"].startswith("Guten Tag")


def test_a_template_not_approved_in_the_clients_language_is_refused(
    provider: FakeProvider, advisor: User, case_t: Case, settings: object
) -> None:
    settings.GOODWILL_WHATSAPP_TEMPLATES = {"whatsapp_update": ["en", "fr"]}  # type: ignore[attr-defined]

    with pytest.raises(ValidationError) as refused:
        services.text_send(
            actor=advisor, case=case_t, channel="whatsapp", template="whatsapp_update"
        )
    assert "template" in refused.value.message_dict


def test_the_page_says_why_free_text_is_refused_and_offers_the_templates(
    provider: FakeProvider, advisor: User, case_t: Case
) -> None:
    http = signed_in(advisor)
    panel = http.get(f"/cases/{case_t.reference}/texting/").content.decode()
    assert "only its approved templates" in panel
    assert 'value="whatsapp_update"' in panel and 'value="whatsapp_call_request"' in panel

    response = http.post(
        f"/cases/{case_t.reference}/text/",
        {"channel": "whatsapp", "body": "Hallo!", "nonce": "n2"},
        follow=True,
    )
    assert "within 24 hours" in response.content.decode()
    assert not OutboundMessage.objects.filter(channel="whatsapp").exists()


def test_another_dealers_staff_cannot_text_the_client(
    provider: FakeProvider, foreign_dealer: User, case_t: Case
) -> None:
    response = signed_in(foreign_dealer).post(
        f"/cases/{case_t.reference}/text/", {"channel": "sms", "body": "Hi"}
    )
    assert response.status_code == 404
    assert not OutboundMessage.objects.filter(channel="sms").exists()


def test_a_number_the_provider_refuses_fails_with_its_reason(
    provider: FakeProvider, advisor: User, case_t: Case
) -> None:
    provider.answer = (400, {"code": 21211, "message": "The 'To' number is not valid."})
    message = services.text_send(actor=advisor, case=case_t, channel="sms", body="Hallo")

    deliver_due(timezone.now())

    message.refresh_from_db()
    assert message.status == "failed" and "21211" in message.last_error


def test_a_provider_that_is_down_is_tried_again_later(
    provider: FakeProvider, advisor: User, case_t: Case
) -> None:
    provider.answer = (503, {"message": "busy"})
    message = services.text_send(actor=advisor, case=case_t, channel="sms", body="Hallo")

    deliver_due(timezone.now())

    message.refresh_from_db()
    assert message.status == "queued" and message.attempts == 1
    assert message.next_attempt_at > timezone.now()
    provider.answer = None
    deliver_due(message.next_attempt_at + dt.timedelta(seconds=1))
    message.refresh_from_db()
    assert message.status == "sent" and len(provider.requests) == 2


def test_a_redirect_from_the_provider_is_never_followed(
    provider: FakeProvider, advisor: User, case_t: Case
) -> None:
    elsewhere = FakeProvider()
    try:
        provider.answer = (302, {})
        provider.location = elsewhere.url + "/Accounts/x/Messages.json"
        message = services.text_send(actor=advisor, case=case_t, channel="sms", body="Hallo")

        deliver_due(timezone.now())

        message.refresh_from_db()
        # Not "sent" by a GET the redirect would have made, and no credentials carried along.
        assert message.status == "queued" and "redirect" in message.last_error
        assert elsewhere.requests == []
    finally:
        elsewhere.close()


def test_without_a_provider_texts_are_captured_never_sent(advisor: User, case_t: Case) -> None:
    message = services.text_send(actor=advisor, case=case_t, channel="sms", body="Hallo")

    deliver_due(timezone.now())

    message.refresh_from_db()
    assert message.status == "sent" and message.delivered_by == "capture"


def test_a_brush_off_by_text_is_stopped_by_the_checks_unless_the_sender_says_why(
    provider: FakeProvider, advisor: User, case_t: Case
) -> None:
    http = signed_in(advisor)
    brush_off = "Bitte wenden Sie sich direkt an den Hersteller."

    refused = http.post(
        f"/cases/{case_t.reference}/text/",
        {"channel": "sms", "body": brush_off, "nonce": "b1"},
        follow=True,
    )

    assert not OutboundMessage.objects.filter(channel="sms").exists()
    said = [str(message) for message in refused.context["messages"]]
    assert any("The checks block this message" in line for line in said)
    assert len(said) >= 2  # and which finding blocks it: no preview has shown it

    http.post(
        f"/cases/{case_t.reference}/text/",
        {
            "channel": "sms",
            "body": brush_off,
            "nonce": "b2",
            "override_reason": "The client asked for the maker's address.",
        },
    )

    message = OutboundMessage.objects.get(channel="sms")
    override = Entry.objects.get(kind=Entry.Kind.CHECK_OVERRIDE, case=case_t)
    assert override.payload["outbound_id"] == message.pk
    assert "maker's address" in override.body


SID = "HX" + "0123456789abcdef" * 2


def test_a_template_with_the_providers_id_goes_by_that_id_and_numbered_variables(
    provider: FakeProvider, advisor: User, case_t: Case, settings: Any
) -> None:
    # Given the German words of whatsapp_update are approved with the provider as HX…
    settings.GOODWILL_WHATSAPP_CONTENT_SIDS = {("whatsapp_update", "de"): ContentTemplate(SID)}

    message = services.text_send(
        actor=advisor, case=case_t, channel="whatsapp", template="whatsapp_update"
    )
    deliver_due(timezone.now())

    # Then the provider gets the id and the variables in the order the words name them
    # (greeting, advisor, brand, reference), never our words in a Body it would refuse
    form = provider.requests[0]["form"]
    assert form["ContentSid"] == SID and "Body" not in form
    variables = json.loads(form["ContentVariables"])
    assert list(variables) == ["1", "2", "3", "4"]
    assert variables["4"] == case_t.reference
    assert all(value.strip() for value in variables.values())
    # And the case page still shows the words the client reads
    message.refresh_from_db()
    assert message.status == "sent" and message.body_text.startswith("Guten Tag")
    assert message.provider_template == SID


def test_a_template_without_an_id_in_the_clients_language_goes_by_its_words(
    provider: FakeProvider, advisor: User, case_t: Case, settings: Any
) -> None:
    settings.GOODWILL_WHATSAPP_CONTENT_SIDS = {("whatsapp_update", "fr"): ContentTemplate(SID)}

    services.text_send(actor=advisor, case=case_t, channel="whatsapp", template="whatsapp_update")
    deliver_due(timezone.now())

    form = provider.requests[0]["form"]
    assert "ContentSid" not in form and form["Body"].startswith("Guten Tag")


def test_a_managers_reordered_words_do_not_renumber_the_providers_variables(
    provider: FakeProvider, advisor: User, case_t: Case, settings: Any
) -> None:
    from goodwill.channels.outbox.models import MessageTemplate

    settings.GOODWILL_WHATSAPP_CONTENT_SIDS = {("whatsapp_update", "de"): ContentTemplate(SID)}
    # A manager edits the German words, naming the advisor first
    MessageTemplate.objects.update_or_create(
        name="whatsapp_update",
        language="de",
        defaults={
            "subject": "Neuigkeiten",
            "body": "Hier ist {{ advisor }} von {{ brand }}. Guten Tag {{ greeting_name }}, "
            "es gibt Neuigkeiten zu {{ reference }}.",
        },
    )

    services.text_send(actor=advisor, case=case_t, channel="whatsapp", template="whatsapp_update")
    deliver_due(timezone.now())

    # The provider's approved text is fixed: {{1}} is still the greeting, never the advisor
    variables = json.loads(provider.requests[0]["form"]["ContentVariables"])
    assert "Lefèvre" in variables["1"]
    assert advisor.last_name not in variables["1"] and advisor.last_name in variables["2"]


def test_a_template_of_the_brands_own_needs_its_order_in_the_setting(
    provider: FakeProvider, advisor: User, case_t: Case, settings: Any
) -> None:
    from goodwill.channels.outbox.models import MessageTemplate

    MessageTemplate.objects.create(
        name="whatsapp_service_due",
        language="de",
        subject="Service",
        body="Guten Tag {{ greeting_name }}, Ihr Service zu {{ reference }} steht an.",
    )
    settings.GOODWILL_WHATSAPP_TEMPLATES = {"whatsapp_service_due": ["de"]}
    settings.GOODWILL_WHATSAPP_CONTENT_SIDS = {("whatsapp_service_due", "de"): ContentTemplate(SID)}

    # Without the order: refused, saying what to add
    with pytest.raises(ValidationError) as refused:
        services.text_send(
            actor=advisor, case=case_t, channel="whatsapp", template="whatsapp_service_due"
        )
    assert "GOODWILL_WHATSAPP_CONTENT_SIDS" in refused.value.message_dict["template"][0]
    assert not OutboundMessage.objects.filter(channel="whatsapp").exists()

    # With it: the variables in that order
    settings.GOODWILL_WHATSAPP_CONTENT_SIDS = {
        ("whatsapp_service_due", "de"): ContentTemplate(SID, ("reference", "greeting_name"))
    }
    services.text_send(
        actor=advisor, case=case_t, channel="whatsapp", template="whatsapp_service_due"
    )
    deliver_due(timezone.now())
    variables = json.loads(provider.requests[0]["form"]["ContentVariables"])
    assert variables["1"] == case_t.reference and "Lefèvre" in variables["2"]
