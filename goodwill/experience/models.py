"""How clients lived their cases, kept up to date by the worker (experience.sweeps).

Written only by experience.services; read through experience.selectors.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseExperience(models.Model):
    """A case's experience score (experience.rules.score_case) and the reasons for it."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="experience"
    )
    # Copies of the case's, so the digest's "worst of the week" and the client's health read one
    # table.
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    site = models.ForeignKey("organisation.Site", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()
    # [{"code", "count", "weight"}], heaviest first (rules.Reason.as_json).
    reasons = models.JSONField(default=list, blank=True)
    opened_at = models.DateTimeField()
    # The newest timeline entry read: its time (the week a story belongs to) and id (the sweep
    # recomputes a case only when a newer entry exists).
    last_at = models.DateTimeField()
    last_entry_id = models.BigIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=100), name="case_experience_score_range"
            ),
        ]
        indexes = [
            # selectors.worst_cases: the stories that moved in a period, worst first.
            models.Index(fields=["last_at", "score"], name="case_experience_last_at"),
            # selectors.client_health inputs: a client's scored cases.
            models.Index(fields=["client", "score"], name="case_experience_client"),
            # insights.services.summaries_refresh: the scores recomputed since its last round.
            models.Index(fields=["computed_at"], name="case_experience_computed"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.score}"


class ClientHealth(models.Model):
    """A client's relationship health (experience.rules.client_health), for the advisor's book."""

    client = models.OneToOneField(
        "clients.Client", on_delete=models.CASCADE, primary_key=True, related_name="health"
    )
    score = models.PositiveSmallIntegerField()
    # Points gained (positive) or lost over rules.TREND_SPAN.
    trend = models.SmallIntegerField(default=0)
    worst_open_case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = _("client health")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=100), name="client_health_score_range"
            ),
            models.CheckConstraint(
                condition=models.Q(trend__gte=-100, trend__lte=100),
                name="client_health_trend_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client_id}: {self.score}"

    @property
    def direction(self) -> str:
        """ "better", "worse" or "steady": a move of less than 5 points is noise."""
        if self.trend >= 5:
            return "better"
        if self.trend <= -5:
            return "worse"
        return "steady"


class ExperienceCursor(models.Model):
    """The sweep's place in the timeline: every entry up to `last_entry_id` has been read. One
    row (pk 1), locked while a sweep works, so two workers never read the same batch."""

    last_entry_id = models.BigIntegerField(default=0)
    moved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="experience_cursor_single_row"),
        ]

    def __str__(self) -> str:
        return str(self.last_entry_id)
