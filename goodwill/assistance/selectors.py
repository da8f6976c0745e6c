"""Reads for the partner directory, the policy table, a case's partner tasks and the partner's
link."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from goodwill.assistance.models import Partner, PartnerTask, ServicePolicy
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.selectors import visible_clients
from goodwill.organisation.models import User


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_manager(user: User) -> bool:
    return user.role in (User.Role.MANAGER, User.Role.ADMIN) or user.is_superuser


def partner_directory(*, user: User, kind: str = "") -> QuerySet[Partner]:
    """The directory as a manager keeps it: brand-wide partners and those of sites they serve."""
    partners = Partner.objects.select_related("site").order_by("kind", "region", "name", "id")
    if not user.sees_all_clients:
        partners = partners.filter(Q(site__isnull=True) | Q(site_id=user.site_id))
    if kind:
        partners = partners.filter(kind=kind)
    return partners


def partner_get(*, user: User, pk: int) -> Partner:
    try:
        return partner_directory(user=user).get(pk=pk)
    except Partner.DoesNotExist:
        raise Http404("No such partner") from None


def partners_for(*, case: Case, kind: str = "") -> QuerySet[Partner]:
    """Active partners who may serve a case: the case's site's own, then brand-wide ones."""
    partners = Partner.objects.filter(active=True).filter(
        Q(site__isnull=True) | Q(site_id=case.site_id)
    )
    if kind:
        partners = partners.filter(kind=kind)
    return partners.order_by("kind", "site_id", "name")


def policy_table() -> QuerySet[ServicePolicy]:
    return ServicePolicy.objects.order_by("tier", "min_value")


def policy_for(*, tier: str, value: Decimal | None) -> ServicePolicy | None:
    """The policy row for a client of `tier` whose product is worth `value` (unknown: 0): the one
    of that tier with the highest `min_value` not above it."""
    return (
        ServicePolicy.objects.filter(tier=tier, min_value__lte=value or Decimal(0))
        .order_by("-min_value")
        .first()
    )


def case_policy(*, case: Case) -> ServicePolicy | None:
    product = case.product
    return policy_for(tier=case.client.tier, value=product.price if product else None)


def case_tasks(*, case: Case) -> list[PartnerTask]:
    return list(
        PartnerTask.objects.filter(case=case)
        .select_related("partner", "approved_by", "requested_by")
        .order_by("requested_at", "id")
    )


def visible_task(*, user: User, pk: int) -> PartnerTask:
    try:
        return PartnerTask.objects.select_related(
            "case", "case__client", "case__client__site", "case__owner", "partner"
        ).get(pk=pk, case__client__in=visible_clients(user=user))
    except PartnerTask.DoesNotExist:
        raise Http404("No such task") from None


def task_by_token(*, token: str) -> PartnerTask:
    """The one task a partner's link opens: its token's hash matches and it has not expired.
    Anything else (a tampered, truncated, foreign or expired token) is a 404, like a missing
    page, so a link tells a stranger nothing."""
    if not token or len(token) > 100:
        raise Http404("No such task")
    try:
        return PartnerTask.objects.select_related(
            "case", "case__client", "case__product", "case__owner", "case__site", "partner"
        ).get(token_hash=token_hash(token), token_expires_at__gt=timezone.now())
    except PartnerTask.DoesNotExist:
        raise Http404("No such task") from None


def task_replied_to(*, message_ids: tuple[str, ...]) -> PartnerTask | None:
    """The task whose e-mail to its partner a message answers (one of `message_ids` is that
    e-mail's Message-ID, 128 random bits only its receiver could quote), else None."""
    if not message_ids:
        return None
    key = (
        OutboundMessage.objects.filter(
            message_id__in=message_ids, purpose=OutboundMessage.Purpose.PARTNER
        )
        .values_list("key", flat=True)
        .first()
    )
    if key is None or not key.startswith("partner_task:"):
        return None
    return (
        PartnerTask.objects.select_related(
            "case", "case__client", "case__client__site", "case__owner", "partner"
        )
        .filter(pk=int(key.split(":")[1]))
        .first()
    )
