"""'Away until 12 June, backup: Jonas Weber' beside a staff member's name."""

from __future__ import annotations

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from goodwill.organisation.models import User

register = template.Library()


@register.filter
def away_note(user: User | None) -> str:
    """Empty unless the person is away today or leaves soon; reads user.backup (a query unless
    selected with the user) only then."""
    if user is None or user.away_from is None or user.away_until is None:
        return ""
    today = timezone.localdate()
    if user.away_until < today:
        return ""
    until = formats.date_format(user.away_until, "DATE_FORMAT")
    backup = user.backup
    if user.away_from <= today:
        if backup is None:
            return _("away until %(until)s") % {"until": until}
        return _("away until %(until)s, backup: %(backup)s") % {"until": until, "backup": backup}
    return _("away from %(start)s to %(until)s") % {
        "start": formats.date_format(user.away_from, "DATE_FORMAT"),
        "until": until,
    }
