"""A team (a region, a group of dealers): its members see the clients of all its sites, and
nothing else changes for anyone outside a team."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.clients.models import Client
from goodwill.clients.selectors import client_search, visible_clients
from goodwill.clients.services import client_create, client_update, ensure_visible
from goodwill.organisation.access import OtherSite
from goodwill.organisation.models import Site, Team, User
from goodwill.organisation.services import site_create, staff_set_team, team_create


@pytest.fixture
def lyon(db: None) -> Site:
    return site_create(
        code="FR-LYO-003", name="Aurelis Lyon", kind="dealer", country="FR", languages=["fr"]
    )


@pytest.fixture
def france(paris: Site, lyon: Site) -> Team:
    return team_create(name="France", sites=[paris, lyon])


@pytest.fixture
def lyon_client(lyon: Site) -> Client:
    return client_create(
        actor=None, first_name="Lucie", last_name="Garnier", language="fr", site=lyon
    )


@pytest.fixture
def regional(foreign_dealer: User, france: Team, manager: User) -> User:
    """Pierre of Paris, now in the France team."""
    staff_set_team(actor=manager, user=foreign_dealer, team=france)
    return User.objects.select_related("site").get(pk=foreign_dealer.pk)


def test_a_team_member_sees_the_clients_of_the_teams_sites(
    regional: User, paris_client: Client, lyon_client: Client, client_t: Client
) -> None:
    seen = set(visible_clients(user=regional))
    assert seen == {paris_client, lyon_client}
    ensure_visible(actor=regional, client=lyon_client)
    with pytest.raises(OtherSite):
        ensure_visible(actor=regional, client=client_t)


def test_a_team_member_finds_them_by_search_and_not_others(
    regional: User, lyon_client: Client, client_t: Client
) -> None:
    assert [hit.client for hit in client_search(user=regional, query="garnier", country="FR")] == [
        lyon_client
    ]
    assert client_search(user=regional, query="lefevre", country="FR") == []


def test_a_team_member_opens_the_teams_client_and_case_pages_and_api(
    client, regional: User, lyon_client: Client, case_t: Case, lyon: Site
) -> None:
    lyon_case = case_open(actor=regional, client=lyon_client, summary="Scratched door")
    client.force_login(regional)
    assert client.get(f"/clients/{lyon_client.ref}/").status_code == 200
    assert client.get(f"/cases/{lyon_case.reference}/").status_code == 200
    assert client.get(f"/api/clients/{lyon_client.ref}").status_code == 200
    assert "Garnier" in client.get("/search/", {"q": "garnier"}).content.decode()
    # and another site, outside the team, stays a 404 everywhere
    assert client.get(f"/clients/{case_t.client.ref}/").status_code == 404
    assert client.get(f"/cases/{case_t.reference}/").status_code == 404
    assert client.get(f"/api/clients/{case_t.client.ref}").status_code == 404


def test_a_dealer_without_a_team_sees_only_their_site_as_before(
    client, foreign_dealer: User, france: Team, paris_client: Client, lyon_client: Client
) -> None:
    # The Paris site is in a team, but Pierre is not: he still sees Paris only
    assert foreign_dealer.seen_site_ids == [foreign_dealer.site_id]
    assert set(visible_clients(user=foreign_dealer)) == {paris_client}
    client.force_login(foreign_dealer)
    assert client.get(f"/clients/{lyon_client.ref}/").status_code == 404
    assert client.get(f"/api/clients/{lyon_client.ref}").status_code == 404


def test_brand_wide_staff_are_unchanged(agent: User, lyon_client: Client, client_t: Client) -> None:
    assert agent.seen_site_ids is None
    assert {lyon_client, client_t} <= set(visible_clients(user=agent))


def test_a_team_members_book_can_span_the_team_and_only_brand_managers_set_teams(
    regional: User, lyon_client: Client, backup: User, france: Team
) -> None:
    # Nobody may advise a client they cannot see, and a team member can
    client_update(actor=regional, client=lyon_client, advisor=regional)
    assert lyon_client.advisor == regional
    with pytest.raises(PermissionDenied):
        staff_set_team(actor=backup, user=backup, team=france)
