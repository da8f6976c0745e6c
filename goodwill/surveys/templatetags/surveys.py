"""The survey on the staff pages: `{% case_survey case %}` (the result, and the outcome form of
the call to an unhappy client) and `{% client_surveys client %}` (the latest answers)."""

from __future__ import annotations

from django import template

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.surveys import selectors
from goodwill.surveys.forms import OutcomeForm

register = template.Library()


@register.inclusion_tag("surveys/_case.html", takes_context=True)
def case_survey(context: template.Context, case: Case) -> dict[str, object]:
    """One query: the case page's view does not know about surveys, so the include asks here."""
    return {
        "survey": selectors.case_survey(case=case),
        "form": OutcomeForm(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("surveys/_client.html")
def client_surveys(client: Client) -> dict[str, object]:
    """Two queries: the client's latest answers, and whether they asked for none."""
    return {
        "surveys": selectors.client_surveys(client=client),
        "declined": selectors.declined(client=client),
    }
