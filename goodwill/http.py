"""Small helpers every view uses to read a request safely."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.cache import patch_vary_headers

from goodwill.organisation.models import User

# Larger numbers cannot be a page or an id, and overflow SQLite's integers.
_MAX_INT = 2**31 - 1


def staff_member(request: HttpRequest) -> User:
    """The logged-in staff member (LoginRequiredMiddleware and the API's auth guarantee one)."""
    assert isinstance(request.user, User)
    return request.user


def query_int(params: QueryDict, name: str, default: int | None = None) -> int | None:
    """A positive whole number from the query string, or `default` for anything else ("abc", "²", "-1")."""
    raw = params.get(name, "")
    if not (raw.isascii() and raw.isdecimal()):
        return default
    value = int(raw)
    return value if 0 < value <= _MAX_INT else default


def query_page(params: QueryDict) -> int:
    return query_int(params, "page", 1) or 1


def is_partial(request: HttpRequest) -> bool:
    """An htmx request for a fragment. Restoring history wants the whole page back."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    """The same URL answers a page or a fragment: caches must keep them apart."""
    patch_vary_headers(response, ["HX-Request"])
    return response


def apply_errors(form: Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form fields it names (or on the whole form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
