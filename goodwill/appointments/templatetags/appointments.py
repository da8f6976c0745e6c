"""The appointments block of the case page, one include so the case page stays the cases app's
own."""

from __future__ import annotations

from typing import Any

from django import template

from goodwill.appointments import selectors
from goodwill.appointments.forms import InviteForm
from goodwill.cases.models import Case

register = template.Library()


@register.inclusion_tag("appointments/_case_bookings.html", takes_context=True)
def case_bookings(context: template.Context, case: Case) -> dict[str, Any]:
    return {
        "case": case,
        "bookings": selectors.case_bookings(case=case),
        "invite_form": InviteForm(
            initial={"kind": "delivery" if case.category == "delivery" else "workshop"}
        ),
        "csrf_token": context.get("csrf_token"),
    }
