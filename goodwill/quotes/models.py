"""Quotes: the work a workshop proposes on a case, its price and how long it holds, with the
workshop's photos and videos (kept in the document vault), for the client to approve or decline
from their portal.

Written only by quotes.services. A decision is final: it is taken by a conditional UPDATE on a
sent, unexpired quote, so approving twice, or after the last day, changes nothing and is refused.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Quote(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent to the client")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    # The case's client, copied so that the portal filters by its session's client on one column.
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    work = models.TextField(blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    # The last day the client may approve it, in their time zone.
    valid_until = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    # Who decided: empty is the client, from their portal; else the staff member who recorded it.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    client_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "sent", "approved", "declined", "expired"]),
                name="quote_status_valid",
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="quote_amount_min"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(sent_at__isnull=False),
                name="quote_sent_has_time",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status__in=["approved", "declined"], decided_at__isnull=False)
                    | (
                        ~models.Q(status__in=["approved", "declined"])
                        & models.Q(decided_at__isnull=True)
                    )
                ),
                name="quote_decided_has_time",
            ),
        ]
        indexes = [
            # The case page's section (selectors.case_quotes) and the portal's case page.
            models.Index(fields=["case", "-created_at"], name="quote_case"),
            models.Index(fields=["client", "status"], name="quote_client_status"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.amount} {self.currency} ({self.status})"


class QuoteMedia(models.Model):
    """A photo or video of the workshop's shown with a quote: the file is the vault's."""

    quote = models.ForeignKey(Quote, on_delete=models.PROTECT, related_name="media")
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["quote", "document"], name="quote_media_once"),
        ]

    def __str__(self) -> str:
        return f"media {self.document_id} of quote {self.quote_id}"
