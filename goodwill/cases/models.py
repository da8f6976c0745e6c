"""Cases: one client's request, owned by one person from start to end."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goodwill.clients.models import Client, Product
from goodwill.organisation.models import Site


class Case(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        OPEN = "open", _("Open")
        WAITING_CLIENT = "waiting_client", _("Waiting on client")
        WAITING_PARTNER = "waiting_partner", _("Waiting on partner")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    class Category(models.TextChoices):
        BREAKDOWN = "breakdown", _("Breakdown")
        WARRANTY_CLAIM = "warranty_claim", _("Warranty claim")
        DELIVERY = "delivery", _("Delivery")
        BILLING = "billing", _("Billing")
        COMPLAINT = "complaint", _("Complaint")
        SERVICE_BOOKING = "service_booking", _("Service booking")
        INFORMATION = "information", _("Information")
        ACCIDENT = "accident", _("Accident")
        THEFT = "theft", _("Theft")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone")
        WEB = "web", _("Web")
        IN_PERSON = "in_person", _("In person")
        # Text messages through the messaging provider (goodwill.channels.messaging).
        SMS = "sms", _("SMS")
        WHATSAPP = "whatsapp", _("WhatsApp")

    OPEN_STATUSES = ("new", "open", "waiting_client", "waiting_partner")
    CLOSED_STATUSES = ("resolved", "closed")
    # Assistance: the client is stranded, whatever the hour. Its clocks count around the clock
    # (care.services.case_schedule) and its close asks for a follow-up call.
    ASSISTANCE_CATEGORIES = ("breakdown", "accident", "theft")

    reference = models.CharField(max_length=32, unique=True)
    # Indexed by case_client_opened below.
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="cases", db_index=False
    )
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    # Internal: how staff name the case. Never sent to the client (cases.wording).
    summary = models.CharField(max_length=300)
    # What the client reads as the case's title, in their language; empty: the phrase of its
    # category (cases.wording.client_title).
    client_title = models.CharField(max_length=200, blank=True, default="", db_default="")
    category = models.CharField(
        max_length=20, choices=Category.choices, default=Category.INFORMATION
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.PHONE)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    priority = models.PositiveSmallIntegerField(default=3)
    language = models.CharField(max_length=8, default="en")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_cases"
    )
    selling_advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="cases")
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField()
    source_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # Chasers: the client asked again ("any news?") while we had sent nothing since their last
    # contact. Kept by cases.services.case_client_contacted.
    chaser_count = models.PositiveIntegerField(default=0, db_default=0)
    last_client_contact_at = models.DateTimeField(null=True, blank=True)
    # The last time anything was sent to the client about this case (a reply, a notification):
    # restarts the update-cadence clock and resets the chaser rule.
    last_sent_to_client_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status__in=[
                        "new",
                        "open",
                        "waiting_client",
                        "waiting_partner",
                        "resolved",
                        "closed",
                    ]
                ),
                name="case_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    category__in=[
                        "breakdown",
                        "warranty_claim",
                        "delivery",
                        "billing",
                        "complaint",
                        "service_booking",
                        "information",
                        "accident",
                        "theft",
                    ]
                ),
                name="case_category_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(priority__gte=1, priority__lte=3), name="case_priority_range"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    channel__in=["email", "phone", "web", "in_person", "sms", "whatsapp"]
                ),
                name="case_channel_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True)
                | models.Q(closed_at__gte=models.F("opened_at")),
                name="case_closed_after_opened",
            ),
        ]
        indexes = [
            models.Index(fields=["client", "-opened_at"], name="case_client_opened"),
            # The advisor's home page: "my open cases, oldest first"
            # (cases.selectors.open_cases_for_owner).
            models.Index(
                fields=["owner", "opened_at"],
                name="case_owner_open",
                condition=models.Q(status__in=["new", "open", "waiting_client", "waiting_partner"]),
            ),
            # The care centre's home: every open case, oldest first
            # (cases.selectors.open_cases_in_scope).
            models.Index(
                fields=["opened_at"],
                name="case_open_oldest",
                condition=models.Q(status__in=["new", "open", "waiting_client", "waiting_partner"]),
            ),
            # A dealer's view of the same list, one site only.
            models.Index(
                fields=["site", "opened_at"],
                name="case_site_open",
                condition=models.Q(status__in=["new", "open", "waiting_client", "waiting_partner"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.summary}"

    @property
    def is_assistance(self) -> bool:
        return self.category in self.ASSISTANCE_CATEGORIES

    @property
    def outcome(self) -> Outcome | None:
        """How the case ended, while it is closed. A query hidden in a property: read on the
        case page of a closed case only."""
        if self.closed_at is None:
            return None
        return self.outcomes.order_by("-recorded_at", "-id").first()


class Outcome(models.Model):
    """How a case ended, recorded when it is resolved or closed (cases.services.case_change_status):
    what was done, by whom, what it cost, and whether it fixed the client's problem. A case closed,
    reopened and closed again has one row per close; the latest is its outcome."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="outcomes")
    done = models.TextField()
    # A person, a partner or a workshop: whoever did it, as the closer writes it.
    done_by = models.CharField(max_length=200)
    cost = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True, default="")
    fixed = models.BooleanField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["case", "-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(done=""), name="outcome_done_given"),
            models.CheckConstraint(condition=~models.Q(done_by=""), name="outcome_done_by_given"),
            models.CheckConstraint(
                condition=models.Q(cost__isnull=True) | models.Q(cost__gte=0),
                name="outcome_cost_not_negative",
            ),
            # A cost comes with its currency, and a currency only with a cost.
            models.CheckConstraint(
                condition=models.Q(cost__isnull=True, currency="")
                | (models.Q(cost__isnull=False) & models.Q(currency__regex=r"^[A-Z]{3}$")),
                name="outcome_cost_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.done[:40]}"
