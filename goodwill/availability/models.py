"""Away and backup: the cases a backup took over while their advisor was away, to be given back.

The away dates themselves live on the staff member (organisation.User.away_from/away_until);
routing while away is organisation.services.route_to. Written only by availability.services.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class StandIn(models.Model):
    """A case the backup owns only because the client's advisor was away when it opened. When the
    advisor is back, availability.sweeps.stand_ins_due hands it back to them with a note."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    absent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    backup = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The absence as it was when the backup took over (the dates may move afterwards).
    away_from = models.DateField()
    away_until = models.DateField()
    created_at = models.DateTimeField()
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "absent", "away_from"], name="standin_once_per_absence"
            ),
            models.CheckConstraint(
                condition=~models.Q(absent=models.F("backup")), name="standin_backup_is_another"
            ),
            models.CheckConstraint(
                condition=models.Q(away_until__gte=models.F("away_from")),
                name="standin_dates_ordered",
            ),
        ]
        indexes = [
            # The give-back sweep reads only the cases not given back yet
            # (availability.sweeps.stand_ins_due).
            models.Index(
                fields=["absent"],
                name="standin_pending",
                condition=models.Q(returned_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"case {self.case_id}: {self.backup_id} for {self.absent_id}"
