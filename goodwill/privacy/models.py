"""The GDPR audit: who erased which client, when, why and how much was removed.

The record names the client by reference only, never by name: it outlives the person's data."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Erasure(models.Model):
    client_ref = models.CharField(max_length=32, unique=True)
    # The client's site, so a dealer's manager reads their site's erasures only.
    site = models.ForeignKey(
        "organisation.Site", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # None: the command line (`manage.py client_erase`), which records the operator's login name.
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    operator = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField()
    reason = models.TextField()
    # What was removed, by table or file store ({"contact_points": 2, "raw_mail_files": 1, …}).
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="erasure_reason_given"),
        ]

    def __str__(self) -> str:
        return f"erasure of {self.client_ref}"


class RawMailCursor(models.Model):
    """How far the retention sweep (`services.raw_mail_purge`) has walked the received mail, by
    id: each message's raw file is looked at once. One row."""

    last_id = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"raw mail purged up to {self.last_id}"
