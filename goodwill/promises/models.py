"""Promises made to a client ("the tyre is fitted by Friday 17:00"), kept or broken, never
forgotten.

Written only by promises.services (made, kept) and promises.sweeps.promises_due (reminded, broken).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Promise(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        KEPT = "kept", _("Kept")
        BROKEN = "broken", _("Broken")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="promises")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="promises_made"
    )
    # Copied from the case at the time of the promise: kept rates are counted per site without a
    # join.
    site = models.ForeignKey("organisation.Site", on_delete=models.PROTECT, related_name="+")
    text = models.CharField(max_length=300)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    made_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    # Null on a broken promise: the clock broke it, nobody did.
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # When the maker is reminded, set when the promise is made (promises.services.remind_time).
    remind_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "kept", "broken"]),
                name="promise_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(due_at__gt=models.F("made_at")), name="promise_due_after_made"
            ),
            models.CheckConstraint(
                condition=models.Q(status="open", resolved_at__isnull=True)
                | (~models.Q(status="open") & models.Q(resolved_at__isnull=False)),
                name="promise_resolved_iff_closed",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="kept") | models.Q(resolved_by__isnull=False),
                name="promise_kept_by_someone",
            ),
        ]
        indexes = [
            # The sweep: open promises by due time (promises.sweeps.promises_due).
            models.Index(
                fields=["due_at"], name="promise_open_due", condition=models.Q(status="open")
            ),
            # The same sweep's reminders: open promises not reminded yet.
            models.Index(
                fields=["remind_at"],
                name="promise_to_remind",
                condition=models.Q(status="open", reminded_at__isnull=True),
            ),
            models.Index(fields=["case", "due_at"], name="promise_case"),
            # Kept rates per person and per site (promises.selectors.kept_rates).
            models.Index(fields=["made_by", "status"], name="promise_maker_status"),
            models.Index(fields=["site", "status"], name="promise_site_status"),
        ]

    def __str__(self) -> str:
        return f"{self.status}: {self.text} (due {self.due_at:%Y-%m-%d %H:%M})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
