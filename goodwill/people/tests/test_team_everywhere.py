"""Team-scoped visibility on every staff page and read beyond the client book: a manager whose
team holds Paris and Lyon sees both and not Munich; a Paris manager outside any team sees Paris
only (organisation.access.site_scoped, User.seen_site_ids: the one rule)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.utils import timezone

from goodwill.appointments.selectors import plan_sites
from goodwill.assistance.selectors import partner_directory
from goodwill.assistance.services import partner_save
from goodwill.care.selectors import board
from goodwill.cases.forms import ReassignForm
from goodwill.cases.models import Case
from goodwill.cases.selectors import case_get
from goodwill.cases.services import case_open
from goodwill.channels.phone.selectors import screen_pop
from goodwill.clients.models import Client
from goodwill.clients.services import client_create
from goodwill.insights.filters import filters_from
from goodwill.organisation.models import Site, Team, User
from goodwill.organisation.services import site_create, staff_create, staff_set_team, team_create
from goodwill.promises.selectors import open_promises
from goodwill.promises.services import promise_make
from goodwill.quality.services import cases_in_scope
from goodwill.recalls.models import CampaignVehicle
from goodwill.recalls.selectors import visible_vehicles
from goodwill.recalls.services import campaign_create


@pytest.fixture
def lyon(db: None) -> Site:
    return site_create(
        code="FR-LYO-003", name="Aurelis Lyon", kind="dealer", country="FR", languages=["fr"]
    )


@pytest.fixture
def france(paris: Site, lyon: Site) -> Team:
    return team_create(name="France", sites=[paris, lyon])


@pytest.fixture
def regional(paris: Site, france: Team, manager: User) -> User:
    """Hélène, manager at Paris, in the France team (Paris and Lyon)."""
    person = staff_create(
        username="helene",
        password=None,
        first_name="Hélène",
        last_name="Roux",
        role="manager",
        site=paris,
    )
    staff_set_team(actor=manager, user=person, team=france)
    return User.objects.select_related("site").get(pk=person.pk)


@pytest.fixture
def plain(paris: Site, france: Team) -> User:
    """Paul, manager at Paris, in no team: Paris only, though Paris is in a team."""
    person = staff_create(
        username="paul",
        password=None,
        first_name="Paul",
        last_name="Petit",
        role="manager",
        site=paris,
    )
    return User.objects.select_related("site").get(pk=person.pk)


@pytest.fixture
def clients(paris: Site, lyon: Site, munich: Site) -> dict[str, Client]:
    return {
        "paris": client_create(
            actor=None, last_name="Bernard", phone="+33 6 12 34 56 78", site=paris
        ),
        "lyon": client_create(
            actor=None, last_name="Garnier", phone="+33 6 98 76 54 32", site=lyon
        ),
        "munich": client_create(
            actor=None, last_name="Huber", phone="+49 151 23456789", site=munich
        ),
    }


@pytest.fixture
def cases(clients: dict[str, Client], agent: User) -> dict[str, Case]:
    return {
        name: case_open(actor=agent, client=client, summary="Scratched door")
        for name, client in clients.items()
    }


def test_the_phone_screen_pop_names_the_teams_callers_only(
    regional: User, plain: User, clients: dict[str, Client]
) -> None:
    assert screen_pop(number="+33 6 98 76 54 32", viewer=regional).client == clients["lyon"]
    assert screen_pop(number="+33 6 12 34 56 78", viewer=regional).client == clients["paris"]
    assert screen_pop(number="+49 151 23456789", viewer=regional).client is None
    assert screen_pop(number="+33 6 12 34 56 78", viewer=plain).client == clients["paris"]
    assert screen_pop(number="+33 6 98 76 54 32", viewer=plain).client is None


def test_the_board_counts_the_teams_cases(
    regional: User, plain: User, cases: dict[str, Case]
) -> None:
    assert board(user=regional).total.total == 2
    assert {tally.label for tally in board(user=regional).by_site} == {
        "Aurelis Paris",
        "Aurelis Lyon",
    }
    assert board(user=plain).total.total == 1


def test_quality_reviews_draw_on_the_teams_cases(
    regional: User, plain: User, cases: dict[str, Case]
) -> None:
    assert set(cases_in_scope(regional)) == {cases["paris"], cases["lyon"]}
    assert set(cases_in_scope(plain)) == {cases["paris"]}


def test_a_manager_reads_the_teams_open_promises(
    regional: User, plain: User, cases: dict[str, Case], agent: User
) -> None:
    due = timezone.now() + dt.timedelta(days=3)
    made = {
        name: promise_make(actor=agent, case=case, text="Call back with the quote", due_at=due)
        for name, case in cases.items()
    }
    assert set(open_promises(user=regional)) == {made["paris"], made["lyon"]}
    assert set(open_promises(user=plain)) == {made["paris"]}


def test_the_day_plan_offers_the_teams_sites(
    regional: User, plain: User, paris: Site, lyon: Site, munich: Site
) -> None:
    assert set(plan_sites(user=regional)) == {paris, lyon}
    assert list(plan_sites(user=plain)) == [paris]


def test_insights_hold_a_team_to_its_sites(
    regional: User, plain: User, paris: Site, lyon: Site, munich: Site
) -> None:
    today = dt.date(2026, 6, 1)
    seen = filters_from(params=QueryDict(""), user=regional, today=today).only_site_ids
    assert set(seen or ()) == {paris.pk, lyon.pk}
    asked = filters_from(params=QueryDict(f"site={lyon.code}"), user=regional, today=today)
    assert asked.site == lyon
    with pytest.raises(PermissionDenied):
        filters_from(params=QueryDict(f"site={munich.code}"), user=regional, today=today)
    assert filters_from(params=QueryDict(""), user=plain, today=today).only_site_ids == (paris.pk,)
    with pytest.raises(PermissionDenied):
        filters_from(params=QueryDict(f"site={lyon.code}"), user=plain, today=today)


def test_the_assistance_directory_lists_the_teams_partners(
    regional: User, plain: User, manager: User, paris: Site, lyon: Site, munich: Site
) -> None:
    saved = {
        site.code: partner_save(actor=manager, name=f"Taxi {site.name}", kind="taxi", site=site)
        for site in (paris, lyon, munich)
    }
    brand = partner_save(actor=manager, name="Europe Assist", kind="taxi")
    assert set(partner_directory(user=regional)) == {
        saved[paris.code],
        saved[lyon.code],
        brand,
    }
    assert set(partner_directory(user=plain)) == {saved[paris.code], brand}
    # and a team member keeps the team's sites' partners, not another's
    partner_save(actor=regional, name="Taxi Lyon Gare", kind="taxi", site=lyon)
    with pytest.raises(Exception, match="own site"):
        partner_save(actor=regional, name="Taxi München", kind="taxi", site=munich)


def test_recall_vehicles_of_the_teams_sites(
    regional: User,
    plain: User,
    manager: User,
    clients: dict[str, Client],
    paris: Site,
    lyon: Site,
    munich: Site,
) -> None:
    campaign = campaign_create(
        actor=manager, code="RC-1", title="Brake hose", words={"en": ("Recall", "Brake hose")}
    )
    # Rows as the import leaves them (recalls.services.campaign_import matches them to sites).
    rows = {
        site.code: CampaignVehicle.objects.create(
            campaign=campaign,
            code=f"VIN{line}",
            raw=f"VIN{line}",
            line=line,
            site=site,
            client=clients[name],
            created_at=timezone.now(),
        )
        for line, (name, site) in enumerate(
            (("paris", paris), ("lyon", lyon), ("munich", munich)), start=1
        )
    }
    assert set(visible_vehicles(user=regional)) == {rows[paris.code], rows[lyon.code]}
    assert set(visible_vehicles(user=plain)) == {rows[paris.code]}


def test_a_case_can_be_handed_to_a_team_member_who_sees_its_site(
    regional: User, cases: dict[str, Case], agent: User, lyon: Site, manager: User, france: Team
) -> None:
    lyon_advisor = staff_create(
        username="lucas",
        password=None,
        first_name="Lucas",
        last_name="Morel",
        role="advisor",
        site=lyon,
    )
    paris_case = cases["paris"]
    choices = case_get(user=agent, reference=paris_case.reference, handover=True).handover  # type: ignore[attr-defined]
    # Hélène (Paris, in the team) is offered; Lucas of Lyon, in no team, is not
    assert regional in choices and lyon_advisor not in choices
    staff_set_team(actor=manager, user=lyon_advisor, team=france)
    choices = case_get(user=agent, reference=paris_case.reference, handover=True).handover  # type: ignore[attr-defined]
    assert lyon_advisor in choices and choices.count(lyon_advisor) == 1
    # and the form that checks the choice takes him
    form = ReassignForm(
        data={"new_owner": lyon_advisor.pk, "handoff_note": "Lucas knows the car."},
        case=paris_case,
    )
    assert form.is_valid(), form.errors
    munich_case = cases["munich"]
    form = ReassignForm(
        data={"new_owner": lyon_advisor.pk, "handoff_note": "Lucas knows the car."},
        case=munich_case,
    )
    assert not form.is_valid()


def test_a_dealers_backup_may_be_a_team_member_who_sees_their_site(
    foreign_dealer: User, regional: User, plain: User, lyon: Site
) -> None:
    from goodwill.availability.forms import AwayForm

    lyon_advisor = staff_create(
        username="lea",
        password=None,
        first_name="Léa",
        last_name="Blanc",
        role="advisor",
        site=lyon,
    )

    offered = set(AwayForm(user=foreign_dealer).fields["backup"].queryset)  # type: ignore[attr-defined]

    # Hélène sees Paris through her team, Paul works at Paris; Léa of Lyon sees no Paris client.
    assert {regional, plain} <= offered and lyon_advisor not in offered
    assert len(offered) == len(list(AwayForm(user=foreign_dealer).fields["backup"].queryset))  # type: ignore[attr-defined]
