"""Find anyone from anything they might say, and only the clients one may see."""

import pytest

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.clients.selectors import client_search
from goodwill.organisation.models import User


def refs(hits: list) -> list[str]:
    return [hit.client.ref for hit in hits]


@pytest.mark.parametrize("typed", ["lefevre", "Lefèvre", "LEFE", "thomas lef", "lef thom"])
def test_it_finds_a_name_in_part_without_accents_or_case(
    advisor: User, client_t: Client, typed: str
) -> None:
    hits = client_search(user=advisor, query=typed, country="DE")
    assert refs(hits) == [client_t.ref]
    assert hits[0].matched_kind == "name"


@pytest.mark.parametrize(
    "typed",
    ["+49 171 2345678", "0049 171 2345678", "0171 2345678", "+491712345678", "0171/234 56 78"],
)
def test_it_finds_a_phone_in_any_format(advisor: User, client_t: Client, typed: str) -> None:
    hits = client_search(user=advisor, query=typed, country="DE")
    assert refs(hits) == [client_t.ref]
    assert hits[0].matched_kind == "phone"


def test_it_reads_a_national_number_with_the_sites_country(
    agent: User, care_centre, munich, advisor
) -> None:
    from goodwill.clients.services import client_create

    swiss = client_create(
        actor=agent, last_name="Keller", phone="+41 79 123 45 67", site=munich, country="CH"
    )
    for typed in ["+41 79 123 45 67", "0041791234567", "079 123 45 67"]:
        assert refs(client_search(user=agent, query=typed, country="CH")) == [swiss.ref]


@pytest.mark.parametrize("typed", ["M-AB 1234", "mab1234", "M AB-1234"])
def test_it_finds_a_plate_ignoring_spaces_and_dashes(
    advisor: User, client_t: Client, car, typed: str
) -> None:
    hits = client_search(user=advisor, query=typed, country="DE")
    assert refs(hits) == [client_t.ref]
    assert hits[0].matched_kind == "plate"
    assert hits[0].matched_display == "M-AB 1234"


def test_it_finds_a_vin_whole_or_begun(advisor: User, client_t: Client, car) -> None:
    assert (
        client_search(user=advisor, query="zar12345678901234", country="DE")[0].matched_kind
        == "vin"
    )
    assert refs(client_search(user=advisor, query="ZAR1234567", country="DE")) == [client_t.ref]


def test_it_finds_an_email_and_a_case_reference(
    advisor: User, client_t: Client, case_t: Case
) -> None:
    assert refs(client_search(user=advisor, query="Thomas.Lefevre@Example.com", country="DE")) == [
        client_t.ref
    ]
    hits = client_search(user=advisor, query=case_t.reference.lower(), country="DE")
    assert refs(hits) == [client_t.ref]
    assert hits[0].matched_kind == "case"


def test_a_hit_shows_name_tier_and_advisor(advisor: User, client_t: Client) -> None:
    hit = client_search(user=advisor, query="lefevre", country="DE")[0]
    assert (hit.client.name, hit.client.tier, hit.client.advisor) == (
        "Thomas Lefèvre",
        "vip",
        advisor,
    )


def test_it_never_shows_another_dealers_clients(
    foreign_dealer: User, client_t: Client, car, paris_client
) -> None:
    for typed in ["lefevre", "M-AB 1234", "+49 171 2345678", "thomas.lefevre@example.com"]:
        assert client_search(user=foreign_dealer, query=typed, country="FR") == []
    assert refs(client_search(user=foreign_dealer, query="bernard", country="FR")) == [
        paris_client.ref
    ]


def test_the_care_centre_finds_every_client(
    agent: User, client_t: Client, paris_client: Client
) -> None:
    assert refs(client_search(user=agent, query="lefevre", country="CH")) == [client_t.ref]
    assert refs(client_search(user=agent, query="06 12 34 56 78", country="FR")) == [
        paris_client.ref
    ]


def test_nonsense_finds_nothing_and_does_not_fail(advisor: User, client_t: Client) -> None:
    for typed in ["", "   ", "%", "'; drop table", "@", "+", "x" * 500, "00000000000000000000"]:
        assert client_search(user=advisor, query=typed, country="DE") == []


def test_the_search_page_lists_hits_and_the_live_box_returns_a_fragment(
    client, advisor: User, client_t: Client, car
) -> None:
    client.force_login(advisor)
    page = client.get("/search/", {"q": "mab1234"})
    assert page.status_code == 200
    assert "Thomas Lefèvre" in page.text and "M-AB 1234" in page.text
    fragment = client.get("/search/", {"q": "mab1234"}, headers={"HX-Request": "true"})
    assert "Thomas Lefèvre" in fragment.text and "<html" not in fragment.text


def test_it_ignores_control_characters_pasted_into_the_box(advisor: User, client_t: Client) -> None:
    # A NUL would make PostgreSQL refuse the query; it names nothing anyway.
    hits = client_search(user=advisor, query="lef\x00evre\x07", country="DE")
    assert [hit.client.pk for hit in hits] == [client_t.pk]


def test_each_word_of_a_full_name_matches_a_name_of_its_own(agent: User, munich) -> None:
    """ "William Williams" must not find every Williams (his own last name would answer both
    words) and lose him among them."""
    from goodwill.clients.services import client_create

    william = client_create(actor=agent, first_name="William", last_name="Williams", site=munich)
    others = [
        client_create(actor=agent, first_name=first, last_name="Williams", site=munich)
        for first in ("Amelia", "Andrew", "Charlotte")
    ]
    willa = client_create(actor=agent, first_name="Willa", last_name="Williamson", site=munich)
    assert refs(client_search(user=agent, query="William Williams", country="DE")) == [william.ref]
    # Begun words still find whoever has a name starting with each.
    assert set(refs(client_search(user=agent, query="will williams", country="DE"))) == {
        william.ref,
        willa.ref,
    }
    assert set(refs(client_search(user=agent, query="williams", country="DE"))) == {
        william.ref,
        willa.ref,
        *(c.ref for c in others),
    }
