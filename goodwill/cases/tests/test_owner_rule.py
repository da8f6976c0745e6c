"""Who may own a case (cases.rules.case_owner), the one rule owner_for and the import share."""

from __future__ import annotations

import dataclasses

from goodwill.cases.rules import case_owner

MUNICH, PARIS, CARE_CENTRE = 1, 2, 3


@dataclasses.dataclass(frozen=True)
class Staff:
    pk: int
    site_id: int | None
    is_active: bool = True
    sees_all_clients: bool = False
    backup_id: int | None = None
    # The sites of their team (organisation.Team): none unless a story says so.
    team_site_ids: frozenset[int] = frozenset()


ANNA = Staff(pk=10, site_id=MUNICH)
JONAS = Staff(pk=11, site_id=MUNICH)
PIERRE = Staff(pk=20, site_id=PARIS)
CHIARA = Staff(pk=30, site_id=CARE_CENTRE, sees_all_clients=True)


def test_a_colleague_of_the_clients_site_keeps_the_case() -> None:
    assert case_owner(proposed=JONAS, advisor=ANNA, site_id=MUNICH) is JONAS


def test_the_care_centre_serves_every_site() -> None:
    assert case_owner(proposed=CHIARA, advisor=ANNA, site_id=MUNICH) is CHIARA


def test_an_owner_at_another_dealer_gives_the_case_to_the_clients_advisor() -> None:
    assert case_owner(proposed=PIERRE, advisor=ANNA, site_id=MUNICH) is ANNA


def test_someone_who_left_gives_the_case_to_the_clients_advisor() -> None:
    gone = dataclasses.replace(JONAS, is_active=False)

    assert case_owner(proposed=gone, advisor=ANNA, site_id=MUNICH) is ANNA


def test_nobody_owns_it_when_neither_may() -> None:
    assert case_owner(proposed=PIERRE, advisor=None, site_id=MUNICH) is None


def test_a_member_of_a_team_with_the_clients_site_may_own_it() -> None:
    regional = dataclasses.replace(PIERRE, team_site_ids=frozenset({PARIS, MUNICH}))

    assert case_owner(proposed=regional, advisor=ANNA, site_id=MUNICH) is regional
