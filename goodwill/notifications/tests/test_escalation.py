"""Nobody unanswered: a notification about a client that nobody acknowledges walks its site's
chain (advisor → backup → site manager → the care centre's duty agent) until someone takes it in
hand with one click."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.clients.models import Client, Product
from goodwill.notifications.escalation import Step
from goodwill.notifications.models import Notification
from goodwill.notifications.services import (
    escalation_policy_set,
    notification_acknowledge,
    notify,
)
from goodwill.notifications.sweeps import escalations_due
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import staff_create, staff_set_on_duty

T0 = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)  # a Saturday morning


def minutes(n: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=n)


@pytest.fixture
def site_manager(munich: Site) -> User:
    return staff_create(
        username="klaus",
        password=None,
        first_name="Klaus",
        last_name="Bauer",
        role="manager",
        site=munich,
        language="de",
    )


@pytest.fixture
def on_duty(agent: User, manager: User) -> User:
    return staff_set_on_duty(actor=manager, user=agent, on_duty=True)


def chaser(case: Case, recipient: User, key: str = "chaser:t") -> Notification:
    notification = notify(
        recipient=recipient,
        kind=Notification.Kind.CHASER,
        title="Herr Lefèvre has chased 2 times",
        body="Flat tyre, third call.",
        case=case,
        at=T0,
        key=key,
    )
    assert notification is not None
    return notification


def escalations(origin: Notification) -> list[tuple[str, int]]:
    return [
        (n.recipient.username, n.escalation_step or 0)
        for n in origin.escalations.select_related("recipient").order_by("pk")
    ]


def test_it_walks_the_default_chain_when_nobody_acknowledges(
    case_t: Case, advisor: User, backup: User, site_manager: User, on_duty: User
) -> None:
    origin = chaser(case_t, advisor)
    assert origin.escalation_step == 0 and origin.escalate_at == minutes(15)

    assert escalations_due(minutes(14)) == 0
    assert escalations_due(minutes(15)) == 1
    assert escalations(origin) == [("jonas", 1)]
    told = Notification.objects.get(recipient=backup, escalation_of=origin)
    assert told.kind == Notification.Kind.ESCALATED
    # The backup reads their interface language, German.
    assert told.title == (
        "Seit 15 Min. nicht von Anna Schmid bestätigt: Herr Lefèvre has chased 2 times"
    )
    assert told.body == "Flat tyre, third call." and told.case == case_t

    assert escalations_due(minutes(29)) == 0
    assert escalations_due(minutes(30)) == 1
    assert escalations(origin)[-1] == ("klaus", 2)
    assert "Anna Schmid, Jonas Weber" in origin.escalations.get(recipient=site_manager).title

    assert escalations_due(minutes(59)) == 0
    assert escalations_due(minutes(60)) == 1
    assert escalations(origin)[-1] == ("chiara", 3)

    # The end of the chain: nothing more, however long the silence.
    assert escalations_due(minutes(600)) == 0
    origin.refresh_from_db()
    assert origin.escalate_at is None and origin.escalation_step == 3


def test_a_sweep_run_twice_tells_each_step_once(case_t: Case, advisor: User, backup: User) -> None:
    origin = chaser(case_t, advisor)
    assert escalations_due(minutes(16)) == 1
    assert escalations_due(minutes(16)) == 0
    assert escalations(origin) == [("jonas", 1)]


def test_acknowledging_stops_the_chain(
    case_t: Case, advisor: User, backup: User, site_manager: User
) -> None:
    origin = chaser(case_t, advisor)
    assert escalations_due(minutes(15)) == 1
    told = Notification.objects.get(recipient=backup, escalation_of=origin)

    # Jonas, further up the chain, takes it in hand: Anna's notification is acknowledged too.
    assert notification_acknowledge(user=backup, notification_id=told.pk, at=minutes(20))
    origin.refresh_from_db()
    assert origin.acknowledged_by == backup and origin.acknowledged_at == minutes(20)
    assert origin.escalate_at is None

    assert escalations_due(minutes(120)) == 0
    assert escalations(origin) == [("jonas", 1)]

    # A second click changes nothing: the first acknowledgement stays.
    assert notification_acknowledge(user=advisor, notification_id=origin.pk, at=minutes(30))
    origin.refresh_from_db()
    assert origin.acknowledged_by == backup and origin.acknowledged_at == minutes(20)


def test_the_advisor_acknowledging_in_time_tells_nobody(
    case_t: Case, advisor: User, backup: User
) -> None:
    origin = chaser(case_t, advisor)
    notification_acknowledge(user=advisor, notification_id=origin.pk, at=minutes(3))
    assert escalations_due(minutes(90)) == 0
    assert not origin.escalations.exists()


def test_nobody_outside_the_chain_acknowledges(
    case_t: Case, advisor: User, agent: User, foreign_dealer: User
) -> None:
    origin = chaser(case_t, advisor)
    for stranger in (agent, foreign_dealer):
        assert notification_acknowledge(user=stranger, notification_id=origin.pk) is None
    origin.refresh_from_db()
    assert origin.acknowledged_at is None


def test_each_site_sets_its_own_chain_and_times(
    case_t: Case,
    advisor: User,
    backup: User,
    site_manager: User,
    manager: User,
    on_duty: User,
) -> None:
    escalation_policy_set(
        actor=site_manager,
        site=case_t.site,
        steps=[Step("site_manager", 5), Step("duty_agent", 10)],
    )
    origin = chaser(case_t, advisor)
    assert origin.escalate_at == minutes(5)
    assert escalations_due(minutes(5)) == 1
    assert escalations_due(minutes(14)) == 0
    assert escalations_due(minutes(15)) == 1
    assert escalations(origin) == [("klaus", 1), ("chiara", 2)]  # no backup at this site


def test_a_site_without_steps_never_escalates(
    case_t: Case, advisor: User, site_manager: User
) -> None:
    escalation_policy_set(actor=site_manager, site=case_t.site, steps=[])
    origin = chaser(case_t, advisor)
    assert origin.escalation_step == 0 and origin.escalate_at is None  # still acknowledgeable
    assert escalations_due(minutes(600)) == 0


def test_only_the_sites_managers_set_its_chain(
    case_t: Case, advisor: User, foreign_dealer: User, paris: Site
) -> None:
    paris_manager = staff_create(
        username="sophie",
        password=None,
        first_name="Sophie",
        last_name="Laurent",
        role="manager",
        site=paris,
    )
    for actor in (advisor, paris_manager):
        with pytest.raises(PermissionDenied):
            escalation_policy_set(actor=actor, site=case_t.site, steps=[Step("backup", 5)])


def test_a_chain_names_each_person_once(
    case_t: Case, advisor: User, site_manager: User, manager: User
) -> None:
    with pytest.raises(ValidationError):
        escalation_policy_set(
            actor=manager, site=case_t.site, steps=[Step("backup", 5), Step("backup", 10)]
        )


def test_someone_away_is_passed_over_for_whoever_covers(
    case_t: Case, advisor: User, backup: User, site_manager: User, on_duty: User
) -> None:
    # Anna is away: Jonas receives her alert at once, so the backup step has nobody new and the
    # chain's first step tells the site's manager.
    advisor.away_from, advisor.away_until = dt.date(2026, 12, 1), dt.date(2026, 12, 12)
    advisor.save(update_fields=["away_from", "away_until"])
    origin = chaser(case_t, advisor)
    assert origin.recipient == backup and origin.escalate_at == minutes(15)
    assert escalations_due(minutes(15)) == 1
    assert escalations(origin) == [("klaus", 2)]


def test_nobody_on_duty_tells_the_care_centres_managers(
    case_t: Case, advisor: User, backup: User, site_manager: User, manager: User, agent: User
) -> None:
    origin = chaser(case_t, advisor)
    for at in (15, 30, 60):
        escalations_due(minutes(at))
    assert escalations(origin)[-1] == ("margaux", 3)


def test_only_what_matters_for_the_one_who_must_act_escalates(
    case_t: Case, advisor: User, backup: User, manager: User
) -> None:
    # The managers' copy of a chaser alert starts no chain of its own: one event, one chain.
    copy = chaser(case_t, manager, key="chaser:t:manager")
    assert copy.escalation_step is None and copy.escalate_at is None
    # A case assigned is not among the kinds that escalate.
    assigned = notify(
        recipient=advisor, kind="case_assigned", title="Yours", case=case_t, key="a", at=T0
    )
    assert assigned is not None and assigned.escalation_step is None
    # A new case of a top-tier client does (Herr Lefèvre is VIP); of a standard client it does not.
    opened = notify(recipient=advisor, kind="case_opened", title="New", case=case_t, key="v", at=T0)
    assert opened is not None and opened.escalation_step == 0
    case_t.client.tier = "standard"
    standard = notify(
        recipient=advisor, kind="case_opened", title="New", case=case_t, key="o", at=T0
    )
    assert standard is not None and standard.escalation_step is None


def test_the_worker_runs_the_escalation_sweep() -> None:
    assert "goodwill.notifications.sweeps.escalations_due" in settings.GOODWILL_SWEEPS


def test_only_care_centre_staff_take_the_duty(
    advisor: User, manager: User, agent: User, site_manager: User
) -> None:
    with pytest.raises(ValidationError):
        staff_set_on_duty(actor=manager, user=advisor, on_duty=True)
    with pytest.raises(PermissionDenied):
        staff_set_on_duty(actor=site_manager, user=agent, on_duty=True)


def test_one_click_in_the_inbox_acknowledges(
    client, case_t: Case, advisor: User, backup: User, agent: User
) -> None:
    origin = chaser(case_t, advisor)
    escalations_due(minutes(15))
    told = Notification.objects.get(recipient=backup, escalation_of=origin)

    client.force_login(backup)
    page = client.get("/notifications/").text
    assert "Seit 15 Min. nicht von Anna Schmid bestätigt" in page
    assert f'action="/notifications/{told.pk}/acknowledge/"' in page
    assert client.get(f"/notifications/{told.pk}/acknowledge/").status_code == 405

    response = client.post(f"/notifications/{told.pk}/acknowledge/")
    assert response.status_code == 302 and response.url == "/notifications/"
    origin.refresh_from_db()
    assert origin.acknowledged_by == backup
    page = client.get("/notifications/").text
    assert "Acknowledged by Jonas Weber" in page
    assert f'action="/notifications/{told.pk}/acknowledge/"' not in page
    assert client.post(f"/notifications/{told.pk}/acknowledge/").status_code == 302  # idempotent

    client.force_login(agent)  # not in the chain
    assert client.post(f"/notifications/{origin.pk}/acknowledge/").status_code == 404


def test_the_acknowledge_button_needs_the_csrf_token(case_t: Case, advisor: User) -> None:
    from django.test import Client as Browser

    origin = chaser(case_t, advisor)
    browser = Browser(enforce_csrf_checks=True)
    browser.force_login(advisor)
    assert browser.post(f"/notifications/{origin.pk}/acknowledge/").status_code == 403
    origin.refresh_from_db()
    assert origin.acknowledged_at is None


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_racing_tell_each_step_once(
    advisor: User, backup: User, client_t: Client, car: Product
) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("concurrency is a PostgreSQL concern: SQLite runs one writer at a time")
    case = case_open(actor=advisor, client=client_t, summary="Flat tyre", category="breakdown")
    origins = [chaser(case, advisor, key=f"chaser:race:{n}") for n in range(20)]
    barrier = threading.Barrier(4)
    handled: list[int] = []
    errors: list[BaseException] = []

    def sweep() -> None:
        try:
            barrier.wait()
            handled.append(escalations_due(minutes(15)))
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
    assert sum(handled) == len(origins)  # each chain moved on by exactly one worker
    assert Notification.objects.filter(kind="escalated", recipient=backup).count() == len(origins)


def test_one_chain_that_cannot_be_told_does_not_hold_back_the_others(
    case_t: Case,
    advisor: User,
    backup: User,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from goodwill.notifications import sweeps

    poisoned, healthy = chaser(case_t, advisor, key="p"), chaser(case_t, advisor, key="h")
    real = sweeps.notify

    def notify(**kwargs):  # type: ignore[no-untyped-def]
        if kwargs["escalation_of"].pk == poisoned.pk:
            raise RuntimeError("mail server on fire")
        return real(**kwargs)

    monkeypatch.setattr(sweeps, "notify", notify)
    assert escalations_due(minutes(15)) == 1
    assert "retried next run" in caplog.text
    poisoned.refresh_from_db()
    assert poisoned.escalation_step == 0 and not poisoned.escalations.exists()
    assert healthy.escalations.count() == 1
    monkeypatch.setattr(sweeps, "notify", real)
    assert escalations_due(minutes(16)) == 1
    assert poisoned.escalations.count() == 1
