"""One intake: the same contact through e-mail, the web form or the phone gets the same service.

Each scenario is played through every channel's own entry point (the raw e-mail ingested, the
form posted to its service, the telephony event received) and must end the same way: the same
client, the same case or a new one, the same owner, the same people told."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.phone.services import CallEvent, call_event_receive
from goodwill.channels.webform.services import Contact, webform_submit
from goodwill.clients.models import Client
from goodwill.notifications.models import Notification
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import staff_set_away
from goodwill.timeline.models import Entry

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


CHANNELS: dict[str, Callable[[tuple[str, str, str], str], Case]] = {
    "email": by_email,
    "web": by_web,
    "phone": by_phone,
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
    # Written contacts are acknowledged in the client's language, naming who looks after them;
    # the caller spoke to us.
    assert _acks(case) == (0 if channel == "phone" else 1)


def test_a_known_client_with_an_open_case_joins_it_and_it_counts_as_a_chaser(
    channel: str, case_t: Case, advisor: User
) -> None:
    # The client first got in touch an hour ago, and has heard nothing since.
    Case.objects.filter(pk=case_t.pk).update(
        last_client_contact_at=timezone.now() - dt.timedelta(hours=1)
    )

    case = CHANNELS[channel](KNOWN, TEXT)

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
    # The first written contact on a case is acknowledged; the next one is not.
    assert _acks(case) == (0 if channel == "phone" else 1)
    CHANNELS[channel](KNOWN, "Any news?")
    assert _acks(case) == (0 if channel == "phone" else 1)


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
    staff_set_away(
        actor=advisor, user=advisor, away_from=today, away_until=today + dt.timedelta(days=3)
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
