"""The quotes block of the case page, one include so the case page stays the cases app's own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.quotes import selectors
from goodwill.quotes.forms import MediaForm, QuoteForm

register = template.Library()


@register.inclusion_tag("quotes/_case_quotes.html", takes_context=True)
def case_quotes(context: template.Context, case: Case) -> dict[str, Any]:
    return {
        "case": case,
        "quotes": selectors.case_quotes(case=case),
        "quote_form": QuoteForm(
            initial={"valid_until": timezone.localdate() + dt.timedelta(days=14)}
        ),
        "media_form": MediaForm(),
        "csrf_token": context.get("csrf_token"),
    }
