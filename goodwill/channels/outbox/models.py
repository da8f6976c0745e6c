"""The outbox: every message Goodwill sends (replies, notifications to clients, e-mails to staff).

A row is written in the same transaction as what caused it, then delivered by a transport
(goodwill.channels.outbox.transport). `key` makes queueing idempotent: the same news queued twice,
by a retried task or two workers, is one row and one delivery.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboundMessage(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")  # permanently: shown on the case

    class Purpose(models.TextChoices):
        REPLY = "reply", _("Reply")
        NOTIFICATION = "notification", _("Notification to the client")
        ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
        STAFF = "staff", _("E-mail to staff")

    key = models.CharField(max_length=200, unique=True)
    channel = models.CharField(max_length=10, default="email")
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="outbound"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_address = models.CharField(max_length=254)
    to_name = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=8, default="en")
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # RFC 5322 threading: our Message-ID, and what it answers, so the client's reply finds the case.
    message_id = models.CharField(max_length=250, unique=True)
    in_reply_to = models.CharField(max_length=250, blank=True)
    references = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    # A worker holds a message until then; after it, another may take it (the first one died).
    claimed_until = models.DateTimeField(null=True, blank=True)
    # The claim's token: only the worker holding it may record the outcome of its attempt.
    claimed_by = models.CharField(max_length=32, blank=True)
    # Which transport took the message: "smtp", or "capture" (kept in the outbox, never sent out).
    delivered_by = models.CharField(max_length=16, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "sending", "sent", "failed"]),
                name="outbound_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    purpose__in=["reply", "notification", "acknowledgement", "staff"]
                ),
                name="outbound_purpose_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outbound_sent_has_time",
            ),
        ]
        indexes = [
            # The delivery sweep: what is due and not finished
            # (channels.outbox.services.outbound_claim_due).
            models.Index(
                fields=["next_attempt_at"],
                name="outbound_due",
                condition=models.Q(status__in=["queued", "sending"]),
            ),
            models.Index(fields=["case", "-created_at"], name="outbound_case"),
            # The outbox page filtered by status (channels.outbox.selectors.outbox_page).
            models.Index(fields=["status", "-created_at", "-id"], name="outbound_status"),
            models.Index(fields=["-created_at", "-id"], name="outbound_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.status} → {self.to_address}: {self.subject}"


class MessageTemplate(models.Model):
    """The words of a message to clients, one row per template name and language.

    Managers edit them (channels.outbox.views); `templates.render_message` picks the client's
    language and falls back to English. Body and subject use Django's template language on
    plain text (no autoescaping): `{{ greeting_name }}`, `{{ advisor }}`, `{{ reference }}`…"""

    name = models.CharField(max_length=50)
    language = models.CharField(max_length=8)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "language"], name="message_template_name_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"
