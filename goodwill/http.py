"""Small helpers every view uses to read a request safely."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import math
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, DataError, connection
from django.forms import Form
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import defaults

from goodwill.organisation.access import OtherSite
from goodwill.organisation.models import User

log = logging.getLogger("goodwill.http")

# Larger numbers cannot be a page or an id, and overflow SQLite's integers.
_MAX_INT = 2**31 - 1


def staff_member(request: HttpRequest) -> User:
    """The logged-in staff member (LoginRequiredMiddleware and the API's auth guarantee one)."""
    assert isinstance(request.user, User)
    return request.user


def client_ip(request: HttpRequest) -> str:
    """The address the request came from: REMOTE_ADDR, or behind GOODWILL_PROXY_COUNT reverse
    proxies the address the nearest of them appended to X-Forwarded-For. Never the first entry:
    anyone can write that one, and each proxy only appends."""
    hops = settings.GOODWILL_PROXY_COUNT
    if hops:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return str(request.META.get("REMOTE_ADDR", ""))


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


# What no view may be handed, wherever it comes from (issue 10: "no 500 for bad input").
# A NUL byte cannot be stored or even compared on PostgreSQL (psycopg refuses the query); other
# C0 controls in an address are never part of a reference, a code or a name.
_PATH_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
# JSON nested deeper than this is no request any API of ours takes: deeper nesting only costs
# recursion (Python's own parser stops at about a thousand levels, with a RecursionError).
JSON_MAX_DEPTH = 32
# JSON whole numbers that fit a 64-bit database integer (PostgreSQL bigint, SQLite INTEGER).
_JSON_INT_DIGITS = 19
_JSON_INT_MAX = 2**63 - 1


class BadInput(ValueError):
    """Input no view can use: the message says what is wrong, for the person who sent it."""


def _check_text(text: str, where: str) -> None:
    if "\x00" in text:
        raise BadInput(_("%(where)s contains a NUL character.") % {"where": where})
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # only lone surrogates fail: "\ud800" written as JSON escapes
        raise BadInput(
            _("%(where)s contains a lone surrogate (\\ud800-\\udfff): it is not text.")
            % {"where": where}
        ) from None


def _json_int(raw: str) -> int:
    if len(raw.lstrip("-")) > _JSON_INT_DIGITS or abs(value := int(raw)) > _JSON_INT_MAX:
        raise BadInput(_("A number in the JSON body is too large."))
    return value


def _json_float(raw: str) -> float:
    value = float(raw)
    if not math.isfinite(value):
        raise BadInput(_("A number in the JSON body is too large."))
    return value


def _json_constant(raw: str) -> float:
    raise BadInput(_("%(value)s is not a number JSON allows.") % {"value": raw})


def json_checked(raw: bytes) -> Any:
    """The JSON document in `raw`, or BadInput saying what is wrong with it: not JSON, nested
    deeper than JSON_MAX_DEPTH, a number beyond a 64-bit integer (or NaN, Infinity, 1e999), a
    text with a NUL or a lone surrogate (which no database stores)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(_("The body is not UTF-8.")) from None
    try:
        data = json.loads(
            text, parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant
        )
    except RecursionError:
        raise BadInput(_("The JSON body is nested too deeply.")) from None
    except BadInput:
        raise
    except ValueError as error:
        raise BadInput(_("The body is not valid JSON: %(error)s") % {"error": error}) from None
    # Walked without recursion, so any depth Python's parser accepted is measured safely.
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            _check_text(value, _("A text in the JSON body"))
        elif isinstance(value, dict | list):
            if depth > JSON_MAX_DEPTH:
                raise BadInput(
                    _("The JSON body is nested too deeply (at most %(depth)s levels).")
                    % {"depth": JSON_MAX_DEPTH}
                )
            if isinstance(value, dict):
                for key, item in value.items():
                    _check_text(key, _("A key in the JSON body"))
                    stack.append((item, depth + 1))
            else:
                stack.extend((item, depth + 1) for item in value)
    return data


def _is_json(request: HttpRequest) -> bool:
    content_type = (request.content_type or "").lower()
    return content_type == "application/json" or content_type.endswith("+json")


def _small_body(request: HttpRequest) -> bool:
    """A body Django would read into memory anyway (a raw e-mail may be far larger, and is read
    as a stream by its own endpoint)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return length > 0 and (limit is None or length <= limit)


def request_problem(request: HttpRequest) -> str | None:
    """What makes this request unusable by any view, or None."""
    if _PATH_CONTROLS.search(request.path):
        return _("The address contains a control character (such as NUL), which no reference has.")
    try:
        for source, where in (
            (request.GET, _("The query string")),
            (request.COOKIES, _("A cookie")),
        ):
            for key, value in source.items():
                _check_text(key, where)
                _check_text(value, where)
        if request.method in {"POST", "PUT", "PATCH"} and _small_body(request):
            if _is_json(request):
                # Kept for the API's parser (goodwill/api.py): the body is read and checked once.
                request.json_checked = json_checked(request.body)  # type: ignore[attr-defined]
            elif request.content_type == "application/x-www-form-urlencoded":
                for key, values in request.POST.lists():
                    _check_text(key, _("A form field"))
                    for value in values:
                        _check_text(value, _("A form field"))
    except BadInput as problem:
        return str(problem)
    return None


def bad_request(request: HttpRequest, reason: str) -> HttpResponse:
    """400 with the reason: JSON for the API, a page for people."""
    if request.path.startswith("/api/") or _is_json(request):
        return JsonResponse({"detail": reason}, status=400)
    return HttpResponse(
        render_to_string("400.html", {"reason": reason}, request=request), status=400
    )


class BadInputMiddleware:
    """One guard for every view, so none has to remember: a request carrying what no view can
    use (NUL or control characters in the address, NUL in the query string, a form or a cookie,
    JSON that is malformed, too deep, with lone surrogates or numbers beyond 64 bits) is
    answered 400 with the reason before any view runs. A value a view still passes to the
    database that the database refuses as out of range (DataError, OverflowError) is a 400 too,
    logged on one line, never a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problem = request_problem(request)
        if problem is not None:
            log.warning("bad request %s %r: %s", request.method, request.path, problem)
            return bad_request(request, problem)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DataError | OverflowError):
            log.warning(
                "bad request %s %r: the database refused a value: %s",
                request.method,
                request.path,
                str(exception).splitlines()[0] if str(exception) else type(exception).__name__,
            )
            return bad_request(request, _("A value is out of the range that can be stored."))
        return None


def _logged(response: HttpResponse) -> HttpResponse:
    # Django logs every 4xx once more, and a PermissionDenied with its traceback: ours said it.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


class RefusalMiddleware:
    """A refusal is one line in the log, never a traceback (Django logs a PermissionDenied with
    its whole stack). Another site's object (`OtherSite`) answers 404, exactly like a missing
    one; any other PermissionDenied a 403 page, or JSON on the API."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, PermissionDenied):
            return None
        user = getattr(request, "user", None)
        who = f"user {user.pk}" if user is not None and user.is_authenticated else "anonymous"
        api = request.path.startswith("/api/")
        if isinstance(exception, OtherSite):
            log.warning("Not found (another site's): %s %r (%s)", request.method, request.path, who)
            if api:
                return _logged(JsonResponse({"detail": "Not Found"}, status=404))
            return _logged(defaults.page_not_found(request, exception))
        reason = str(exception)
        log.warning(
            "Forbidden: %s %r (%s)%s",
            request.method,
            request.path,
            who,
            f": {reason}" * bool(reason),
        )
        if api:
            return _logged(JsonResponse({"detail": reason or "Forbidden"}, status=403))
        return _logged(defaults.permission_denied(request, exception))


HEALTH_PATH = "/healthz"


class HealthMiddleware:
    """GET or HEAD /healthz, for a load balancer: 200 "ok" when this process can reach the
    database, 503 when it cannot. First in MIDDLEWARE, so it answers before the host is checked
    against GOODWILL_ALLOWED_HOSTS (a balancer probes by address), before the HTTPS redirect
    (it probes plain http behind the TLS proxy), and without a session, a login or a log line
    of its own: it costs one `SELECT 1`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info != HEALTH_PATH or request.method not in {"GET", "HEAD"}:
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError as error:
            log.warning("health check: the database does not answer: %s", error)
            # Said once above: Django would log every probe's 503 again, as an error.
            response = _logged(HttpResponse("database unavailable\n", status=503))
        else:
            response = HttpResponse("ok\n")
        response["Content-Type"] = "text/plain; charset=utf-8"
        response["Cache-Control"] = "no-store"
        return response


class BadSignature(Exception):
    """A webhook's request is not signed with the shared secret, lately."""


def webhook_sign(*, secret: str, timestamp: str, body: bytes) -> str:
    """Our providers' webhook signature: hex HMAC-SHA256 of `timestamp + "." + raw body`."""
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def webhook_verify(
    *,
    secret: str,
    timestamp: str | None,
    signature: str | None,
    body: bytes,
    max_age: dt.timedelta,
    unconfigured: str,
    now: dt.datetime | None = None,
) -> str:
    """Return the verified signature (lower-case hex, a `sha256=` prefix taken off), or raise
    BadSignature: unsigned, a timestamp that is not one or older than `max_age` (a captured
    request cannot be replayed later), or a wrong signature. Without a secret nothing is ever
    accepted (`unconfigured` says which setting is missing)."""
    if not secret:
        raise BadSignature(unconfigured)
    if not timestamp or not signature:
        raise BadSignature("missing signature")
    if not (timestamp.isascii() and timestamp.isdecimal()) or len(timestamp) > 12:
        raise BadSignature("bad timestamp")
    try:
        sent = dt.datetime.fromtimestamp(int(timestamp), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):  # past the year 9999, or the platform's clock
        raise BadSignature("bad timestamp") from None
    if abs((now or timezone.now()) - sent) > max_age:
        raise BadSignature("stale timestamp")
    given = signature.strip().lower().removeprefix("sha256=")
    expected = webhook_sign(secret=secret, timestamp=timestamp, body=body)
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise BadSignature("bad signature")
    return given
