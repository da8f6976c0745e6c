"""The web contact form: each submission, as the client typed it.

The row is the durable record of what came in (the timeline entry is the story). A message over
the rate limits is kept too, held aside (`held`, with no client or case yet) for staff to pass
on or discard at /contact/held/: a real client who wrote too often loses nothing."""

from __future__ import annotations

from django.db import models


class Submission(models.Model):
    name = models.CharField(max_length=200)
    email = models.CharField(max_length=254)
    phone = models.CharField(max_length=40, blank=True)
    product = models.CharField(max_length=100, blank=True)
    message = models.TextField()
    language = models.CharField(max_length=8)
    # sha256 of the address with the secret key: enough to count, nothing to leak.
    ip_hash = models.CharField(max_length=64)
    email_normalized = models.CharField(max_length=254)
    embedded = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    new_client = models.BooleanField(default=False)
    new_case = models.BooleanField(default=False)
    # Over the rate limits: kept aside, not yet through the intake. Released (passed on) or
    # discarded by staff, who are named with the time.
    held = models.BooleanField(default=False)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "organisation.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    discarded = models.BooleanField(default=False)
    # Not stored: whether the intake acknowledged this message by e-mail (the thanks page says
    # so only then). Set by webform.services.webform_submit.
    acknowledged: bool = False

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Passed through the intake, a submission names its client and case.
            models.CheckConstraint(
                condition=models.Q(held=True) | models.Q(client__isnull=False, case__isnull=False),
                name="webform_submission_filed_or_held",
            ),
        ]
        indexes = [
            # The held messages waiting for staff (webform.views.held).
            models.Index(
                fields=["-created_at"],
                name="webform_held_waiting",
                condition=models.Q(held=True, decided_at__isnull=True),
            ),
            # The rate limit (webform.services.webform_submit): recent submissions by IP, by e-mail.
            models.Index(fields=["ip_hash", "created_at"], name="webform_ip_recent"),
            models.Index(fields=["email_normalized", "created_at"], name="webform_email_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}> {self.created_at:%Y-%m-%d %H:%M}"


class RateCount(models.Model):
    """Requests counted for one rate-limit bucket ("ip:<hash>", "email:<hash>") in one window of
    an hour, incremented atomically by channels.webform.limits.hit."""

    bucket = models.CharField(max_length=100)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bucket", "window_start"], name="webform_rate_bucket"),
        ]
        indexes = [models.Index(fields=["window_start"], name="webform_rate_window")]

    def __str__(self) -> str:
        return f"{self.bucket} @ {self.window_start:%Y-%m-%d %H:%M}: {self.hits}"
