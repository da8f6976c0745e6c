"""The case page shows staff what the client reads: the case's title and status in the client's
words and language (cases.wording), beside the internal summary."""

from __future__ import annotations

from django import template

from goodwill.cases.models import Case
from goodwill.cases.wording import client_status, client_title

register = template.Library()


@register.simple_tag
def case_client_title(case: Case) -> str:
    return client_title(case=case, language=case.language or case.client.language)


@register.simple_tag
def case_client_status(case: Case) -> str:
    return client_status(status=case.status, language=case.language or case.client.language)
