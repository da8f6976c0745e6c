"""One timeline per client: every message, call, note and change, across every case and channel.

It is both the client's story and the audit trail. Rows are written only by timeline.services
(one function per kind) and are never updated or deleted by the product.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    class Kind(models.TextChoices):
        CLIENT_CREATED = "client_created", _("Client created")
        CLIENT_CHANGED = "client_changed", _("Client changed")
        PRODUCT_ADDED = "product_added", _("Product added")
        COVER_ADDED = "cover_added", _("Cover added")
        CASE_OPENED = "case_opened", _("Case opened")
        STATUS_CHANGED = "status_changed", _("Status changed")
        CASE_REASSIGNED = "case_reassigned", _("Case reassigned")
        NOTE = "note", _("Internal note")
        CALL = "call", _("Phone call")
        MESSAGE_IN = "message_in", _("Message from the client")
        MESSAGE_OUT = "message_out", _("Message to the client")
        CHASER = "chaser", _("Client chased us")
        SLA_WARNING = "sla_warning", _("Service level at risk")
        SLA_BREACHED = "sla_breached", _("Service level breached")
        PROMISE_MADE = "promise_made", _("Promise made")
        PROMISE_KEPT = "promise_kept", _("Promise kept")
        PROMISE_BROKEN = "promise_broken", _("Promise broken")
        CASE_OUTCOME = "case_outcome", _("Outcome recorded")
        CALL_TASK = "call_task", _("Call to make")
        CALL_TASK_DONE = "call_task_done", _("Call made")
        PARTNER_TASK = "partner_task", _("Partner task")
        PARTNER_UPDATE = "partner_update", _("Partner's update")
        PARTNER_ALERT = "partner_alert", _("Partner late")
        CHECK_OVERRIDE = "check_override", _("Sent despite a check")
        EXPENSE_CLAIM = "expense_claim", _("Expense claim")
        DOCUMENT_ADDED = "document_added", _("Document received")
        DOCUMENT_ASKED = "document_asked", _("Asked for a document on file")
        DOCUMENT_FOUND = "document_found", _("Document the client sent, found")
        BOOKING_MADE = "booking_made", _("Appointment booked")
        BOOKING_MOVED = "booking_moved", _("Appointment moved")
        BOOKING_CANCELLED = "booking_cancelled", _("Appointment cancelled")
        SURVEY_SENT = "survey_sent", _("Survey sent")
        SURVEY_ANSWERED = "survey_answered", _("Survey answered")
        SURVEY_OUTCOME = "survey_outcome", _("Unhappy client called")
        QUOTE_DRAFTED = "quote_drafted", _("Quote drafted")
        QUOTE_SENT = "quote_sent", _("Quote sent")
        QUOTE_APPROVED = "quote_approved", _("Quote approved")
        QUOTE_DECLINED = "quote_declined", _("Quote declined")
        RECALL = "recall", _("Recall or campaign")
        JOURNEY_STAGE = "journey_stage", _("Journey stage")

    # Both foreign keys are served by the composite indexes below; single-column ones would only
    # slow down the biggest table's inserts.
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="timeline", db_index=False
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="timeline",
        db_index=False,
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A short line for lists: a subject, a call summary, "open → resolved".
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    channel = models.CharField(max_length=10, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    source_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "entries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=[
                        "client_created",
                        "client_changed",
                        "product_added",
                        "cover_added",
                        "case_opened",
                        "status_changed",
                        "case_reassigned",
                        "note",
                        "call",
                        "message_in",
                        "message_out",
                        "chaser",
                        "sla_warning",
                        "sla_breached",
                        "promise_made",
                        "promise_kept",
                        "promise_broken",
                        "case_outcome",
                        "call_task",
                        "call_task_done",
                        "partner_task",
                        "partner_update",
                        "partner_alert",
                        "check_override",
                        "expense_claim",
                        "document_added",
                        "document_asked",
                        "document_found",
                        "booking_made",
                        "booking_moved",
                        "booking_cancelled",
                        "survey_sent",
                        "survey_answered",
                        "survey_outcome",
                        "quote_drafted",
                        "quote_sent",
                        "quote_approved",
                        "quote_declined",
                        "recall",
                        "journey_stage",
                    ]
                ),
                name="entry_kind_valid",
            ),
        ]
        indexes = [
            # The client page timeline, newest first (timeline.selectors.client_timeline).
            models.Index(fields=["client", "-at", "-id"], name="entry_client_at"),
            models.Index(fields=["case", "-at", "-id"], name="entry_case_at"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"
