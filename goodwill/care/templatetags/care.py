"""The clocks on a page: `{% case_clocks case as clocks %}` and durations a person reads at a
glance."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from goodwill.care.selectors import ClockView
from goodwill.care.selectors import case_call_tasks as _case_call_tasks
from goodwill.care.selectors import case_clocks as _case_clocks
from goodwill.cases.models import Case

register = template.Library()


@register.simple_tag
def case_clocks(case: Case) -> list[ClockView]:
    """One query: the case page's view does not know about clocks, so the include asks here."""
    return _case_clocks(case=case)


@register.filter
def duration(minutes: int | None) -> str:
    """45 → "45 min", 130 → "2 h 10 min", 3000 → "2 d 2 h" (wall-clock time)."""
    if minutes is None:
        return ""
    minutes = abs(int(minutes))
    if minutes < 60:
        return _("%(m)s min") % {"m": minutes}
    hours, rest = divmod(minutes, 60)
    if hours < 24:
        return (
            _("%(h)s h %(m)s min") % {"h": hours, "m": rest}
            if rest
            else _("%(h)s h") % {"h": hours}
        )
    days, hours = divmod(hours, 24)
    return _("%(d)s d %(h)s h") % {"d": days, "h": hours} if hours else _("%(d)s d") % {"d": days}


@register.inclusion_tag("care/_call_tasks.html", takes_context=True)
def case_call_tasks(context: template.Context, case: Case) -> dict[str, object]:
    """The calls we owe the client on this case (callbacks, follow-ups), with "Called back"."""
    return {
        "tasks": _case_call_tasks(case=case),
        "now": timezone.now(),
        "csrf_token": context.get("csrf_token"),
        "show_case": False,
        "empty_hidden": True,
    }
