"""The interface speaks each staff member's language: chosen at login, changed from the top bar."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.utils import translation

from conftest import PASSWORD
from goodwill.cases.models import Case
from goodwill.organisation.models import User
from goodwill.organisation.services import staff_set_language

pytestmark = pytest.mark.django_db

# "My open cases, oldest first" and "My book", as the compiled catalogues say them.
OLDEST_FIRST = {
    "en": "My open cases, oldest first",
    "fr": "Mes dossiers ouverts, les plus anciens d'abord",
    "de": "Meine offenen Vorgänge, älteste zuerst",
    "it": "Le mie pratiche aperte, dalla meno recente",
}
MY_BOOK = {
    "en": "My book",
    "fr": "Mon portefeuille",
    "de": "Mein Kundenstamm",
    "it": "Il mio portafoglio clienti",
}


def _log_in(client: HttpClient, user: User) -> None:
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the login must succeed"


def _speaks(client: HttpClient, language: str) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert OLDEST_FIRST[language] in page
    assert MY_BOOK[language] in page
    assert f'<html lang="{language}">' in page
    assert response.headers["Content-Language"] == language
    for other, text in OLDEST_FIRST.items():
        if other != language:
            assert text not in page


@pytest.mark.parametrize(
    ("persona", "language"),
    [("manager", "fr"), ("backup", "de"), ("agent", "it"), ("advisor", "en")],
)
def test_home_page_speaks_the_staff_members_language(
    client: HttpClient, request: pytest.FixtureRequest, persona: str, language: str
) -> None:
    user: User = request.getfixturevalue(persona)
    assert user.language == language
    _log_in(client, user)
    _speaks(client, language)


def test_switching_language_changes_the_interface_and_is_remembered(
    client: HttpClient, manager: User
) -> None:
    _log_in(client, manager)
    _speaks(client, "fr")

    response = client.post("/language/", {"language": "de", "next": "/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    _speaks(client, "de")
    manager.refresh_from_db()
    assert manager.language == "de"

    client.post("/language/", {"language": "it", "next": "/"})
    _speaks(client, "it")

    # The choice is the person's, not the session's: it holds at the next login.
    client.logout()
    _log_in(client, manager)
    _speaks(client, "it")


def test_an_unsupported_language_changes_nothing(client: HttpClient, backup: User) -> None:
    _log_in(client, backup)
    client.post("/language/", {"language": "xx", "next": "/"})
    _speaks(client, "de")
    backup.refresh_from_db()
    assert backup.language == "de"


@pytest.mark.parametrize(
    ("language", "message", "status"),
    [
        ("fr", "Langue non prise en charge.", "En attente du client"),
        ("de", "Diese Sprache wird nicht unterstützt.", "Wartet auf Kunden"),
        ("it", "Lingua non supportata.", "In attesa del cliente"),
    ],
)
def test_messages_from_services_and_models_are_translated(
    backup: User, language: str, message: str, status: str
) -> None:
    with translation.override(language):
        with pytest.raises(ValidationError) as raised:
            staff_set_language(user=backup, language="xx")
        assert raised.value.message_dict["language"] == [message]
        assert str(Case.Status.WAITING_CLIENT.label) == status


def _po_entries(path: Path) -> dict[tuple[str, str], list[str]]:
    """(msgctxt, msgid) → msgstr(s) of a .po file, header and obsolete entries left out."""
    entries: dict[tuple[str, str], list[str]] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            if line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
            elif " " in line:
                key, _, literal = line.partition(" ")
                fields[key] = ast.literal_eval(literal)
        if fields.get("msgid"):
            key = (fields.get("msgctxt", ""), fields["msgid"])
            entries[key] = [v for k, v in fields.items() if k.startswith("msgstr")]
    return entries


@pytest.mark.parametrize("language", ["fr", "de", "it"])
def test_catalogue_is_complete_and_compiled(language: str) -> None:
    folder = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES"
    entries = _po_entries(folder / "django.po")
    assert len(entries) > 150
    untranslated = [msgid for msgid, msgstrs in entries.items() if not all(msgstrs)]
    assert untranslated == [], "translate these, then run compilemessages"
    assert "fuzzy" not in (folder / "django.po").read_text(encoding="utf-8").split("\nmsgid", 1)[1]
    with (folder / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = [
        (context, msgid)
        for (context, msgid), msgstrs in entries.items()
        if len(msgstrs) == 1
        and (compiled.pgettext(context, msgid) if context else compiled.gettext(msgid))
        != msgstrs[0]
    ]
    assert stale == [], "the .mo is older than the .po: run compilemessages and commit the .mo"
