"""The phone channel: calls reported by the telephony provider's webhook, and the receipts that make
each webhook event count once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Call(models.Model):
    """One phone call, from the first ring to its end. Written only by phone.services."""

    class Direction(models.TextChoices):
        INBOUND = "inbound", _("Inbound")
        OUTBOUND = "outbound", _("Outbound")

    class State(models.TextChoices):
        RINGING = "ringing", _("Ringing")
        ANSWERED = "answered", _("Answered")
        ENDED = "ended", _("Ended")
        MISSED = "missed", _("Missed")

    LIVE_STATES = ("ringing", "answered")
    DONE_STATES = ("ended", "missed")

    # "generic" (our JSON form) or "twilio": call ids are unique per provider only.
    provider = models.CharField(max_length=20)
    call_id = models.CharField(max_length=128)
    direction = models.CharField(
        max_length=10, choices=Direction.choices, default=Direction.INBOUND
    )
    # E.164 when the number could be read; as received otherwise ("anonymous", "+266696687").
    from_number = models.CharField(max_length=40)
    to_number = models.CharField(max_length=40, blank=True)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, null=True, blank=True, related_name="calls"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="calls"
    )
    # Served by call_agent_started below.
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        db_index=False,
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.RINGING)
    started_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    summary = models.TextField(blank=True)
    summarised_at = models.DateTimeField(null=True, blank=True)
    # The call's entry on the client's timeline, written when the call ends.
    entry = models.OneToOneField(
        "timeline.Entry", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "call_id"], name="call_unique_per_provider"
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["ringing", "answered", "ended", "missed"]),
                name="call_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(direction__in=["inbound", "outbound"]),
                name="call_direction_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="call_ended_after_started",
            ),
        ]
        indexes = [
            # The screen pop's poll: "my calls of the last hours" (phone.selectors.pop_calls).
            models.Index(fields=["agent", "started_at"], name="call_agent_started"),
            # The care centre's pop: calls ringing for nobody in particular
            # (phone.selectors.pop_calls).
            models.Index(
                fields=["started_at"],
                name="call_unassigned_ringing",
                condition=models.Q(state="ringing", agent__isnull=True),
            ),
            models.Index(fields=["client", "-started_at"], name="call_client_started"),
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.call_id} {self.from_number} {self.state}"


class WebhookReceipt(models.Model):
    """Every webhook event acted on. The unique constraints turn a replay, a provider's retry or two
    concurrent deliveries of one event into an IntegrityError instead of a second effect."""

    signature = models.CharField(max_length=64, unique=True)
    # provider:call_id:event — a retry signed anew (new timestamp) is still the same event.
    event_key = models.CharField(max_length=200, unique=True)
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            # Pruned by age (phone.sweeps.receipts_prune).
            models.Index(fields=["received_at"], name="receipt_received"),
        ]

    def __str__(self) -> str:
        return self.event_key
