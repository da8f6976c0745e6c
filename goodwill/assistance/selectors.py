"""Reads for the partner directory, the policy table, a case's partner tasks and the partner's
link."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from goodwill.assistance.models import (
    ApproverRole,
    ExpenseClaim,
    GoodwillPolicy,
    Partner,
    PartnerTask,
    ServicePolicy,
)
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.selectors import visible_clients
from goodwill.organisation.access import site_scoped
from goodwill.organisation.models import User


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_manager(user: User) -> bool:
    return user.role in (User.Role.MANAGER, User.Role.ADMIN) or user.is_superuser


def partner_directory(*, user: User, kind: str = "") -> QuerySet[Partner]:
    """The directory as a manager keeps it: brand-wide partners and those of sites they serve."""
    partners = Partner.objects.select_related("site").order_by("kind", "region", "name", "id")
    if (seen := user.seen_site_ids) is not None:
        partners = partners.filter(Q(site__isnull=True) | Q(site_id__in=seen))
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


# --- Goodwill by policy -----------------------------------------------------------------------

ROLE_RANK = {ApproverRole.ADVISOR: 0, ApproverRole.MANAGER: 1, ApproverRole.BRAND: 2}


def goodwill_table() -> QuerySet[GoodwillPolicy]:
    return GoodwillPolicy.objects.order_by("tier", "category")


def goodwill_policy_for(*, tier: str, category: str) -> GoodwillPolicy | None:
    """The tier's row for the case's category, else its row for any category ("")."""
    rows = {
        row.category: row
        for row in GoodwillPolicy.objects.filter(tier=tier, category__in=[category, ""])
    }
    return rows.get(category) or rows.get("")


def approver_role_of(user: User) -> ApproverRole:
    """Which approval limit a person holds: the brand's managers (care centre, administrators),
    a site's managers, everyone else an advisor's."""
    if is_manager(user):
        return ApproverRole.BRAND if user.sees_all_clients else ApproverRole.MANAGER
    return ApproverRole.ADVISOR


def may_decide(*, user: User, claim: ExpenseClaim) -> bool:
    """The role a claim went to decides it, or anyone above; an advisor's claim, the case's
    owner or another advisor of its client's."""
    role = approver_role_of(user)
    wanted = ApproverRole(claim.approver_role) if claim.approver_role else ApproverRole.BRAND
    return ROLE_RANK[role] >= ROLE_RANK[wanted]


def approved_total(*, case: Case, currency: str) -> Decimal:
    total = ExpenseClaim.objects.filter(
        case=case, currency=currency, status=ExpenseClaim.Status.APPROVED
    ).aggregate(total=Sum("amount"))["total"]
    return total or Decimal(0)


def case_claims(*, case: Case) -> list[ExpenseClaim]:
    return list(
        ExpenseClaim.objects.filter(case=case)
        .select_related("claimed_by", "decided_by")
        .order_by("claimed_at", "id")
    )


def claim_totals(claims: list[ExpenseClaim]) -> list[dict[str, Any]]:
    """A case's totals per currency: claimed, approved, waiting, declined (from its lines)."""
    totals: dict[str, dict[str, Any]] = {}
    for claim in claims:
        row = totals.setdefault(
            claim.currency,
            {"currency": claim.currency, "claimed": Decimal(0), **{s: Decimal(0) for s in STATES}},
        )
        row["claimed"] += claim.amount
        row[claim.status] += claim.amount
    return sorted(totals.values(), key=lambda row: row["currency"])


STATES = ("approved", "pending", "declined")


def visible_claim(*, user: User, pk: int) -> ExpenseClaim:
    try:
        return ExpenseClaim.objects.select_related(
            "case", "case__client", "case__client__site", "case__owner", "case__site"
        ).get(pk=pk, case__client__in=visible_clients(user=user))
    except ExpenseClaim.DoesNotExist:
        raise Http404("No such claim") from None


def goodwill_totals(*, user: User, start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
    """What was claimed and approved per site, tier and currency for claims made in
    [start, end), for the insight dashboards: the sites a person may see, one query."""
    claims = ExpenseClaim.objects.filter(claimed_at__gte=start, claimed_at__lt=end)
    claims = site_scoped(claims, user=user, field="case__site_id")
    rows = (
        claims.values("case__site__name", "case__client__tier", "currency")
        .annotate(
            claims=Count("id"),
            claimed=Sum("amount"),
            approved=Sum("amount", filter=Q(status=ExpenseClaim.Status.APPROVED)),
            within_policy=Count("id", filter=Q(within_policy=True)),
            pending=Sum("amount", filter=Q(status=ExpenseClaim.Status.PENDING)),
            declined=Sum("amount", filter=Q(status=ExpenseClaim.Status.DECLINED)),
        )
        .order_by("case__site__name", "case__client__tier", "currency")
    )
    return [
        {
            "site": row["case__site__name"],
            "tier": row["case__client__tier"],
            "currency": row["currency"],
            "claims": row["claims"],
            "within_policy": row["within_policy"],
            **{k: row[k] or Decimal(0) for k in ("claimed", "approved", "pending", "declined")},
        }
        for row in rows
    ]
