"""The outside world's doors: API tokens (the versioned API, /api/v1/) and webhooks out."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A staff member's key to /api/v1/. Only the SHA-256 of the token is kept: the token itself
    is shown once, when it is made. It acts exactly as its user would (their site, their
    isolation) and stops working when the user is deactivated, it expires or it is revoked."""

    class Scope(models.TextChoices):
        READ = "read", _("Read")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    scope = models.CharField(max_length=8, choices=Scope.choices, default=Scope.READ)
    # hex SHA-256 of the whole token; the token carries 256 random bits, so no salt or slow hash
    # is needed: nobody can guess their way to a preimage.
    token_hash = models.CharField(max_length=64, unique=True)
    # The token's first characters, shown in lists so its holder can tell which one it is.
    hint = models.CharField(max_length=16)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=["read", "write"]), name="apitoken_scope_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__isnull=True)
                | models.Q(expires_at__gt=models.F("created_at")),
                name="apitoken_expires_after_created",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"


class WebhookEndpoint(models.Model):
    """Where Goodwill posts what happened (integrations.webhook_events), signed with `secret`."""

    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    # Shared with the receiver, which verifies each delivery with it (integrations.verify).
    secret = models.CharField(max_length=100)
    events = models.JSONField(default=list)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["url", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(url__startswith="http://")
                | models.Q(url__startswith="https://"),
                name="webhookendpoint_url_http",
            ),
        ]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint: recorded after the action commits, posted by the worker
    (integrations.sweeps.webhooks_due), retried with growing pauses, kept as the delivery log."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    # Sent as X-Goodwill-Delivery: the receiver's key to act on each delivery once.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=60)
    # What happened, as the event's own key (a retried reaction records it once per endpoint).
    event_key = models.CharField(max_length=200)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_until = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=32, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "sending", "delivered", "failed"]),
                name="webhookdelivery_status_valid",
            ),
            models.UniqueConstraint(
                fields=["endpoint", "event_key"], name="webhookdelivery_once_per_endpoint"
            ),
        ]
        indexes = [
            # integrations.sweeps.webhooks_due: what is due, and what a dead worker left.
            models.Index(
                fields=["next_attempt_at"],
                name="webhookdelivery_due",
                condition=models.Q(status__in=["pending", "sending"]),
            ),
            # The delivery log, newest first per endpoint.
            models.Index(fields=["endpoint", "-created_at"], name="webhookdelivery_log"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id} ({self.status})"
