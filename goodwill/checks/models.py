"""What the brand tells Goodwill to look for in a message before it leaves: brush-off phrases per
language, and the managers' own rules in plain language ("never …", "always offer … to tier …").

Written only by checks.services; read by checks.selectors for every preview.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    HARD = "hard", _("Blocks sending")
    WARN = "warn", _("Warns")


class BrushOffPhrase(models.Model):
    """A phrase that sends the client elsewhere ("contact the manufacturer directly"). Matched
    whole-word, ignoring case and accents, in any message of any language."""

    language = models.CharField(max_length=8)
    phrase = models.CharField(max_length=200)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["language", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["language", "phrase"], name="brushoff_unique_phrase"),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.phrase}"


class CheckRule(models.Model):
    """A manager's rule as they wrote it; checks.rules.parse_rule reads it (refusing what it
    cannot read when it is saved)."""

    text = models.CharField(max_length=300)
    severity = models.CharField(max_length=4, choices=Severity.choices, default=Severity.WARN)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(severity__in=["hard", "warn"]), name="checkrule_severity_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.text
