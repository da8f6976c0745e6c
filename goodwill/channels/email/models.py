"""E-mail in: the mailboxes we read, every message that reached us (kept raw, durably, before
anything else happens to it) and the attachments they carried.

Nothing is ever lost: a message is stored first (status received), then processed in its own
transaction. What cannot be processed stays, raw, as unprocessable or quarantined with its reason.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def mail_dir(kind: str) -> Path:
    """DATA_DIR/mail/raw (whole messages) or DATA_DIR/mail/blobs (attachments), by sha256."""
    return Path(settings.DATA_DIR) / "mail" / kind


class Mailbox(models.Model):
    class Security(models.TextChoices):
        TLS = "tls", _("TLS (port 993)")
        STARTTLS = "starttls", _("STARTTLS (port 143)")
        PLAIN = "plain", _("Plain (loopback only)")

    name = models.CharField(max_length=100, unique=True)
    host = models.CharField(max_length=255)
    port = models.PositiveIntegerField(default=993)
    security = models.CharField(max_length=10, choices=Security.choices, default=Security.TLS)
    username = models.CharField(max_length=255)
    password = models.CharField(max_length=255)
    folder = models.CharField(max_length=255, default="INBOX")
    active = models.BooleanField(default=True)
    # IMAP position: the highest UID stored, valid only while the folder keeps its UIDVALIDITY.
    uidvalidity = models.BigIntegerField(null=True, blank=True)
    last_uid = models.BigIntegerField(default=0)
    # A worker holds the mailbox until then (channels.email.sweeps.fetch_mail), so two never fetch
    # it at once.
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "mailboxes"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(security__in=["tls", "starttls", "plain"]),
                name="mailbox_security_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InboundMessage(models.Model):
    class Source(models.TextChoices):
        IMAP = "imap", _("IMAP")
        HTTP = "http", _("HTTP post")
        FILE = "file", _("File")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")  # stored, not yet processed
        PROCESSED = "processed", _("Processed")
        UNPROCESSABLE = "unprocessable", _("Unprocessable")
        QUARANTINED = "quarantined", _("Quarantined")  # too big, or an attachment too big
        IGNORED = "ignored", _("Ignored")  # auto-reply, bounce, mailing list: never answered

    mailbox = models.ForeignKey(
        Mailbox, on_delete=models.PROTECT, null=True, blank=True, related_name="messages"
    )
    source = models.CharField(max_length=8, choices=Source.choices)
    # The raw message is the file mail_dir("raw") / sha256, written and fsynced before this row.
    sha256 = models.CharField(max_length=64)
    # sha256 of the body only (after the header block): the same message delivered twice with
    # different trace headers (Received:, Delivered-To:) is still the same message.
    body_sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()
    message_id = models.CharField(max_length=500, null=True, blank=True)  # noqa: DJ001  (NULL: the message had none)
    # What makes a message unique (see services.inbound_store): its Message-ID, or its sha256 when
    # it has none, or both when a sender reused a Message-ID for different content. A re-fetch
    # finds the row already there and adds nothing.
    dedupe_key = models.CharField(max_length=600, unique=True)
    imap_uid = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECEIVED)
    reason = models.TextField(blank=True)
    sender = models.CharField(max_length=320, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entry = models.ForeignKey(
        "timeline.Entry", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    language = models.CharField(max_length=8, blank=True)
    # The readable parts, kept for the message view: text as sent, HTML sanitised by nh3 once,
    # at intake, within the limits of body.py (pages never sanitise: they show these).
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    # The same HTML without remote images (shown until staff ask for them); "" when it has none.
    body_html_blocked = models.TextField(blank=True)
    # What the limits left out: {"chars": length before the cut, "depth": deepest nesting}.
    body_cut = models.JSONField(default=dict, blank=True)
    # body.VERSION of the rules that prepared the HTML; 0: before limits existed, prepared again
    # once when next shown (services.inbound_body_prepare).
    body_version = models.PositiveSmallIntegerField(default=0)
    received_at = models.DateTimeField()
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source__in=["imap", "http", "file"]), name="inbound_source_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["received", "processed", "unprocessable", "quarantined", "ignored"]
                ),
                name="inbound_status_valid",
            ),
        ]
        indexes = [
            # Threading: a reply's In-Reply-To / References looked up among what we received.
            models.Index(fields=["message_id"], name="inbound_message_id"),
            # The worker's catch-up of stored but unprocessed mail
            # (services.inbound_process_pending) and the managers' /mail/ page (unprocessable,
            # quarantined, ignored).
            models.Index(
                fields=["status", "received_at"],
                name="inbound_attention",
                condition=~models.Q(status="processed"),
            ),
            # Language learning: a client's latest messages (services._learn_language).
            models.Index(fields=["client", "-received_at"], name="inbound_client"),
        ]

    def __str__(self) -> str:
        return f"{self.status}: {self.sender} {self.subject}"

    @property
    def raw_path(self) -> Path:
        return mail_dir("raw") / self.sha256


class Attachment(models.Model):
    """A file a client sent. The bytes are stored once per content (mail_dir("blobs") / sha256), so
    the same invoice sent three times takes room once; each row links it to the message and the
    client."""

    inbound = models.ForeignKey(
        InboundMessage, on_delete=models.PROTECT, related_name="attachments"
    )
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mail_attachments",
    )
    position = models.PositiveIntegerField()
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=127)
    size = models.BigIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["inbound", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["inbound", "position"], name="attachment_unique_position"
            ),
        ]
        indexes = [models.Index(fields=["sha256"], name="attachment_sha256")]

    def __str__(self) -> str:
        return self.filename

    @property
    def path(self) -> Path:
        return mail_dir("blobs") / self.sha256
