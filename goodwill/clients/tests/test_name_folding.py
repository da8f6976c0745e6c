"""Names are found whatever alphabet they were written in and however they are typed: letters
folded to plain ASCII the way the person's passport would spell them."""

import importlib

import pytest
from django.apps import apps

from goodwill.clients.models import Identifier
from goodwill.clients.normalize import folded, name_tokens
from goodwill.clients.selectors import client_search
from goodwill.clients.services import client_create
from goodwill.organisation.models import Site, User


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Lefèvre", "lefevre"),
        ("Müller", "muller"),
        ("Øster", "oster"),
        ("Ægir", "aegir"),
        ("Straße", "strasse"),
        ("Łukasz Wałęsa", "lukasz walesa"),
        ("Þórdís", "thordis"),
        ("Çelik Şahin", "celik sahin"),
        ("Nguyễn", "nguyen"),
        # Greek as on a Greek passport (ELOT 743): ου, αυ/ευ, γγ are one sound each.
        ("Σωκράτης", "sokratis"),
        ("Παπαδόπουλος", "papadopoulos"),
        ("ΠΑΠΑΔΟΠΟΥΛΟΥ", "papadopoulou"),
        ("Ευάγγελος", "evangelos"),
        ("Ευθύμιος", "efthymios"),
        ("Ταΰγετος", "taygetos"),
        # Cyrillic, Russian and Ukrainian
        ("Дмитрий Шостакович", "dmitriy shostakovich"),
        ("Юлия Ёлкина", "yuliya elkina"),
        ("Олександр Щербак", "oleksandr shcherbak"),
    ],
)
def test_it_folds_names_as_they_are_spelt_in_latin_letters(written: str, typed: str) -> None:
    assert folded(written) == typed


def test_it_leaves_plain_ascii_as_it_is_but_lower_case() -> None:
    assert folded("O'Brien-Smith 3rd") == "o'brien-smith 3rd"
    assert name_tokens("Jean-Luc", "O’Brien") == ["jean", "luc", "obrien"]


@pytest.mark.parametrize(
    "typed", ["Papadopoulos", "papadop", "Παπαδόπουλος", "ΠΑΠΑΔΟΠΟΥΛΟΣ", "eleni papa"]
)
def test_it_finds_a_client_written_in_greek_from_latin_letters(
    agent: User,
    munich: Site,
    typed: str,
) -> None:
    eleni = client_create(actor=agent, first_name="Ελένη", last_name="Παπαδόπουλος", site=munich)
    assert [hit.client for hit in client_search(user=agent, query=typed, country="DE")] == [eleni]


def test_it_rebuilds_names_indexed_with_the_old_folding(agent: User, munich: Site) -> None:
    # Given clients indexed before anyascii, when Unidecode wrote "sokrates" and "iuliia"
    sokratis = client_create(actor=agent, last_name="Σωκράτης", site=munich)
    yuliya = client_create(actor=agent, first_name="Юлия", last_name="Smith", site=munich)
    Identifier.objects.filter(client=sokratis, kind="name").update(value="sokrates")
    Identifier.objects.filter(client=yuliya, kind="name", value="yuliya").update(value="iuliia")
    assert client_search(user=agent, query="Σωκράτης", country="DE") == []
    # When the migration runs
    migration = importlib.import_module("goodwill.clients.migrations.0004_refold_names")
    migration.refold_names(apps, None)
    # Then both are found again, by the new folding only, with their names shown as before
    found = [h.client for h in client_search(user=agent, query="Σωκράτης", country="DE")]
    assert found == [sokratis]
    found = [h.client for h in client_search(user=agent, query="Юлия", country="DE")]
    assert found == [yuliya]
    assert sorted(Identifier.objects.filter(kind="name").values_list("value", "display")) == [
        ("smith", "Юлия Smith"),
        ("sokratis", "Σωκράτης"),
        ("yuliya", "Юлия Smith"),
    ]
