"""Managers write their rules in plain language; a rule Goodwill cannot read is refused with how
to write it."""

from __future__ import annotations

import pytest

from goodwill.checks.rules import RuleError, RuleKind, Severity, parse_rule

TIERS = ("standard", "premium", "vip")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("never guarantee", "guarantee"),
        ("Never say “free of charge”.", "free of charge"),
        ("never write 'not our fault'", "not our fault"),
        ("NEVER promise a refund", "promise a refund"),
    ],
)
def test_a_never_rule_reads_the_phrase_as_written(text: str, phrase: str) -> None:
    rule = parse_rule(text, severity="hard", tiers=TIERS)
    assert (rule.kind, rule.phrase, rule.severity) == (RuleKind.NEVER, phrase, Severity.HARD)
    assert rule.text == " ".join(text.split())


@pytest.mark.parametrize(
    ("text", "phrase", "tier"),
    [
        ("always offer a loan car to tier vip", "a loan car", "vip"),
        ("Always offer “a courtesy car” to VIP clients.", "a courtesy car", "vip"),
        (
            "always offer pick-up and delivery to the premium tier",
            "pick-up and delivery",
            "premium",
        ),
    ],
)
def test_an_always_offer_rule_reads_what_and_which_tier(text: str, phrase: str, tier: str) -> None:
    rule = parse_rule(text, severity="warn", tiers=TIERS)
    assert (rule.kind, rule.phrase, rule.tier) == (RuleKind.ALWAYS_OFFER, phrase, tier)
    assert rule.severity == Severity.WARN


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Write the rule"),
        ("never", "two kinds of rule"),
        ("never ''", "never contain"),
        ("be nice to clients", "two kinds of rule"),
        ("always be polite", "always offer <what> to tier <tier>"),
        ("always offer champagne to tier platinum", "There is no tier “platinum”"),
    ],
)
def test_a_rule_it_cannot_read_is_refused_with_how_to_write_it(text: str, says: str) -> None:
    with pytest.raises(RuleError) as error:
        parse_rule(text, severity="warn", tiers=TIERS)
    assert says in str(error.value)


def test_a_rule_needs_a_known_severity() -> None:
    with pytest.raises(RuleError, match="blocks sending or warns"):
        parse_rule("never guarantee", severity="maybe", tiers=TIERS)
