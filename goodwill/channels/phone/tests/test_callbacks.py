"""A missed or abandoned call from a client with an open case, or from a VIP, is a call we owe
them: a callback with its own clock (a quarter of an hour for a VIP), the owner and their backup
told once, on the case page and the owner's home, done when someone calls the client back."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from goodwill.care.business_time import add_business_minutes
from goodwill.care.models import CallTask
from goodwill.care.services import case_schedule
from goodwill.care.sweeps import call_tasks_due
from goodwill.cases.models import Case
from goodwill.channels.phone.tests.conftest import Poster
from goodwill.clients.models import Client
from goodwill.clients.services import client_create
from goodwill.notifications.models import Notification
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry

MR_T = "+49 171 2345678"
OUR_LINE = "+41 44 555 00 00"


def _at(seconds: int) -> str:
    return (timezone.now() + dt.timedelta(minutes=1, seconds=seconds)).isoformat()


def _missed(post_event: Poster, call_id: str, *, number: str = MR_T, ring: int = 20) -> None:
    """The phone rings `ring` seconds and the caller hangs up before anyone answers."""
    for event, offset in (("ringing", 0), ("ended", ring)):
        payload = {"event": event, "call_id": call_id, "from": number, "to": OUR_LINE}
        payload |= {"at": _at(offset)}
        if event == "ended":
            payload |= {"duration_seconds": 0}
        assert post_event(payload).json()["status"] == "ok"


def test_a_missed_call_on_an_open_case_asks_for_a_callback_within_a_quarter_of_an_hour(
    post_event: Poster, client, agent: User, advisor: User, backup: User, case_t: Case
) -> None:
    # Given Mr. T (VIP) with his open breakdown case; when he calls and nobody answers
    _missed(post_event, "m-1")

    # Then his advisor owes him a call back within 15 minutes of the call's end
    task = CallTask.objects.get(case=case_t)
    assert (task.kind, task.state, task.assignee) == ("callback", "open", advisor)
    assert task.due_at - task.made_at == dt.timedelta(minutes=15)
    # It is on his story, and the owner and the backup are told, once each
    assert Entry.objects.filter(case=case_t, kind="call_task").count() == 1
    told = Notification.objects.filter(kind="call_task", case=case_t)
    assert sorted(n.recipient.username for n in told) == sorted([advisor.username, backup.username])

    # And a provider's retry of the same event makes no second task or notification
    payload = {"event": "ended", "call_id": "m-1", "from": MR_T, "to": OUR_LINE, "at": _at(21)}
    post_event(payload)
    assert CallTask.objects.filter(case=case_t).count() == 1
    assert Notification.objects.filter(kind="call_task", case=case_t).count() == 2

    # The case page and the advisor's home show it, with its "Called back" button
    client.force_login(advisor)
    page = client.get(f"/cases/{case_t.reference}/").text
    assert "Calls to make" in page and f"/care/calls/{task.pk}/done/" in page
    assert f"/care/calls/{task.pk}/done/" in client.get("/").text


def test_a_vip_without_an_open_case_is_called_back_too(
    post_event: Poster, agent: User, advisor: User, client_t: Client
) -> None:
    _missed(post_event, "m-2")
    task = CallTask.objects.get(client=client_t)
    # A new case about the call: its clock counts in the case's hours (the dealer's, as it is no
    # assistance case), fifteen minutes of them.
    assert task.case.client == client_t and task.kind == "callback"
    schedule = case_schedule(case=task.case)
    assert task.due_at == add_business_minutes(schedule, task.made_at, 15)


def test_a_standard_client_without_an_open_case_gets_no_callback_task(
    post_event: Poster, agent: User, advisor: User, munich: Site
) -> None:
    client_create(
        actor=advisor,
        first_name="Paula",
        last_name="Meier",
        phone="+49 171 9999999",
        country="DE",
        tier="standard",
        site=munich,
        advisor=advisor,
    )
    _missed(post_event, "m-3", number="+49 171 9999999")
    assert not CallTask.objects.exists()
    # The owner still hears of the missed call, as of any contact (the intake's rule)
    assert Entry.objects.filter(kind="call", payload__missed=True).exists()


def test_calling_the_client_back_makes_the_task_done(
    post_event: Poster, agent: User, advisor: User, case_t: Case
) -> None:
    _missed(post_event, "m-4")
    # When Anna calls Mr. T back and they talk
    for event, offset, extra in (
        ("ringing", 60, {}),
        ("answered", 65, {"agent": advisor.username}),
        ("ended", 185, {"duration_seconds": 120}),
    ):
        payload = {
            "event": event,
            "call_id": "out-1",
            "from": OUR_LINE,
            "to": MR_T,
            "direction": "outbound",
            "at": _at(offset),
            **extra,
        }
        assert post_event(payload).json()["status"] == "ok"

    task = CallTask.objects.get(case=case_t)
    assert (task.state, task.done_by) == ("done", advisor)
    done = Entry.objects.get(case=case_t, kind="call_task_done")
    assert done.payload["task_kind"] == "callback" and done.payload["late"] is False


def test_called_back_by_hand_and_never_by_another_dealer(
    post_event: Poster, client, agent: User, advisor: User, foreign_dealer: User, case_t: Case
) -> None:
    _missed(post_event, "m-5")
    task = CallTask.objects.get(case=case_t)

    client.force_login(foreign_dealer)
    assert client.post(f"/care/calls/{task.pk}/done/").status_code == 404
    task.refresh_from_db()
    assert task.state == "open"

    client.force_login(advisor)
    response = client.post(f"/care/calls/{task.pk}/done/")
    assert response.status_code == 302 and response["Location"].endswith(
        f"/cases/{case_t.reference}/"
    )
    task.refresh_from_db()
    assert (task.state, task.done_by) == ("done", advisor)


def test_the_sweep_tells_the_owner_and_the_backup_when_the_callback_runs_late(
    post_event: Poster, agent: User, advisor: User, backup: User, case_t: Case
) -> None:
    _missed(post_event, "m-6")
    task = CallTask.objects.get(case=case_t)

    assert call_tasks_due(task.due_at - dt.timedelta(minutes=1)) == 0
    assert call_tasks_due(task.due_at + dt.timedelta(minutes=1)) == 1
    assert call_tasks_due(task.due_at + dt.timedelta(minutes=2)) == 0  # told once

    late = Notification.objects.filter(kind="call_task_late", case=case_t)
    assert sorted(n.recipient.username for n in late) == sorted([advisor.username, backup.username])
