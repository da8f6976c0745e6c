"""The clocks' sweep: the owner is warned before a promise runs out, the backup and the managers
are told when it has, each exactly once however often (and however many workers) sweep."""

import datetime as dt
import threading
import zoneinfo

import pytest
from django.db import connection

from goodwill.care import services as care_services
from goodwill.care.models import Clock, ServiceLevel
from goodwill.care.sweeps import clocks_due
from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_change_status, case_open
from goodwill.clients.models import Client
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry

# How the cases these stories close ended (a person closing a case says so).
SETTLED = OutcomeGiven(done="Settled with the client", done_by="Anna Schmid", fixed=True)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
MONDAY_10 = dt.datetime(2026, 11, 23, 10, 0, tzinfo=BERLIN)


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


def open_breakdown(advisor: User, client_t: Client) -> Case:
    return case_open(
        actor=advisor,
        client=client_t,
        summary="Flat tyre",
        category="breakdown",
        opened_at=MONDAY_10,
    )


def sent(kind: str) -> list[tuple[str, str]]:
    return sorted(
        Notification.objects.filter(kind=kind).values_list("recipient__username", "title")
    )


def test_nothing_is_due_before_the_warning_point(advisor: User, client_t: Client) -> None:
    open_breakdown(advisor, client_t)
    assert clocks_due(berlin(2026, 11, 23, 10, 23)) == 0
    assert not Notification.objects.exists()


def test_the_owner_is_warned_once_at_the_warning_point(advisor: User, client_t: Client) -> None:
    case = open_breakdown(advisor, client_t)
    assert clocks_due(berlin(2026, 11, 23, 10, 25)) == 1
    assert clocks_due(berlin(2026, 11, 23, 10, 26)) == 0
    assert sent("sla_warning") == [
        ("anna", f"{case.reference} Thomas Lefèvre: First response due in 5 min")
    ]
    assert Entry.objects.filter(case=case, kind="sla_warning").count() == 1
    clock = Clock.objects.get(case=case, kind="first_response")
    assert clock.state == "running" and clock.warned_at == berlin(2026, 11, 23, 10, 25)


def test_a_breach_alerts_the_backup_and_the_managers_once(
    advisor: User, backup: User, manager: User, client_t: Client
) -> None:
    case = open_breakdown(advisor, client_t)
    clocks_due(berlin(2026, 11, 23, 10, 25))
    assert clocks_due(berlin(2026, 11, 23, 10, 31)) == 1
    assert clocks_due(berlin(2026, 11, 23, 10, 40)) == 0
    breached = sent("sla_breached")
    assert [who for who, _ in breached] == ["jonas", "margaux"]
    # Each is told in their own interface language: Jonas in German, Margaux in French.
    assert "Erste Antwort überfällig (zuständig: Anna Schmid)".lower() in breached[0][1].lower()
    entry = Entry.objects.get(case=case, kind="sla_breached")
    assert entry.payload["clock"] == "first_response" and entry.actor is None
    clock = Clock.objects.get(case=case, kind="first_response")
    assert (clock.state, clock.breached_at, clock.stopped_at) == (
        "breached",
        berlin(2026, 11, 23, 10, 31),
        None,
    )


def test_a_clock_found_late_is_breached_without_a_separate_warning(
    advisor: User, backup: User, client_t: Client
) -> None:
    case = open_breakdown(advisor, client_t)
    clocks_due(berlin(2026, 11, 23, 11, 0))
    assert sent("sla_warning") == []
    assert Clock.objects.get(case=case, kind="first_response").state == "breached"


def test_the_update_cadence_running_out_tells_the_owner_the_client_is_due_news(
    advisor: User, backup: User, client_t: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    called: list[Case] = []
    monkeypatch.setattr(
        care_services, "cadence_auto_update", lambda *, case, at=None: called.append(case)
    )
    case = open_breakdown(advisor, client_t)
    clocks_due(berlin(2026, 11, 23, 12, 1))  # the update clock (2 h) ran out at 12:00
    assert [who for who, _ in sent("cadence_due")] == ["anna"]
    assert called == []  # the level does not ask for automatic updates
    ServiceLevel.objects.filter(tier="vip", category="breakdown").update(auto_update=True)
    case_change_status(
        actor=advisor, case=case, status="resolved", at=berlin(2026, 11, 23, 12, 5), outcome=SETTLED
    )
    case_change_status(actor=advisor, case=case, status="open", at=berlin(2026, 11, 23, 12, 10))
    clocks_due(berlin(2026, 11, 23, 14, 11))
    clocks_due(berlin(2026, 11, 23, 14, 12))
    assert called == [case]


def test_a_paused_clock_is_never_breached(advisor: User, client_t: Client) -> None:
    case = open_breakdown(advisor, client_t)
    case_change_status(
        actor=advisor, case=case, status="waiting_client", at=berlin(2026, 11, 23, 10, 5)
    )
    assert clocks_due(berlin(2026, 11, 30, 10, 0)) == 0
    assert not Notification.objects.exists()


def test_a_stopped_clock_is_left_alone(advisor: User, client_t: Client) -> None:
    case = open_breakdown(advisor, client_t)
    case_change_status(
        actor=advisor, case=case, status="resolved", at=berlin(2026, 11, 23, 10, 5), outcome=SETTLED
    )
    assert clocks_due(berlin(2026, 11, 30, 10, 0)) == 0


def test_the_sweep_is_registered_with_the_worker(settings) -> None:
    assert "goodwill.care.sweeps.clocks_due" in settings.GOODWILL_SWEEPS


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_racing_alert_each_person_once(
    advisor: User, backup: User, manager: User, client_t: Client
) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("concurrency is a PostgreSQL concern: SQLite runs one writer at a time")
    cases = [
        case_open(
            actor=advisor,
            client=client_t,
            summary=f"Case {n}",
            category="breakdown",
            opened_at=MONDAY_10,
        )
        for n in range(30)
    ]
    barrier = threading.Barrier(4)
    handled: list[int] = []
    errors: list[BaseException] = []

    def sweep() -> None:
        try:
            barrier.wait()
            handled.append(clocks_due(berlin(2026, 11, 23, 10, 31)))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(handled) == 30  # each first-response clock breached by exactly one worker
    assert Notification.objects.filter(kind="sla_breached").count() == 30 * 2
    assert Entry.objects.filter(kind="sla_breached").count() == 30
    assert Clock.objects.filter(kind="first_response", state="breached").count() == len(cases)


def test_one_clock_that_cannot_be_told_does_not_hold_back_the_others(
    advisor: User,
    backup: User,
    client_t: Client,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from goodwill.care import sweeps

    poisoned = open_breakdown(advisor, client_t)
    healthy = open_breakdown(advisor, client_t)
    real = sweeps.notify

    def notify(**kwargs):  # type: ignore[no-untyped-def]
        if kwargs["case"].pk == poisoned.pk:
            raise RuntimeError("mail server on fire")
        return real(**kwargs)

    monkeypatch.setattr(sweeps, "notify", notify)
    clocks_due(berlin(2026, 11, 23, 10, 31))
    assert Clock.objects.get(case=healthy, kind="first_response").state == "breached"
    assert Clock.objects.get(case=poisoned, kind="first_response").state == "running"
    assert not Entry.objects.filter(case=poisoned, kind="sla_breached").exists()
    assert "retried next round" in caplog.text
    monkeypatch.setattr(sweeps, "notify", real)
    clocks_due(berlin(2026, 11, 23, 10, 32))
    assert Clock.objects.get(case=poisoned, kind="first_response").state == "breached"
    assert Notification.objects.filter(case=poisoned, kind="sla_breached").count() == 1


def test_an_automatic_update_restarts_the_cadence_when_the_level_asks_for_it(
    advisor: User, client_t: Client
) -> None:
    from goodwill.channels.outbox.models import OutboundMessage

    ServiceLevel.objects.filter(tier="vip", category="breakdown").update(auto_update=True)
    case = open_breakdown(advisor, client_t)
    clocks_due(berlin(2026, 11, 23, 12, 1))  # the two-hour update cadence ran out at 12:00
    assert OutboundMessage.objects.filter(case=case).count() == 1
    old, new = Clock.objects.filter(case=case, kind="update").order_by("started_at")
    assert (old.state, old.stopped_at) == ("breached", berlin(2026, 11, 23, 12, 1))
    assert (new.state, new.started_at, new.due_at) == (
        "running",
        berlin(2026, 11, 23, 12, 1),
        berlin(2026, 11, 23, 14, 1),
    )
    clocks_due(berlin(2026, 11, 23, 12, 2))
    assert OutboundMessage.objects.filter(case=case).count() == 1
