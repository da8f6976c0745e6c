"""Every read the appointment pages need: a client's link, the free slots it offers, the day's
plan of a site, a case's bookings."""

from __future__ import annotations

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

from django.db.models import F, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from goodwill.appointments.models import Booking, BookingLink, Slot
from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.organisation.access import site_scoped
from goodwill.organisation.models import Site, User

# How far ahead a booking page offers slots.
BOOKING_HORIZON = dt.timedelta(days=60)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_by_token(*, token: str, now: dt.datetime | None = None) -> BookingLink:
    """The one link a token opens: its hash matches and it has not expired. Anything else (a
    tampered, truncated, foreign or expired token) is a 404 like a missing page."""
    if not token or len(token) > 100:
        raise Http404("No such link")
    try:
        return BookingLink.objects.select_related("client", "client__site", "site", "case").get(
            token_hash=token_hash(token), expires_at__gt=now or timezone.now()
        )
    except BookingLink.DoesNotExist:
        raise Http404("No such link") from None


def link_booking(*, link: BookingLink) -> Booking | None:
    """The appointment booked through `link`, if one is booked (not cancelled)."""
    return (
        Booking.objects.select_related("slot")
        .filter(link=link, status=Booking.Status.BOOKED)
        .first()
    )


def free_slots(
    *, site: Site, kind: str, now: dt.datetime | None = None, limit: int = 200
) -> list[Slot]:
    """The slots of `kind` at `site` with a free place, from now to the booking horizon."""
    now = now or timezone.now()
    return list(
        Slot.objects.filter(
            site=site,
            kind=kind,
            starts_at__gt=now,
            starts_at__lte=now + BOOKING_HORIZON,
            booked__lt=F("capacity"),
        ).order_by("starts_at", "id")[:limit]
    )


def day_plan(*, site: Site, day: dt.date) -> list[Slot]:
    """The slots of `site` on `day` (in the site's time zone), each with its booked bookings
    and their clients and cases (three queries whatever the size of the day)."""
    zone = ZoneInfo(site.timezone)
    start = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
    end = start + dt.timedelta(days=1)
    return list(
        Slot.objects.filter(site=site, starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at", "kind", "id")
        .prefetch_related(
            Prefetch(
                "bookings",
                queryset=Booking.objects.filter(status=Booking.Status.BOOKED).select_related(
                    "client", "case"
                ),
                to_attr="booked_bookings",
            )
        )
    )


def plan_sites(*, user: User) -> QuerySet[Site]:
    """The sites whose plan `user` may see: all for brand-wide staff, else their own."""
    return site_scoped(Site.objects.order_by("name"), user=user, field="pk")


def case_bookings(*, case: Case) -> list[Booking]:
    """A case's appointments, the booked ones first, soonest first."""
    return list(
        Booking.objects.filter(case=case)
        .select_related("slot", "slot__site")
        .order_by("status", "slot__starts_at", "id")
    )


def client_bookings(*, client: Client, now: dt.datetime | None = None) -> list[Booking]:
    """A client's booked appointments still to come, soonest first (the portal's list)."""
    return list(
        Booking.objects.filter(
            client=client, status=Booking.Status.BOOKED, slot__starts_at__gt=now or timezone.now()
        )
        .select_related("slot", "slot__site", "link")
        .order_by("slot__starts_at", "id")
    )
