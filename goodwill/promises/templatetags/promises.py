"""The promises block of the case page, one include so the case page stays the cases app's own."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.promises import selectors
from goodwill.promises.forms import PromiseForm

register = template.Library()


@register.inclusion_tag("promises/_case_promises.html", takes_context=True)
def case_promises(context: template.Context, case: Case) -> dict[str, Any]:
    now = timezone.now()
    suggestion = selectors.quote_suggestion(case=case, now=now) if case.status in Case.OPEN_STATUSES else None
    initial = {"due_at": timezone.localtime(suggestion.due_at)} if suggestion else {}
    return {
        "case": case,
        "promises": selectors.case_promises(case=case),
        "suggestion": suggestion,
        "form": PromiseForm(initial=initial),
        "now": now,
        "csrf_token": context.get("csrf_token"),
        "is_open": case.status in Case.OPEN_STATUSES,
    }
