"""Who may see what, as the web answers it (docs/architecture.md, Isolation).

A dealer's staff see only their own site's objects. When a service finds an object of another
site in an actor's hands, it raises `OtherSite`: a PermissionDenied for the code that calls it
(the CLI, tasks, tests), which the web answers 404, exactly like a missing object
(goodwill.http.RefusalMiddleware): a 403 would tell a stranger that the reference exists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Model, OuterRef, QuerySet

from goodwill.organisation.models import Team

if TYPE_CHECKING:
    from goodwill.organisation.models import User


class OtherSite(PermissionDenied):
    """The object belongs to a site the actor does not work for."""


def site_scoped[M: Model](
    queryset: QuerySet[M], *, user: User, field: str = "site_id"
) -> QuerySet[M]:
    """Only the rows of sites `user` sees (`User.seen_site_ids`): all for brand-wide staff, their
    home site's for a dealer's, and their team's sites too for a team member. One site is filtered
    by equality, so a query without a team reads exactly as before teams existed."""
    seen = user.seen_site_ids
    if seen is None:
        return queryset
    if not seen:
        return queryset.none()
    if len(seen) == 1:
        return queryset.filter(**{field: seen[0]})
    return queryset.filter(**{f"{field}__in": seen})


def holds_site(site_id: int) -> Exists:
    """For a query of staff: whether the person's team holds the site `site_id` (they see its
    clients through the team, `User.seen_site_ids`), as one EXISTS beside the row, never a join
    that would repeat the person once per site of their team."""
    return Exists(Team.sites.through.objects.filter(team_id=OuterRef("team_id"), site_id=site_id))
