"""How a client lived a case, scored from what Goodwill already knows: no survey needed.

Pure functions (no database): the timeline rows of a case in, its facts out (`case_facts`); the
facts in, a score out with every reason that took points off (`score_case`); the scores of a
client's cases in, their relationship health out (`client_health`). A manager reading a score
sees exactly why it is what it is: each reason names what happened, how often, and its weight.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import ngettext

FLAWLESS = 100
# The statuses that close a case (cases.models.Case.CLOSED_STATUSES; repeated to stay pure).
_CLOSED = frozenset({"resolved", "closed"})
# Staff who acted on a case beyond this many (the owner and one helper) are a story told again.
STAFF_EXPECTED = 2


@dataclasses.dataclass(frozen=True, kw_only=True)
class Row:
    """One timeline entry of a case, as much of it as the score reads."""

    kind: str
    actor_id: int | None = None
    payload: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True, kw_only=True)
class CaseFacts:
    """What happened on a case that a client feels."""

    contacts: int = 0  # messages and calls from the client
    chasers: int = 0  # of which asking for news
    reassignments: int = 0
    staff: int = 0  # distinct staff who acted
    clocks_breached: int = 0
    promises_broken: int = 0
    documents_asked_again: int = 0
    complaints: int = 0
    angry: int = 0
    desperate: int = 0
    reopenings: int = 0


@dataclasses.dataclass(frozen=True)
class Factor:
    """One thing that costs points: `weight` each time, never more than `cap` in all."""

    code: str
    weight: int
    cap: int


# The order a reader meets them in; weights are points off 100 per occurrence.
FACTORS: dict[str, Factor] = {
    factor.code: factor
    for factor in (
        Factor("promise_broken", 15, 30),
        Factor("chaser", 10, 30),
        Factor("clock_breached", 10, 30),
        Factor("complaint", 12, 24),
        Factor("desperate", 12, 24),
        Factor("angry", 10, 20),
        Factor("document_asked_again", 10, 20),
        Factor("reopened", 10, 20),
        Factor("reassigned", 6, 18),
        Factor("repeated_contact", 3, 15),
        Factor("many_staff", 3, 12),
    )
}


def reason_phrase(code: str, count: int) -> str:
    """The reason as a staff member reads it, in their language."""
    phrases = {
        "promise_broken": ngettext("a promise broken", "%(n)d promises broken", count),
        "chaser": ngettext("the client chased us once", "the client chased us %(n)d times", count),
        "clock_breached": ngettext("a service level missed", "%(n)d service levels missed", count),
        "complaint": ngettext("a complaint", "%(n)d complaints", count),
        "desperate": ngettext("a desperate message", "%(n)d desperate messages", count),
        "angry": ngettext("an angry message", "%(n)d angry messages", count),
        "document_asked_again": ngettext(
            "asked again for a document on file",
            "asked %(n)d times for documents on file",
            count,
        ),
        "reopened": ngettext("reopened once", "reopened %(n)d times", count),
        "reassigned": ngettext("handed off once", "handed off %(n)d times", count),
        "repeated_contact": ngettext(
            "the client had to come back once", "the client had to come back %(n)d times", count
        ),
        "many_staff": ngettext(
            "%(n)d more person acted on it", "%(n)d more people acted on it", count
        ),
    }
    phrase = phrases.get(code, code)
    return phrase % {"n": count} if "%(n)" in phrase else phrase


@dataclasses.dataclass(frozen=True)
class Reason:
    code: str
    count: int
    weight: int  # points taken off, after the factor's cap

    @property
    def phrase(self) -> str:
        return reason_phrase(self.code, self.count)

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "count": self.count, "weight": self.weight}

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Reason:
        return cls(str(value["code"]), int(value["count"]), int(value["weight"]))


@dataclasses.dataclass(frozen=True)
class Score:
    score: int  # 0..100, 100 = flawless
    reasons: tuple[Reason, ...]  # heaviest first


def case_facts(rows: Iterable[Row]) -> CaseFacts:
    """Fold a case's timeline into its facts. A chaser is recorded twice (the message and the
    chaser entry): the chaser entry counts it as a chaser, the message as a contact."""
    counts = dict.fromkeys(
        ("contacts", "chasers", "reassignments", "clocks_breached", "promises_broken"), 0
    ) | dict.fromkeys(("documents_asked_again", "complaints", "angry", "desperate"), 0)
    reopenings = 0
    staff: set[int] = set()
    for row in rows:
        if row.actor_id is not None:
            staff.add(row.actor_id)
        match row.kind:
            case "message_in":
                counts["contacts"] += 1
                signal = row.payload.get("signal") or {}
                if signal.get("kind") == "complaint":
                    counts["complaints"] += 1
                if signal.get("mood") in ("angry", "desperate"):
                    counts[str(signal["mood"])] += 1
            case "call" if row.payload.get("direction") == "in":
                counts["contacts"] += 1
            case "chaser":
                counts["chasers"] += 1
            case "case_reassigned":
                counts["reassignments"] += 1
            case "sla_breached":
                counts["clocks_breached"] += 1
            case "promise_broken":
                counts["promises_broken"] += 1
            case "document_asked":
                counts["documents_asked_again"] += 1
            case "status_changed":
                change = (row.payload.get("changes") or {}).get("status") or [None, None]
                if change[0] in _CLOSED and change[1] not in _CLOSED:
                    reopenings += 1
            case _:
                pass
    return CaseFacts(**counts, staff=len(staff), reopenings=reopenings)


def score_case(facts: CaseFacts) -> Score:
    """100 less the weight of everything the client had to live through, each factor capped
    so one kind of failure cannot hide the others; never below 0."""
    occurrences = {
        "promise_broken": facts.promises_broken,
        "chaser": facts.chasers,
        "clock_breached": facts.clocks_breached,
        "complaint": facts.complaints,
        "desperate": facts.desperate,
        "angry": facts.angry,
        "document_asked_again": facts.documents_asked_again,
        "reopened": facts.reopenings,
        "reassigned": facts.reassignments,
        # Coming back is normal once; beyond the first contact, each one not already a chaser.
        "repeated_contact": max(0, facts.contacts - 1 - facts.chasers),
        "many_staff": max(0, facts.staff - STAFF_EXPECTED),
    }
    reasons = [
        Reason(code, count, min(FACTORS[code].weight * count, FACTORS[code].cap))
        for code, count in occurrences.items()
        if count > 0
    ]
    reasons.sort(key=lambda reason: -reason.weight)
    return Score(max(0, FLAWLESS - sum(r.weight for r in reasons)), tuple(reasons))


# --- a client's relationship -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class CaseScore:
    score: int
    open: bool
    opened_at: dt.datetime
    last_at: dt.datetime  # its newest timeline entry


# A closed case weighs half as much every HALF_LIFE, and not at all after FORGOTTEN; an open one
# weighs as a fresh closed one twice over: what hurts now matters most.
HALF_LIFE = dt.timedelta(days=180)
FORGOTTEN = dt.timedelta(days=730)
OPEN_WEIGHT = 2.0
# The trend compares today's health with the health the same rule gave this long ago.
TREND_SPAN = dt.timedelta(days=90)


def client_health(cases: Sequence[CaseScore], *, at: dt.datetime) -> int:
    """The client's relationship health, 0..100: the weighted mean of their case scores as of
    `at` (cases opened later are not counted). No case, or none remembered: 100."""
    total = weights = 0.0
    for case in cases:
        if case.opened_at > at:
            continue
        # Open now, or still moving at `at` (a past health reads today's score of a case that
        # was then under way: the timeline is not replayed).
        if case.open or case.last_at > at:
            weight = OPEN_WEIGHT
        else:
            age = at - case.last_at
            if age > FORGOTTEN:
                continue
            weight = 0.5 ** (age / HALF_LIFE)
        total += weight * case.score
        weights += weight
    return round(total / weights) if weights else FLAWLESS


def client_trend(cases: Sequence[CaseScore], *, at: dt.datetime) -> int:
    """Points gained (positive) or lost since TREND_SPAN ago."""
    return client_health(cases, at=at) - client_health(cases, at=at - TREND_SPAN)
