"""The partner-tasks block of the case page, one include so the case page stays the cases app's
own."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from goodwill.assistance import selectors
from goodwill.assistance.forms import StaffTaskUpdateForm
from goodwill.cases.models import Case

register = template.Library()


@register.inclusion_tag("assistance/_case_tasks.html", takes_context=True)
def case_partner_tasks(context: template.Context, case: Case) -> dict[str, Any]:
    """The tasks and the request form's section; the form (the policy, the partners) is fetched
    when it is opened (assistance.views.task_form)."""
    user = context.get("user")
    return {
        "case": case,
        "tasks": selectors.case_tasks(case=case),
        "now": timezone.now(),
        "csrf_token": context.get("csrf_token"),
        "is_open": case.status in Case.OPEN_STATUSES,
        "manager": user is not None and selectors.is_manager(user),
        "update_form": StaffTaskUpdateForm(),
    }
