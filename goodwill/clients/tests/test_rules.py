"""The client book's pure rules (clients.rules), which the services and the import share: no
database needed to ask them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from goodwill.clients import normalize, rules

SINCE = dt.datetime(2024, 5, 2, 10, 0, tzinfo=dt.UTC)


def test_a_national_number_is_read_with_the_clients_country_else_their_sites() -> None:
    country = rules.contact_country(client_country="", site_country="DE")

    phone = rules.contact_normalized(kind="phone", value=" 0171 2345678 ", country=country)

    assert phone == rules.Contact("phone", "+49 171 2345678", "+491712345678")
    assert rules.contact_country(client_country="CH", site_country="DE") == "CH"


def test_an_address_keeps_its_spelling_and_compares_in_lower_case() -> None:
    email = rules.contact_normalized(kind="email", value=" Anna.Schmid@Example.com", country="")

    assert email == rules.Contact("email", "Anna.Schmid@Example.com", "anna.schmid@example.com")


def test_it_refuses_what_is_no_address_or_number() -> None:
    with pytest.raises(ValidationError):
        rules.contact_normalized(kind="email", value="anna at example", country="")
    with pytest.raises(ValidationError):
        rules.contact_normalized(kind="phone", value="not a number", country="DE")


def test_a_client_is_found_by_name_words_reference_and_contact_points() -> None:
    email = rules.contact_normalized(kind="email", value="T.Lefevre@example.com", country="")

    found = rules.client_identifiers(
        first_name="Jean-Luc", last_name="Lefèvre", ref="CL-0000042", contacts=[email]
    )

    assert found == [
        ("name", "jean", "Jean-Luc Lefèvre"),
        ("name", "luc", "Jean-Luc Lefèvre"),
        ("name", "lefevre", "Jean-Luc Lefèvre"),
        ("client", "CL0000042", "CL-0000042"),
        ("email", "t.lefevre@example.com", "T.Lefevre@example.com"),
    ]


def test_a_product_is_found_by_the_codes_it_has() -> None:
    serial, vin, plate = rules.product_codes(serial=" W123 ", vin="zar1", plate=" m-ab 1234")

    assert (serial, vin, plate) == ("W123", "ZAR1", "M-AB 1234")
    assert rules.product_identifiers(plate=plate, vin="", serial="") == [
        ("plate", "MAB1234", "M-AB 1234")
    ]
    assert rules.case_identifiers(reference="GW-2026-000000001") == [
        ("case", "GW2026000000001", "GW-2026-000000001")
    ]


def test_a_tier_above_standard_stays_only_when_a_person_chose_it() -> None:
    chosen = rules.client_start(tier="vip", chosen_by_person=True, client_since=SINCE)
    loaded = rules.client_start(tier="vip", chosen_by_person=False, client_since=SINCE)
    plain = rules.client_start(tier="", chosen_by_person=True, client_since=SINCE)

    assert (chosen.tier, chosen.tier_set_by_hand) == ("vip", True)
    assert (loaded.tier, loaded.tier_set_by_hand) == ("vip", False)
    assert (plain.tier, plain.tier_set_by_hand) == ("standard", False)
    assert chosen.verified and chosen.last_activity_at == SINCE


def test_a_sender_is_recorded_as_their_address_reads_on_file() -> None:
    assert rules.sender_address(" Anna.Schmid@Example.com") == "anna.schmid@example.com"
    assert rules.sender_address("MAILER-DAEMON") == "MAILER-DAEMON"
    assert rules.sender_address("") == ""


# Phone-like text: digits and the punctuation people type, an extension now and then.
dialled = st.text(st.sampled_from("0123456789+ -()./x"), min_size=1, max_size=24) | st.sampled_from(
    ["+41 79 123 45 67 ext. 12", "0039 06 1234 5678", "06 1234 5678", "tel:+41791234567"]
)


@given(raw=dialled, country=st.sampled_from(["CH", "DE", "FR", "IT", "GB", "US", "NL", ""]))
def test_a_number_read_once_reads_as_one_read_twice(raw: str, country: str) -> None:
    """phone_read parses once what phone_e164 then phone_display parse twice: same answer."""
    try:
        e164 = normalize.phone_e164(raw, country)
    except ValidationError:
        with pytest.raises(ValidationError):
            normalize.phone_read(raw, country)
        return
    assert normalize.phone_read(raw, country) == (e164, normalize.phone_display(e164))


@pytest.mark.parametrize(
    ("name", "given", "family"),
    [
        ("Pieter de Vries", "Pieter", "de Vries"),
        ("Ludwig van der Berg", "Ludwig", "van der Berg"),
        ("Anna Maria dos Santos", "Anna Maria", "dos Santos"),
        ("Hans-Peter von Goethe", "Hans-Peter", "von Goethe"),
        ("Denise Lefèvre", "Denise", "Lefèvre"),
        ("de Vries", "", "de Vries"),
        ("Van Morrison", "Van", "Morrison"),
        ("Cher", "", "Cher"),
        ("", "", ""),
    ],
)
def test_a_family_name_keeps_its_particles(name: str, given: str, family: str) -> None:
    assert rules.name_split(name) == (given, family)


def test_dutch_writes_the_particle_with_a_capital_when_no_given_name_comes_first() -> None:
    from goodwill.clients.models import Client

    dutch = Client(first_name="Pieter", last_name="de Vries", title="heer", language="nl")
    german = Client(first_name="Ada", last_name="von Berg", title="Frau", language="de")

    assert dutch.greeting_name == "heer De Vries"
    assert german.greeting_name == "Frau von Berg"
