"""Replying from the case page: the client's language, their name, threaded on the case."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as Browser

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import case_write_message, outbound_queue
from goodwill.channels.outbox.templates import reply_draft, reply_relanguage
from goodwill.organisation.models import User
from goodwill.timeline import services as timeline
from goodwill.timeline.models import Entry


def test_the_reply_box_is_prefilled_in_the_clients_language(
    client: Browser, advisor: User, case_t: Case
) -> None:
    client.force_login(advisor)
    # The reply box comes when its section of the case page is opened.
    page = client.get(
        f"/cases/{case_t.reference}/forms/message/", headers={"HX-Request": "true"}
    ).text
    assert '<option value="de" selected>' in page
    assert "Guten Tag Herr Lefèvre," in page
    assert "Mit freundlichen Grüßen\nAnna Schmid" in page
    assert f"Ihre Pannenhilfe [{case_t.reference}]" in page


def test_a_reply_goes_to_the_client_by_name_in_the_chosen_language(
    client: Browser, agent: User, case_t: Case
) -> None:
    client.force_login(agent)
    response = client.post(
        f"/cases/{case_t.reference}/message/",
        {
            "language": "fr",
            "subject": "",
            "body": "Bonjour Monsieur,\n\nVotre voiture est prête.",
            "nonce": "n1",
        },
    )
    assert response.status_code == 302
    message = OutboundMessage.objects.get()
    assert (message.purpose, message.language, message.actor) == ("reply", "fr", agent)
    assert (message.to_address, message.to_name) == ("thomas.lefevre@example.com", "Thomas Lefèvre")
    assert message.subject == f"Votre assistance dépannage [{case_t.reference}]"
    assert message.body_text == "Bonjour Monsieur,\n\nVotre voiture est prête.\n"
    entry = Entry.objects.get(case=case_t, kind="message_out")
    assert entry.actor == agent and entry.payload["outbound_id"] == message.pk
    case_t.refresh_from_db()
    assert case_t.status == "open" and case_t.last_sent_to_client_at is not None


def test_a_double_submitted_reply_is_sent_once(
    client: Browser, advisor: User, case_t: Case
) -> None:
    client.force_login(advisor)
    form = {"language": "de", "subject": "x", "body": "Guten Tag", "nonce": "same"}
    client.post(f"/cases/{case_t.reference}/message/", form)
    client.post(f"/cases/{case_t.reference}/message/", form)
    assert OutboundMessage.objects.count() == 1


def test_a_reply_answers_the_clients_last_email(advisor: User, case_t: Case) -> None:
    first = outbound_queue(
        key="ack",
        purpose="acknowledgement",
        to_address="thomas.lefevre@example.com",
        subject="We got it",
        body_text="x",
        case=case_t,
        client=case_t.client,
    )
    timeline.record_message_in(
        client=case_t.client,
        case=case_t,
        subject="Re: We got it",
        body="Any news?",
        sender="thomas.lefevre@example.com",
        channel="email",
        extra={"message_id": "<cafe@mail.example>"},
    )
    reply = case_write_message(actor=advisor, case=case_t, subject="", body="Soon.")
    assert reply.in_reply_to == "<cafe@mail.example>"
    assert reply.references.split() == [first.message_id, "<cafe@mail.example>"]


def test_without_a_client_email_known_a_reply_answers_our_last_message(
    advisor: User, case_t: Case
) -> None:
    first = case_write_message(actor=advisor, case=case_t, subject="", body="One")
    second = case_write_message(actor=advisor, case=case_t, subject="", body="Two")
    assert second.in_reply_to == first.message_id and second.references == first.message_id
    assert first.in_reply_to == ""


def test_an_empty_reply_or_a_foreign_language_is_refused(
    client: Browser, advisor: User, case_t: Case
) -> None:
    client.force_login(advisor)
    response = client.post(f"/cases/{case_t.reference}/message/", {"language": "xx", "body": " "})
    assert response.status_code == 400
    assert OutboundMessage.objects.count() == 0
    with pytest.raises(ValidationError) as error:
        case_write_message(actor=advisor, case=case_t, subject="", body="Hi", language="pl")
    assert error.value.message_dict["language"] == [
        "No “reply” template in Polish: this message would go in English — add one under "
        "Message templates, or choose a language."
    ]


def test_a_client_without_email_gets_a_clear_error(advisor: User, case_t: Case) -> None:
    case_t.client.contact_points.filter(kind="email").delete()
    with pytest.raises(ValidationError, match="no e-mail address"):
        case_write_message(actor=advisor, case=case_t, subject="", body="Hi")


def test_switching_the_language_keeps_what_staff_wrote(
    client: Browser, advisor: User, case_t: Case
) -> None:
    _, german = reply_draft(case=case_t, language="de", sender="Anna Schmid")
    written = german.replace("\n\n\n\n", "\n\nIhr Wagen ist fertig.\n\n")
    client.force_login(advisor)
    fragment = client.post(
        f"/cases/{case_t.reference}/message/draft/",
        {
            "language": "it",
            "previous_language": "de",
            "body": written,
            "subject": f"Flat tyre on holiday [{case_t.reference}]",
        },
        headers={"HX-Request": "true"},
    ).text
    assert "Gentile Herr Lefèvre," in fragment
    assert "Ihr Wagen ist fertig." in fragment
    assert "Cordiali saluti,\nAnna Schmid" in fragment
    assert 'name="previous_language" value="it"' in fragment


def test_switching_the_language_leaves_a_rewritten_greeting_alone(
    advisor: User, case_t: Case
) -> None:
    assert (
        reply_relanguage(
            case=case_t,
            body="Lieber Thomas,\n\nalles gut.",
            old="de",
            new="en",
            sender="Anna Schmid",
        )
        is None
    )


def test_a_foreign_dealer_cannot_draft_on_the_case(
    client: Browser, foreign_dealer: User, case_t: Case
) -> None:
    client.force_login(foreign_dealer)
    response = client.post(f"/cases/{case_t.reference}/message/draft/", {"language": "fr"})
    assert response.status_code == 404
