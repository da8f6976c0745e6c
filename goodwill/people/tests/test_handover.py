"""Stories of an advisor leaving: their whole book moves, nobody is left without an advisor."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from goodwill.care.models import Clock
from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.clients.services import client_create
from goodwill.notifications.models import Notification
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import staff_create, staff_deactivate
from goodwill.people.services import LEAST_BUSY, ROUND_ROBIN, book_handover, book_plan
from goodwill.timeline.models import Entry


def _advisor(site: Site, username: str, first: str) -> User:
    return staff_create(
        username=username,
        password=None,
        first_name=first,
        last_name="Keller",
        role="advisor",
        site=site,
        language="de",
    )


def _client(advisor: User, site: Site, last: str, language: str) -> Client:
    return client_create(
        actor=advisor,
        first_name="Sam",
        last_name=last,
        email=f"{last.lower()}@example.com",
        language=language,
        site=site,
        advisor=advisor,
    )


@pytest.fixture
def layla(advisor: User, munich: Site) -> Client:
    """An Arabic-speaking client of the leaving advisor."""
    return _client(advisor, munich, "Haddad", "ar")


def test_it_hands_the_whole_book_to_one_successor(
    advisor: User, backup: User, manager: User, client_t: Client, layla: Client, case_t: Case
) -> None:
    # Given Anna leaves, with two clients and an open case
    assert Clock.objects.filter(case=case_t).exists()
    clocks_before = set(Clock.objects.filter(case=case_t).values_list("pk", "state"))
    # When the manager hands her book to Jonas with a default note and one note of its own
    result = book_handover(
        actor=manager,
        leaving=advisor,
        assignments={client_t.pk: backup, layla.pk: backup},
        notes={client_t.pk: "Mr Lefèvre prefers calls after 6 pm."},
        default_note="Anna moves to Vienna; her files are up to date.",
    )
    # Then both clients are Jonas's, the case follows with its note, the clocks stay on the case
    assert result.clients_moved == 2
    assert result.cases_moved == 1
    client_t.refresh_from_db()
    layla.refresh_from_db()
    case_t.refresh_from_db()
    assert client_t.advisor == backup and layla.advisor == backup
    assert case_t.owner == backup
    assert set(Clock.objects.filter(case=case_t).values_list("pk", "state")) == clocks_before
    reassigned = Entry.objects.get(case=case_t, kind=Entry.Kind.CASE_REASSIGNED)
    assert reassigned.body == "Mr Lefèvre prefers calls after 6 pm."
    # and each client's timeline carries their note
    entry = Entry.objects.get(
        client=client_t, kind=Entry.Kind.CLIENT_CHANGED, payload__handover=True
    )
    assert entry.body == "Mr Lefèvre prefers calls after 6 pm."
    assert entry.payload["changes"]["advisor"] == ["Anna Schmid", "Jonas Weber"]
    other = Entry.objects.get(client=layla, kind=Entry.Kind.CLIENT_CHANGED, payload__handover=True)
    assert other.body == "Anna moves to Vienna; her files are up to date."
    # and Jonas is told: the case with its note, the clients with theirs
    told = Notification.objects.get(recipient=backup, kind=Notification.Kind.BOOK_HANDED_OVER)
    assert "Mr Lefèvre prefers calls after 6 pm." in told.body
    assert "Anna moves to Vienna" in told.body
    assert Notification.objects.filter(
        recipient=backup, kind=Notification.Kind.CASE_ASSIGNED, case=case_t
    ).exists()


def test_each_client_is_told_in_their_language_once(
    advisor: User, backup: User, manager: User, client_t: Client, layla: Client
) -> None:
    assignments = {client_t.pk: backup, layla.pk: backup}
    book_handover(actor=manager, leaving=advisor, assignments=assignments, default_note="Moving.")
    german = OutboundMessage.objects.get(client=client_t, reason="advisor_changed")
    assert german.language == "de"
    assert german.subject == "Jonas Weber ist ab sofort Ihr Ansprechpartner"
    assert "Anna Schmid hat Ihre Betreuung an Jonas Weber übergeben" in german.body_text
    arabic = OutboundMessage.objects.get(client=layla, reason="advisor_changed")
    assert arabic.language == "ar"
    assert arabic.subject == "Jonas Weber مستشاركم الجديد"
    assert "سلّم Anna Schmid متابعة ملفكم إلى Jonas Weber" in arabic.body_text
    # The note for staff never reaches the client
    assert "Moving." not in german.body_text


def test_a_rerun_changes_nothing(
    advisor: User, backup: User, manager: User, client_t: Client, case_t: Case
) -> None:
    args = {
        "actor": manager,
        "leaving": advisor,
        "assignments": {client_t.pk: backup},
        "default_note": "Handed over.",
    }
    book_handover(**args)
    counts = (
        Entry.objects.count(),
        OutboundMessage.objects.count(),
        Notification.objects.count(),
    )
    again = book_handover(**args)
    assert (again.clients_moved, again.cases_moved, again.clients_told) == (0, 0, 0)
    assert (
        Entry.objects.count(),
        OutboundMessage.objects.count(),
        Notification.objects.count(),
    ) == counts


def test_it_shares_the_book_out_in_turn_and_by_load(
    advisor: User, backup: User, munich: Site, client_t: Client, layla: Client
) -> None:
    lena = _advisor(munich, "lena", "Lena")
    third = _client(advisor, munich, "Novak", "en")
    clients = [client_t, layla, third]
    in_turn = book_plan(leaving=advisor, rule=ROUND_ROBIN, clients=clients)
    assert [in_turn[c.pk] for c in clients] == [backup, lena, backup]
    # Jonas already advises a client of his own: Lena, less busy, takes two
    _client(backup, munich, "Meier", "de")
    by_load = book_plan(leaving=advisor, rule=LEAST_BUSY, clients=clients)
    assert sorted(p.username for p in by_load.values()) == ["jonas", "lena", "lena"]
    assert advisor not in by_load.values()


def test_it_never_hands_a_client_to_someone_of_another_site(
    advisor: User, foreign_dealer: User, manager: User, client_t: Client
) -> None:
    with pytest.raises(ValidationError):
        book_handover(
            actor=manager,
            leaving=advisor,
            assignments={client_t.pk: foreign_dealer},
            default_note="Over to Paris.",
        )
    client_t.refresh_from_db()
    assert client_t.advisor == advisor


def test_a_note_is_required_and_only_managers_hand_over(
    advisor: User, backup: User, manager: User, client_t: Client
) -> None:
    with pytest.raises(ValidationError):
        book_handover(actor=manager, leaving=advisor, assignments={client_t.pk: backup})
    with pytest.raises(PermissionDenied):
        book_handover(
            actor=backup, leaving=advisor, assignments={client_t.pk: backup}, default_note="x"
        )


def test_an_open_case_of_someone_elses_client_goes_to_that_clients_advisor(
    advisor: User, backup: User, manager: User, munich: Site
) -> None:
    jonas_client = _client(backup, munich, "Brandt", "de")
    case = case_open(actor=advisor, client=jonas_client, summary="Key fob", owner=advisor)
    book_handover(actor=manager, leaving=advisor, assignments={}, default_note="Anna left.")
    case.refresh_from_db()
    assert case.owner == backup


def test_the_command_hands_over_and_its_dry_run_changes_nothing(
    advisor: User, backup: User, client_t: Client, case_t: Case, capsys
) -> None:
    call_command("book_handover", "anna", "jonas", "--dry-run")
    assert "1 clients and 1 open cases" in capsys.readouterr().out
    client_t.refresh_from_db()
    assert client_t.advisor == advisor
    assert not OutboundMessage.objects.filter(reason="advisor_changed").exists()
    call_command("book_handover", "anna", "jonas")
    client_t.refresh_from_db()
    case_t.refresh_from_db()
    assert client_t.advisor == backup and case_t.owner == backup
    assert OutboundMessage.objects.filter(client=client_t, reason="advisor_changed").count() == 1
    call_command("book_handover", "anna", "jonas")
    assert OutboundMessage.objects.filter(client=client_t, reason="advisor_changed").count() == 1


def test_deactivating_an_advisor_with_a_book_is_refused_until_it_is_handed_over(
    advisor: User, backup: User, manager: User, client_t: Client
) -> None:
    with pytest.raises(ValidationError):
        staff_deactivate(actor=manager, user=advisor, require_empty_book=True)
    advisor.refresh_from_db()
    assert advisor.is_active
    book_handover(
        actor=manager, leaving=advisor, assignments={client_t.pk: backup}, default_note="Bye."
    )
    staff_deactivate(actor=manager, user=advisor, require_empty_book=True)
    advisor.refresh_from_db()
    assert not advisor.is_active


def test_the_page_proposes_and_confirms_the_handover(
    client, advisor: User, backup: User, manager: User, client_t: Client, case_t: Case
) -> None:
    client.force_login(manager)
    page = client.get(f"/staff/anna/handover/?rule=one&successor={backup.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lefèvre" in html and case_t.reference in html
    assert f'<option value="{backup.pk}" selected>' in html
    response = client.post(
        "/staff/anna/handover/",
        {
            "action": "handover",
            f"successor_{client_t.pk}": backup.pk,
            f"note_{client_t.pk}": "Calls after 6 pm.",
            "default_note": "",
        },
    )
    assert response.status_code == 302
    client_t.refresh_from_db()
    assert client_t.advisor == backup
    response = client.post("/staff/anna/handover/", {"action": "deactivate"})
    assert response.status_code == 302
    advisor.refresh_from_db()
    assert not advisor.is_active


def test_the_page_is_refused_to_an_advisor_and_hidden_from_another_site(
    client, advisor: User, backup: User, foreign_dealer: User
) -> None:
    client.force_login(backup)
    assert client.get("/staff/anna/handover/").status_code == 403
    client.force_login(foreign_dealer)
    assert client.get("/staff/anna/handover/").status_code == 404


def test_the_admins_bulk_deactivation_warns_of_a_book_not_handed_over(
    client, advisor: User, client_t: Client, care_centre: Site
) -> None:
    admin = staff_create(
        username="root",
        password=None,
        first_name="Ada",
        last_name="Admin",
        role="admin",
        site=care_centre,
    )
    client.force_login(admin)
    listing = client.get("/admin/organisation/user/").content.decode()
    assert 'href="/staff/anna/handover/"' in listing
    response = client.post(
        "/admin/organisation/user/",
        {"action": "deactivate_selected", "_selected_action": [advisor.pk]},
        follow=True,
    )
    assert "still advises 1 clients" in response.content.decode()
    assert "/staff/anna/handover/" in response.content.decode()
