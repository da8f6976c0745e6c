"""A client who texts STOP (in any of the brand's languages) gets no more texts on that channel:
the STOP is on their timeline, opens no case and counts as no chaser; staff sending a text are
told why it cannot go; a text queued before the STOP is refused when the worker would send it;
START lifts it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.messaging import keywords, services
from goodwill.channels.messaging.models import InboundText
from goodwill.channels.messaging.tests.conftest import INBOUND, FakeProvider, Poster
from goodwill.channels.messaging.webhook import TextIn
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.sweeps import deliver_due
from goodwill.clients.models import Client
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry

NUMBER = "+491712345678"


def texted(body: str, *, sid: str, channel: str = "sms") -> dict[str, str]:
    sender = f"whatsapp:{NUMBER}" if channel == "whatsapp" else NUMBER
    return {"MessageSid": sid, "From": sender, "To": "+4930123456", "Body": body, "NumMedia": "0"}


def signed_in(user: User) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


@pytest.mark.parametrize(
    "word",
    [
        "STOP",
        "stop",
        " Stop. ",
        "ARRÊT",
        "arret",
        "STOPP",
        "BASTA",
        "ALTO",
        "PARAR",
        "停止",
        "إيقاف",
    ],
)
def test_a_stop_in_any_language_stops_texts_on_that_channel_and_opens_no_case(
    post_form: Poster, client_t: Client, case_t: Case, word: str
) -> None:
    cases_before = Case.objects.count()

    response = post_form(INBOUND, texted(word, sid="SMstop1"))

    assert response.status_code == 200, response.content
    assert response.json()["case"] is None
    client_t.refresh_from_db()
    assert client_t.sms_stopped_at is not None
    assert client_t.whatsapp_stopped_at is None  # only the channel it came on
    # Recorded, so nothing is lost: the message, and the change on the client's timeline.
    row = InboundText.objects.get(provider_sid="SMstop1")
    assert (row.client, row.case, row.body) == (client_t, None, word.strip())
    entry = Entry.objects.get(pk=row.entry_id)
    assert entry.kind == Entry.Kind.CLIENT_CHANGED and entry.case is None
    assert entry.payload["by"] == "client" and entry.payload["texts"] == "stopped"
    assert "sms_stopped_at" in entry.payload["changes"]
    # Not a contact: no case opened, no message on the case, no chaser, no acknowledgement.
    assert Case.objects.count() == cases_before
    assert not Entry.objects.filter(
        client=client_t, kind__in=[Entry.Kind.MESSAGE_IN, Entry.Kind.CHASER]
    ).exists()
    assert not OutboundMessage.objects.filter(client=client_t).exists()


@pytest.mark.parametrize(
    "body",
    ["Stop the noise please", "STOP STOP", "Please do not stop", "Ja", "Can you cancel Friday?"],
)
def test_a_message_that_is_more_than_the_word_is_an_ordinary_message(body: str) -> None:
    assert keywords.instruction(body) == ""


def test_a_stranger_texting_stop_becomes_no_client_but_is_kept(
    post_form: Poster, client_t: Client
) -> None:
    clients_before = Client.objects.count()

    response = post_form(INBOUND, texted("STOP", sid="SMstranger") | {"From": "+33612345678"})

    assert response.status_code == 200, response.content
    assert Client.objects.count() == clients_before
    row = InboundText.objects.get(provider_sid="SMstranger")
    assert row.client is None and row.body == "STOP"


def test_staff_are_told_why_a_text_cannot_go_to_a_client_who_texted_stop(
    post_form: Poster, provider: FakeProvider, advisor: User, client_t: Client, case_t: Case
) -> None:
    post_form(INBOUND, texted("STOP", sid="SMstop2"))
    http = signed_in(advisor)

    response = http.post(
        f"/cases/{case_t.reference}/text/",
        {"channel": "sms", "body": "Ihr Wagen ist fertig.", "nonce": "s1"},
    )

    assert response.status_code == 302
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("no more SMS" in line and "START" in line for line in said), said
    assert not OutboundMessage.objects.filter(channel="sms").exists()
    panel = http.get(f"/cases/{case_t.reference}/texting/").content.decode()
    assert "The client asked for no more SMS" in panel
    with pytest.raises(ValidationError) as refused:
        services.text_send(actor=advisor, case=case_t, channel="sms", body="Hallo")
    assert "no more SMS" in refused.value.message_dict["channel"][0]


def test_a_text_queued_before_the_stop_is_refused_when_the_worker_sends_it(
    post_form: Poster, provider: FakeProvider, advisor: User, client_t: Client, case_t: Case
) -> None:
    message = services.text_send(actor=advisor, case=case_t, channel="sms", body="Hallo")

    post_form(INBOUND, texted("UNSUBSCRIBE", sid="SMstop3"))
    deliver_due(timezone.now())

    assert provider.requests == []  # never handed to the provider
    message.refresh_from_db()
    assert message.status == "failed"
    assert "no more SMS" in message.last_error
    # The case's owner is told, with the reason.
    assert Notification.objects.filter(recipient=advisor, kind="delivery_failed").exists()


def test_start_lifts_the_stop(
    post_form: Poster, provider: FakeProvider, advisor: User, client_t: Client, case_t: Case
) -> None:
    post_form(INBOUND, texted("ARRET", sid="SMstop4", channel="whatsapp"))
    client_t.refresh_from_db()
    assert client_t.whatsapp_stopped_at is not None

    response = post_form(INBOUND, texted("Start", sid="SMstart1", channel="whatsapp"))

    assert response.status_code == 200, response.content
    client_t.refresh_from_db()
    assert client_t.whatsapp_stopped_at is None
    lifted = Entry.objects.filter(kind=Entry.Kind.CLIENT_CHANGED, client=client_t).first()
    assert lifted is not None and lifted.payload["texts"] == "allowed"
    assert lifted.body == "Start"
    # Their START opened WhatsApp's window: free text goes, and the worker sends it.
    message = services.text_send(actor=advisor, case=case_t, channel="whatsapp", body="Danke!")
    deliver_due(timezone.now())
    message.refresh_from_db()
    assert message.status == "sent" and len(provider.requests) == 1


def test_yes_from_a_client_who_never_stopped_is_an_answer_on_their_case(
    post_form: Poster, client_t: Client, case_t: Case
) -> None:
    response = post_form(INBOUND, texted("Yes", sid="SMyes"))

    assert response.json()["case"] == case_t.reference
    assert Entry.objects.filter(kind=Entry.Kind.MESSAGE_IN, case=case_t, body="Yes").exists()
    assert not Entry.objects.filter(kind=Entry.Kind.CLIENT_CHANGED, client=client_t).exists()


def test_a_second_stop_changes_nothing(post_form: Poster, client_t: Client) -> None:
    post_form(INBOUND, texted("STOP", sid="SMtwice1"))
    client_t.refresh_from_db()
    first = client_t.sms_stopped_at

    post_form(INBOUND, texted("stop", sid="SMtwice2"))

    client_t.refresh_from_db()
    assert client_t.sms_stopped_at == first
    assert Entry.objects.filter(kind=Entry.Kind.CLIENT_CHANGED, client=client_t).count() == 1
    assert InboundText.objects.filter(client=client_t).count() == 2  # both kept


def test_the_window_closing_between_queue_and_send_refuses_the_text(
    provider: FakeProvider, advisor: User, client_t: Client, case_t: Case
) -> None:
    now = timezone.now()
    queued_at = now - dt.timedelta(hours=2)
    services.text_receive(
        text=TextIn(sid="SMwin1", channel="whatsapp", number=NUMBER, to="", body="Ist er fertig?"),
        at=queued_at - dt.timedelta(hours=23),
    )
    # Queued with an hour of the window left; the worker comes an hour after it closed.
    message = services.text_send(
        actor=advisor, case=case_t, channel="whatsapp", body="Ja, ab 10 Uhr.", now=queued_at
    )
    assert message.send_before == queued_at + dt.timedelta(hours=1)

    deliver_due(now)

    assert provider.requests == []
    message.refresh_from_db()
    assert message.status == "failed" and "within 24 hours" in message.last_error


def test_a_new_message_from_the_client_before_the_send_keeps_the_text_going(
    provider: FakeProvider, advisor: User, client_t: Client, case_t: Case
) -> None:
    now = timezone.now()
    queued_at = now - dt.timedelta(hours=2)
    services.text_receive(
        text=TextIn(sid="SMwin2", channel="whatsapp", number=NUMBER, to="", body="Ist er fertig?"),
        at=queued_at - dt.timedelta(hours=23),
    )
    message = services.text_send(
        actor=advisor, case=case_t, channel="whatsapp", body="Ja, ab 10 Uhr.", now=queued_at
    )
    services.text_receive(
        text=TextIn(sid="SMwin3", channel="whatsapp", number=NUMBER, to="", body="Hallo? Noch da?"),
        at=now - dt.timedelta(minutes=5),
    )

    deliver_due(now)

    message.refresh_from_db()
    assert message.status == "sent" and len(provider.requests) == 1


def test_an_approved_template_has_no_deadline(
    provider: FakeProvider, advisor: User, case_t: Case
) -> None:
    message = services.text_send(
        actor=advisor, case=case_t, channel="whatsapp", template="whatsapp_update"
    )

    assert message.send_before is None
    deliver_due(timezone.now())
    message.refresh_from_db()
    assert message.status == "sent"
