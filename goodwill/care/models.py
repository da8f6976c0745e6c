"""The care engine's service levels: what each tier of client is promised, when each site is open,
and the clocks that count a case's business time against those promises."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goodwill.cases.models import Case
from goodwill.clients.models import Tier
from goodwill.organisation.models import Site

_TIERS = ["standard", "premium", "vip"]
_CATEGORIES = [
    "",
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


class TierThreshold(models.Model):
    """From which total value of what a client owns (in one currency) they are premium, or VIP.
    Set by a manager; read by care.services.client_tier_refresh."""

    currency = models.CharField(max_length=3, unique=True, help_text=_("ISO 4217 code, e.g. EUR"))
    premium_from = models.DecimalField(max_digits=14, decimal_places=2)
    vip_from = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["currency"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(premium_from__gte=0, vip_from__gte=models.F("premium_from")),
                name="tier_threshold_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.currency}: premium {self.premium_from}, VIP {self.vip_from}"


class OpeningHours(models.Model):
    """One interval a site is open on a weekday, in the site's time zone (Site.timezone)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(help_text=_("0 = Monday … 6 = Sunday"))
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["site", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weekday__lte=6), name="opening_hours_weekday_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="opening_hours_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site_id} {self.weekday} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Holiday(models.Model):
    """A day a site is closed all day (public holiday, inventory day)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="holidays")
    day = models.DateField()
    name = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["site", "day"]
        constraints = [
            models.UniqueConstraint(fields=["site", "day"], name="holiday_unique_per_site")
        ]

    def __str__(self) -> str:
        return f"{self.site_id} {self.day} {self.name}"


class ServiceLevel(models.Model):
    """What a tier is promised, in business minutes. A row for a category beats the tier's
    catch-all row (blank category)."""

    tier = models.CharField(max_length=10, choices=Tier.choices)
    category = models.CharField(max_length=20, blank=True, help_text=_("Blank: any category"))
    first_response_minutes = models.PositiveIntegerField()
    # The longest the client may go without hearing from us while the case is open.
    update_minutes = models.PositiveIntegerField()
    resolution_minutes = models.PositiveIntegerField()
    warn_at_percent = models.PositiveSmallIntegerField(default=80)
    # When the update cadence runs out, send the client a "here is where we are" update by itself
    # (care.services.cadence_auto_update).
    auto_update = models.BooleanField(default=False)
    # A missed call is called back within this many business minutes (care.models.CallTask);
    # the tier's catch-all row decides, as the call may be about no case yet.
    callback_minutes = models.PositiveIntegerField(default=60, db_default=60)

    class Meta:
        ordering = ["tier", "category"]
        constraints = [
            models.UniqueConstraint(fields=["tier", "category"], name="service_level_unique"),
            models.CheckConstraint(
                condition=models.Q(tier__in=_TIERS), name="service_level_tier_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=_CATEGORIES), name="service_level_category_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    first_response_minutes__gt=0,
                    update_minutes__gt=0,
                    resolution_minutes__gt=0,
                    callback_minutes__gt=0,
                ),
                name="service_level_minutes_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(warn_at_percent__gte=1, warn_at_percent__lte=99),
                name="service_level_warn_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tier}/{self.category or '*'}"

    @property
    def category_label(self) -> str:
        return (
            str(Case.Category(self.category).label) if self.category in Case.Category.values else ""
        )

    def budget(self, kind: str) -> int:
        return {
            Clock.Kind.FIRST_RESPONSE: self.first_response_minutes,
            Clock.Kind.UPDATE: self.update_minutes,
            Clock.Kind.RESOLUTION: self.resolution_minutes,
        }[Clock.Kind(kind)]


class Clock(models.Model):
    """One promise to a case, counting business time of the case's site.

    running → paused (waiting on the client) → running …; a running clock past its due time is
    breached (and keeps showing how late it is until stopped); stopping a clock before its due
    time makes it met. Written only by care.services and care.sweeps.
    """

    class Kind(models.TextChoices):
        FIRST_RESPONSE = "first_response", _("First response")
        UPDATE = "update", _("Update to the client")
        RESOLUTION = "resolution", _("Resolution")

    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        PAUSED = "paused", _("Paused")
        MET = "met", _("Met")
        BREACHED = "breached", _("Breached")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="clocks", db_index=False
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.RUNNING)
    level = models.ForeignKey(
        ServiceLevel, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField()
    due_at = models.DateTimeField()
    # Business minutes allowed, and those used before the last pause (so a resume knows what is
    # left).
    budget_minutes = models.PositiveIntegerField()
    consumed_minutes = models.PositiveIntegerField(default=0)
    paused_at = models.DateTimeField(null=True, blank=True)
    warn_at = models.DateTimeField()
    warned_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "kind", "-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["first_response", "update", "resolution"]),
                name="clock_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["running", "paused", "met", "breached"]),
                name="clock_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(budget_minutes__gt=0), name="clock_budget_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    due_at__gte=models.F("started_at"), warn_at__lte=models.F("due_at")
                ),
                name="clock_times_ordered",
            ),
            # Paused exactly when it says since when.
            models.CheckConstraint(
                condition=models.Q(state="paused", paused_at__isnull=False)
                | (~models.Q(state="paused") & models.Q(paused_at__isnull=True)),
                name="clock_paused_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="breached") | models.Q(breached_at__isnull=False),
                name="clock_breached_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="met") | models.Q(stopped_at__isnull=False),
                name="clock_met_is_stopped",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=["running", "paused"])
                | models.Q(stopped_at__isnull=True),
                name="clock_live_not_stopped",
            ),
            # At most one live clock of each kind per case (a restarted update clock is a new row).
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=models.Q(stopped_at__isnull=True),
                name="clock_one_live_per_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["case", "kind"], name="clock_case_kind"),
            # care.sweeps.clocks_due: running clocks whose warning point has passed, not yet warned.
            models.Index(
                fields=["warn_at"],
                name="clock_running_warn",
                condition=models.Q(state="running", warned_at__isnull=True),
            ),
            # care.sweeps.clocks_due: running clocks past due (claimed by setting state=breached).
            models.Index(
                fields=["due_at"], name="clock_running_due", condition=models.Q(state="running")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.state} due {self.due_at:%Y-%m-%d %H:%M}"


class CallTask(models.Model):
    """A call the brand owes a client, with its own clock: a *callback* after a missed or
    abandoned call (minutes for the top tier), a *follow-up* the next business day after an
    assistance case closed ("is everything all right now?").

    Open until someone records the call (an outbound call to the client, or "Called back" on
    the case page); the sweep care.sweeps.call_tasks_due tells the assignee and their backup
    when it runs late. Written only by care.services and care.sweeps."""

    class Kind(models.TextChoices):
        CALLBACK = "callback", _("Call back")
        FOLLOW_UP = "follow_up", _("Follow-up call")
        # A client who scored us low or wrote angrily in a survey (goodwill.surveys).
        DETRACTOR = "detractor", _("Call an unhappy client")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    state = models.CharField(max_length=5, choices=State.choices, default=State.OPEN)
    # None for a call owed outside any case (goodwill.journeys: the day after a delivery that
    # has no case): the client's page and the caller's home list it.
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="call_tasks",
        db_index=False,
    )
    # Copied from the case: an outbound call to the client closes their open tasks.
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="call_tasks"
    )
    made_at = models.DateTimeField()
    due_at = models.DateTimeField()
    # Set by the sweep when it told people the call is late (at most once).
    late_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # What made it, once: "call:<id>" for a missed call, "close:<entry id>" for a close,
    # "survey:<id>" for a detractor's answer.
    source_key = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["callback", "follow_up", "detractor"]),
                name="call_task_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(state="open", done_at__isnull=True)
                | models.Q(state="done", done_at__isnull=False),
                name="call_task_done_iff_done_at",
            ),
            models.CheckConstraint(
                condition=models.Q(due_at__gt=models.F("made_at")),
                name="call_task_due_after_made",
            ),
        ]
        indexes = [
            models.Index(fields=["case", "due_at"], name="call_task_case"),
            # The home page: my open calls to make (care.selectors.open_call_tasks).
            models.Index(
                fields=["assignee", "due_at"],
                name="call_task_open_assignee",
                condition=models.Q(state="open"),
            ),
            # An outbound call closes the client's open tasks (care.services.call_tasks_called).
            models.Index(
                fields=["client"], name="call_task_open_client", condition=models.Q(state="open")
            ),
            # care.sweeps.call_tasks_due: open tasks past due, nobody told yet.
            models.Index(
                fields=["due_at"],
                name="call_task_late",
                condition=models.Q(state="open", late_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.case_id} due {self.due_at:%Y-%m-%d %H:%M} ({self.state})"
