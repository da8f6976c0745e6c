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
        # An automatic message held back by the limits on automatic mail (a short window per
        # client, a daily cap): kept with why, never sent unless staff send it anyway.
        SUPPRESSED = "suppressed", _("Held back")
        # An automatic message folded into another one to the same client that had not left yet
        # (merged_into): its words went out in that one.
        MERGED = "merged", _("Sent with another message")

    class Purpose(models.TextChoices):
        REPLY = "reply", _("Reply")
        NOTIFICATION = "notification", _("Notification to the client")
        ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
        STAFF = "staff", _("E-mail to staff")
        # A task sent to a partner (tow, hotel, rental…), with its private link.
        PARTNER = "partner", _("E-mail to a partner")

    class Reason(models.TextChoices):
        """Why a message was sent; the automatic ones (AUTOMATIC) are held to the limits."""

        NEW_CONVERSATION = "new_conversation", _("A new conversation: acknowledged")
        REOPENED = "reopened", _("The client wrote on a closed case: acknowledged")
        STATUS_NEWS = "status_news", _("A status change the client cares about")
        CADENCE = "cadence", _("The update cadence ran out")
        BACKUP_COVER = "backup_cover", _("The advisor is away: who covers")
        MILESTONE = "milestone", _("A milestone recorded by staff")
        STAFF_REPLY = "staff_reply", _("Written by staff")
        STAFF_NOTICE = "staff_notice", _("A notification to staff")
        PARTNER_TASK = "partner_task", _("A task sent to a partner")
        # Not automatic (held to the limits): the client waits for exactly this news.
        PARTNER_UPDATE = "partner_update", _("A partner's news on their task")
        # Not automatic either: the client (or staff for them) asked for it just now.
        PORTAL_LINK = "portal_link", _("A private link to the client's portal")
        # Not automatic either: the decision on the client's own claim.
        CLAIM_DECISION = "claim_decision", _("The decision on an expense claim")
        # Not automatic either: asked for by staff (the link) or by the client's booking.
        BOOKING_INVITE = "booking_invite", _("A link to book an appointment")
        BOOKING_REMINDER = "booking_reminder", _("An appointment tomorrow")
        # Not automatic either: surveys keep stricter limits of their own (goodwill.surveys: one
        # a period, none while a case is open, none after declining), and merged into another
        # e-mail its one-click links would lose their place.
        SURVEY = "survey", _("A survey after a case or a delivery")
        # Not automatic either: the quote the client is asked to decide on.
        QUOTE_SENT = "quote_sent", _("A quote for the client to approve")
        # Not automatic either: a step of the client's journey (goodwill.journeys), once each.
        JOURNEY_STAGE = "journey_stage", _("A step of the client's journey")
        # Not automatic either: the client's new advisor after a handover, once each.
        ADVISOR_CHANGED = "advisor_changed", _("The client's new advisor")
        # Not automatic either: a safety recall or service campaign (goodwill.recalls) with its
        # booking link, once each; safety service, never held as marketing.
        RECALL_NOTICE = "recall_notice", _("A recall or service campaign")

    AUTOMATIC = frozenset(
        {
            Reason.NEW_CONVERSATION,
            Reason.REOPENED,
            Reason.STATUS_NEWS,
            Reason.CADENCE,
            Reason.BACKUP_COVER,
        }
    )

    class Receipt(models.TextChoices):
        """What the text-message provider last reported of a message it took (its status
        callback): only ever forward (RECEIPT_RANK), so a late "delivered" never hides "read"."""

        QUEUED = "queued", _("Queued at the provider")
        SENT = "sent", _("Sent to the carrier")
        DELIVERED = "delivered", _("Delivered")
        READ = "read", _("Read")
        FAILED = "failed", _("Failed")
        UNDELIVERED = "undelivered", _("Not delivered")

    RECEIPT_RANK = {
        "": 0,
        "queued": 1,
        "sent": 2,
        "delivered": 3,
        "failed": 3,
        "undelivered": 3,
        "read": 4,
    }

    key = models.CharField(max_length=200, unique=True)
    # "email", or a text message: "sms" or "whatsapp" (to_address then holds the E.164 number).
    channel = models.CharField(max_length=10, default="email")
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    # Why it was sent (shown on the outbox page); empty on rows from before reasons were kept.
    reason = models.CharField(
        max_length=20, choices=Reason.choices, blank=True, default="", db_default=""
    )
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
    # The provider's id for a text message it accepted (Twilio's MessageSid): its receipts name it.
    provider_id = models.CharField(max_length=64, blank=True, default="", db_default="")
    receipt = models.CharField(
        max_length=12, choices=Receipt.choices, blank=True, default="", db_default=""
    )
    # The provider's error code and what it means, when the receipt says it failed.
    receipt_error = models.CharField(max_length=300, blank=True, default="", db_default="")
    receipt_at = models.DateTimeField(null=True, blank=True)
    # A text that may leave only before then (free WhatsApp text: the end of the 24-hour window
    # the client's last WhatsApp message opened, moved on when they write again); delivery
    # refuses it afterwards (outbox.services.text_refusal). None: no deadline.
    send_before = models.DateTimeField(null=True, blank=True)
    # An approved WhatsApp template sent by the provider's id for it (Twilio's ContentSid, from
    # GOODWILL_WHATSAPP_CONTENT_SIDS) with its numbered variables ({"1": "Frau Schmid", …}),
    # instead of its words; empty: the words in body_text go.
    provider_template = models.CharField(max_length=34, blank=True, default="", db_default="")
    # A database default too: a web process of the release before this column inserts rows
    # without it while the next one rolls out (docs/deployment.md).
    provider_variables = models.JSONField(
        blank=True, default=dict, db_default=models.Value({}, output_field=models.JSONField())
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged"
    )
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["queued", "sending", "sent", "failed", "suppressed", "merged"]
                ),
                name="outbound_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    reason__in=[
                        "",
                        "new_conversation",
                        "reopened",
                        "status_news",
                        "cadence",
                        "backup_cover",
                        "milestone",
                        "staff_reply",
                        "staff_notice",
                        "partner_task",
                        "partner_update",
                        "portal_link",
                        "claim_decision",
                        "booking_invite",
                        "booking_reminder",
                        "survey",
                        "quote_sent",
                        "journey_stage",
                        "advisor_changed",
                        "recall_notice",
                    ]
                ),
                name="outbound_reason_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    purpose__in=["reply", "notification", "acknowledgement", "staff", "partner"]
                ),
                name="outbound_purpose_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    receipt__in=["", "queued", "sent", "delivered", "read", "failed", "undelivered"]
                ),
                name="outbound_receipt_valid",
            ),
            # A receipt names the message by the provider's id (outbox.services.outbound_receipt).
            models.UniqueConstraint(
                fields=["provider_id"],
                condition=~models.Q(provider_id=""),
                name="outbound_provider_id_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outbound_sent_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(status="merged", merged_into__isnull=False)
                | (~models.Q(status="merged") & models.Q(merged_into__isnull=True)),
                name="outbound_merged_has_target",
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
            # The limits on automatic mail: what this client was sent automatically lately
            # (channels.outbox.services._automatic_limit).
            models.Index(
                fields=["client", "created_at"],
                name="outbound_client_automatic",
                condition=models.Q(
                    reason__in=[
                        "new_conversation",
                        "reopened",
                        "status_news",
                        "cadence",
                        "backup_cover",
                    ],
                    status__in=["queued", "sending", "sent"],
                ),
            ),
            # The outbox page filtered by status (channels.outbox.selectors.outbox_page).
            models.Index(fields=["status", "-created_at", "-id"], name="outbound_status"),
            models.Index(fields=["-created_at", "-id"], name="outbound_recent"),
            # The texts a client's new WhatsApp message gives more time
            # (channels.outbox.services.outbound_send_before_extend): only those with a deadline.
            models.Index(
                fields=["client", "channel"],
                name="outbound_send_before",
                condition=models.Q(send_before__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status} → {self.to_address}: {self.subject}"


class EarlyReceipt(models.Model):
    """A provider's status callback for an id no message carries yet, kept until one does.

    The provider may call back before its answer to our send (the id) has reached us and been
    saved: the receipt waits here, and `outbox.services.outbound_deliver` applies it through
    `outbound_receipt` when it saves the id. One row per id (the unique id is also what makes
    the callback and the save wait for each other: services._kept_row). `receipt` is the
    furthest forward seen (OutboundMessage.RECEIPT_RANK); `failure` the failure that moved it
    forward, if one did (a "read" after it is then applied after it, as it would have been).
    Rows no message ever claims are another sender's ids: purged after two days
    (outbox.sweeps.early_receipts_prune)."""

    provider_id = models.CharField(max_length=64, unique=True)
    receipt = models.CharField(
        max_length=12, choices=OutboundMessage.Receipt.choices, blank=True, default=""
    )
    failure = models.CharField(
        max_length=12, choices=OutboundMessage.Receipt.choices, blank=True, default=""
    )
    # The provider's error code and what it means, when a failure was kept.
    error = models.CharField(max_length=300, blank=True, default="")
    # When the kept receipt last moved forward: its time on the message, and the purge's clock.
    received_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    receipt__in=["", "queued", "sent", "delivered", "read", "failed", "undelivered"]
                ),
                name="early_receipt_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(failure__in=["", "failed", "undelivered"]),
                name="early_receipt_failure_valid",
            ),
        ]
        indexes = [
            # The purge of ids that never matched (outbox.services.early_receipts_purge).
            models.Index(fields=["received_at"], name="early_receipt_received"),
        ]

    def __str__(self) -> str:
        return f"{self.provider_id}: {self.receipt or self.failure}"


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
