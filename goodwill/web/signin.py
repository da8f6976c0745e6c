"""Signing in: the password, then (for whoever turned it on, and every role
GOODWILL_2FA_REQUIRED_FOR names) a six-digit code from an authenticator app (TOTP, django-otp).

* Too many failed passwords for one account or from one address lock further attempts out for a
  while (django-axes, counted in the database so every web process shares the count); the page
  says when it lifts (`locked_out`). Wrong codes are slowed down by django-otp (1, 2, 4… s).
* Someone with a confirmed device gives the password, then the code (`login_code`); only then is
  the session signed in, and marked verified for django-otp.
* A role that must use two factors and has no device yet is signed in, but sees only the
  enrolment page (`TwoFactorMiddleware`) until they have scanned the QR code and typed a code.
* The admin's own login page sends to this one, so the admin is throttled and asks for the code
  too.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from goodwill.http import is_partial, staff_member
from goodwill.organisation.models import User
from goodwill.organisation.services import (
    two_factor_confirm,
    two_factor_device,
    two_factor_pending,
    two_factor_remove,
)

# The person who gave the right password and still owes the code: (user id, backend, when).
_PENDING = "signin_pending"
PENDING_FOR = dt.timedelta(minutes=5)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def remember_locale(request: HttpRequest, user: User) -> None:
    """Keep the language and time zone in the session, read by StaffLocaleMiddleware."""
    request.session["language"] = user.language
    request.session["timezone"] = user.site.timezone if user.site else settings.TIME_ZONE


def _sign_in(request: HttpRequest, user: User, backend: str) -> None:
    auth_login(request, user, backend=backend)
    remember_locale(request, user)


def two_factor_required(user: User) -> bool:
    """Whether this person's role must sign in with a second factor (GOODWILL_2FA_REQUIRED_FOR;
    a superuser counts as an administrator)."""
    roles = set(settings.GOODWILL_2FA_REQUIRED_FOR)
    return user.role in roles or (user.is_superuser and User.Role.ADMIN in roles)


@login_not_required
@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        assert isinstance(user, User)
        if two_factor_device(user=user) is not None:
            request.session[_PENDING] = [
                user.pk,
                getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
                timezone.now().isoformat(),
            ]
            return HttpResponseRedirect(f"{reverse('login-code')}?{_next_query(request)}")
        _sign_in(request, user, getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]))
        return HttpResponseRedirect(_next_url(request))
    return render(
        request,
        "organisation/login.html",
        {"form": form, "next": _next_url(request) if request.GET.get("next") else ""},
        status=400 if form.errors else 200,
    )


def _next_query(request: HttpRequest) -> str:
    return urlencode({"next": _next_url(request)})


def _pending_user(request: HttpRequest) -> tuple[User, str] | None:
    pending = request.session.get(_PENDING)
    if not (isinstance(pending, list) and len(pending) == 3):
        return None
    user_id, backend, since = pending
    try:
        started = dt.datetime.fromisoformat(str(since))
    except ValueError:
        return None
    if timezone.now() - started > PENDING_FOR or backend not in settings.AUTHENTICATION_BACKENDS:
        return None
    user = get_user_model()._default_manager.filter(pk=user_id, is_active=True).first()
    return (user, backend) if isinstance(user, User) else None


@login_not_required
@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step: the six-digit code of the authenticator app."""
    pending = _pending_user(request)
    if pending is None:
        request.session.pop(_PENDING, None)
        messages.info(request, _("Sign in again: the code was not given within five minutes."))
        return redirect("login")
    user, backend = pending
    device = two_factor_device(user=user)
    if device is None:  # removed meanwhile: the password was enough after all
        request.session.pop(_PENDING, None)
        _sign_in(request, user, backend)
        return HttpResponseRedirect(_next_url(request))
    error = ""
    if request.method == "POST":
        allowed, wait = device.verify_is_allowed()
        if not allowed:
            until = (wait or {}).get("locked_until")
            error = _("Too many wrong codes: try again in a few seconds%(when)s.") % {
                "when": f" ({time_format(timezone.localtime(until), 'H:i:s')})" if until else ""
            }
        elif device.verify_token(_digits(request.POST.get("code", ""))):
            request.session.pop(_PENDING, None)
            _sign_in(request, user, backend)
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request))
        else:
            error = _("That code is not the one your app shows now. Try the next one.")
    return render(
        request,
        "organisation/login_code.html",
        {"error": error, "next": _next_url(request)},
        status=400 if error else 200,
    )


def _digits(raw: str) -> str:
    return "".join(ch for ch in raw if ch.isascii() and ch.isdigit())[:8]


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The answer while sign-ins are locked out (AXES_LOCKOUT_CALLABLE): 429, saying when it
    lifts. Each attempt meanwhile starts the wait again (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_
    LOCKOUT), so it lifts the cool-off after this one."""
    cool_off: dt.timedelta = settings.AXES_COOLOFF_TIME
    lifts = timezone.localtime(timezone.now() + cool_off)
    minutes = max(1, round(cool_off.total_seconds() / 60))
    message = _(
        "Too many failed sign-ins for this account or from this address. For your security, "
        "signing in is paused until %(time)s (%(minutes)s minutes from now); every further "
        "attempt meanwhile starts the wait again."
    ) % {"time": time_format(lifts, "H:i"), "minutes": minutes}
    retry_after = str(int(cool_off.total_seconds()))
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=429)
    else:
        form = AuthenticationForm(request)
        response = render(
            request,
            "organisation/login.html",
            {"form": form, "locked": message, "next": _next_url(request)},
            status=429,
        )
    response["Retry-After"] = retry_after
    return response


@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """/me/two-factor/: turn two-factor sign-in on (scan the QR code, type a code) or off."""
    user = staff_member(request)
    device = two_factor_device(user=user)
    required = two_factor_required(user)
    error = ""
    verified = _verified(user)
    if request.method == "POST" and request.POST.get("action") == "verify" and device:
        # Set up in another session: this one proves the code once too.
        if device.verify_token(_digits(request.POST.get("code", ""))):
            otp_login(request, device)
            return redirect("home")
        error = _("That code is not the one your app shows now. Try the next one.")
    elif request.method == "POST" and request.POST.get("action") == "remove" and device:
        try:
            two_factor_remove(actor=user, user=user, code=_digits(request.POST.get("code", "")))
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("two-factor")
    elif request.method == "POST" and device is None:
        pending = two_factor_pending(user=user)
        try:
            confirmed = two_factor_confirm(
                user=user, device=pending, code=_digits(request.POST.get("code", ""))
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            otp_login(request, confirmed)
            messages.success(
                request, _("Two-factor sign-in is on: from now on you sign in with a code.")
            )
            return redirect("home")
    context: dict[str, Any] = {
        "device": device,
        "required": required,
        "verified": verified,
        "error": error,
    }
    if device is None:
        pending = two_factor_pending(user=user)
        context["secret"] = _grouped(base64.b32encode(pending.bin_key).decode())
        # Drawn here as SVG: the secret never leaves the server for a QR service.
        context["qr"] = mark_safe(  # noqa: S308  (segno's own SVG of our otpauth:// URL)
            segno.make(pending.config_url, error="m").svg_inline(
                scale=5, dark="#1d2433", light="#ffffff", omitsize=False
            )
        )
    return render(request, "organisation/two_factor.html", context, status=400 if error else 200)


def _verified(user: User) -> bool:
    """Signed in with the second factor in this session (set by django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


# Pages someone who still owes their second factor may open.
_OPEN_PATHS = ("/me/two-factor/", "/logout/", "/login/", "/static/", "/language/")


class TwoFactorMiddleware:
    """Someone whose role must use two factors (GOODWILL_2FA_REQUIRED_FOR) and whose session is
    not verified sees the enrolment page only: the API answers 403, htmx polls get nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.GOODWILL_2FA_REQUIRED_FOR and BACKEND_SESSION_KEY in request.session:
            user = request.user
            if (
                isinstance(user, User)
                and two_factor_required(user)
                and not _verified(user)
                and not request.path.startswith(_OPEN_PATHS)
            ):
                return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _refuse(request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": "Two-factor sign-in is required for your role: set it up first."},
                status=403,
            )
        if is_partial(request):
            return HttpResponse(status=204)
        return redirect("two-factor")
