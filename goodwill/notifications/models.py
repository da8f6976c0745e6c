"""Staff notifications: the in-app inbox of each staff member (and, through the outbox, e-mail).

Written only by notifications.services.notify, which routes to the backup of someone away and is
idempotent on `key`, so a sweep that runs twice, or two workers, never tell anyone twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        CASE_OPENED = "case_opened", _("New case for your client")
        CASE_ASSIGNED = "case_assigned", _("Case assigned to you")
        MESSAGE_IN = "message_in", _("The client wrote")
        CHASER = "chaser", _("The client chased us")
        SLA_WARNING = "sla_warning", _("Service level at risk")
        SLA_BREACHED = "sla_breached", _("Service level breached")
        CADENCE_DUE = "cadence_due", _("Client due an update")
        PROMISE_DUE = "promise_due", _("Promise falls due")
        PROMISE_BROKEN = "promise_broken", _("Promise broken")
        MAIL_UNPROCESSABLE = "mail_unprocessable", _("Unprocessable e-mail")
        DELIVERY_FAILED = "delivery_failed", _("Message not delivered")
        TEMPLATE_BROKEN = "template_broken", _("Message template cannot be used")
        MESSAGE_HELD = "message_held", _("Contact-form message held")
        PARTNER_LATE = "partner_late", _("A partner is late")
        PARTNER_REFUSED = "partner_refused", _("A partner refused a task")
        APPROVAL_NEEDED = "approval_needed", _("Service below policy: approval needed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # Set when the notification was meant for someone away and went to their backup instead.
    intended_for = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    # What makes this notification unique ("sla_breached:case:42:first_response:manager:7"):
    # telling someone the same thing twice is refused by the database.
    key = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=[
                        "case_opened",
                        "case_assigned",
                        "message_in",
                        "chaser",
                        "sla_warning",
                        "sla_breached",
                        "cadence_due",
                        "promise_due",
                        "promise_broken",
                        "mail_unprocessable",
                        "delivery_failed",
                        "template_broken",
                        "message_held",
                        "partner_late",
                        "partner_refused",
                        "approval_needed",
                    ]
                ),
                name="notification_kind_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient"),
            # The unread badge in every page's header (notifications.selectors.unread_count).
            models.Index(
                fields=["recipient", "-created_at"],
                name="notification_unread",
                condition=models.Q(read_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}: {self.title}"
