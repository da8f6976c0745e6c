"""Reads of cases: the case page, and the lists on the advisor's home."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.clients.selectors import visible_clients
from goodwill.organisation.models import User


def case_get(*, user: User, reference: str) -> Case:
    """The case by reference, or 404 when it is missing or its client belongs to another site."""
    case = (
        Case.objects.filter(reference=reference, client__in=visible_clients(user=user))
        .select_related("client", "client__site", "client__advisor", "product", "owner", "selling_advisor", "site")
        .first()
    )
    if case is None:
        raise Http404("No such case")
    return case


def open_cases_for_owner(*, user: User, limit: int = 50) -> list[Case]:
    """The owner's open cases, oldest first: the ones waiting longest come first."""
    return list(
        Case.objects.filter(owner=user, status__in=Case.OPEN_STATUSES)
        .select_related("client", "product")
        .order_by("opened_at")[:limit]
    )


def clients_latest_activity(*, user: User, limit: int = 15) -> list[Client]:
    return list(
        Client.objects.filter(advisor=user, last_activity_at__isnull=False)
        .order_by("-last_activity_at")[:limit]
    )


def book_size(*, user: User) -> int:
    return Client.objects.filter(advisor=user).count()


def open_cases_in_scope(*, user: User, limit: int = 50) -> QuerySet[Case]:
    """For care agents and managers: every open case they may see, oldest first."""
    cases = Case.objects.filter(status__in=Case.OPEN_STATUSES)
    if not user.sees_all_clients:
        cases = cases.filter(site__in=[user.site_id])
    return cases.select_related("client", "owner").order_by("opened_at")[:limit]

