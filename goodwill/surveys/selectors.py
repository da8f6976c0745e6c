"""Every read of surveys: the link's survey, what the portal and the staff pages show, and the
rows the dashboards chart (`scores`, `detractor_counts`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import cast

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.surveys.models import Survey, SurveyPreference


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def survey_by_token(*, token: str) -> Survey:
    """The survey a link's token opens. A wrong, truncated or tampered token is a 404 that tells
    nothing; an expired or answered one is found (its page says it is closed, changing
    nothing)."""
    if not token or len(token) > 100:
        raise Http404
    try:
        return Survey.objects.select_related("client", "case").get(
            token_hash=token_hash(token), sent_at__isnull=False
        )
    except Survey.DoesNotExist:
        raise Http404 from None


def survey_live(survey: Survey, *, at: dt.datetime | None = None) -> bool:
    """The client can still answer it: sent, not final, its link not expired."""
    at = at or timezone.now()
    return survey.open and survey.expires_at is not None and survey.expires_at > at


def pending_survey(*, client: Client, at: dt.datetime | None = None) -> Survey | None:
    """The survey the portal's home offers the client: their latest still open (one query)."""
    at = at or timezone.now()
    return (
        Survey.objects.filter(
            client=client,
            state__in=[Survey.State.SENT, Survey.State.ANSWERED],
            expires_at__gt=at,
        )
        .select_related("case")
        .order_by("-sent_at")
        .first()
    )


def pending_survey_by_id(*, client: Client, survey_id: int) -> Survey:
    """A survey of this client the portal may answer; another client's is a 404."""
    survey = pending_survey(client=client)
    if survey is None or survey.pk != survey_id:
        raise Http404
    return survey


def declined(*, client: Client) -> bool:
    return SurveyPreference.objects.filter(client=client).exists()


def case_survey(*, case: Case) -> Survey | None:
    """The case's survey for its page, with its call (one query)."""
    return (
        Survey.objects.filter(case=case)
        .select_related("call_task", "call_task__assignee", "outcome_by")
        .first()
    )


def client_surveys(*, client: Client, limit: int = 5) -> list[Survey]:
    """The client's latest answered surveys for their page (one query)."""
    return list(
        Survey.objects.filter(client=client, state=Survey.State.FINAL)
        .select_related("case", "call_task", "call_task__assignee", "outcome_by")
        .order_by("-final_at")[:limit]
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class ScoreRow:
    """One final answer, as the dashboards chart it."""

    survey_id: int
    case_id: int
    client_id: int
    site_id: int
    owner_id: int
    kind: str  # "satisfaction" (1–5) or "recommendation" (0–10)
    score: int
    effort: int | None  # 1–5, "how easy was it", when the client said
    detractor: bool  # a low score or an angry comment: a call was asked for
    recovered: bool | None  # the call's outcome; None while not recorded (or no call)
    answered_at: dt.datetime  # when the answer became final
    category: str  # the case's category when it closed
    tier: str  # the client's tier when it closed


def _period(*, since: dt.datetime, until: dt.datetime, sites: Iterable[int] | None) -> Q:
    where = Q(state=Survey.State.FINAL, final_at__gte=since, final_at__lt=until)
    if sites is not None:
        where &= Q(site_id__in=list(sites))
    return where


def scores(
    *, since: dt.datetime, until: dt.datetime, sites: Iterable[int] | None = None
) -> list[ScoreRow]:
    """Every final survey answer in [since, until), of `sites` (ids; None: all), oldest first,
    in one query through the partial index survey_final. Who may see which sites is the
    caller's to decide (pass the viewer's sites)."""
    rows = (
        Survey.objects.filter(_period(since=since, until=until, sites=sites))
        .order_by("final_at", "id")
        .values_list(
            "pk",
            "case_id",
            "client_id",
            "site_id",
            "owner_id",
            "kind",
            "score",
            "effort",
            "detractor",
            "recovered",
            "final_at",
            "category",
            "tier",
        )
    )
    return [
        ScoreRow(
            survey_id=pk,
            case_id=case_id,
            client_id=client_id,
            site_id=site_id,
            owner_id=owner_id,
            kind=kind,
            # Never None on a final row: survey_answered_has_score, survey_final_has_time.
            score=cast(int, score),
            effort=effort,
            detractor=detractor,
            recovered=recovered,
            answered_at=cast(dt.datetime, final_at),
            category=category,
            tier=tier,
        )
        for (
            pk,
            case_id,
            client_id,
            site_id,
            owner_id,
            kind,
            score,
            effort,
            detractor,
            recovered,
            final_at,
            category,
            tier,
        ) in rows
    ]


def detractor_answers(
    *,
    since: dt.datetime,
    until: dt.datetime,
    sites: Iterable[int] | None = None,
    limit: int = 100,
) -> list[Survey]:
    """The first `limit` final answers of [since, until) that asked for a call to an unhappy
    client (of `sites`; None: all), in the order they came, with their case, client and call
    (one query, the partial index survey_final)."""
    return list(
        Survey.objects.filter(_period(since=since, until=until, sites=sites), detractor=True)
        .select_related("case", "case__client", "case__owner", "client", "call_task")
        .order_by("final_at", "id")[:limit]
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class DetractorCounts:
    detractors: int  # final answers that asked for a call
    called: int  # of which the call's outcome is recorded
    recovered: int  # of which the client was won back
    not_recovered: int


def detractor_counts(
    *, since: dt.datetime, until: dt.datetime, sites: Iterable[int] | None = None
) -> DetractorCounts:
    """How many unhappy clients answered in [since, until) (of `sites`; None: all), how many
    were called with the outcome recorded, and how many of those were won back (one query)."""
    totals = Survey.objects.filter(
        _period(since=since, until=until, sites=sites), detractor=True
    ).aggregate(
        n_detractors=Count("pk"),
        n_called=Count("pk", filter=Q(recovered__isnull=False)),
        n_recovered=Count("pk", filter=Q(recovered=True)),
        n_not_recovered=Count("pk", filter=Q(recovered=False)),
    )
    # Named apart from the fields: an aggregate may not share a filtered field's name.
    return DetractorCounts(**{name.removeprefix("n_"): value for name, value in totals.items()})
