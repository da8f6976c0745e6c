"""Every read of the campaign pages. A dealer's staff see only their site's vehicles (and so
their site's clients) in a campaign; the brand's staff see all, unmatched codes included.

Booked is read live: a vehicle counts as booked once the sweep recorded its booking, or as soon
as a booking of the campaign's kind stands on its owner's case (appointments announces no event;
the link's booking lands on the case the invitation named)."""

from __future__ import annotations

import dataclasses

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from goodwill.appointments.models import Booking
from goodwill.organisation.access import site_scoped
from goodwill.organisation.models import User
from goodwill.recalls.models import Campaign, CampaignVehicle

PAGE = 100

SHOWS = ("all", "unmatched", "not_told", "told", "not_booked", "booked", "fixed")


@dataclasses.dataclass(frozen=True)
class Progress:
    affected: int = 0
    matched: int = 0
    told: int = 0
    booked: int = 0
    fixed: int = 0

    def percent(self, part: int) -> int:
        return round(100 * part / self.matched) if self.matched else 0

    @property
    def told_percent(self) -> int:
        return self.percent(self.told)

    @property
    def booked_percent(self) -> int:
        return self.percent(self.booked)

    @property
    def fixed_percent(self) -> int:
        return self.percent(self.fixed)


def _booked() -> Q:
    # A booking recorded and later cancelled no longer counts; a new one on the case does.
    return Q(booking__status=Booking.Status.BOOKED) | Q(
        Exists(
            Booking.objects.filter(
                case_id=OuterRef("case_id"),
                status=Booking.Status.BOOKED,
                slot__kind=OuterRef("campaign__appointment_kind"),
            )
        )
    )


def visible_vehicles(*, user: User) -> QuerySet[CampaignVehicle]:
    """The campaign vehicles `user` may see: all for the brand's staff, else their site's."""
    vehicles = CampaignVehicle.objects.all()
    return site_scoped(vehicles, user=user)


def campaign_list(*, user: User) -> list[tuple[Campaign, Progress]]:
    """Every campaign `user` may see with its progress (two queries): dealers do not see drafts."""
    campaigns = list(Campaign.objects.order_by("-created_at", "-id"))
    if not user.sees_all_clients:
        campaigns = [c for c in campaigns if c.status != Campaign.Status.DRAFT]
    # The annotations are beyond django-stubs' values() typing: read as plain dicts.
    rows: list[dict[str, int]] = list(
        visible_vehicles(user=user)  # type: ignore[arg-type]
        .filter(campaign__in=[c.pk for c in campaigns])
        .order_by()
        .values("campaign_id")
        .annotate(**_counts())
    )
    counts = {
        row["campaign_id"]: Progress(
            affected=row["affected"],
            matched=row["matched"],
            told=row["told"],
            booked=row["booked"],
            fixed=row["fixed"],
        )
        for row in rows
    }
    return [(campaign, counts.get(campaign.pk, Progress())) for campaign in campaigns]


def _counts() -> dict[str, Count]:
    return {
        "affected": Count("pk"),
        "matched": Count("pk", filter=Q(client__isnull=False)),
        "told": Count("pk", filter=Q(told_at__isnull=False)),
        "booked": Count("pk", filter=_booked()),
        "fixed": Count("pk", filter=Q(fixed_at__isnull=False)),
    }


def campaign_get(*, user: User, code: str) -> Campaign:
    campaign = (
        Campaign.objects.select_related("created_by", "launched_by").filter(code=code).first()
    )
    if campaign is None or (campaign.status == Campaign.Status.DRAFT and not user.sees_all_clients):
        raise Http404("No such campaign")
    return campaign


def campaign_progress(*, user: User, campaign: Campaign) -> Progress:
    row = visible_vehicles(user=user).filter(campaign=campaign).aggregate(**_counts())
    return Progress(**{name: row[name] or 0 for name in row})


def campaign_vehicles(
    *, user: User, campaign: Campaign, show: str = "all", page: int = 1
) -> tuple[list[CampaignVehicle], bool]:
    """One page of the campaign's vehicles `user` may see, filtered by `show` (SHOWS), each
    with its owner, product, case and `is_booked`; and whether there is a next page."""
    vehicles = (
        visible_vehicles(user=user)
        .filter(campaign=campaign)
        .select_related("client", "product", "case", "case__owner", "booking__slot")
        .annotate(is_booked=_booked())
    )
    if show == "unmatched":
        vehicles = vehicles.filter(client__isnull=True)
    elif show == "not_told":
        vehicles = vehicles.filter(client__isnull=False, told_at__isnull=True)
    elif show == "told":
        vehicles = vehicles.filter(told_at__isnull=False)
    elif show == "not_booked":
        vehicles = vehicles.filter(client__isnull=False, fixed_at__isnull=True).exclude(_booked())
    elif show == "booked":
        vehicles = vehicles.filter(_booked())
    elif show == "fixed":
        vehicles = vehicles.filter(fixed_at__isnull=False)
    start = (page - 1) * PAGE
    rows: list[CampaignVehicle] = list(vehicles.order_by("line", "id")[start : start + PAGE + 1])
    return rows[:PAGE], len(rows) > PAGE


def vehicle_get(*, user: User, campaign: Campaign, pk: int) -> CampaignVehicle:
    vehicle = (
        visible_vehicles(user=user)
        .filter(campaign=campaign, pk=pk)
        .select_related("campaign", "client", "client__site", "case")
        .first()
    )
    if vehicle is None:
        raise Http404("No such vehicle")
    return vehicle
