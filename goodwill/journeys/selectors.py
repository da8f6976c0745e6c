"""Reads of journeys for the pages."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.clients.selectors import visible_clients
from goodwill.journeys.models import Journey, JourneyStep, JourneyTemplate, Stage
from goodwill.organisation.models import User


def journey_templates() -> QuerySet[JourneyTemplate]:
    """Every plan with its stages in order (two queries)."""
    return JourneyTemplate.objects.prefetch_related(
        Prefetch("stages", queryset=Stage.objects.order_by("position"))
    )


def journeys_for_case(*, case: Case) -> list[Journey]:
    """The journeys a case page shows: the case's own, and its product's (the order a delivery
    case follows). Steps and stages come in two more queries."""
    condition = Q(case=case)
    if case.product_id is not None:
        condition |= Q(product_id=case.product_id)
    return list(
        Journey.objects.filter(condition)
        .exclude(template__kind="ownership", case__isnull=True, product__isnull=False)
        .select_related("template", "stage", "next_stage", "client", "case")
        .prefetch_related(
            Prefetch("steps", queryset=JourneyStep.objects.select_related("stage")),
            Prefetch("template__stages", queryset=Stage.objects.order_by("position")),
        )
        .order_by("-started_at")
    )


def _with_stages(journeys: QuerySet[Journey]) -> QuerySet[Journey]:
    return journeys.select_related(
        "template", "stage", "next_stage", "client", "case"
    ).prefetch_related(
        Prefetch("steps", queryset=JourneyStep.objects.select_related("stage")),
        Prefetch("template__stages", queryset=Stage.objects.order_by("position")),
    )


def journeys_for_client(*, client: Client) -> list[Journey]:
    """The client page's journey card: every journey of the client, the newest first."""
    return list(_with_stages(Journey.objects.filter(client=client)).order_by("-started_at"))


def journeys_running(*, user: User, limit: int = 200) -> list[Journey]:
    """The journeys under way that `user` may see (a dealer: their own site's clients), the
    next stage due first (the partial index journey_next_due)."""
    return list(
        Journey.objects.filter(state=Journey.State.ACTIVE, client__in=visible_clients(user=user))
        .select_related("template", "stage", "next_stage", "client", "case")
        .order_by("next_due_at", "id")[:limit]
    )
