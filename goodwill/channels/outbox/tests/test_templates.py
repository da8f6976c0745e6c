"""Message templates: the client's language, English when it is missing, plain text."""

from __future__ import annotations

import pytest

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import MessageTemplate
from goodwill.channels.outbox.templates import TemplateMissing, case_context, render_message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "will handle it"),
        ("fr", "s'en occupe"),
        ("de", "kümmert sich"),
        ("it", "se ne occuperà"),
    ],
)
def test_it_renders_the_acknowledgement_in_each_seeded_language(language: str, words: str) -> None:
    subject, body = render_message(
        name="acknowledgement",
        language=language,
        context={
            "greeting_name": "Mr Rossi",
            "advisor": "Anna Schmid",
            "reference": "GW-2026-000000042",
            "brand": "Aurelis",
        },
    )
    assert "GW-2026-000000042" in subject
    assert "Mr Rossi" in body
    assert f"Anna Schmid {words}" in body


@pytest.mark.django_db
def test_it_falls_back_to_english_for_a_language_without_template() -> None:
    _subject, body = render_message(
        name="reply",
        language="pl",
        context={"greeting_name": "Mr Nowak", "message": "Your car is ready."},
    )
    assert body.startswith("Dear Mr Nowak,")
    assert "Your car is ready." in body


@pytest.mark.django_db
def test_it_uses_what_a_manager_wrote_over_the_default() -> None:
    MessageTemplate.objects.filter(name="reply", language="it").update(
        subject="Re {{ reference }}", body="Caro {{ greeting_name }}"
    )
    assert render_message(
        name="reply", language="it", context={"greeting_name": "Marco", "reference": "X"}
    ) == ("Re X", "Caro Marco\n")


@pytest.mark.django_db
def test_it_does_not_escape_plain_text_and_keeps_subjects_on_one_line() -> None:
    MessageTemplate.objects.filter(name="case_update", language="en").update(
        subject="{{ client_name }}\n{{ case_summary }}", body="{{ update }}"
    )
    subject, body = render_message(
        name="case_update",
        language="en",
        context={"client_name": "Tom & Jerry", "case_summary": "<ok>", "update": '5 < 6 & "q"'},
    )
    assert subject == "Tom & Jerry <ok>"
    assert body == '5 < 6 & "q"\n'


@pytest.mark.django_db
def test_it_still_has_words_when_the_templates_table_was_emptied() -> None:
    MessageTemplate.objects.all().delete()
    subject, _body = render_message(
        name="backup_cover",
        language="fr",
        context={"advisor": "Anna", "backup": "Jonas", "greeting_name": "M. T"},
    )
    assert "Jonas prend soin de vous" in subject


@pytest.mark.django_db
def test_it_refuses_an_unknown_template() -> None:
    with pytest.raises(TemplateMissing):
        render_message(name="nope", language="en", context={})


def test_it_builds_the_case_context_in_the_clients_language(case_t: Case) -> None:
    context = case_context(case=case_t, language="de")
    assert context["greeting_name"] == "Herr Lefèvre"
    assert context["advisor"] == "Anna Schmid"
    assert context["reference"] == case_t.reference
    assert context["status"] == "eingegangen"
    assert context["case_title"] == "Ihre Pannenhilfe"
