"""Journeys (issue 15): the brand's plan for each moment of a client's life with what they bought
(a new car on order, a watch, a repair, an assistance case, years of ownership), stage by stage,
and each client's journey running through it.

A manager edits the plan (`JourneyTemplate` and its `Stage`s at /journeys/); a `Journey` follows
one client (and product or case) through it: a feed, a staff click or the clock moves it, each
stage reached is a `JourneyStep` (once: a re-run feed changes nothing). Written only by
journeys.services and journeys.sweeps."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JourneyKind(models.TextChoices):
    CAR_ORDER = "car_order", _("New car order")
    WATCH = "watch", _("Watch purchase and servicing")
    REPAIR = "repair", _("Repair")
    ASSISTANCE = "assistance", _("Assistance")
    OWNERSHIP = "ownership", _("Anniversary of ownership")


class JourneyTemplate(models.Model):
    """The plan for one kind of moment; one per kind."""

    kind = models.CharField(max_length=12, choices=JourneyKind.choices, unique=True)
    name = models.CharField(max_length=100)
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=JourneyKind.values), name="journey_template_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Stage(models.Model):
    """One stage of a plan, in order: what the client should feel and what could spoil it, the
    staff checklist, the message (a MessageTemplate name, or none), who does it and by when."""

    class Role(models.TextChoices):
        ADVISOR = "advisor", _("The client's advisor")
        OWNER = "owner", _("The case owner")
        WORKSHOP = "workshop", _("The workshop")
        MANAGER = "manager", _("The site manager")
        LOGISTICS = "logistics", _("Factory and logistics")

    class Anchor(models.TextChoices):
        # "by when": counted from the previous stage, or from the journey's start date (the
        # order or purchase date: an anniversary falls on a date).
        PREVIOUS = "previous", _("After the previous stage")
        START = "start", _("After the start date")

    class Advance(models.TextChoices):
        # A feed, an API call or staff say the stage happened; its date is only expected.
        REPORTED = "reported", _("When reported (feed or staff)")
        # The clock reaches it: the day after, the first service, a year on.
        TIME = "time", _("On its date")

    template = models.ForeignKey(JourneyTemplate, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField()
    code = models.SlugField(max_length=30)
    title = models.CharField(max_length=100)
    feel = models.TextField(blank=True, help_text=_("What the client should feel"))
    spoilers = models.TextField(blank=True, help_text=_("What could spoil it"))
    checklist = models.TextField(blank=True, help_text=_("One item a line, for staff"))
    # A MessageTemplate name ("journey_stage"), or "" for no message.
    message = models.CharField(max_length=40, blank=True, default="journey_stage")
    # The brand's own words for the stage, a template of the outbox's sandbox (journey_stage's
    # placeholders), checked when saved and rendered after the stage's sentence.
    text = models.TextField(blank=True)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.ADVISOR)
    anchor = models.CharField(max_length=8, choices=Anchor.choices, default=Anchor.PREVIOUS)
    due_days = models.PositiveIntegerField(default=0)
    advance = models.CharField(max_length=8, choices=Advance.choices, default=Advance.REPORTED)
    # A touchpoint that is not about the client's order or case (an anniversary, an invitation):
    # held while the client is on the suppression list (journeys.suppression).
    touchpoint = models.BooleanField(default=False)
    # The message offers slots of this appointment kind (the arrival: "delivery").
    booking_kind = models.CharField(max_length=12, blank=True)
    # Reaching it plans a follow-up call the day after (care.CallTask).
    call_after = models.BooleanField(default=False)
    # Announced as JourneyStageReached for the surveys (the recommendation after a delivery).
    survey_hook = models.BooleanField(default=False)
    # A stage that comes back (an anniversary, a service): again this many months after its
    # first time, and, for a product with mileage readings, when its estimated mileage has
    # grown by `repeat_km` since the last time, whichever comes first. 0 and 0: once.
    repeat_months = models.PositiveSmallIntegerField(default=0)
    repeat_km = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="stage_code_unique"),
            models.UniqueConstraint(fields=["template", "position"], name="stage_position_unique"),
            models.CheckConstraint(
                condition=models.Q(
                    role__in=["advisor", "owner", "workshop", "manager", "logistics"]
                ),
                name="stage_role_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(anchor__in=["previous", "start"]), name="stage_anchor_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(advance__in=["reported", "time"]), name="stage_advance_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(repeat_months__lte=120, repeat_km__lte=1_000_000),
                name="stage_repeat_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template_id}:{self.position} {self.code}"

    @property
    def checklist_items(self) -> list[str]:
        return [line.strip() for line in self.checklist.splitlines() if line.strip()]


class Journey(models.Model):
    """One client's journey through a plan: the stage reached and when the next one is due."""

    class State(models.TextChoices):
        ACTIVE = "active", _("Under way")
        DONE = "done", _("Done")

    template = models.ForeignKey(JourneyTemplate, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="journeys")
    product = models.ForeignKey(
        "clients.Product", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="journeys"
    )
    state = models.CharField(max_length=6, choices=State.choices, default=State.ACTIVE)
    started_at = models.DateTimeField()
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    stage_at = models.DateTimeField()
    # The next stage and when it is due (null when done); the sweep reads these.
    next_stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    next_due_at = models.DateTimeField(null=True, blank=True)
    # Which time of the next stage it is (2: the second anniversary); 1 for a stage never reached.
    next_occurrence = models.PositiveSmallIntegerField(default=1)
    # Set once when the owner was told the next stage is late (cleared as the journey moves).
    late_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["active", "done"]), name="journey_state_valid"
            ),
            # One journey of a kind per product, and per case.
            models.UniqueConstraint(
                fields=["template", "product"],
                condition=models.Q(product__isnull=False),
                name="journey_one_per_product",
            ),
            models.UniqueConstraint(
                fields=["template", "case"],
                condition=models.Q(case__isnull=False),
                name="journey_one_per_case",
            ),
            models.CheckConstraint(
                condition=models.Q(next_stage__isnull=True, next_due_at__isnull=True)
                | models.Q(next_stage__isnull=False, next_due_at__isnull=False),
                name="journey_next_has_due",
            ),
        ]
        indexes = [
            # journeys.sweeps.journeys_due: the active journeys whose next stage is due.
            models.Index(
                fields=["next_due_at"],
                name="journey_next_due",
                condition=models.Q(state="active"),
            ),
            models.Index(fields=["client", "-started_at"], name="journey_client"),
        ]

    def __str__(self) -> str:
        return f"{self.template_id} {self.client_id} at {self.stage_id}"


class JourneyStep(models.Model):
    """A stage a journey reached, once per occurrence (a recurring stage, as the anniversary,
    once a year: its `occurrence` counts them); where the news came from."""

    class Source(models.TextChoices):
        START = "start", _("Start")
        FEED = "feed", _("Factory or logistics file")
        API = "api", _("Factory or logistics API")
        STAFF = "staff", _("Staff")
        TIME = "time", _("Its date")

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="steps")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    occurrence = models.PositiveSmallIntegerField(default=1)
    at = models.DateTimeField()
    source = models.CharField(max_length=6, choices=Source.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Why no message went (no e-mail address, held by the suppression list), for the page.
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["journey", "at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["journey", "stage", "occurrence"], name="journey_step_once"
            ),
            models.CheckConstraint(
                condition=models.Q(occurrence__gte=1), name="journey_step_occurrence_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=["start", "feed", "api", "staff", "time"]),
                name="journey_step_source_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.journey_id} {self.stage_id} {self.at:%Y-%m-%d}"


class DeliveryPlan(models.Model):
    """Delivery day as an event (story 004): who hands the car over, where, what is prepared and
    what the client likes, written on the case's journey."""

    journey = models.OneToOneField(Journey, on_delete=models.CASCADE, related_name="delivery_plan")
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    place = models.CharField(max_length=200, blank=True)
    prepared = models.TextField(blank=True)
    preferences = models.TextField(blank=True)
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"delivery plan {self.journey_id}"
