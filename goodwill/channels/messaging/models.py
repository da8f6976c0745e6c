"""SMS and WhatsApp: each text message a client sent us, once (the provider's MessageSid is
unique), and what the one intake made of it. What we send is in the outbox (channel sms or
whatsapp), with the provider's receipts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class InboundText(models.Model):
    """One SMS or WhatsApp message from a client. Written only by messaging.services."""

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        WHATSAPP = "whatsapp", _("WhatsApp")

    # The provider's id (Twilio's MessageSid): a retried or replayed webhook is one message.
    provider_sid = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    from_number = models.CharField(max_length=20)  # E.164
    to_number = models.CharField(max_length=40, blank=True)  # ours, as the provider wrote it
    body = models.TextField(blank=True)
    # What was attached (content types only): the files stay with the provider, never fetched.
    media = models.JSONField(default=list, blank=True)
    received_at = models.DateTimeField()
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, null=True, related_name="+"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, related_name="+")
    entry = models.OneToOneField(
        "timeline.Entry", on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(channel__in=["sms", "whatsapp"]),
                name="inbound_text_channel_valid",
            ),
        ]
        indexes = [
            # WhatsApp's 24-hour window and the number to answer on: the client's latest message
            # on a channel (messaging.selectors.last_inbound).
            models.Index(
                fields=["client", "channel", "-received_at"], name="inbound_text_client_latest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel}:{self.provider_sid} {self.from_number}"
