"""One intake: the same contact through e-mail, the web form, the phone or an SMS gets the same
service.

Each scenario is played through every channel's own entry point (the raw e-mail ingested, the
form posted to its service, the telephony event received) and must end the same way: the same
client, the same case or a new one, the same owner, the same people told."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.test import Client as HttpClient
from django.test import override_settings
from django.utils import timezone

from goodwill.care.models import Clock
from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_change_status
from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.channels.messaging.services import text_receive
from goodwill.channels.messaging.webhook import TextIn
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.phone.services import CallEvent, call_event_receive
from goodwill.channels.webform.services import Contact, webform_submit
from goodwill.clients.models import Client
from goodwill.intake.services import reply_by_text
from goodwill.notifications.models import Notification
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import staff_set_away
from goodwill.timeline.models import Entry

# How the cases these stories close ended (a person closing a case says so).
SETTLED = OutcomeGiven(done="Settled with the client", done_by="Anna Schmid", fixed=True)

KNOWN = ("Thomas Lefèvre", "thomas.lefevre@example.com", "+491712345678")
STRANGER = ("Ines Moreau", "ines.moreau@example.org", "+33612345678")


@pytest.fixture(autouse=True)
def _data_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]


def by_email(who: tuple[str, str, str], text: str) -> Case:
    name, address, _phone = who
    inbound = email_ingest(raw=make_mail(sender=f"{name} <{address}>", subject="My car", body=text))
    assert inbound.status == InboundMessage.Status.PROCESSED, inbound.reason
    assert inbound.case is not None
    return inbound.case


def by_web(who: tuple[str, str, str], text: str) -> Case:
    name, address, _phone = who
    submission = webform_submit(
        contact=Contact(name=name, email=address, message=text, language="en"), ip="127.0.0.1"
    )
    assert submission.case is not None
    return submission.case


def by_phone(who: tuple[str, str, str], text: str) -> Case:
    _name, _address, phone = who
    call_id = uuid.uuid4().hex
    call = call_event_receive(
        event=CallEvent(
            provider="test", call_id=call_id, kind="ended", from_number=phone, duration_seconds=60
        ),
        signature=call_id,
    )
    assert call is not None and call.case is not None
    return call.case


def by_sms(who: tuple[str, str, str], text: str) -> Case:
    _name, _address, phone = who
    sid = f"SM{uuid.uuid4().hex}"
    received = text_receive(text=TextIn(sid=sid, channel="sms", number=phone, to="", body=text))
    assert received is not None and received.case is not None
    return received.case


CHANNELS: dict[str, Callable[[tuple[str, str, str], str], Case]] = {
    "email": by_email,
    "web": by_web,
    "phone": by_phone,
    "sms": by_sms,
}
TEXT = "Hello, the car makes a strange noise when I brake. Could someone call me back?"


@pytest.fixture(params=list(CHANNELS))
def channel(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _acks(case: Case) -> int:
    return OutboundMessage.objects.filter(
        case=case, purpose=OutboundMessage.Purpose.ACKNOWLEDGEMENT
    ).count()


def test_a_known_client_without_an_open_case_gets_a_case_owned_by_their_advisor(
    channel: str, client_t: Client, advisor: User, agent: User
) -> None:
    case = CHANNELS[channel](KNOWN, TEXT)

    assert case.client == client_t and case.owner == advisor and case.channel == channel
    assert Client.objects.count() == 1
    assert (
        Notification.objects.filter(
            recipient=advisor, kind=Notification.Kind.CASE_OPENED, case=case
        ).count()
        == 1
    )
    assert Entry.objects.filter(case=case, kind__in=["message_in", "call"]).count() == 1
    # A new conversation is acknowledged whatever the channel (a call: to the address on file),
    # in the client's language, naming who looks after them.
    assert _acks(case) == 1


def test_a_known_client_with_an_open_case_joins_it_and_it_counts_as_a_chaser(
    channel: str, case_t: Case, advisor: User
) -> None:
    # The client first got in touch an hour ago, and has heard nothing since.
    Case.objects.filter(pk=case_t.pk).update(
        last_client_contact_at=timezone.now() - dt.timedelta(hours=1)
    )

    # Asking for news (a call has no words: calling again counts by itself).
    case = CHANNELS[channel](KNOWN, "Any news about my car? I have heard nothing since Monday.")

    assert case == case_t
    case.refresh_from_db()
    assert case.chaser_count == 1
    assert Case.objects.count() == 1
    assert (
        Notification.objects.filter(
            recipient=advisor, kind=Notification.Kind.MESSAGE_IN, case=case
        ).count()
        == 1
    )
    # A follow-up on an open case that a person handles is not acknowledged: its owner answers.
    assert _acks(case) == 0
    CHANNELS[channel](KNOWN, "Any news?")
    assert _acks(case) == 0


def test_a_stranger_becomes_an_unverified_client_with_the_least_busy_carer(
    channel: str, care_centre: Site, agent: User, manager: User, client_t: Client
) -> None:
    case = CHANNELS[channel](STRANGER, TEXT)

    client = case.client
    assert client != client_t and not client.verified and client.site == care_centre
    assert client.advisor == agent and case.owner == agent
    assert (
        Notification.objects.filter(recipient=agent, kind=Notification.Kind.CASE_OPENED).count()
        == 1
    )


def test_while_the_advisor_is_away_their_backup_owns_the_new_case(
    channel: str, client_t: Client, advisor: User, backup: User
) -> None:
    today = timezone.localdate()
    # From yesterday: a call is dated from when it began, which may be before midnight.
    staff_set_away(
        actor=advisor,
        user=advisor,
        away_from=today - dt.timedelta(days=1),
        away_until=today + dt.timedelta(days=3),
    )

    case = CHANNELS[channel](KNOWN, TEXT)

    assert case.client == client_t and case.owner == backup


def test_an_advisor_who_left_hands_the_client_to_the_least_busy_carer(
    channel: str, client_t: Client, advisor: User, backup: User, agent: User
) -> None:
    User.objects.filter(pk=advisor.pk).update(is_active=False)

    case = CHANNELS[channel](KNOWN, TEXT)

    assert case.client == client_t and case.owner == agent


def test_with_no_carer_anywhere_the_least_busy_advisor_of_the_site_owns_it(
    channel: str, client_t: Client, advisor: User, backup: User
) -> None:
    User.objects.filter(pk=advisor.pk).update(is_active=False)

    case = CHANNELS[channel](KNOWN, TEXT)

    assert case.owner == backup


def test_a_first_message_naming_a_complaint_opens_a_complaint(
    channel: str, client_t: Client
) -> None:
    if channel == "phone":
        pytest.skip("a call carries no words to read")
    case = CHANNELS[channel](KNOWN, "This is a formal complaint: the repair failed a third time.")

    assert case.category == Case.Category.COMPLAINT


# Automatic-mail discipline (issue 11, part 3): the same rules for every channel.


def test_a_new_conversation_gets_one_acknowledgement_naming_who_and_by_when(
    channel: str, client_t: Client, advisor: User
) -> None:
    case = CHANNELS[channel](KNOWN, TEXT)

    ack = OutboundMessage.objects.get(case=case, purpose=OutboundMessage.Purpose.ACKNOWLEDGEMENT)
    assert ack.reason == OutboundMessage.Reason.NEW_CONVERSATION
    assert ack.status != OutboundMessage.Status.SUPPRESSED
    # In the language he wrote in (English here), or his own (German) for a call.
    assert ack.to_address == "thomas.lefevre@example.com"
    assert ack.language == ("de" if channel == "phone" else "en")
    # Who handles it, and when he will hear: the first-response clock's due time, in Munich.
    due = Clock.objects.get(case=case, kind=Clock.Kind.FIRST_RESPONSE).due_at
    when = reply_by_text(case=case, language=ack.language)
    local = timezone.localtime(due, ZoneInfo("Europe/Berlin"))
    assert when and f"{local:%H:%M}" in when
    if channel == "phone":
        assert "vielen Dank für Ihren Anruf" in ack.body_text
        assert f"Anna Schmid kümmert sich persönlich darum und meldet sich spätestens {when}" in (
            ack.body_text
        )
    else:
        assert "Thank you for writing to us" in ack.body_text
        assert f"Anna Schmid will handle it personally and will come back to you by {when}." in (
            ack.body_text
        )
    # The next contact on the open case is a follow-up: no second acknowledgement.
    CHANNELS[channel](KNOWN, "Any news?")
    assert _acks(case) == 1


def test_a_missed_call_is_not_acknowledged(client_t: Client, advisor: User) -> None:
    call_id = uuid.uuid4().hex
    call = call_event_receive(
        event=CallEvent(
            provider="test", call_id=call_id, kind="ended", from_number=KNOWN[2], duration_seconds=0
        ),
        signature=call_id,
    )

    assert call is not None and call.case is not None
    assert _acks(call.case) == 0


def test_a_message_appears_once_on_the_case_story(
    channel: str, client_t: Client, advisor: User, client: HttpClient
) -> None:
    if channel != "web":
        pytest.skip("a call carries no words; an e-mail is shown in its own sandboxed frame")
    words = "Hello, the left mirror no longer folds in when I lock the car."

    case = CHANNELS[channel](KNOWN, words)

    client.force_login(advisor)
    page = client.get(f"/cases/{case.reference}/").content.decode()
    story = page[page.index('<ul class="timeline">') :]
    assert story.count(words) == 1


def test_automatic_messages_to_one_client_within_the_window_wait_and_merge(
    channel: str, case_t: Case, advisor: User
) -> None:
    # Mr. T was told two and a half minutes ago that his case is resolved.
    case_change_status(actor=advisor, case=case_t, status=Case.Status.RESOLVED, outcome=SETTLED)
    news = OutboundMessage.objects.get(case=case_t, reason=OutboundMessage.Reason.STATUS_NEWS)
    assert news.status != OutboundMessage.Status.SUPPRESSED
    sent_at = timezone.now() - dt.timedelta(minutes=2, seconds=30)
    OutboundMessage.objects.filter(pk=news.pk).update(
        status=OutboundMessage.Status.SENT, created_at=sent_at, sent_at=sent_at
    )

    case = CHANNELS[channel](KNOWN, TEXT)

    # His new conversation's acknowledgement waits for the window's end, on his story already.
    ack = OutboundMessage.objects.get(case=case, purpose=OutboundMessage.Purpose.ACKNOWLEDGEMENT)
    assert ack.status == OutboundMessage.Status.QUEUED
    assert ack.next_attempt_at == sent_at + dt.timedelta(minutes=10)
    assert Entry.objects.filter(case=case, kind="message_out", payload__outbound_id=ack.pk)


@override_settings(GOODWILL_AUTO_MAIL_WINDOW_MINUTES=10)
def test_past_the_window_the_next_conversation_is_acknowledged(
    channel: str, case_t: Case, advisor: User
) -> None:
    case_change_status(actor=advisor, case=case_t, status=Case.Status.RESOLVED, outcome=SETTLED)
    eleven_minutes_ago = timezone.now() - dt.timedelta(minutes=11)
    OutboundMessage.objects.update(
        status=OutboundMessage.Status.SENT,
        created_at=eleven_minutes_ago,
        sent_at=eleven_minutes_ago,
    )

    case = CHANNELS[channel](KNOWN, TEXT)

    ack = OutboundMessage.objects.get(case=case, purpose=OutboundMessage.Purpose.ACKNOWLEDGEMENT)
    assert ack.status == OutboundMessage.Status.QUEUED and ack.next_attempt_at <= timezone.now()
