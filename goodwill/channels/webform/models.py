"""The web contact form: each accepted submission, as the client typed it.

The row is the durable record of what came in (the timeline entry is the story); it also
feeds the rate limit (submissions per IP and per e-mail address in the last hour)."""

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
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    new_client = models.BooleanField(default=False)
    new_case = models.BooleanField(default=False)
    # Not stored: whether the intake acknowledged this message by e-mail (the thanks page says
    # so only then). Set by webform.services.webform_submit.
    acknowledged: bool = False

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The rate limit (webform.services.webform_submit): recent submissions by IP, by e-mail.
            models.Index(fields=["ip_hash", "created_at"], name="webform_ip_recent"),
            models.Index(fields=["email_normalized", "created_at"], name="webform_email_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}> {self.created_at:%Y-%m-%d %H:%M}"
