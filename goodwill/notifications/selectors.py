"""Reads of a staff member's inbox."""

from __future__ import annotations

from goodwill.notifications.models import Notification
from goodwill.organisation.models import User

# The badge stops counting here ("99+"): counting a neglected inbox of thousands on every page
# would cost more than the number is worth.
BADGE_CAP = 99


def unread_count(*, user: User) -> int:
    """How many unread notifications, up to BADGE_CAP + 1 (partial index notification_unread)."""
    return (
        Notification.objects.filter(recipient=user, read_at__isnull=True)
        .order_by()[: BADGE_CAP + 1]
        .count()
    )


def inbox(
    *, user: User, unread_limit: int = 100, read_limit: int = 50
) -> tuple[list[Notification], list[Notification]]:
    """(unread, recently read), newest first: two indexed queries rather than one sort of the whole
    inbox."""
    related = ("case", "client", "intended_for")
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).select_related(
        *related
    )
    read = Notification.objects.filter(recipient=user, read_at__isnull=False).select_related(
        *related
    )
    return (
        list(unread.order_by("-created_at", "-id")[:unread_limit]),
        list(read.order_by("-created_at", "-id")[:read_limit]),
    )


def own_notification(*, user: User, pk: int) -> Notification | None:
    """One of the user's own notifications with its case, or None (someone else's is not found)."""
    return Notification.objects.filter(pk=pk, recipient=user).select_related("case").first()
