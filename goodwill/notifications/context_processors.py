from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from goodwill.notifications.selectors import BADGE_CAP, unread_count
from goodwill.organisation.models import User


def unread_badge(request: HttpRequest) -> dict[str, Any]:
    """The unread count in every page's header, counted only if the page shows it (one query)."""
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {}

    def badge() -> str:
        count = unread_count(user=user)
        return f"{BADGE_CAP}+" if count > BADGE_CAP else str(count) if count else ""

    return {"unread_badge": SimpleLazyObject(badge)}
