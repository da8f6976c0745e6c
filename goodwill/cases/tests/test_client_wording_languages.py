"""What a client reads of their case (its title and status) is in their language, in each of the
ten client languages: never the English left in place."""

from __future__ import annotations

import pytest
from django.conf import settings

from goodwill.cases.models import Case
from goodwill.cases.wording import client_status, client_title_default

OTHERS = [code for code in settings.GOODWILL_CLIENT_LANGUAGES if code != "en"]


@pytest.mark.parametrize("language", OTHERS)
@pytest.mark.parametrize("status", Case.Status.values)
def test_each_status_phrase_is_translated(language: str, status: str) -> None:
    phrase = client_status(status=status, language=language)

    assert phrase and phrase != client_status(status=status, language="en")


@pytest.mark.parametrize("language", OTHERS)
@pytest.mark.parametrize("category", Case.Category.values)
def test_each_title_is_translated(language: str, category: str) -> None:
    title = client_title_default(category=category, language=language)

    assert title and title != client_title_default(category=category, language="en")


@pytest.mark.parametrize(
    ("language", "phrase"),
    [
        ("es", "en manos de nuestro colaborador"),
        ("pt", "nas mãos do nosso parceiro"),
        ("nl", "in handen van onze partner"),
        ("ja", "提携先にて対応中"),
        ("zh-hans", "由我们的合作伙伴处理中"),
        ("ar", "لدى شريكنا"),
    ],
)
def test_a_status_reads_as_the_clients_phrase(language: str, phrase: str) -> None:
    assert client_status(status=Case.Status.WAITING_PARTNER, language=language) == phrase
