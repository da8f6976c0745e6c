"""A case's clocks: started from the tier's service level, met by the first answer, restarted by
every piece of news, paused while we wait on the client, stopped when the case is resolved."""

import datetime as dt
import zoneinfo

import time_machine

from goodwill.care.models import Clock, ServiceLevel
from goodwill.care.services import opening_hours_set
from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_change_status, case_log_call, case_open
from goodwill.clients.models import Client
from goodwill.organisation.models import Site, User

# How the cases these stories close ended (a person closing a case says so).
SETTLED = OutcomeGiven(done="Settled with the client", done_by="Anna Schmid", fixed=True)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
MONDAY_10 = dt.datetime(2026, 11, 23, 10, 0, tzinfo=BERLIN)


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


def clocks(case: Case) -> dict[str, Clock]:
    return {c.kind: c for c in Clock.objects.filter(case=case, stopped_at__isnull=True)}


def open_breakdown(advisor: User, client_t: Client, at: dt.datetime) -> Case:
    return case_open(
        actor=advisor, client=client_t, summary="Flat tyre", category="breakdown", opened_at=at
    )


def test_a_new_case_starts_three_clocks_from_its_tier_and_category(
    advisor: User, client_t: Client
) -> None:
    with time_machine.travel(MONDAY_10, tick=False):
        case = open_breakdown(advisor, client_t, MONDAY_10)
    level = ServiceLevel.objects.get(tier="vip", category="breakdown")
    live = clocks(case)
    assert set(live) == {"first_response", "update", "resolution"}
    first = live["first_response"]
    assert (first.state, first.budget_minutes, first.level) == (
        "running",
        level.first_response_minutes,
        level,
    )
    assert first.due_at == berlin(2026, 11, 23, 10, 30)
    assert first.warn_at == berlin(2026, 11, 23, 10, 24)  # 80 % of 30 minutes
    assert live["resolution"].due_at == berlin(
        2026, 11, 25, 10, 0
    )  # two business days of nine hours


def test_a_category_without_its_own_level_uses_the_tiers(advisor: User, client_t: Client) -> None:
    case = case_open(
        actor=advisor, client=client_t, summary="Invoice", category="billing", opened_at=MONDAY_10
    )
    assert clocks(case)["first_response"].level == ServiceLevel.objects.get(tier="vip", category="")


def test_the_weekend_and_the_sites_holidays_do_not_count(
    advisor: User, client_t: Client, munich: Site
) -> None:
    opening_hours_set(
        actor=None,
        site=munich,
        hours=[(d, dt.time(8), dt.time(18)) for d in range(5)],
        holidays=[(dt.date(2026, 11, 30), "Inventory day")],
    )
    case = open_breakdown(advisor, client_t, berlin(2026, 11, 27, 17, 50))  # a Friday
    # Ten minutes on Friday, twenty on Tuesday morning: Monday is the site's inventory day.
    assert clocks(case)["first_response"].due_at == berlin(2026, 12, 1, 8, 20)


def test_an_outbound_call_meets_the_first_response_and_restarts_the_update_clock(
    advisor: User, client_t: Client
) -> None:
    case = open_breakdown(advisor, client_t, MONDAY_10)
    old_update = clocks(case)["update"]
    case_log_call(
        actor=advisor,
        case=case,
        direction="outbound",
        duration_seconds=120,
        summary="Tow truck on its way",
        at=berlin(2026, 11, 23, 10, 20),
    )
    first = Clock.objects.get(case=case, kind="first_response")
    assert (first.state, first.stopped_at) == ("met", berlin(2026, 11, 23, 10, 20))
    old_update.refresh_from_db()
    assert old_update.state == "met"
    new_update = clocks(case)["update"]
    assert new_update.pk != old_update.pk
    assert (new_update.started_at, new_update.due_at) == (
        berlin(2026, 11, 23, 10, 20),
        berlin(2026, 11, 23, 12, 20),
    )


def test_anything_queued_to_the_client_restarts_the_update_clock(
    advisor: User, client_t: Client
) -> None:
    from goodwill.channels.outbox.services import outbound_queue

    case = open_breakdown(advisor, client_t, MONDAY_10)
    outbound_queue(
        key="test:news",
        purpose="notification",
        to_address="thomas.lefevre@example.com",
        subject="Your car",
        body_text="The tyre arrives tomorrow.",
        client=client_t,
        case=case,
        at=berlin(2026, 11, 23, 11, 0),
    )
    live = clocks(case)
    assert "first_response" not in live
    assert live["update"].due_at == berlin(2026, 11, 23, 13, 0)
    assert Clock.objects.filter(case=case, kind="update").count() == 2


def test_an_inbound_call_does_not_count_as_an_answer(advisor: User, client_t: Client) -> None:
    case = open_breakdown(advisor, client_t, MONDAY_10)
    case_log_call(
        actor=advisor,
        case=case,
        direction="inbound",
        duration_seconds=60,
        summary="Any news?",
        at=berlin(2026, 11, 23, 10, 5),
    )
    assert clocks(case)["first_response"].state == "running"


def test_waiting_on_the_client_pauses_every_clock_and_resuming_keeps_what_was_left(
    advisor: User, client_t: Client
) -> None:
    case = open_breakdown(advisor, client_t, MONDAY_10)
    case_change_status(
        actor=advisor, case=case, status="waiting_client", at=berlin(2026, 11, 23, 10, 10)
    )
    paused = clocks(case)
    assert {c.state for c in paused.values()} == {"paused"}
    assert paused["first_response"].consumed_minutes == 10
    # A whole business day passes while the client looks for their papers: none of it counts.
    case_change_status(actor=advisor, case=case, status="open", at=berlin(2026, 11, 24, 10, 0))
    resumed = clocks(case)
    assert {c.state for c in resumed.values()} == {"running"}
    assert resumed["first_response"].due_at == berlin(2026, 11, 24, 10, 20)
    assert resumed["first_response"].warn_at == berlin(2026, 11, 24, 10, 14)
    assert resumed["resolution"].due_at == berlin(2026, 11, 26, 9, 50)


def test_waiting_on_a_partner_does_not_pause(advisor: User, client_t: Client) -> None:
    case = open_breakdown(advisor, client_t, MONDAY_10)
    case_change_status(
        actor=advisor, case=case, status="waiting_partner", at=berlin(2026, 11, 23, 10, 10)
    )
    assert {c.state for c in clocks(case).values()} == {"running"}


def test_resolving_stops_every_clock_met_or_already_breached(
    advisor: User, client_t: Client
) -> None:
    case = open_breakdown(advisor, client_t, MONDAY_10)
    # Resolved at 11:00: the first response (due 10:30) was never given in time.
    case_change_status(
        actor=advisor, case=case, status="resolved", at=berlin(2026, 11, 23, 11, 0), outcome=SETTLED
    )
    stopped = {c.kind: c for c in Clock.objects.filter(case=case)}
    assert all(c.stopped_at == berlin(2026, 11, 23, 11, 0) for c in stopped.values())
    assert stopped["first_response"].state == "breached"
    assert stopped["update"].state == "met" and stopped["resolution"].state == "met"
    assert clocks(case) == {}


def test_reopening_a_resolved_case_starts_update_and_resolution_again(
    advisor: User, client_t: Client
) -> None:
    case = open_breakdown(advisor, client_t, MONDAY_10)
    case_change_status(
        actor=advisor,
        case=case,
        status="resolved",
        at=berlin(2026, 11, 23, 10, 15),
        outcome=SETTLED,
    )
    case_change_status(actor=advisor, case=case, status="open", at=berlin(2026, 11, 25, 9, 0))
    assert set(clocks(case)) == {"update", "resolution"}
    assert clocks(case)["update"].started_at == berlin(2026, 11, 25, 9, 0)


def test_clocks_count_in_the_owning_sites_hours(
    agent: User, advisor: User, client_t: Client, munich: Site
) -> None:
    # The care centre's agent opens it, but the client (and the case) belong to Munich.
    opening_hours_set(
        actor=None, site=munich, hours=[(d, dt.time(7), dt.time(12)) for d in range(5)]
    )
    case = case_open(
        actor=agent,
        client=client_t,
        summary="Invoice twice",
        category="billing",
        opened_at=berlin(2026, 11, 23, 11, 50),
    )
    # VIP: an hour, ten minutes on Monday and fifty on Tuesday.
    assert clocks(case)["first_response"].due_at == berlin(2026, 11, 24, 7, 50)


def test_imported_open_cases_get_clocks_from_their_history(advisor: User, client_t: Client) -> None:
    from django.core.management import call_command

    from goodwill.care.services import clocks_backfill
    from goodwill.timeline.services import record_call

    case = open_breakdown(advisor, client_t, MONDAY_10)
    Clock.objects.filter(case=case).delete()  # as if imported, before the care engine
    record_call(
        client=client_t,
        case=case,
        actor=advisor,
        direction="outbound",
        duration_seconds=60,
        summary="Tow truck booked",
        at=berlin(2026, 11, 23, 10, 10),
    )
    assert clocks_backfill(now=berlin(2026, 11, 23, 13, 0)) == 1
    first = Clock.objects.get(case=case, kind="first_response")
    assert (first.state, first.stopped_at) == ("met", berlin(2026, 11, 23, 10, 10))
    update = clocks(case)[
        "update"
    ]  # restarted at 10:10, two hours: late at 12:10, before anyone watched
    assert (update.state, update.breached_at) == ("breached", berlin(2026, 11, 23, 12, 10))
    assert clocks(case)["resolution"].state == "running"
    call_command("care_clocks_backfill")  # a second run finds nothing to do
    assert Clock.objects.filter(case=case).count() == 4


def test_a_reply_written_on_the_case_page_meets_the_first_response(
    advisor: User, client_t: Client
) -> None:
    from goodwill.channels.outbox.services import case_write_message

    case = open_breakdown(advisor, client_t, MONDAY_10)
    with time_machine.travel(berlin(2026, 11, 23, 10, 12), tick=False):
        case_write_message(
            actor=advisor, case=case, subject="Your car", body="The tow truck is on its way."
        )
    first = Clock.objects.get(case=case, kind="first_response")
    assert (first.state, first.stopped_at) == ("met", berlin(2026, 11, 23, 10, 12))
    assert clocks(case)["update"].started_at == berlin(2026, 11, 23, 10, 12)
