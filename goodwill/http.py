"""Small helpers every view uses to read a request safely."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from goodwill.organisation.models import User

# Larger numbers cannot be a page or an id, and overflow SQLite's integers.
_MAX_INT = 2**31 - 1


def staff_member(request: HttpRequest) -> User:
    """The logged-in staff member (LoginRequiredMiddleware and the API's auth guarantee one)."""
    assert isinstance(request.user, User)
    return request.user


def query_int(params: QueryDict, name: str, default: int | None = None) -> int | None:
    """A positive whole number from the query string, or `default` for anything else ("abc", "²",
    "-1")."""
    raw = params.get(name, "")
    if not (raw.isascii() and raw.isdecimal()):
        return default
    value = int(raw)
    return value if 0 < value <= _MAX_INT else default


def query_page(params: QueryDict) -> int:
    return query_int(params, "page", 1) or 1


def is_partial(request: HttpRequest) -> bool:
    """An htmx request for a fragment. Restoring history wants the whole page back."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )


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


_BLANK_FORMS: dict[tuple[object, ...], SafeString] = {}
_BLANK_FORMS_MAX = 2000


class RenderedOnceForm(Form):
    """A form whose blank HTML depends only on its class, its initial values, the language and
    `blank_key()`: `as_p` renders it blank once per process for each of those, as the cached
    template loader keeps a compiled template (the case page shows six forms on every visit). A
    bound form (the user's input, errors) renders afresh, and so does one with initial values
    other than plain text and numbers (a date is shown in the reader's time zone)."""

    def blank_key(self) -> tuple[object, ...] | None:
        """Whatever else the blank HTML depends on (choices read from the database); None when
        it cannot be told, and the form is rendered every time."""
        return ()

    def as_p(self) -> SafeString:
        initial = sorted(self.initial.items())
        extra = self.blank_key()
        if (
            self.is_bound
            or extra is None
            or not all(isinstance(value, str | int) for _, value in initial)
        ):
            return super().as_p()
        key = (
            type(self),
            get_language(),
            self.prefix,
            self.auto_id,
            self.label_suffix,
            tuple(initial),
            extra,
        )
        html = _BLANK_FORMS.get(key)
        if html is None:
            if len(_BLANK_FORMS) >= _BLANK_FORMS_MAX:  # renamed people leave stale keys behind
                _BLANK_FORMS.clear()
            html = _BLANK_FORMS[key] = super().as_p()
        return html
