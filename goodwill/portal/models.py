"""The client's private links to their portal."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PortalLink(models.Model):
    """One private link to one client's portal. Only the SHA-256 of its token is kept (the token
    itself, 256 random bits, is in the client's e-mail alone); it works until `expires_at`, or
    until revoked. Opening it starts a portal session bound to this link (portal.views), which
    ends with it."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="portal_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    # Staff who sent it; none when the client asked for it with their address (or the CLI).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    # The raw token right after it was issued (services), to send or print once; never stored.
    issued_token: str | None = None

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="portal_link_expires_after_created",
            ),
        ]
        indexes = [
            # portal.services.portal_link_issue revokes a client's live links on a new one.
            models.Index(
                fields=["client"],
                condition=models.Q(revoked_at__isnull=True),
                name="portal_link_live_by_client",
            ),
        ]

    def __str__(self) -> str:
        return f"portal link {self.pk} of client {self.client_id}"
