"""Managers edit the brush-off phrases and their own rules at /checks/; nobody else may."""

from __future__ import annotations

import pytest
from django.test import Client as Browser

from goodwill.checks.models import BrushOffPhrase, CheckRule
from goodwill.organisation.models import User

pytestmark = pytest.mark.usefixtures("brush_offs")


def test_the_seeded_phrases_are_listed_per_language(client: Browser, manager: User) -> None:
    client.force_login(manager)
    page = client.get("/checks/").content.decode()
    for language in ("EN", "FR", "DE", "IT", "ES", "NL", "PT"):
        assert f"<h3>{language}</h3>" in page
    assert "contact the warranty company directly" in page
    assert set(BrushOffPhrase.objects.values_list("language", flat=True)) == {
        "en", "fr", "de", "it", "es", "nl", "pt"
    }  # fmt: skip


def test_a_manager_adds_and_removes_a_phrase(client: Browser, manager: User) -> None:
    client.force_login(manager)
    added = client.post(
        "/checks/phrases/", {"language": "de", "phrase": "  fragen Sie  Ihren Händler "}
    )
    assert added.status_code == 302
    phrase = BrushOffPhrase.objects.get(phrase="fragen Sie Ihren Händler")
    assert phrase.added_by == manager
    one_word = client.post("/checks/phrases/", {"language": "de", "phrase": "Händler"})
    assert one_word.status_code == 400 and "two words or more" in one_word.content.decode()
    client.post(f"/checks/phrases/{phrase.pk}/remove/")
    assert not BrushOffPhrase.objects.filter(pk=phrase.pk).exists()


def test_a_rule_goodwill_cannot_read_is_refused_with_how_to_write_it(
    client: Browser, manager: User
) -> None:
    client.force_login(manager)
    refused = client.post("/checks/rules/", {"text": "be nice", "severity": "warn"})
    assert refused.status_code == 400
    assert "two kinds of rule" in refused.content.decode()
    assert (
        client.post(
            "/checks/rules/", {"text": "always offer a loan car to tier vip", "severity": "warn"}
        ).status_code
        == 302
    )
    rule = CheckRule.objects.get()
    assert (rule.text, rule.severity, rule.added_by) == (
        "always offer a loan car to tier vip", "warn", manager
    )  # fmt: skip
    assert "always offer a loan car to tier vip" in client.get("/checks/").content.decode()


def test_only_managers_reach_the_checks(client: Browser, advisor: User, agent: User) -> None:
    for person in (advisor, agent):
        client.force_login(person)
        assert client.get("/checks/").status_code == 403
        assert (
            client.post("/checks/rules/", {"text": "never x y", "severity": "hard"}).status_code
            == 403
        )
    assert not CheckRule.objects.exists()
