"""Reads for the availability page."""

from __future__ import annotations

from goodwill.availability.models import StandIn
from goodwill.organisation.models import User


def covered_cases(*, user: User, limit: int = 50) -> list[StandIn]:
    """Cases a backup holds for `user` until they are back (partial index standin_pending)."""
    return list(
        StandIn.objects.filter(absent=user, returned_at__isnull=True)
        .select_related("case", "case__client", "backup")
        .order_by("-created_at")[:limit]
    )


def covering_for(*, user: User, limit: int = 50) -> list[StandIn]:
    """Cases `user` holds for someone away."""
    return list(
        StandIn.objects.filter(backup=user, returned_at__isnull=True)
        .select_related("case", "case__client", "absent")
        .order_by("-created_at")[:limit]
    )
