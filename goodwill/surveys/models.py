"""Surveys that respect the client (issue 14): one short question after a case closes
(satisfaction, 1–5) or after a delivery and once a year (recommendation, 0–10), an optional
effort score (1–5) and comment, and the loop closed on an unhappy answer (a call for the advisor,
its outcome recorded).

Written only by surveys.services and surveys.sweeps. One survey a case at most (a unique
constraint: never twice); the score's range per kind, the effort's and the states are checked by
the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# A score at or below these is a detractor's: the advisor calls them back.
DETRACTOR_AT_MOST = {"satisfaction": 2, "recommendation": 6}
TOP_SCORE = {"satisfaction": 5, "recommendation": 10}
BOTTOM_SCORE = {"satisfaction": 1, "recommendation": 0}


class Survey(models.Model):
    class Kind(models.TextChoices):
        SATISFACTION = "satisfaction", _("Satisfaction")
        RECOMMENDATION = "recommendation", _("Recommendation")

    class State(models.TextChoices):
        # Waiting for its day (due_at) and the limits, checked when it is due.
        SCHEDULED = "scheduled", _("Scheduled")
        SENT = "sent", _("Sent")
        # Scored from the e-mail: the client may still change the score and add a comment.
        ANSWERED = "answered", _("Answered")
        # Submitted, or settled by the sweep: on the timeline, the loop closed if need be.
        FINAL = "final", _("Final")
        SKIPPED = "skipped", _("Not sent")

    class Skip(models.TextChoices):
        DECLINED = "declined", _("The client asked for no surveys")
        NO_EMAIL = "no_email", _("No e-mail address")
        CASE_OPEN = "case_open", _("The client has a case open")
        RECENT = "recent", _("Surveyed recently")
        REOPENED = "reopened", _("The case is open again")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SCHEDULED)
    skipped = models.CharField(max_length=10, choices=Skip.choices, blank=True, default="")
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="survey")
    # Copied from the case when it closed: the dashboards read them without joining (and the
    # owner or tier may change later; the score belongs to who served then).
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="surveys", db_index=False
    )
    site = models.ForeignKey("organisation.Site", on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    category = models.CharField(max_length=20)
    tier = models.CharField(max_length=10)
    language = models.CharField(max_length=8, blank=True, default="")
    made_at = models.DateTimeField()
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    # SHA-256 of the 256 random bits in the e-mail's links; the raw token is never kept.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    effort = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True, default="")
    answered_at = models.DateTimeField(null=True, blank=True)
    # When a click last changed the score: two different scores clicked seconds apart are a
    # mail scanner opening every link, not a person (services.survey_click).
    clicked_at = models.DateTimeField(null=True, blank=True)
    final_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=10, blank=True, default="")
    # What the comment means and its mood (intake.signals.classify), once final.
    signal = models.JSONField(default=dict, blank=True)
    detractor = models.BooleanField(default=False)
    call_task = models.OneToOneField(
        "care.CallTask", on_delete=models.PROTECT, null=True, blank=True, related_name="survey"
    )
    # The call's outcome: won back or not, and what was offered.
    recovered = models.BooleanField(null=True, blank=True)
    offered = models.TextField(blank=True, default="")
    outcome_at = models.DateTimeField(null=True, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-made_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["satisfaction", "recommendation"]),
                name="survey_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["scheduled", "sent", "answered", "final", "skipped"]),
                name="survey_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True)
                | models.Q(kind="satisfaction", score__gte=1, score__lte=5)
                | models.Q(kind="recommendation", score__gte=0, score__lte=10),
                name="survey_score_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(effort__isnull=True) | models.Q(effort__gte=1, effort__lte=5),
                name="survey_effort_in_range",
            ),
            models.CheckConstraint(
                condition=(models.Q(state="skipped") & ~models.Q(skipped=""))
                | (~models.Q(state="skipped") & models.Q(skipped="")),
                name="survey_skipped_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["scheduled", "skipped"])
                | models.Q(sent_at__isnull=False, token_hash__isnull=False),
                name="survey_sent_has_link",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=["answered", "final"])
                | models.Q(score__isnull=False, answered_at__isnull=False),
                name="survey_answered_has_score",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="final") | models.Q(final_at__isnull=False),
                name="survey_final_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(recovered__isnull=True)
                | models.Q(outcome_at__isnull=False, call_task__isnull=False),
                name="survey_outcome_of_a_call",
            ),
        ]
        indexes = [
            # surveys.sweeps.surveys_due: the scheduled ones whose day came.
            models.Index(
                fields=["due_at"], name="survey_due", condition=models.Q(state="scheduled")
            ),
            # surveys.sweeps.surveys_due: scored from the e-mail, to settle once left alone.
            models.Index(
                fields=["answered_at"],
                name="survey_to_settle",
                condition=models.Q(state="answered"),
            ),
            # The period limit and the client page: this client's surveys, newest first.
            models.Index(fields=["client", "-sent_at"], name="survey_client_sent"),
            # The dashboards: final scores in a period (selectors.scores).
            models.Index(
                fields=["final_at"], name="survey_final", condition=models.Q(state="final")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} survey of case {self.case_id} ({self.state})"

    @property
    def top(self) -> int:
        return TOP_SCORE[self.kind]

    @property
    def bottom(self) -> int:
        return BOTTOM_SCORE[self.kind]

    @property
    def open(self) -> bool:
        """The client can still answer (or change their answer)."""
        return self.state in (self.State.SENT, self.State.ANSWERED)


class SurveyPreference(models.Model):
    """A client who asked for no more surveys (the link at the foot of every survey e-mail, or
    the portal): none is sent to them again."""

    client = models.OneToOneField(
        "clients.Client", on_delete=models.PROTECT, related_name="survey_preference"
    )
    declined_at = models.DateTimeField()
    # Where they said so: "email" (the survey's link) or "portal".
    via = models.CharField(max_length=10)

    def __str__(self) -> str:
        return f"client {self.client_id} declined surveys"
