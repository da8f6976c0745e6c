"""The experience score is explained: each factor moves it, and says so."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from goodwill.experience import rules
from goodwill.experience.rules import CaseFacts, Row, case_facts, score_case

NOW = dt.datetime(2026, 12, 4, 12, tzinfo=dt.UTC)


def test_a_case_where_nothing_went_wrong_is_flawless() -> None:
    score = score_case(CaseFacts(contacts=1, staff=2))
    assert score.score == 100 and score.reasons == ()


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("chasers", "chaser"),
        ("reassignments", "reassigned"),
        ("clocks_breached", "clock_breached"),
        ("promises_broken", "promise_broken"),
        ("documents_asked_again", "document_asked_again"),
        ("complaints", "complaint"),
        ("angry", "angry"),
        ("desperate", "desperate"),
        ("reopenings", "reopened"),
    ],
)
def test_each_factor_takes_points_off_and_names_itself(field: str, code: str) -> None:
    base = CaseFacts(contacts=1, staff=1)
    once = score_case(dataclasses.replace(base, **{field: 1}))
    twice = score_case(dataclasses.replace(base, **{field: 2}))
    assert 100 > once.score > twice.score
    (reason,) = once.reasons
    assert reason.code == code and reason.count == 1 and reason.weight == 100 - once.score
    assert reason.phrase and "%" not in reason.phrase


def test_coming_back_and_many_hands_count_beyond_what_is_normal() -> None:
    assert score_case(CaseFacts(contacts=2, staff=2)).score == 100 - 3
    many = score_case(CaseFacts(contacts=1, staff=5))
    assert [(r.code, r.count) for r in many.reasons] == [("many_staff", 3)]
    assert many.reasons[0].phrase == "3 more people acted on it"
    # A chaser is not counted again as a repeated contact.
    chased = score_case(CaseFacts(contacts=3, chasers=2, staff=1))
    assert [r.code for r in chased.reasons] == ["chaser"]


def test_a_factor_is_capped_and_the_score_never_goes_below_zero() -> None:
    chased = score_case(CaseFacts(contacts=12, chasers=11))
    assert chased.reasons[0].weight == rules.FACTORS["chaser"].cap
    story_000 = score_case(
        CaseFacts(
            contacts=11,
            chasers=10,
            reassignments=10,
            staff=11,
            clocks_breached=3,
            promises_broken=2,
            documents_asked_again=2,
            complaints=2,
            angry=2,
            desperate=2,
            reopenings=2,
        )
    )
    assert story_000.score == 0
    weights = [r.weight for r in story_000.reasons]
    assert weights == sorted(weights, reverse=True)


def test_the_timeline_folds_into_facts() -> None:
    rows = [
        Row(kind="case_opened", actor_id=1),
        Row(kind="message_in", payload={"signal": {"kind": "chaser", "mood": "calm"}}),
        Row(kind="chaser"),
        Row(kind="message_in", payload={"signal": {"kind": "complaint", "mood": "angry"}}),
        Row(kind="message_in", payload={"signal": {"kind": "information", "mood": "desperate"}}),
        Row(kind="call", payload={"direction": "in"}),
        Row(kind="call", actor_id=2, payload={"direction": "out"}),
        Row(kind="case_reassigned", actor_id=1),
        Row(kind="sla_breached"),
        Row(kind="promise_broken"),
        Row(kind="document_asked", actor_id=3),
        Row(
            kind="status_changed", actor_id=2, payload={"changes": {"status": ["resolved", "open"]}}
        ),
        Row(
            kind="status_changed", actor_id=2, payload={"changes": {"status": ["open", "resolved"]}}
        ),
    ]
    assert case_facts(rows) == CaseFacts(
        contacts=4,
        chasers=1,
        reassignments=1,
        staff=3,
        clocks_breached=1,
        promises_broken=1,
        documents_asked_again=1,
        complaints=1,
        angry=1,
        desperate=1,
        reopenings=1,
    )


def test_health_weighs_open_cases_most_and_forgets_old_ones() -> None:
    def case(score: int, *, open: bool, days_ago: int) -> rules.CaseScore:
        at = NOW - dt.timedelta(days=days_ago)
        return rules.CaseScore(score=score, open=open, opened_at=at, last_at=at)

    assert rules.client_health([], at=NOW) == 100
    assert rules.client_health([case(40, open=False, days_ago=800)], at=NOW) == 100
    open_bad = [case(40, open=True, days_ago=3), case(100, open=False, days_ago=3)]
    closed_bad = [case(40, open=False, days_ago=3), case(100, open=False, days_ago=3)]
    assert rules.client_health(open_bad, at=NOW) < rules.client_health(closed_bad, at=NOW)
    # A bad case opened last month: the relationship got worse.
    assert (
        rules.client_trend(
            [case(100, open=False, days_ago=200), case(30, open=True, days_ago=30)], at=NOW
        )
        < 0
    )
