"""Threads cannot be hijacked (issue 10, finding 2): a reply joins a case only when it quotes one
of our Message-IDs (a token nobody can guess) or comes from that case's client. A stranger who
names a case (references are sequential) reaches a story of their own, reopens nothing and files
nothing there; staff who can see both move the message with one click."""

from __future__ import annotations

import re

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from conftest import PASSWORD
from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_change_status
from goodwill.channels.email.models import Attachment, InboundMessage
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import outbound_queue
from goodwill.clients.models import Client
from goodwill.notifications.models import Notification
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry

# How the cases these stories close ended (a person closing a case says so).
SETTLED = OutcomeGiven(done="Settled with the client", done_by="Anna Schmid", fixed=True)

STRANGER = "Mallory <mallory@evil.example>"
PDF = ("invoice.pdf", "application/pdf", b"%PDF-1.4 forged")


def login(user: User) -> HttpClient:
    browser = HttpClient()
    assert browser.login(username=user.username, password=PASSWORD)
    return browser


def _closed(case: Case, advisor: User) -> Case:
    case_change_status(actor=advisor, case=case, status="closed", outcome=SETTLED)
    case.refresh_from_db()
    return case


def _hijacks(case: Case) -> dict[str, dict[str, str]]:
    """Every way the issue's attacker named a case they do not belong to."""
    ref = case.reference
    guessed_id = f"<{ref.lower()}.3.0123456789@aurelis.example>"
    return {
        "reference in In-Reply-To": {"in_reply_to": guessed_id},
        "reference in References": {"references": f"<x@evil.example> {guessed_id}"},
        "reference in the subject": {"subject": f"Re: {ref}"},
        "reference in the body": {"body": f"About file {ref}: here is the invoice."},
        "a guessed Message-ID of ours": {
            "in_reply_to": "<00000000000000000000000000000001@goodwill.localhost>"
        },
    }


@pytest.mark.parametrize(
    "how",
    [
        "reference in In-Reply-To",
        "reference in References",
        "reference in the subject",
        "reference in the body",
        "a guessed Message-ID of ours",
    ],
)
def test_a_stranger_naming_a_closed_case_neither_reopens_it_nor_files_on_it(
    how: str, case_t: Case, client_t: Client, advisor: User, care_centre: Site, agent: User
) -> None:
    # Given Mr. T's case is closed
    case = _closed(case_t, advisor)
    # When a stranger writes naming it, with an attachment
    fields = {"subject": "Invoice", **_hijacks(case)[how]}
    inbound = email_ingest(raw=make_mail(sender=STRANGER, attachments=[PDF], **fields))
    # Then the case stays closed, with nothing of theirs on it or on Mr. T's story
    case.refresh_from_db()
    assert case.status == "closed"
    assert inbound.status == "processed"
    assert inbound.case != case and inbound.client != client_t
    assert not Entry.objects.filter(client=client_t, kind="message_in").exists()
    assert not Attachment.objects.filter(client=client_t).exists()
    assert not OutboundMessage.objects.filter(case=case, purpose="acknowledgement").exists()
    # and their message, on their own new story, says which case it claims to continue
    entry = Entry.objects.get(pk=inbound.entry_id)
    if how != "a guessed Message-ID of ours":
        assert entry.payload["claim"]["reference"] == case.reference
    else:
        assert "claim" not in entry.payload


def test_the_real_client_quoting_the_reference_still_threads_and_reopens(
    case_t: Case, client_t: Client, advisor: User
) -> None:
    # The data set's replies: our earlier messages were imported without their Message-ID, so
    # they thread by the reference their Message-IDs carry, from the client's own address.
    case = _closed(case_t, advisor)
    inbound = email_ingest(
        raw=make_mail(
            subject="Re: tyre",
            in_reply_to=f"<{case.reference.lower()}.6.abc@aurelis.example>",
            attachments=[PDF],
        )
    )
    case.refresh_from_db()
    assert (inbound.case, case.status) == (case, "open")
    entry = Entry.objects.get(pk=inbound.entry_id)
    assert entry.payload["threaded_by"] == "references" and "claim" not in entry.payload
    assert Attachment.objects.get().client == client_t


def test_a_reply_quoting_our_token_threads_from_any_address_and_reopens(
    case_t: Case, client_t: Client, advisor: User
) -> None:
    sent = outbound_queue(
        key="tok",
        purpose="reply",
        to_address="thomas.lefevre@example.com",
        subject="Your tyre",
        body_text="Fixed.",
        client=client_t,
        case=case_t,
        actor=advisor,
    )
    case = _closed(case_t, advisor)
    inbound = email_ingest(
        raw=make_mail(sender="T <t.private@example.org>", subject="x", references=sent.message_id)
    )
    case.refresh_from_db()
    assert (inbound.case, case.status) == (case, "open")


def test_our_message_ids_are_unguessable_tokens(case_t: Case, client_t: Client) -> None:
    ids = [
        outbound_queue(
            key=f"n{n}",
            purpose="notification",
            to_address="thomas.lefevre@example.com",
            subject="News",
            body_text="x",
            client=client_t,
            case=case_t,
        ).message_id
        for n in range(50)
    ]
    # 128 random bits each: nothing of the case, its reference or a counter in them
    assert all(re.fullmatch(r"<[0-9a-f]{32}@goodwill\.localhost>", mid) for mid in ids)
    assert len({mid[1:33] for mid in ids}) == 50
    assert not any(case_t.reference.lower() in mid for mid in ids)


def _claiming_message(case: Case) -> InboundMessage:
    return email_ingest(
        raw=make_mail(sender=STRANGER, subject=f"Re: {case.reference}", attachments=[PDF])
    )


def test_staff_who_see_both_move_the_message_to_the_case_it_claims_with_one_click(
    case_t: Case, client_t: Client, advisor: User, care_centre: Site, agent: User
) -> None:
    # Given a message from a garage that claims to continue Mr. T's case
    inbound = _claiming_message(case_t)
    own_case, first_entry = inbound.case, inbound.entry_id
    assert own_case is not None and own_case != case_t
    browser = login(agent)  # the care centre sees every client
    page = browser.get(f"/cases/{own_case.reference}/").content.decode()
    assert f"Claims to continue {case_t.reference}" in page
    assert f"/mail/messages/{inbound.pk}/move/" in page
    # When the agent confirms it belongs there
    response = browser.post(f"/mail/messages/{inbound.pk}/move/")
    # Then it is on Mr. T's case and story, with its attachment; his advisor is told
    assert response.status_code == 302 and response["Location"] == f"/cases/{case_t.reference}/"
    inbound.refresh_from_db()
    assert (inbound.case, inbound.client) == (case_t, client_t)
    moved = Entry.objects.get(case=case_t, kind="message_in")
    assert moved.pk == inbound.entry_id and moved.payload["moved_from"] == first_entry
    assert moved.payload["confirmed_by"] == agent.pk and "claim" not in moved.payload
    assert Attachment.objects.get().client == client_t
    assert Notification.objects.filter(recipient=advisor, case=case_t, kind="message_in").exists()
    # and the case it first reached keeps it, with a note saying where it went
    note = Entry.objects.get(case=own_case, kind="note")
    assert note.actor == agent and case_t.reference in note.body
    assert f"Moved to {case_t.reference}" in browser.get(f"/cases/{own_case.reference}/").text
    # and it moves once
    again = browser.post(f"/mail/messages/{inbound.pk}/move/", follow=True)
    assert "already" in again.content.decode()
    assert Entry.objects.filter(case=case_t, kind="message_in").count() == 1


def test_staff_who_cannot_see_both_cannot_move_it(
    case_t: Case,
    advisor: User,
    foreign_dealer: User,
    care_centre: Site,
    agent: User,
    paris_client: Client,
) -> None:
    # Given Camille, a Paris client, writes claiming Mr. T's Munich case
    inbound = email_ingest(
        raw=make_mail(
            sender="Camille Bernard <camille.bernard@example.com>",
            subject=f"Re: {case_t.reference}",
        )
    )
    assert inbound.client == paris_client
    # Then her Paris advisor sees the claim but no button, and cannot move it
    page = login(foreign_dealer).get(f"/cases/{inbound.case.reference}/").content.decode()  # type: ignore[union-attr]
    assert f"Claims to continue {case_t.reference}" in page
    assert f"/mail/messages/{inbound.pk}/move/" not in page
    assert login(foreign_dealer).post(f"/mail/messages/{inbound.pk}/move/").status_code == 404
    # nor can Mr. T's Munich advisor, who cannot see Camille
    assert login(advisor).post(f"/mail/messages/{inbound.pk}/move/").status_code == 404
    inbound.refresh_from_db()
    assert inbound.client == paris_client
    assert not Entry.objects.filter(case=case_t, kind="message_in").exists()


def test_a_message_that_claims_nothing_cannot_be_moved(
    client_t: Client, case_t: Case, agent: User
) -> None:
    inbound = email_ingest(raw=make_mail(subject="Any news?"))
    response = login(agent).post(f"/mail/messages/{inbound.pk}/move/", follow=True)
    assert "does not claim to continue another case" in response.content.decode()
    assert timezone.now() >= inbound.received_at
