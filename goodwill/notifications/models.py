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
        ESCALATED = "escalated", _("Not acknowledged in time")
        CALL_TASK = "call_task", _("A call to make")
        CALL_TASK_LATE = "call_task_late", _("A call to make is late")
        PARTNER_LATE = "partner_late", _("A partner is late")
        PARTNER_REFUSED = "partner_refused", _("A partner refused a task")
        APPROVAL_NEEDED = "approval_needed", _("Service below policy: approval needed")
        DETRACTOR = "detractor", _("A client is unhappy with us")
        QUOTE_DECIDED = "quote_decided", _("The client decided on a quote")
        BOOK_HANDED_OVER = "book_handed_over", _("Clients handed over to you")

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
    # Acknowledged: someone took it in hand (one click), for the whole chain it belongs to;
    # distinct from read, which is only the inbox's bookkeeping.
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The escalation chain (notifications.escalation). On a notification that escalates (its
    # chain's origin), `escalation_step` is the rank of the last step told (0: only its recipient)
    # and `escalate_at` when the next step is due (None once acknowledged or nobody is left); on
    # each notification the chain sent on, `escalation_of` is the origin and `escalation_step`
    # the step it was for. None on notifications that never escalate.
    escalation_of = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="escalations"
    )
    escalation_step = models.PositiveSmallIntegerField(null=True, blank=True)
    escalate_at = models.DateTimeField(null=True, blank=True)
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
                        "escalated",
                        "call_task",
                        "call_task_late",
                        "partner_late",
                        "partner_refused",
                        "approval_needed",
                        "detractor",
                        "quote_decided",
                        "book_handed_over",
                    ]
                ),
                name="notification_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(escalate_at__isnull=True)
                | models.Q(escalation_of__isnull=True, escalation_step__isnull=False),
                name="notification_escalates_from_origin",
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
            # The chains still walking (notifications.escalation.escalations_due): few rows, as
            # escalate_at is cleared when a chain is acknowledged or runs out of people.
            models.Index(
                fields=["escalate_at"],
                name="notification_escalation_due",
                condition=models.Q(escalate_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}: {self.title}"


class EscalationPolicy(models.Model):
    """A site's escalation chain: who is told next, and after how many minutes, when a
    notification about one of its clients is not acknowledged (the steps, in rank order). A site
    without a policy uses notifications.escalation.DEFAULT_CHAIN; a policy without steps never
    escalates."""

    site = models.OneToOneField(
        "organisation.Site", on_delete=models.CASCADE, related_name="escalation_policy"
    )
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"escalation at {self.site_id}"


class EscalationStep(models.Model):
    """One step of a chain: `minutes` after the previous step was told (the first: after the
    notification itself) and still nobody acknowledged, `target` is told."""

    class Target(models.TextChoices):
        BACKUP = "backup", _("The backup")
        SITE_MANAGER = "site_manager", _("The site's manager")
        DUTY_AGENT = "duty_agent", _("The care centre's duty agent")

    policy = models.ForeignKey(EscalationPolicy, on_delete=models.CASCADE, related_name="steps")
    rank = models.PositiveSmallIntegerField()
    target = models.CharField(max_length=16, choices=Target.choices)
    minutes = models.PositiveIntegerField()

    class Meta:
        ordering = ["policy", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "rank"], name="escalation_step_rank_unique"),
            models.UniqueConstraint(
                fields=["policy", "target"], name="escalation_step_target_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(target__in=["backup", "site_manager", "duty_agent"]),
                name="escalation_step_target_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(rank__gte=1, minutes__gte=1, minutes__lte=7 * 24 * 60),
                name="escalation_step_minutes_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.target} after {self.minutes} min"
