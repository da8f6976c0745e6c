"""Appointments: the bookable slots of each site (per kind: workshop, delivery, fitting,
inspection, each with a capacity), the clients' bookings in them, and the private links a client
books through without an account.

Written only by appointments.services and the reminder sweep (appointments.sweeps). A slot's
places are counted in the database: `Slot.booked` moves only by a conditional UPDATE and a
CheckConstraint holds it between 0 and the capacity, so two clients can never both take the last
place, whatever the number of processes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    DELIVERY = "delivery", _("Delivery")
    FITTING = "fitting", _("Fitting")
    INSPECTION = "inspection", _("Inspection")


class Slot(models.Model):
    """A bookable time at a site, for one kind of appointment, with `capacity` places."""

    site = models.ForeignKey("organisation.Site", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveSmallIntegerField(default=1)
    # Places taken by booked (not cancelled) bookings: only services change it, by a conditional
    # UPDATE; the constraint below is what makes the last place go to one client only.
    booked = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="slot_kind_valid"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="slot_capacity_min"),
            models.CheckConstraint(
                condition=models.Q(booked__gte=0, booked__lte=models.F("capacity")),
                name="slot_booked_within_capacity",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
            models.UniqueConstraint(fields=["site", "kind", "starts_at"], name="slot_unique_time"),
        ]
        indexes = [
            # The free slots of a kind at a site (selectors.free_slots) and the day's plan.
            models.Index(fields=["site", "kind", "starts_at"], name="slot_site_kind_start"),
            models.Index(fields=["site", "starts_at"], name="slot_site_start"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def free(self) -> int:
        return self.capacity - self.booked


class BookingLink(models.Model):
    """A client's private link to book one kind of appointment at one site: 256 random bits sent
    in their e-mail, only the SHA-256 kept, expiring. It opens that client's booking only."""

    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    site = models.ForeignKey("organisation.Site", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    # The raw token right after it was issued (services), to send or show once; never stored.
    issued_token: str | None = None

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="booking_link_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"booking link {self.pk} ({self.kind})"


class Booking(models.Model):
    """A client's place in a slot. Moving changes its slot; cancelling keeps the row."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")

    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="bookings")
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    link = models.ForeignKey(
        BookingLink, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    created_at = models.DateTimeField()
    moved_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Set when the reminder sweep claims it: one reminder per booking and slot.
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["slot__starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["booked", "cancelled"]), name="booking_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status="booked", cancelled_at__isnull=True)
                | models.Q(status="cancelled", cancelled_at__isnull=False),
                name="booking_cancelled_at_matches",
            ),
            # A link books one appointment at a time: booking again is moving it.
            models.UniqueConstraint(
                fields=["link"],
                condition=models.Q(status="booked"),
                name="booking_one_active_per_link",
            ),
            models.UniqueConstraint(
                fields=["slot", "client"],
                condition=models.Q(status="booked"),
                name="booking_one_place_per_client",
            ),
        ]
        indexes = [
            # The reminder sweep's queue (sweeps.reminders_due): booked and not yet reminded.
            models.Index(
                fields=["slot"],
                condition=models.Q(status="booked", reminded_at__isnull=True),
                name="booking_to_remind",
            ),
        ]

    def __str__(self) -> str:
        return f"booking {self.pk} ({self.status})"
