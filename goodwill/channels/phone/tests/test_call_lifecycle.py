"""A call from the first ring to its summary: on the client's timeline once, with its duration,
on the case it is about, and counted as a chaser when the client had to call again."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_change_status, case_open
from goodwill.channels.phone.models import Call
from goodwill.channels.phone.services import call_summarise
from goodwill.channels.phone.tests.conftest import Poster
from goodwill.clients.models import Client
from goodwill.notifications.models import Notification
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry

# How the cases these stories close ended (a person closing a case says so).
SETTLED = OutcomeGiven(done="Settled with the client", done_by="Anna Schmid", fixed=True)


MR_T = "+49 171 2345678"


def _at(seconds: int) -> str:
    """A minute from now, plus `seconds`: after anything a test's fixtures did."""
    return (timezone.now() + dt.timedelta(minutes=1, seconds=seconds)).isoformat()


def _call(
    post_event: Poster, call_id: str, *, duration: int = 95, agent: str = "chiara", start: int = 0
) -> None:
    for event, offset, extra in [
        ("ringing", 0, {}),
        ("answered", 5, {"agent": agent}),
        ("ended", 5 + duration, {"duration_seconds": duration}),
    ]:
        payload = {
            "event": event,
            "call_id": call_id,
            "from": MR_T,
            "to": "+41 44 555 00 00",
            "at": _at(start + offset),
            **extra,
        }
        assert post_event(payload).json()["status"] == "ok"


def test_it_follows_a_call_from_ringing_to_the_timeline(
    post_event: Poster, agent: User, case_t: Case
) -> None:
    # Given Mr. T's open case; when he calls, Chiara answers, and they talk for 95 s
    _call(post_event, "c-1")

    # Then the call is ended, answered by Chiara, about his case
    call = Call.objects.get(call_id="c-1")
    assert (call.state, call.agent, call.client, call.case) == (
        "ended",
        agent,
        case_t.client,
        case_t,
    )
    assert (
        call.duration_seconds == 95 and call.answered_at is not None and call.ended_at is not None
    )
    # And it is on his timeline once, with its duration, at the time it rang
    entry = Entry.objects.get(kind="call", client=case_t.client)
    assert entry == call.entry and entry.case == case_t and entry.actor == agent
    assert entry.payload == {"direction": "inbound", "duration_seconds": 95}
    assert entry.at == call.started_at


def test_it_reads_twilio_status_callbacks(
    post_event: Poster, agent: User, client_t: Client
) -> None:
    base = {
        "CallSid": "CA0123456789abcdef",
        "From": "+491712345678",
        "To": "+41445550000",
        "Direction": "inbound",
    }
    assert post_event({**base, "CallStatus": "ringing"}, twilio=True).json()["state"] == "ringing"
    assert (
        post_event({**base, "CallStatus": "in-progress", "Agent": "chiara"}, twilio=True).json()[
            "state"
        ]
        == "answered"
    )
    assert (
        post_event({**base, "CallStatus": "completed", "CallDuration": "42"}, twilio=True).json()[
            "state"
        ]
        == "ended"
    )
    assert post_event({**base, "CallStatus": "queued"}, twilio=True).json()["status"] == "ignored"
    call = Call.objects.get(provider="twilio", call_id="CA0123456789abcdef")
    assert call.client == client_t and call.agent == agent and call.duration_seconds == 42
    assert Entry.objects.get(kind="call", client=client_t).payload["duration_seconds"] == 42


def test_a_call_nobody_answered_is_missed_and_still_on_the_timeline(
    post_event: Poster, case_t: Case
) -> None:
    base = {"CallSid": "CAmissed", "From": "+491712345678", "To": "+41445550000"}
    post_event({**base, "CallStatus": "ringing"}, twilio=True)
    assert (
        post_event({**base, "CallStatus": "no-answer", "CallDuration": "0"}, twilio=True).json()[
            "state"
        ]
        == "missed"
    )
    entry = Entry.objects.get(kind="call", client=case_t.client)
    assert entry.payload == {"direction": "inbound", "duration_seconds": 0, "missed": True}
    assert "missed" in _client_page(case_t)


def _client_page(case: Case) -> str:
    from django.test import Client as HttpClient

    http = HttpClient()
    http.force_login(case.owner)
    return http.get(f"/clients/{case.client.ref}/").text


def test_a_call_goes_on_the_most_recently_worked_open_case(
    post_event: Poster, advisor: User, client_t: Client
) -> None:
    older = case_open(actor=advisor, client=client_t, summary="Hotel costs")
    newer = case_open(actor=advisor, client=client_t, summary="Tyre delivery")
    closed = case_open(actor=advisor, client=client_t, summary="Old complaint")
    case_change_status(actor=advisor, case=closed, status="closed", outcome=SETTLED)
    Case.objects.filter(pk=older.pk).update(
        last_activity_at=timezone.now() + dt.timedelta(minutes=1)
    )
    _call(post_event, "c-2")
    assert Call.objects.get().case == older
    assert newer.pk != older.pk


def test_a_client_without_an_open_case_gets_a_case_owned_by_their_advisor(
    post_event: Poster, client_t: Client, advisor: User
) -> None:
    """A call is a contact like any other (the one intake): it opens a case that someone owns."""
    _call(post_event, "c-3")
    entry = Entry.objects.get(kind="call", client=client_t)
    assert entry.case is not None and entry.case.owner == advisor and entry.case.channel == "phone"


def test_calling_again_with_nothing_sent_in_between_is_a_chaser(
    post_event: Poster, advisor: User, agent: User, manager: User, case_t: Case
) -> None:
    # Given we wrote to Mr. T after he opened his case
    Case.objects.filter(pk=case_t.pk).update(
        last_sent_to_client_at=timezone.now() + dt.timedelta(seconds=30)
    )
    # When he calls: he has heard from us since last time, so it is not a chaser
    _call(post_event, "c-4", start=0)
    case_t.refresh_from_db()
    assert case_t.chaser_count == 0
    # When he calls again with nothing sent in between, it is his first chaser
    _call(post_event, "c-5", start=200)
    case_t.refresh_from_db()
    assert case_t.chaser_count == 1
    assert Entry.objects.filter(case=case_t, kind="chaser").count() == 1
    # And a third call alerts his advisor and the managers
    _call(post_event, "c-6", start=400)
    case_t.refresh_from_db()
    assert case_t.chaser_count == 2
    assert set(
        Notification.objects.filter(kind="chaser").values_list("recipient__username", flat=True)
    ) == {"anna", "margaux"}


def test_an_outbound_call_finds_the_client_by_the_number_called_and_is_no_chaser(
    post_event: Poster, case_t: Case
) -> None:
    for event in ("ringing", "answered", "ended"):
        post_event(
            {
                "event": event,
                "call_id": "out-1",
                "from": "+41 44 555 00 00",
                "to": MR_T,
                "direction": "outbound",
                "agent": "anna",
                "duration_seconds": 30,
            }
        )
    call = Call.objects.get()
    assert call.direction == "outbound" and call.client == case_t.client and call.case == case_t
    case_t.refresh_from_db()
    assert case_t.chaser_count == 0


def test_the_agent_finds_the_agent_by_staff_code_and_events_only_move_forward(
    post_event: Poster, agent: User, client_t: Client
) -> None:
    User.objects.filter(pk=agent.pk).update(code="CC-007")
    post_event(
        {
            "event": "ended",
            "call_id": "c-7",
            "from": MR_T,
            "agent": "CC-007",
            "duration_seconds": 60,
        }
    )
    post_event({"event": "ringing", "call_id": "c-7", "from": MR_T})  # arrives late
    call = Call.objects.get()
    assert call.state == "ended" and call.agent == agent and call.duration_seconds == 60
    assert Entry.objects.filter(kind="call").count() == 1


def test_the_summary_is_a_note_and_the_call_entry_is_never_changed(
    post_event: Poster, agent: User, case_t: Case
) -> None:
    _call(post_event, "c-8")
    call = Call.objects.get()
    before = Entry.objects.values().get(pk=call.entry_id)
    call_summarise(
        actor=agent, call=call, summary="Tyre arrives Thursday; he wants a call back at 9."
    )
    call.refresh_from_db()
    assert call.summary.startswith("Tyre arrives") and call.summarised_at is not None
    note = Entry.objects.get(kind="note", case=case_t)
    assert note.actor == agent and note.body == call.summary
    assert Entry.objects.values().get(pk=call.entry_id) == before


def test_the_command_plays_an_event_once(agent: User, case_t: Case) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command(
        "phone_event",
        "ringing",
        "--call-id",
        "cli-1",
        "--from",
        MR_T,
        "--agent",
        "chiara",
        stdout=out,
    )
    call_command("phone_event", "ringing", "--call-id", "cli-1", "--from", MR_T, stdout=out)
    call_command(
        "phone_event", "ended", "--call-id", "cli-1", "--from", MR_T, "--duration", "30", stdout=out
    )
    assert "(Thomas Lefèvre) is ringing" in out.getvalue() and "already acted on" in out.getvalue()
    assert Call.objects.get(call_id="cli-1").state == "ended"
    assert Entry.objects.filter(kind="call", case=case_t).count() == 1


def test_a_new_caller_becomes_an_unverified_client_so_the_call_is_never_lost(
    post_event: Poster, agent: User, care_centre: Site
) -> None:
    for event in ("ringing", "answered", "ended"):
        post_event(
            {
                "event": event,
                "call_id": "new-1",
                "from": "+31 6 12345678",
                "agent": "chiara",
                "duration_seconds": 200,
            }
        )
    call = Call.objects.get()
    assert call.client is not None and not call.client.verified and call.client.site == care_centre
    assert call.case is not None and call.case.owner == agent
    assert call.entry is not None and call.entry.payload["duration_seconds"] == 200
    # She writes her summary: it goes on the new client's story with the call
    call_summarise(actor=agent, call=call, summary="Lost the clasp of her necklace; sending photos")
    kinds = list(
        Entry.objects.filter(client=call.client).order_by("at", "id").values_list("kind", flat=True)
    )
    assert kinds == ["client_created", "case_opened", "call", "note"]
