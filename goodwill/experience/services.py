"""The experience writes: a case's score recomputed from its whole timeline, and the health of the
clients those cases belong to. Both are idempotent: the same timeline gives the same rows, so a
worker may die at any line and the next sweep simply computes again."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from django.db import transaction

from goodwill.cases.models import Case
from goodwill.experience import rules
from goodwill.experience.models import CaseExperience, ClientHealth
from goodwill.timeline.models import Entry


def case_experience_refresh(*, case_ids: Collection[int], now: dt.datetime) -> int:
    """Score each case from its timeline and refresh the health of their clients. Five queries
    whatever the number of cases (the cases, their entries, one upsert, the clients' scores, one
    upsert); returns how many cases were scored."""
    if not case_ids:
        return 0
    cases = {
        case.pk: case
        for case in Case.objects.filter(pk__in=case_ids).only(
            "pk", "client_id", "site_id", "opened_at"
        )
    }
    rows: dict[int, list[rules.Row]] = defaultdict(list)
    newest: dict[int, tuple[int, dt.datetime]] = {}
    entries = (
        Entry.objects.filter(case_id__in=cases)
        .order_by("case_id", "id")
        .values_list("case_id", "id", "at", "kind", "actor_id", "payload")
    )
    for case_id, pk, at, kind, actor_id, payload in entries.iterator(chunk_size=2000):
        rows[case_id].append(rules.Row(kind=kind, actor_id=actor_id, payload=payload or {}))
        newest[case_id] = (pk, max(at, newest.get(case_id, (0, at))[1]))
    scored = []
    for case_id, case in cases.items():
        score = rules.score_case(rules.case_facts(rows[case_id]))
        last_id, last_at = newest.get(case_id, (0, case.opened_at))
        scored.append(
            CaseExperience(
                case_id=case_id,
                client_id=case.client_id,
                site_id=case.site_id,
                score=score.score,
                reasons=[reason.as_json() for reason in score.reasons],
                opened_at=case.opened_at,
                last_at=last_at,
                last_entry_id=last_id,
                computed_at=now,
            )
        )
    with transaction.atomic():
        CaseExperience.objects.bulk_create(
            scored,
            update_conflicts=True,
            unique_fields=["case"],
            update_fields=[
                "client",
                "site",
                "score",
                "reasons",
                "opened_at",
                "last_at",
                "last_entry_id",
                "computed_at",
            ],
        )
        client_health_refresh(client_ids={case.client_id for case in cases.values()}, now=now)
    return len(cases)


def client_health_refresh(*, client_ids: Collection[int], now: dt.datetime) -> None:
    """Each client's health from the scores of their cases (rules.client_health), its trend, and
    their worst open case (the first to look at). Two queries."""
    by_client: dict[int, list[tuple[int, int, dt.datetime, dt.datetime, bool]]] = defaultdict(list)
    for client_id, case_id, score, opened_at, last_at, status in CaseExperience.objects.filter(
        client_id__in=client_ids
    ).values_list("client_id", "case_id", "score", "opened_at", "last_at", "case__status"):
        by_client[client_id].append(
            (case_id, score, opened_at, last_at, status in Case.OPEN_STATUSES)
        )
    healths = []
    for client_id in client_ids:
        scored = by_client.get(client_id, [])
        cases = [
            rules.CaseScore(score=score, open=is_open, opened_at=opened_at, last_at=last_at)
            for _, score, opened_at, last_at, is_open in scored
        ]
        open_cases = [(score, case_id) for case_id, score, _, _, is_open in scored if is_open]
        healths.append(
            ClientHealth(
                client_id=client_id,
                score=rules.client_health(cases, at=now),
                trend=max(-100, min(100, rules.client_trend(cases, at=now))),
                worst_open_case_id=min(open_cases)[1] if open_cases else None,
                computed_at=now,
            )
        )
    ClientHealth.objects.bulk_create(
        healths,
        update_conflicts=True,
        unique_fields=["client"],
        update_fields=["score", "trend", "worst_open_case", "computed_at"],
    )
