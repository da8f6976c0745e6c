"""Reads of the experience scores: a case's score and reasons, the worst stories of a period (the
weekly digest), the advisor's book by relationship health, and what to know before the next
sale."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from django.core.paginator import Page, Paginator
from django.db.models import F, Q
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.clients.models import Client, Product, Tier
from goodwill.clients.selectors import visible_clients
from goodwill.experience.models import CaseExperience, ClientHealth
from goodwill.experience.rules import FLAWLESS, Reason
from goodwill.organisation.models import Site, User
from goodwill.promises.models import Promise


@dataclasses.dataclass(frozen=True)
class CaseScore:
    """A case with its experience score and the reasons, heaviest first. `computed_at` is None
    for a case the worker has not scored yet (read as flawless until it has)."""

    case: Case
    score: int
    reasons: tuple[Reason, ...]
    computed_at: dt.datetime | None

    @property
    def band(self) -> str:
        """ "good", "fair" or "poor": the badge's colour."""
        return band(self.score)


def band(score: int | None) -> str:
    if score is None or score >= 80:
        return "good"
    return "fair" if score >= 50 else "poor"


def _score(case: Case, row: CaseExperience | None) -> CaseScore:
    if row is None:
        return CaseScore(case=case, score=FLAWLESS, reasons=(), computed_at=None)
    reasons = tuple(Reason.from_json(value) for value in row.reasons)
    return CaseScore(case=case, score=row.score, reasons=reasons, computed_at=row.computed_at)


def case_score(case: Case) -> CaseScore:
    """The case's experience score and its reasons (one query)."""
    return _score(case, CaseExperience.objects.filter(case=case).first())


def worst_cases(
    *,
    since: dt.datetime,
    until: dt.datetime,
    sites: Iterable[Site | int] | None = None,
    limit: int = 5,
) -> list[CaseScore]:
    """The worst client stories of a period: cases whose story moved in [since, until) (opened
    before `until`, newest entry at or after `since`), lowest score first, the latest moved first
    among equals; only the given sites' when `sites` is given. Flawless cases are never "worst".
    Two queries (index case_experience_last_at)."""
    rows = CaseExperience.objects.filter(
        last_at__gte=since, opened_at__lt=until, score__lt=FLAWLESS
    )
    if sites is not None:
        rows = rows.filter(site_id__in=[s if isinstance(s, int) else s.pk for s in sites])
    found = list(
        rows.select_related("case", "case__client", "case__owner", "case__site").order_by(
            "score", "-last_at", "case_id"
        )[:limit]
    )
    return [_score(row.case, row) for row in found]


def case_scores(*, cases: Iterable[Case]) -> dict[int, CaseScore]:
    """Scores of several cases, by case id (one query)."""
    cases = list(cases)
    rows = {row.case_id: row for row in CaseExperience.objects.filter(case__in=cases)}
    return {case.pk: _score(case, rows.get(case.pk)) for case in cases}


def client_health(*, client: Client) -> ClientHealth | None:
    return ClientHealth.objects.filter(client=client).select_related("worst_open_case").first()


def book_by_health(*, user: User, page: int, tier: str = "") -> Page[Client]:
    """One page of the user's book, worst relationship health first (clients never scored, as
    flawless, last), then by name. Each client carries `health` (or none), read in the same
    query."""
    clients = (
        visible_clients(user=user)
        .filter(advisor=user)
        .select_related("health")
        .order_by(F("health__score").asc(nulls_last=True), "last_name", "first_name", "id")
    )
    if tier in Tier.values:
        clients = clients.filter(tier=tier)
    return Paginator(clients, 50).get_page(page)


@dataclasses.dataclass(frozen=True)
class BeforeNextSale:
    """What an advisor should know before selling to the client again."""

    last_purchase: Product | None
    since: dt.date | None  # the last purchase's date; None: the whole story
    cases: list[CaseScore]  # opened since, newest first
    promises_broken: list[Promise]  # since
    still_open: list[CaseScore]  # open cases, whenever opened
    not_yet_kept: list[Promise]  # open promises, soonest due first

    @property
    def average(self) -> int | None:
        scored = [c.score for c in self.cases if c.computed_at is not None]
        return round(sum(scored) / len(scored)) if scored else None

    @property
    def clear(self) -> bool:
        return not (self.promises_broken or self.still_open or self.not_yet_kept) and all(
            c.score >= 80 for c in self.cases
        )


def before_next_sale(*, client: Client, limit: int = 10) -> BeforeNextSale:
    """Since the client's last purchase: their cases with their scores and the promises broken;
    and whatever is still open or promised and not yet kept (three queries: the purchase, the
    cases, the promises)."""
    last = (
        Product.objects.filter(client=client, purchase_date__isnull=False)
        .order_by("-purchase_date", "-id")
        .first()
    )
    since = last.purchase_date if last else None
    recent = Q(opened_at__date__gte=since) if since else Q()
    cases = list(
        Case.objects.filter(Q(client=client), recent | Q(status__in=Case.OPEN_STATUSES))
        .select_related("owner", "experience")
        .order_by("-opened_at")
    )
    broken_since = Q(status=Promise.Status.BROKEN) & (Q(due_at__date__gte=since) if since else Q())
    promises = list(
        Promise.objects.filter(Q(case__client=client), broken_since | Q(status=Promise.Status.OPEN))
        .select_related("case", "made_by")
        .order_by("due_at")
    )

    def scored(rows: Iterable[Case]) -> list[CaseScore]:
        return [_score(case, getattr(case, "experience", None)) for case in rows]

    def is_recent(case: Case) -> bool:
        return since is None or timezone.localdate(case.opened_at) >= since

    return BeforeNextSale(
        last_purchase=last,
        since=since,
        cases=scored([case for case in cases if is_recent(case)][:limit]),
        promises_broken=[p for p in reversed(promises) if p.status == Promise.Status.BROKEN][
            :limit
        ],
        still_open=scored(
            [case for case in reversed(cases) if case.status in Case.OPEN_STATUSES][:limit]
        ),
        not_yet_kept=[p for p in promises if p.status == Promise.Status.OPEN][:limit],
    )
