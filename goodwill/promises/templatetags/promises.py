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
    """The list and the form; the time to quote is fetched when the form shows
    (web.cases.case_promise_form),
    so the case page does not read 500 past cases on every visit."""
    return {
        "case": case,
        "promises": selectors.case_promises(case=case),
        "form": PromiseForm(),
        "now": timezone.now(),
        "csrf_token": context.get("csrf_token"),
        "is_open": case.status in Case.OPEN_STATUSES,
    }
