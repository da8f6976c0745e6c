"""Conversation reviews (issue 14, part 6): managers score a case's conversation against the
brand's rubric and leave coaching notes; each advisor follows their own trend.

Written only by quality.services; read through quality.selectors.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

LOWEST, HIGHEST = 1, 5


class Criterion(models.Model):
    """One line of the rubric, edited by managers at /quality/rubric/. Never deleted (past
    reviews were scored on it): a criterion no longer used is made inactive."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return self.name


class Review(models.Model):
    """A manager's review of one case's conversation. One per case: a conversation is sampled
    once."""

    class Source(models.TextChoices):
        RANDOM = "random", _("At random")
        LOW_SCORE = "low_score", _("Low experience score")
        COMPLAINT = "complaint", _("Complaint")
        OVERRIDE = "override", _("Sent despite a check")

    class Status(models.TextChoices):
        PENDING = "pending", _("To review")
        DONE = "done", _("Reviewed")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    # The case's site (isolation: a site's managers review their site's cases) and owner (whose
    # conversation it is, who reads the notes), copied when sampled.
    site = models.ForeignKey("organisation.Site", on_delete=models.PROTECT, related_name="+")
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quality_reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=10, choices=Source.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    sampled_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)
    # What the automatic checks found on the case's outgoing messages, by criterion key:
    # {"empathy": ["Brush-off: …"], …} (quality.rules.prefill).
    flags = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case"], name="quality_review_one_per_case"),
            models.CheckConstraint(
                condition=models.Q(source__in=["random", "low_score", "complaint", "override"]),
                name="quality_review_source_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending", reviewed_at__isnull=True)
                | models.Q(status="done", reviewed_at__isnull=False),
                name="quality_review_done_when_reviewed",
            ),
        ]
        indexes = [
            # The managers' list: their site's reviews, to do first.
            models.Index(fields=["site", "status", "-sampled_at"], name="quality_review_site"),
            # /quality/me/: an advisor's reviews over time.
            models.Index(fields=["advisor", "reviewed_at"], name="quality_review_advisor"),
        ]

    def __str__(self) -> str:
        return f"review of case {self.case_id}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="quality_score_one_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=LOWEST, score__lte=HIGHEST),
                name="quality_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"
