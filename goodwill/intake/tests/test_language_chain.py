"""The language a new client is answered in when their words are too few to tell: the detector's
best guess, else their number's country, else their address's, else their site's language; never
a fixed default (a short Dutch message used to be answered in German, the care centre's first)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.channels.phone.services import CallEvent, call_event_receive
from goodwill.clients.models import Client
from goodwill.intake.language import address_country, country_language, language_chain
from goodwill.organisation.models import Site, User


@pytest.fixture(autouse=True)
def _data_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]


def _mail_from(address: str, subject: str, body: str) -> Client:
    inbound = email_ingest(raw=make_mail(sender=address, subject=subject, body=body))
    assert inbound.status == InboundMessage.Status.PROCESSED, inbound.reason
    assert inbound.case is not None
    return inbound.case.client


def test_a_short_dutch_message_is_answered_in_dutch(care_centre: Site, agent: User) -> None:
    assert care_centre.languages[0] == "de"

    # Four words, 17 letters: below the detector's cut-offs, plainly Dutch to its best guess.
    client = _mail_from("sanne@example.com", "", "Mijn auto is kapot")

    assert client.language == "nl"


def test_a_word_that_says_nothing_falls_back_to_the_addresss_country(
    care_centre: Site, agent: User
) -> None:
    client = _mail_from("pierre@exemple.fr", "", "Merci")

    assert client.language == "fr"


def test_an_unknown_caller_is_answered_in_the_language_of_their_numbers_country(
    care_centre: Site, agent: User
) -> None:
    call_id = uuid.uuid4().hex
    call = call_event_receive(
        event=CallEvent(
            provider="test",
            call_id=call_id,
            kind="ended",
            from_number="+31612345678",
            duration_seconds=60,
        ),
        signature=call_id,
    )

    assert call is not None and call.client is not None
    assert call.client.language == "nl"


def test_with_nothing_to_go_on_the_sites_language_is_used() -> None:
    assert language_chain(text="", site_languages=["it", "en"]) == ("it", "site")


def test_a_known_client_keeps_their_language_before_any_guess() -> None:
    assert language_chain(text="ok", known="fr", phone="+31612345678") == ("fr", "known")


@pytest.mark.parametrize(
    ("address", "country"),
    [("a@b.nl", "NL"), ("a@b.co.uk", "GB"), ("a@b.com", ""), ("a@b.eu", ""), ("nonsense", "")],
)
def test_an_addresss_country(address: str, country: str) -> None:
    assert address_country(address) == country


def test_a_countrys_language_is_one_the_brand_speaks() -> None:
    assert country_language("CH") == "de"
    assert country_language("BE", allowed=["fr", "en"]) == "fr"
    assert country_language("PL") is None  # not a brand language
