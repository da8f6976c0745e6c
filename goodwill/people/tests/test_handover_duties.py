"""What an advisor leaves behind besides their clients: the colleagues they stood in for, the
promises they made, the calls they were to make. A handover moves them all, once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from goodwill.care.models import CallTask
from goodwill.care.services import call_task_plan
from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.clients.models import Client
from goodwill.clients.services import client_create
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import staff_create
from goodwill.people.services import HandoverResult, book_handover
from goodwill.promises.services import promise_keep, promise_make
from goodwill.timeline.models import Entry


@pytest.fixture
def lena(munich: Site, advisor: User) -> User:
    """A Munich colleague whose backup is Anna, the one leaving."""
    return staff_create(
        username="lena",
        password=None,
        first_name="Lena",
        last_name="Vogel",
        role="advisor",
        site=munich,
        backup=advisor,
    )


@pytest.fixture
def lenas_case(lena: User, munich: Site) -> Case:
    client = client_create(actor=lena, last_name="Brandt", site=munich, advisor=lena)
    return case_open(actor=lena, client=client, summary="Seat heating fails")


def _handover(advisor: User, backup: User, manager: User, client_t: Client) -> HandoverResult:
    return book_handover(
        actor=manager,
        leaving=advisor,
        assignments={client_t.pk: backup},
        default_note="Anna moves to Vienna.",
    )


def test_colleagues_backed_up_by_the_leaver_get_the_successor(
    advisor: User,
    backup: User,
    manager: User,
    client_t: Client,
    lena: User,
    foreign_dealer: User,
) -> None:
    # Set up as an older version allowed it: a Paris dealer backed up by Anna of Munich
    User.objects.filter(pk=foreign_dealer.pk).update(backup=advisor)
    result = _handover(advisor, backup, manager, client_t)
    assert result.backups_moved == 1
    lena.refresh_from_db()
    foreign_dealer.refresh_from_db()
    assert lena.backup == backup
    # Jonas cannot see Paris's clients: Pierre keeps his backup until someone names another
    assert foreign_dealer.backup == advisor


def test_clients_who_named_the_leaver_as_their_backup_get_another(
    advisor: User, backup: User, manager: User, client_t: Client, lena: User, munich: Site
) -> None:
    # Lena's client named Anna as backup; Lena's own backup is Anna too, until the handover.
    lenas_client = client_create(
        actor=lena, last_name="Brandt", site=munich, advisor=lena, backup_advisor=advisor
    )

    result = _handover(advisor, backup, manager, client_t)

    lenas_client.refresh_from_db()
    assert result.client_backups_moved == 1
    assert lenas_client.backup_advisor == backup  # Lena's backup, now Jonas
    assert Entry.objects.filter(client=lenas_client, kind=Entry.Kind.CLIENT_CHANGED).exists()
    again = _handover(advisor, backup, manager, client_t)
    assert again.client_backups_moved == 0


def test_the_leavers_open_promises_go_to_each_cases_owner_with_a_note(
    advisor: User,
    backup: User,
    manager: User,
    client_t: Client,
    case_t: Case,
    lena: User,
    lenas_case: Case,
) -> None:
    due = timezone.now() + dt.timedelta(days=3)
    own = promise_make(actor=advisor, case=case_t, text="Loan car on Friday", due_at=due)
    for_lena = promise_make(actor=advisor, case=lenas_case, text="Call back at 5", due_at=due)
    kept = promise_make(actor=advisor, case=case_t, text="Quote by Monday", due_at=due)
    promise_keep(actor=advisor, promise=kept)
    result = _handover(advisor, backup, manager, client_t)
    assert result.promises_moved == 2
    own.refresh_from_db()
    for_lena.refresh_from_db()
    kept.refresh_from_db()
    # Anna's case went to Jonas, so did her word; on Lena's case, Lena keeps it
    assert own.made_by == backup
    assert for_lena.made_by == lena
    assert kept.made_by == advisor  # history stays as it was
    note = Entry.objects.get(case=case_t, kind=Entry.Kind.NOTE, body__contains="Loan car")
    assert "Jonas Weber" in note.body and "Anna Schmid" in note.body


def test_the_leavers_open_calls_to_make_go_to_each_cases_owner(
    advisor: User,
    backup: User,
    manager: User,
    client_t: Client,
    case_t: Case,
    lena: User,
    lenas_case: Case,
) -> None:
    now = timezone.now()
    tasks = [
        call_task_plan(
            case=case,
            client=case.client,
            assignee=advisor,
            due_at=now + dt.timedelta(days=1),
            reason="Ask how the repair went",
            source_key=f"test:{case.pk}",
            at=now,
        )
        for case in (case_t, lenas_case)
    ]
    assert all(task is not None for task in tasks)
    result = _handover(advisor, backup, manager, client_t)
    assert result.call_tasks_moved == 2
    assert CallTask.objects.get(case=case_t).assignee == backup
    assert CallTask.objects.get(case=lenas_case).assignee == lena
    assert not CallTask.objects.filter(assignee=advisor, state=CallTask.State.OPEN).exists()
    assert Entry.objects.filter(case=case_t, kind=Entry.Kind.NOTE, body__contains="call").exists()


def test_a_call_owed_outside_any_case_goes_to_the_successor(
    advisor: User, backup: User, manager: User, client_t: Client
) -> None:
    now = timezone.now()
    task = call_task_plan(
        case=None,
        client=client_t,
        assignee=advisor,
        due_at=now + dt.timedelta(days=1),
        reason="The day after the delivery",
        source_key="test:caseless",
        at=now,
    )
    assert task is not None

    result = _handover(advisor, backup, manager, client_t)

    assert result.call_tasks_moved == 1
    task.refresh_from_db()
    assert task.assignee == backup and task.case is None
    assert Entry.objects.filter(client=client_t, case=None, body__contains="call").exists()


def test_the_leavers_open_cases_of_any_client_are_moved(
    advisor: User, backup: User, manager: User, client_t: Client, case_t: Case, lenas_case: Case
) -> None:
    # Anna also owns a case of Lena's client
    Case.objects.filter(pk=lenas_case.pk).update(owner=advisor)
    _handover(advisor, backup, manager, client_t)
    assert not Case.objects.filter(owner=advisor, status__in=Case.OPEN_STATUSES).exists()
    case_t.refresh_from_db()
    assert case_t.owner == backup


def test_a_rerun_moves_no_backup_promise_or_call_again(
    advisor: User,
    backup: User,
    manager: User,
    client_t: Client,
    case_t: Case,
    lena: User,
) -> None:
    now = timezone.now()
    promise_make(
        actor=advisor, case=case_t, text="Loan car on Friday", due_at=now + dt.timedelta(days=3)
    )
    call_task_plan(
        case=case_t,
        client=client_t,
        assignee=advisor,
        due_at=now + dt.timedelta(days=1),
        reason="Ask how the repair went",
        source_key="test:rerun",
        at=now,
    )
    first = _handover(advisor, backup, manager, client_t)
    entries = Entry.objects.count()
    again = _handover(advisor, backup, manager, client_t)
    assert (first.backups_moved, first.promises_moved, first.call_tasks_moved) == (1, 1, 1)
    assert (again.backups_moved, again.promises_moved, again.call_tasks_moved) == (0, 0, 0)
    assert Entry.objects.count() == entries


def test_handing_over_part_of_a_book_moves_only_what_belongs_to_those_clients(
    advisor: User,
    backup: User,
    manager: User,
    client_t: Client,
    case_t: Case,
    lena: User,
    munich: Site,
) -> None:
    # Anna keeps another client today: she is not leaving yet, only Mr T moves to Jonas.
    kept = client_create(actor=advisor, last_name="Hoffmann", site=munich, advisor=advisor)
    kept_case = case_open(actor=advisor, client=kept, summary="Service booking")
    now = timezone.now()
    for case in (case_t, kept_case):
        promise_make(
            actor=advisor, case=case, text="Call back on Friday", due_at=now + dt.timedelta(days=3)
        )
        call_task_plan(
            case=case,
            client=case.client,
            assignee=advisor,
            due_at=now + dt.timedelta(days=1),
            reason="Ask how it went",
            source_key=f"test:part:{case.pk}",
            at=now,
        )

    result = _handover(advisor, backup, manager, client_t)

    assert (result.promises_moved, result.call_tasks_moved) == (1, 1)
    assert (result.backups_moved, result.client_backups_moved) == (0, 0)
    assert CallTask.objects.get(case=kept_case).assignee == advisor
    assert CallTask.objects.get(case=case_t).assignee == backup
    lena.refresh_from_db()
    assert lena.backup == advisor  # Anna still stands in for Lena


def test_the_commands_dry_run_counts_what_the_real_run_then_moves(
    advisor: User,
    backup: User,
    client_t: Client,
    case_t: Case,
    lena: User,
    lenas_case: Case,
    munich: Site,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Given Anna's whole book: her client and case, her word on her case and on Lena's, one
    # promise already kept, calls to make on both cases and one outside any case, Lena backed
    # up by her, and a client of Lena's who named Anna as backup
    now = timezone.now()
    due = now + dt.timedelta(days=3)
    promise_make(actor=advisor, case=case_t, text="Loan car on Friday", due_at=due)
    promise_make(actor=advisor, case=lenas_case, text="Call back at 5", due_at=due)
    kept = promise_make(actor=advisor, case=case_t, text="Quote by Monday", due_at=due)
    promise_keep(actor=advisor, promise=kept)
    for key, case in (("own", case_t), ("lena", lenas_case), ("none", None)):
        call_task_plan(
            case=case,
            client=case.client if case else client_t,
            assignee=advisor,
            due_at=now + dt.timedelta(days=1),
            reason="Ask how it went",
            source_key=f"test:dry:{key}",
            at=now,
        )
    client_create(actor=lena, last_name="Brandt", site=munich, advisor=lena, backup_advisor=advisor)

    # When the command runs dry, then for real
    call_command("book_handover", "anna", "jonas", "--dry-run")
    dry = capsys.readouterr().out
    assert CallTask.objects.filter(assignee=advisor, state=CallTask.State.OPEN).count() == 3
    call_command("book_handover", "anna", "jonas")
    real = capsys.readouterr().out

    # Then the dry run said exactly what moved, and had moved nothing itself
    counted = re.findall(r"\d+", dry)
    moved = re.findall(r"\d+", real)
    # (two clients named Anna as backup: the one above, and Lena's client through Lena)
    assert counted == moved == ["1", "1", "1", "2", "3", "1", "2"], (dry, real)
    assert "2 open promises, 3 calls to make, 1 colleagues' backup" in dry
    assert not CallTask.objects.filter(assignee=advisor, state=CallTask.State.OPEN).exists()
