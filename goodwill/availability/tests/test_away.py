"""Away and backup: while Anna is on leave Jonas looks after her clients, the clients know it,
and the day she is back her cases come back to her with a note."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from goodwill.availability.models import StandIn
from goodwill.availability.sweeps import stand_ins_due
from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_client_contacted, case_open
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.clients.services import client_create
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import staff_set_away
from goodwill.timeline.models import Entry

# How the cases these stories close ended (a person closing a case says so).
SETTLED = OutcomeGiven(done="Settled with the client", done_by="Anna Schmid", fixed=True)

MONDAY = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)  # 10:00 in Munich


@pytest.fixture
def on_leave(advisor: User, backup: User):
    """Anna is away Monday 1 to Friday 5 June; Jonas covers."""
    with time_machine.travel(MONDAY, tick=False) as traveller:
        staff_set_away(
            actor=advisor,
            user=advisor,
            away_from=dt.date(2026, 6, 1),
            away_until=dt.date(2026, 6, 5),
            backup=backup,
        )
        advisor.refresh_from_db()
        yield traveller


def test_it_refuses_an_absence_without_backup_or_with_bad_dates(
    advisor: User, backup: User, manager: User, munich: Site
) -> None:
    loner = User.objects.create(username="solo", role="advisor", site=munich)
    with pytest.raises(ValidationError) as error:
        staff_set_away(
            actor=loner,
            user=loner,
            away_from=dt.date(2026, 6, 1),
            away_until=dt.date(2026, 6, 5),
            today=dt.date(2026, 5, 1),
        )
    assert "backup" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        staff_set_away(
            actor=advisor,
            user=advisor,
            away_from=dt.date(2026, 6, 5),
            away_until=dt.date(2026, 6, 1),
            today=dt.date(2026, 5, 1),
        )
    assert "away_until" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        staff_set_away(
            actor=advisor,
            user=advisor,
            away_from=dt.date(2026, 6, 1),
            away_until=dt.date(2026, 6, 5),
            backup=advisor,
            today=dt.date(2026, 5, 1),
        )
    assert "backup" in error.value.message_dict


def test_only_the_person_or_a_manager_sets_an_absence(
    advisor: User, backup: User, manager: User
) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        staff_set_away(
            actor=backup,
            user=advisor,
            away_from=dt.date(2099, 6, 1),
            away_until=dt.date(2099, 6, 5),
        )
    staff_set_away(
        actor=manager, user=advisor, away_from=dt.date(2099, 6, 1), away_until=dt.date(2099, 6, 5)
    )
    assert advisor.away_until == dt.date(2099, 6, 5)


def test_a_new_case_while_away_is_owned_by_the_backup_and_the_client_told_once(
    on_leave, agent: User, advisor: User, backup: User, client_t: Client, car
) -> None:
    case = case_open(
        actor=agent,
        client=client_t,
        product=car,
        summary="Flat tyre on holiday",
        category="breakdown",
    )
    assert case.owner == backup
    # Anna (advisor and seller) is away and Jonas owns the case: he is told once, she is not
    # disturbed.
    told = Notification.objects.filter(case=case, kind="case_opened")
    assert [(n.recipient, n.intended_for) for n in told] == [(backup, advisor)]
    assert StandIn.objects.filter(
        case=case, absent=advisor, backup=backup, returned_at__isnull=True
    ).exists()
    letter = OutboundMessage.objects.get(key__startswith=f"backup_cover:{client_t.pk}:")
    # Mr T is German: he is told in German, by name, who looks after him.
    assert (
        letter.language == "de"
        and "Jonas Weber" in letter.subject
        and "Anna Schmid" in letter.subject
    )
    assert letter.to_address == "thomas.lefevre@example.com"
    assert "Herr Lefèvre" in letter.body_text

    second = case_open(
        actor=agent, client=client_t, summary="And the hotel bill", category="billing"
    )
    case_client_contacted(case=second, channel="email")
    assert OutboundMessage.objects.filter(key__startswith="backup_cover:").count() == 1


def test_alerts_meant_for_someone_away_reach_the_backup(
    on_leave, advisor: User, backup: User, case_t: Case
) -> None:
    sent = notify(
        recipient=advisor, kind="chaser", title="Mr T chased", key="away-alert", case=case_t
    )
    assert sent is not None and sent.recipient == backup and sent.intended_for == advisor


def test_the_client_writing_during_the_absence_is_told_who_covers(
    advisor: User, backup: User, case_t: Case
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        staff_set_away(
            actor=advisor,
            user=advisor,
            away_from=dt.date(2026, 6, 1),
            away_until=dt.date(2026, 6, 5),
        )
        case_t.client.advisor.refresh_from_db()
        case_client_contacted(case=case_t, channel="email")
    letter = OutboundMessage.objects.get(key__startswith="backup_cover:")
    assert letter.case == case_t and "Jonas Weber" in letter.body_text


def test_the_owner_gets_the_cases_back_the_day_after_the_absence(
    on_leave, agent: User, advisor: User, backup: User, client_t: Client, case_t: Case
) -> None:
    covered = case_open(
        actor=agent, client=client_t, summary="Flat tyre on holiday", category="breakdown"
    )
    assert (
        covered.owner == backup and case_t.owner == advisor
    )  # opened before the leave: stays Anna's

    assert (
        stand_ins_due(dt.datetime(2026, 6, 5, 21, 59, tzinfo=dt.UTC)) == 0
    )  # Friday 23:59 in Munich
    back = dt.datetime(2026, 6, 5, 22, 0, tzinfo=dt.UTC)  # Saturday 00:00 in Munich
    assert stand_ins_due(back) == 1
    assert stand_ins_due(back) == 0
    covered.refresh_from_db()
    assert covered.owner == advisor
    handoff = Entry.objects.get(case=covered, kind="case_reassigned")
    assert "Back from leave" in handoff.body and "Jonas Weber" in handoff.body
    assert Notification.objects.filter(
        recipient=advisor, case=covered, kind="case_assigned"
    ).exists()


def test_a_case_the_backup_closed_or_handed_on_stays_where_it_is(
    on_leave, agent: User, advisor: User, backup: User, manager: User, client_t: Client
) -> None:
    from goodwill.cases.services import case_change_status

    covered = case_open(actor=agent, client=client_t, summary="Question", category="information")
    case_change_status(actor=backup, case=covered, status="resolved", outcome=SETTLED)
    staff_set_away(actor=advisor, user=advisor, away_from=None, away_until=None)  # back early
    assert stand_ins_due(MONDAY + dt.timedelta(minutes=1)) == 1
    covered.refresh_from_db()
    assert (
        covered.owner == backup
        and not Entry.objects.filter(case=covered, kind="case_reassigned").exists()
    )


def test_no_cover_letter_for_a_client_without_email(
    on_leave, agent: User, advisor: User, backup: User, munich: Site
) -> None:
    phone_only = client_create(
        actor=agent, last_name="Phoneonly", phone="+49 171 9999999", site=munich, advisor=advisor
    )
    case = case_open(actor=agent, client=phone_only, summary="Question")
    assert case.owner == backup
    assert not OutboundMessage.objects.filter(key__startswith="backup_cover:").exists()


def test_the_availability_page_and_the_away_note(
    client, on_leave, advisor: User, backup: User, client_t: Client
) -> None:
    client.force_login(advisor)
    page = client.get("/me/availability/").text
    assert "away until" in page and "Jonas Weber" in page
    assert client.post("/me/availability/", {"back": "1"}).status_code == 302
    advisor.refresh_from_db()
    assert advisor.away_from is None
    response = client.post(
        "/me/availability/",
        {"away_from": "2026-07-01", "away_until": "2026-07-10", "backup": backup.pk},
    )
    assert response.status_code == 302
    advisor.refresh_from_db()
    assert advisor.away_until == dt.date(2026, 7, 10)
    on_leave.move_to(dt.datetime(2026, 7, 2, 8, 0, tzinfo=dt.UTC))
    client.force_login(backup)
    page = client.get(f"/clients/{client_t.ref}/").text
    assert "away until" in page and "backup: Jonas Weber" in page


def test_a_case_someone_chose_to_own_is_not_a_stand_in(
    on_leave, agent: User, client_t: Client
) -> None:
    case = case_open(actor=agent, client=client_t, summary="Question", owner=agent)
    assert case.owner == agent and not StandIn.objects.exists()


def test_a_case_held_for_someone_whose_book_was_handed_over_goes_to_the_successor(
    on_leave, agent: User, advisor: User, backup: User, manager: User, client_t: Client
) -> None:
    from goodwill.organisation.services import staff_create
    from goodwill.people.services import book_handover

    covered = case_open(actor=agent, client=client_t, summary="Question", category="information")
    assert covered.owner == backup
    lena = staff_create(
        username="lena",
        password=None,
        first_name="Lena",
        last_name="Keller",
        role="advisor",
        site=advisor.site,
    )
    # Anna moves on while away: her book goes to Lena
    book_handover(
        actor=manager, leaving=advisor, assignments={client_t.pk: lena}, default_note="Moved."
    )
    assert stand_ins_due(dt.datetime(2026, 6, 5, 22, 0, tzinfo=dt.UTC)) == 1
    covered.refresh_from_db()
    assert covered.owner == lena
    handoff = Entry.objects.filter(case=covered, kind="case_reassigned").latest("at")
    assert "Jonas Weber" in handoff.body and "Anna Schmid" in handoff.body
