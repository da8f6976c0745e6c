"""Telling staff: one function, `notify`, used by every app (cases, care, channels)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.notifications.models import Notification
from goodwill.organisation.models import Site, User


def route_to(*, user: User, at: dt.datetime | None = None) -> User:
    """Who receives what is meant for `user` at `at`: themselves, or while they are away their
    backup (and the backup's backup if that one is away too; a loop ends with the last one met)."""
    at = at or timezone.now()
    seen = {user.pk}
    current = user
    while True:
        day = timezone.localtime(at, _site_zone(current)).date()
        if not current.is_away_on(day) or current.backup_id is None or current.backup_id in seen:
            return current
        backup = current.backup
        assert backup is not None
        seen.add(backup.pk)
        current = backup


def _site_zone(user: User) -> dt.tzinfo:
    import zoneinfo

    return zoneinfo.ZoneInfo(user.site.timezone) if user.site_id and user.site else timezone.get_current_timezone()


def notify(
    *,
    recipient: User,
    kind: str,
    title: str,
    key: str,
    body: str = "",
    case: Case | None = None,
    client: Client | None = None,
    at: dt.datetime | None = None,
    route: bool = True,
) -> Notification | None:
    """Put a notification in the staff member's inbox (their backup's, while they are away).

    Idempotent on `key`: the second call with the same key does nothing and returns None, so sweeps
    and retries can call it freely. E-mail copies are the channels' business (see the outbox)."""
    at = at or timezone.now()
    target = route_to(user=recipient, at=at) if route else recipient
    if client is None and case is not None:
        client = case.client
    try:
        with transaction.atomic():
            return Notification.objects.create(
                recipient=target, intended_for=recipient if target.pk != recipient.pk else None,
                kind=kind, case=case, client=client, title=title[:300], body=body, created_at=at, key=key,
            )
    except IntegrityError:
        if Notification.objects.filter(key=key).exists():
            return None
        raise


def managers_for(*, site: Site) -> list[User]:
    """The managers to alert about a case at `site`: the site's own managers, or, where it has
    none, the brand's managers at the care centre."""
    active = User.objects.filter(role=User.Role.MANAGER, is_active=True).select_related("site", "backup")
    local = list(active.filter(site=site))
    return local or list(active.filter(site__kind=Site.Kind.CARE_CENTRE))
