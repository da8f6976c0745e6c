"""Recalls and service campaigns (issue 15, part 6): the brand's list of affected VINs or serial
numbers, each matched to the client who owns it, one case per owner, told in their language with
a link to book the fix, and followed until it is booked and fixed.

Written only by recalls.services and the campaign sweep (recalls.sweeps). Idempotence is in the
database: a code once per campaign (`campaign_vehicle_unique`), one case per owner and campaign
(`campaign_case_unique`), so a re-import or a second launch adds nothing twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goodwill.appointments.models import Kind as AppointmentKind


class Campaign(models.Model):
    class Kind(models.TextChoices):
        RECALL = "recall", _("Recall")
        SERVICE = "service", _("Service campaign")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        LAUNCHED = "launched", _("Launched")
        CLOSED = "closed", _("Closed")

    code = models.CharField(max_length=32, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.RECALL)
    # For staff only; the client reads `words` in their language.
    title = models.CharField(max_length=200)
    # {language: {"title": …, "text": …}}: what the client reads, framed by the recall_notice
    # and recall_reminder templates. English is required: it is the fallback for every client.
    words = models.JSONField(default=dict)
    appointment_kind = models.CharField(
        max_length=12, choices=AppointmentKind.choices, default=AppointmentKind.WORKSHOP
    )
    # Owners who have not booked this many days after being told get one reminder.
    reminder_days = models.PositiveSmallIntegerField(default=14)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    launched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    launched_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["recall", "service"]), name="campaign_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "launched", "closed"]),
                name="campaign_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(appointment_kind__in=AppointmentKind.values),
                name="campaign_appointment_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(reminder_days__gte=1, reminder_days__lte=365),
                name="campaign_reminder_days_range",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(launched_at__isnull=False, launched_by__isnull=False),
                name="campaign_launched_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class CampaignCase(models.Model):
    """The one case of an owner in a campaign, however many of their vehicles it names."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="cases")
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "client"], name="campaign_case_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.client_id}"


class CampaignVehicle(models.Model):
    """One affected VIN or serial of a campaign, matched to its product and owner or not."""

    class Unmatched(models.TextChoices):
        UNKNOWN = "unknown", _("No client owns it")
        SEVERAL = "several", _("Several clients own it")
        # Matched, but nobody could own the owner's case (no advisor, nobody at their site).
        UNOWNED = "unowned", _("Nobody can own the case")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="vehicles")
    # Normalised as the search index writes VINs and serials (clients.normalize.code_normalized).
    code = models.CharField(max_length=64)
    # As the file wrote it, and where (its line), for staff to find it again.
    raw = models.CharField(max_length=64)
    line = models.PositiveIntegerField()
    product = models.ForeignKey(
        "clients.Product", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A copy of the client's site: a dealer's view of a campaign reads only its own rows.
    site = models.ForeignKey(
        "organisation.Site", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unmatched = models.CharField(max_length=10, choices=Unmatched.choices, blank=True)
    # Set once the owner's case exists (the launch's work for this vehicle is done).
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # When the owner was e-mailed (none: no address, their advisor calls them).
    told_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    booking = models.ForeignKey(
        "appointments.Booking", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fixed_at = models.DateTimeField(null=True, blank=True)
    fixed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["line", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="campaign_vehicle_unique"),
            models.CheckConstraint(
                condition=models.Q(unmatched__in=["", "unknown", "several", "unowned"]),
                name="campaign_vehicle_unmatched_valid",
            ),
            # Matched (an owner, no reason) or not (a reason, no owner): never both, never neither.
            models.CheckConstraint(
                condition=models.Q(client__isnull=False, site__isnull=False, unmatched="")
                | (models.Q(client__isnull=True, product__isnull=True) & ~models.Q(unmatched="")),
                name="campaign_vehicle_matched_or_why",
            ),
            models.CheckConstraint(
                condition=models.Q(case__isnull=False) | models.Q(told_at__isnull=True),
                name="campaign_vehicle_told_has_case",
            ),
        ]
        indexes = [
            # A dealer's view of a campaign (selectors.campaign_progress, vehicle lists).
            models.Index(fields=["campaign", "site"], name="campaign_vehicle_site"),
            # The launch's queue: matched owners without their case yet (sweeps.campaigns_due).
            models.Index(
                fields=["campaign", "client"],
                name="campaign_vehicle_to_tell",
                condition=models.Q(client__isnull=False, case__isnull=True),
            ),
            # The reminder's queue: told, neither booked, fixed nor reminded (sweeps).
            models.Index(
                fields=["told_at"],
                name="campaign_vehicle_to_remind",
                condition=models.Q(
                    told_at__isnull=False,
                    reminded_at__isnull=True,
                    booking__isnull=True,
                    fixed_at__isnull=True,
                ),
            ),
            models.Index(fields=["case"], name="campaign_vehicle_case"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.code}"
