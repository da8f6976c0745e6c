"""Reads of a staff member's inbox."""

from __future__ import annotations

from dataclasses import dataclass

from goodwill.notifications.escalation import DEFAULT_CHAIN, Step, chain_for
from goodwill.notifications.models import EscalationPolicy, EscalationStep, Notification
from goodwill.organisation.models import Site, User

# The badge stops counting here ("99+"): counting a neglected inbox of thousands on every page
# would cost more than the number is worth.
BADGE_CAP = 99


def unread_count(*, user: User) -> int:
    """How many unread notifications, up to BADGE_CAP + 1 (partial index notification_unread)."""
    return (
        Notification.objects.filter(recipient=user, read_at__isnull=True)
        .order_by()[: BADGE_CAP + 1]
        .count()
    )


def inbox(
    *, user: User, unread_limit: int = 100, read_limit: int = 50
) -> tuple[list[Notification], list[Notification]]:
    """(unread, recently read), newest first: two indexed queries rather than one sort of the whole
    inbox."""
    related = ("case", "client", "intended_for", "acknowledged_by")
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).select_related(
        *related
    )
    read = Notification.objects.filter(recipient=user, read_at__isnull=False).select_related(
        *related
    )
    return (
        list(unread.order_by("-created_at", "-id")[:unread_limit]),
        list(read.order_by("-created_at", "-id")[:read_limit]),
    )


def own_notification(*, user: User, pk: int) -> Notification | None:
    """One of the user's own notifications with its case, or None (someone else's is not found)."""
    return Notification.objects.filter(pk=pk, recipient=user).select_related("case").first()


@dataclass(frozen=True)
class SiteChain:
    site: Site
    steps: list[Step]
    is_default: bool


def escalation_chains(*, user: User) -> list[SiteChain]:
    """The escalation chain of every site `user` may set (every site for brand-wide staff, else
    their own), with the default shown where a site has none; two queries."""
    sites = list(
        (
            Site.objects.all()
            if user.sees_all_clients
            else Site.objects.filter(pk__in=[user.site_id] if user.site_id else [])
        )
        .select_related("escalation_policy")
        .order_by("name")
    )
    steps: dict[int, list[Step]] = {}
    for site_id, target, minutes in (
        EscalationStep.objects.filter(policy__site__in=sites)
        .order_by("rank")
        .values_list("policy__site_id", "target", "minutes")
    ):
        steps.setdefault(site_id, []).append(Step(target, minutes))
    chains = []
    for site in sites:
        # The reverse one-to-one, joined above: no query a site.
        has_policy = hasattr(site, "escalation_policy")
        chains.append(
            SiteChain(
                site=site,
                steps=steps.get(site.pk, []) if has_policy else list(DEFAULT_CHAIN),
                is_default=not has_policy,
            )
        )
    return chains


def site_chain(*, site: Site) -> SiteChain:
    has_policy = EscalationPolicy.objects.filter(site=site).exists()
    return SiteChain(site=site, steps=chain_for(site_id=site.pk), is_default=not has_policy)


def duty_roster() -> list[User]:
    """The care centre's active agents and managers, who may take the duty (on duty first)."""
    return list(
        User.objects.filter(
            site__kind=Site.Kind.CARE_CENTRE,
            is_active=True,
            role__in=[User.Role.AGENT, User.Role.MANAGER],
        ).order_by("-on_duty", "first_name", "last_name")
    )
