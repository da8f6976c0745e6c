"""The milestone action of the case page."""

from __future__ import annotations

from typing import Any

from django import template

from goodwill.cases.models import Case
from goodwill.news.forms import MilestoneForm

register = template.Library()


@register.inclusion_tag("news/_milestone.html", takes_context=True)
def case_milestone(context: template.Context, case: Case) -> dict[str, Any]:
    return {
        "case": case,
        "form": MilestoneForm(),
        "csrf_token": context.get("csrf_token"),
        "is_open": case.status in Case.OPEN_STATUSES,
    }
