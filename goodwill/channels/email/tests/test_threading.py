"""Story 003: a client's e-mails land on their case, with the previous exchange, whatever mail
program they use. Replies thread by In-Reply-To, by the case reference, or by the sender."""

from __future__ import annotations

from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_open
from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.channels.outbox.services import outbound_queue
from goodwill.clients.models import Client
from goodwill.notifications.models import Notification
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import staff_create
from goodwill.timeline.models import Entry

# How the cases these stories close ended (a person closing a case says so).
SETTLED = OutcomeGiven(done="Settled with the client", done_by="Anna Schmid", fixed=True)


def test_it_threads_a_reply_to_our_message_onto_its_case(
    case_t: Case, client_t: Client, advisor: User
) -> None:
    # Given we wrote to Mr. T about his flat tyre
    sent = outbound_queue(
        key="t-1",
        purpose="reply",
        to_address="thomas.lefevre@example.com",
        subject="Your tyre",
        body_text="We are on it.",
        client=client_t,
        case=case_t,
        actor=advisor,
    )
    # When he answers from another address, with another subject
    inbound = email_ingest(
        raw=make_mail(
            sender="T <t.private@example.org>",
            subject="Re: something else",
            in_reply_to=sent.message_id,
        )
    )
    # Then the answer is on that case, on his timeline
    assert inbound.status == "processed"
    assert inbound.case == case_t
    entry = Entry.objects.get(kind="message_in", case=case_t)
    assert entry.payload["in_reply_to"] == sent.message_id
    assert entry.payload["inbound_id"] == inbound.pk
    assert entry.payload["threaded_by"] == "in_reply_to"


def test_it_threads_a_reply_to_an_earlier_client_message(
    case_t: Case, client_t: Client, advisor: User
) -> None:
    # Given Mr. T wrote about his tyre, and has a newer case since
    first = email_ingest(raw=make_mail(subject="Flat tyre", message_id="<first@example.com>"))
    assert first.case == case_t  # his open case, by sender
    case_open(actor=advisor, client=client_t, summary="Wipers squeak", channel=Case.Channel.PHONE)
    # When he writes again in that thread
    second = email_ingest(raw=make_mail(subject="Fwd", references="<first@example.com>"))
    # Then it is on the tyre's case
    assert second.case == case_t
    assert Entry.objects.get(pk=second.entry_id).payload["threaded_by"] == "in_reply_to"


def test_someone_else_quoting_a_clients_message_is_not_on_the_clients_case(
    case_t: Case, client_t: Client, care_centre: Site, agent: User
) -> None:
    # Given Mr. T wrote about his tyre
    email_ingest(raw=make_mail(subject="Flat tyre", message_id="<first@example.com>"))
    # When someone copied on it answers in that thread
    second = email_ingest(
        raw=make_mail(
            sender="someone@else.example", subject="Fwd", references="<first@example.com>"
        )
    )
    # Then they have a story of their own, which says which case they claim to continue
    assert second.case != case_t and second.client != client_t
    claim = Entry.objects.get(pk=second.entry_id).payload["claim"]
    assert (claim["case_id"], claim["reference"], claim["how"]) == (
        case_t.pk,
        case_t.reference,
        "in_reply_to",
    )


def test_it_threads_by_the_case_reference_the_client_quotes_in_the_subject(
    case_t: Case,
    client_t: Client,
    advisor: User,
) -> None:
    # Given Mr. T has a newer open case besides his flat tyre
    newer = case_open(
        actor=advisor, client=client_t, summary="Wipers squeak", channel=Case.Channel.PHONE
    )
    # When he writes from his address (as his mail program spells it), quoting the tyre's file
    # number
    inbound = email_ingest(
        raw=make_mail(
            sender="Thomas <Thomas.Lefevre@Example.com>",
            subject=f"About file {case_t.reference.lower()}",
        )
    )
    # Then it lands on the case he quoted, not on the newer one
    assert (inbound.case, newer.pk != case_t.pk) == (case_t, True)
    assert Entry.objects.get(kind="message_in").payload["threaded_by"] == "subject"


def test_a_stranger_quoting_a_case_reference_does_not_land_on_that_case(
    case_t: Case,
    paris_client: Client,
    care_centre: Site,
    agent: User,
) -> None:
    # When a stranger, then another client, write quoting Mr. T's file number
    stranger = email_ingest(
        raw=make_mail(
            sender="garage@repair.example", subject=f"About file {case_t.reference.lower()}"
        )
    )
    camille = email_ingest(
        raw=make_mail(
            sender="Camille Bernard <camille.bernard@example.com>",
            subject=f"Re: {case_t.reference}",
        )
    )
    # Then neither is on his case: the stranger becomes an unverified client, Camille gets her own
    # case, and each message keeps the quoted reference for staff to link
    assert stranger.case != case_t and camille.case != case_t
    assert stranger.client is not None and not stranger.client.verified
    assert camille.client == paris_client
    for inbound in (stranger, camille):
        entry = Entry.objects.get(pk=inbound.entry_id)
        assert entry.payload["threaded_by"] == "new_case"
        assert entry.payload["quoted_references"] == [case_t.reference]
    assert not Entry.objects.filter(case=case_t, kind="message_in").exists()


def test_it_threads_by_sender_onto_the_most_recent_open_case(case_t: Case) -> None:
    inbound = email_ingest(raw=make_mail(subject="Any news?"))
    assert inbound.case == case_t
    case_t.refresh_from_db()
    assert case_t.last_client_contact_at == inbound.received_at


def test_it_opens_a_case_owned_by_the_advisor_when_nothing_is_open(
    client_t: Client, advisor: User
) -> None:
    inbound = email_ingest(raw=make_mail(subject="Service booking for my GT"))
    case = inbound.case
    assert case is not None
    assert (case.client, case.owner, case.channel, case.summary) == (
        client_t,
        advisor,
        "email",
        "Service booking for my GT",
    )
    assert Entry.objects.filter(case=case, kind="message_in").count() == 1


def test_it_makes_an_unknown_sender_an_unverified_client_at_the_care_centre(
    care_centre: Site, agent: User
) -> None:
    inbound = email_ingest(
        raw=make_mail(
            sender="Giulia Conti <giulia@posta.example>",
            subject="Orologio",
            body="Buongiorno, il mio orologio si ferma ogni notte. Potete aiutarmi?",
        )
    )
    client = inbound.client
    assert client is not None
    assert (client.first_name, client.last_name, client.verified, client.site) == (
        "Giulia",
        "Conti",
        False,
        care_centre,
    )
    assert client.language == "it"
    assert inbound.case is not None and inbound.case.owner == agent


def test_it_counts_a_second_mail_with_no_answer_as_a_chaser(case_t: Case) -> None:
    email_ingest(raw=make_mail(subject="Any news?"))
    email_ingest(raw=make_mail(subject="Any news??"))
    case_t.refresh_from_db()
    assert case_t.chaser_count >= 1
    assert Entry.objects.filter(case=case_t, kind="chaser").exists()


def test_it_reopens_a_closed_case_the_client_replies_to(case_t: Case, advisor: User) -> None:
    from goodwill.cases.services import case_change_status

    case_change_status(actor=advisor, case=case_t, status="closed", outcome=SETTLED)
    inbound = email_ingest(raw=make_mail(subject=f"Re: {case_t.reference} still broken"))
    case_t.refresh_from_db()
    assert inbound.case == case_t and case_t.status == "open"


def test_it_records_auto_replies_bounces_and_lists_without_opening_anything(
    client_t: Client, manager: User
) -> None:
    automatic = [
        {"Auto-Submitted": "auto-replied"},
        {"Precedence": "bulk"},
        {"List-Id": "<news.example.com>"},
        {"X-Autoreply": "yes"},
        {"Return-Path": "<>"},
    ]
    for headers in automatic:
        email_ingest(raw=make_mail(subject="Out of office", headers=headers))
    email_ingest(raw=make_mail(sender="MAILER-DAEMON@mx.example", subject="Undelivered Mail"))
    report = (
        b"From: postmaster@mx.example\nTo: care@aurelis.example\nSubject: Delivery Status\n"
        b"Message-ID: <dsn@mx.example>\nMIME-Version: 1.0\n"
        b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
        b"--b\nContent-Type: text/plain\n\nfailed\n--b--\n"
    )
    email_ingest(raw=report)
    assert InboundMessage.objects.filter(status="ignored").count() == 7
    assert Case.objects.count() == 0
    assert not Entry.objects.filter(kind="message_in").exists()
    assert set(InboundMessage.objects.values_list("reason", flat=True)) >= {
        "Auto-Submitted: auto-replied",
        "Precedence: bulk",
    }


def test_it_keeps_auto_submitted_no_as_a_person(client_t: Client) -> None:
    inbound = email_ingest(raw=make_mail(subject="Question", headers={"Auto-Submitted": "no"}))
    assert inbound.status == "processed"


def test_it_stores_an_attachment_once_and_links_it_to_the_client(client_t: Client) -> None:
    pdf = b"%PDF-1.4 invoice " * 100
    first = email_ingest(
        raw=make_mail(subject="Invoice", attachments=[("invoice.pdf", "application/pdf", pdf)])
    )
    second = email_ingest(
        raw=make_mail(subject="Invoice again", attachments=[("copy.pdf", "application/pdf", pdf)])
    )
    attachments = list(client_t.mail_attachments.order_by("id"))
    assert [a.filename for a in attachments] == ["invoice.pdf", "copy.pdf"]
    assert attachments[0].sha256 == attachments[1].sha256
    assert attachments[0].path.read_bytes() == pdf
    assert len(list(attachments[0].path.parent.iterdir())) == 1  # one blob on disk
    entry = first.entry
    assert entry is not None and entry.payload["attachments"][0]["name"] == "invoice.pdf"
    assert second.entry is not None


def test_it_tells_managers_about_mail_it_cannot_process(manager: User, care_centre: Site) -> None:
    inbound = email_ingest(raw=b"Subject: no sender at all\n\nwho am I?\n")
    assert inbound.status == "unprocessable"
    assert "no sender" in inbound.reason
    assert Notification.objects.filter(recipient=manager, kind="mail_unprocessable").count() == 1


def test_it_alerts_each_manager_in_their_language_about_mail_kept_aside(
    manager: User, care_centre: Site
) -> None:
    # Given a second manager at the care centre who reads German (Margaux reads French)
    klaus = staff_create(
        username="klaus",
        password=None,
        first_name="Klaus",
        last_name="Bauer",
        role="manager",
        site=care_centre,
        language="de",
    )
    email_ingest(raw=b"Subject: no sender at all\n\nwho am I?\n")
    titles = dict(
        Notification.objects.filter(kind="mail_unprocessable").values_list("recipient", "title")
    )
    assert "(Non traitable)" in titles[manager.pk]
    assert "(Nicht verarbeitbar)" in titles[klaus.pk]
