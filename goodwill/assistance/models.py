"""Assistance: the partners who act for the brand (tow, repair, rental, hotel, taxi, warranty
company, insurer), the tasks asked of them on a case, and the brand's policy that matches the
service to the client.

Written only by assistance.services (partners, policy, tasks and their updates) and
assistance.sweeps.partner_tasks_due (a partner late). A third party's part of a case is always a
task here, followed by the case's owner: the case itself never changes hands.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goodwill.assistance.rules import CAR_CLASSES, HOTEL_CLASSES, TRANSPORT_CLASSES
from goodwill.clients.models import Tier


class PartnerKind(models.TextChoices):
    TOW = "tow", _("Tow and roadside")
    REPAIR = "repair", _("Repair shop")
    RENTAL = "rental", _("Car rental")
    HOTEL = "hotel", _("Hotel")
    TAXI = "taxi", _("Taxi or chauffeur")
    WARRANTY = "warranty", _("Warranty company")
    INSURER = "insurer", _("Insurer")
    SPECIALIST = "specialist", _("Specialist")


class Partner(models.Model):
    """One entry of the partner directory, kept by managers at /partners/."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=PartnerKind.choices)
    # The site whose cases it serves; empty: the whole brand, within its region.
    site = models.ForeignKey(
        "organisation.Site", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    region = models.CharField(max_length=100, blank=True, help_text=_("Bavaria, Greater London…"))
    contact_name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    # The languages its desk reads, the first one that of its link's page and e-mails.
    languages = models.JSONField(default=list, blank=True)
    hours = models.CharField(max_length=200, blank=True, help_text=_("24/7, Mon–Fri 8–18…"))
    # The classes of service it offers (rules.LADDERS codes of its kind: "S", "5", "chauffeur").
    classes = models.JSONField(default=list, blank=True)
    # The agreed times: to accept a task, and to be there once accepted.
    accept_minutes = models.PositiveIntegerField(default=30)
    arrive_minutes = models.PositiveIntegerField(default=90)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[code for code, _label in PartnerKind.choices]),
                name="partner_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(accept_minutes__gt=0, arrive_minutes__gt=0),
                name="partner_agreed_times_positive",
            ),
        ]
        indexes = [
            # The task form's partners of one kind (assistance.selectors.partners_for).
            models.Index(
                fields=["kind", "site"], name="partner_active_kind", condition=models.Q(active=True)
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def language(self) -> str:
        return self.languages[0] if self.languages else "en"


class ServicePolicy(models.Model):
    """What the brand gives a client of a tier whose product is worth at least `min_value`: the
    class of replacement car, of hotel and of transport, and how many nights. The row with the
    highest `min_value` not above the product's price applies (selectors.policy_for)."""

    tier = models.CharField(max_length=10, choices=Tier.choices, default=Tier.STANDARD)
    min_value = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    car_class = models.CharField(max_length=10, choices=CAR_CLASSES)
    hotel_class = models.CharField(max_length=10, choices=HOTEL_CLASSES)
    transport_class = models.CharField(max_length=10, choices=TRANSPORT_CLASSES)
    nights = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["tier", "min_value"]
        verbose_name_plural = "service policies"
        constraints = [
            models.UniqueConstraint(fields=["tier", "min_value"], name="policy_tier_value_unique"),
            models.CheckConstraint(
                condition=models.Q(tier__in=["standard", "premium", "vip"]),
                name="policy_tier_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(car_class__in=[code for code, _label in CAR_CLASSES])
                & models.Q(hotel_class__in=[code for code, _label in HOTEL_CLASSES])
                & models.Q(transport_class__in=[code for code, _label in TRANSPORT_CLASSES]),
                name="policy_classes_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(min_value__gte=0, nights__lte=14), name="policy_bounds"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tier} from {self.min_value}"


class PartnerTask(models.Model):
    """What a partner does on a case ("Tow to the nearest dealer", "replacement car, class S"),
    followed by the case's owner. The partner moves it on through a private link
    (`token_hash`: the SHA-256 of a random token only the partner's e-mail carries)."""

    class Status(models.TextChoices):
        APPROVAL = "approval", _("Awaiting approval")
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        ON_THE_WAY = "on_the_way", _("On the way")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")
        FAILED = "failed", _("Failed")

    OPEN_STATUSES = (Status.APPROVAL, Status.REQUESTED, Status.ACCEPTED, Status.ON_THE_WAY)
    # What a partner may move a task to, from each status (services.partner_task_update).
    NEXT: dict[str, tuple[str, ...]] = {
        Status.REQUESTED: (Status.ACCEPTED, Status.REFUSED),
        Status.ACCEPTED: (Status.ON_THE_WAY, Status.DONE, Status.FAILED),
        Status.ON_THE_WAY: (Status.ON_THE_WAY, Status.DONE, Status.FAILED),
    }

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="partner_tasks")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="tasks")
    kind = models.CharField(max_length=12, choices=PartnerKind.choices)
    title = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    # The class asked for (rules.LADDERS code of the kind), and what the policy said at the time.
    service_class = models.CharField(max_length=10, blank=True)
    policy_class = models.CharField(max_length=10, blank=True)
    nights = models.PositiveSmallIntegerField(null=True, blank=True)
    policy_nights = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    # By when the partner must accept (its agreed time), and when the service is due.
    accept_by = models.DateTimeField()
    due_at = models.DateTimeField()
    eta = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()
    partner_note = models.CharField(max_length=500, blank=True)
    # Below the policy: who approved it and when (a manager; empty while waiting).
    below_policy = models.BooleanField(default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # The partner's link: only the hash of its token is kept, and when it stops working.
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    # The sweep's marks: the owner is alerted once that nobody accepted, once per ETA passed.
    unaccepted_alerted_at = models.DateTimeField(null=True, blank=True)
    eta_alerted = models.BooleanField(default=False)

    # The raw token right after it was issued (services), to show or send once; never stored.
    issued_token: str | None = None

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status__in=[
                        "approval",
                        "requested",
                        "accepted",
                        "on_the_way",
                        "done",
                        "refused",
                        "failed",
                    ]
                ),
                name="partner_task_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=[code for code, _label in PartnerKind.choices]),
                name="partner_task_kind_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="on_the_way") | models.Q(eta__isnull=False),
                name="partner_task_on_the_way_has_eta",
            ),
            # Below the policy, it reached the partner only with a manager's approval.
            models.CheckConstraint(
                condition=~models.Q(below_policy=True)
                | models.Q(status="approval")
                | models.Q(approved_by__isnull=False, approved_at__isnull=False),
                name="partner_task_below_policy_approved",
            ),
            models.CheckConstraint(
                condition=models.Q(token_hash__isnull=True)
                | models.Q(token_expires_at__isnull=False),
                name="partner_task_token_expires",
            ),
        ]
        indexes = [
            # The sweep: requested, not accepted, by the agreed time (sweeps.partner_tasks_due).
            models.Index(
                fields=["accept_by"],
                name="partner_task_to_accept",
                condition=models.Q(status="requested", unaccepted_alerted_at__isnull=True),
            ),
            # The same sweep: on the way, ETA not yet alerted.
            models.Index(
                fields=["eta"],
                name="partner_task_eta_open",
                condition=models.Q(status="on_the_way", eta_alerted=False),
            ),
            models.Index(fields=["case", "requested_at"], name="partner_task_case"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class ApproverRole(models.TextChoices):
    """Who may approve an expense claim above the policy, from the lowest limit to the highest."""

    ADVISOR = "advisor", _("Advisor")
    MANAGER = "manager", _("Site manager")
    BRAND = "brand", _("Brand (care centre manager)")


class GoodwillPolicy(models.Model):
    """What the brand gives a client of a tier, for a category of case, without being asked:
    costs reimbursed up to `reimburse_limit` over the case (claims within it are approved at
    once), a gesture (a service credit, extra rental days), and how much each role may approve
    above it. A category of "" is the tier's row for every other category
    (selectors.goodwill_policy_for)."""

    tier = models.CharField(max_length=10, choices=Tier.choices)
    category = models.CharField(max_length=20, blank=True, help_text=_("Empty: any category"))
    currency = models.CharField(max_length=3, default="EUR")
    reimburse_limit = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    service_credit = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    extra_rental_days = models.PositiveSmallIntegerField(default=0)
    # Above the policy: the amount each role may approve on one claim.
    advisor_limit = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    manager_limit = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    brand_limit = models.DecimalField(max_digits=10, decimal_places=2, default=0)

    class Meta:
        ordering = ["tier", "category"]
        verbose_name_plural = "goodwill policies"
        constraints = [
            models.UniqueConstraint(fields=["tier", "category"], name="goodwill_tier_category"),
            models.CheckConstraint(
                condition=models.Q(tier__in=["standard", "premium", "vip"]),
                name="goodwill_tier_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    reimburse_limit__gte=0,
                    service_credit__gte=0,
                    extra_rental_days__lte=30,
                    advisor_limit__gte=0,
                ),
                name="goodwill_amounts_positive",
            ),
            # Each role up the ladder may approve at least what the one below may.
            models.CheckConstraint(
                condition=models.Q(
                    manager_limit__gte=models.F("advisor_limit"),
                    brand_limit__gte=models.F("manager_limit"),
                ),
                name="goodwill_limits_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tier} {self.category or '*'}"

    def limit_of(self, role: str) -> Decimal:
        limits: dict[str, Decimal] = {
            ApproverRole.ADVISOR: self.advisor_limit,
            ApproverRole.MANAGER: self.manager_limit,
            ApproverRole.BRAND: self.brand_limit,
        }
        return limits.get(role, Decimal(0))


class ExpenseClaim(models.Model):
    """A cost the client asks back, one line on a case. Within the goodwill policy it is approved
    at once (`within_policy`); above it, it waits for the first role whose limit covers it, by
    `due_at` (the sweep alerts once when that passes). Written only by assistance.services and
    assistance.sweeps.expense_claims_due."""

    class What(models.TextChoices):
        TAXI = "taxi", _("Taxi")
        HOTEL = "hotel", _("Hotel")
        FUEL = "fuel", _("Fuel and tolls")
        TOWING = "towing", _("Towing")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved")
        PENDING = "pending", _("Waiting for approval")
        DECLINED = "declined", _("Declined")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="claims")
    what = models.CharField(max_length=10, choices=What.choices)
    description = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3)
    # The receipt: an attachment of the client's mail on the case, by id (channels.email sits
    # above this app, which never imports it), with its file name as it was when chosen.
    receipt_attachment_id = models.PositiveBigIntegerField(null=True, blank=True)
    receipt_name = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    within_policy = models.BooleanField(default=False)
    approver_role = models.CharField(max_length=10, choices=ApproverRole.choices, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    claimed_at = models.DateTimeField()
    due_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=500, blank=True)
    overdue_alerted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["claimed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(what__in=["taxi", "hotel", "fuel", "towing", "other"]),
                name="claim_what_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["approved", "pending", "declined"]),
                name="claim_status_valid",
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="claim_amount_positive"),
            # Waiting: someone's clock runs. Decided: who and when, and a decline says why.
            models.CheckConstraint(
                condition=~models.Q(status="pending")
                | models.Q(due_at__isnull=False, approver_role__in=["advisor", "manager", "brand"]),
                name="claim_pending_has_clock",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(decided_at__isnull=False),
                name="claim_decided_when",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="claim_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(within_policy=True) | models.Q(status="approved"),
                name="claim_within_policy_approved",
            ),
        ]
        indexes = [
            models.Index(fields=["case", "claimed_at"], name="claim_case"),
            # The sweep: pending claims past their clock, not yet alerted
            # (sweeps.expense_claims_due).
            models.Index(
                fields=["due_at"],
                name="claim_pending_due",
                condition=models.Q(status="pending", overdue_alerted_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.what} {self.amount} {self.currency} ({self.status})"
