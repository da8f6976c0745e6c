"""The client's portal: /portal/, reached without an account by a private link.

Opening the link (/portal/open/<token>/) starts a portal session bound to that link and its
client, and redirects so that the token leaves the address bar; every page then reads the
client from the session and checks the link still works (revoked or expired: the session ends).
Pages speak the client's language (right to left for Arabic), are sized for a phone first, never
cached, indexed or sent on as a referrer. Not "no-referrer": browsers then send "Origin: null"
with the page's own forms, which the CSRF check rightly refuses."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods, require_POST

from goodwill.cases.wording import client_status, client_title
from goodwill.clients.models import Client
from goodwill.clients.selectors import client_time_zone
from goodwill.clients.services import client_preferences_set
from goodwill.http import apply_errors, client_ip
from goodwill.languages import (
    accepted_language,
    client_language,
    client_languages,
    html_lang,
    is_rtl,
    language_choices,
)
from goodwill.portal import selectors, services
from goodwill.portal.forms import LinkRequestForm, ReplyForm, SettingsForm

SESSION_KEY = "goodwill_portal"

PortalView = Callable[..., HttpResponse]


def _private(response: HttpResponse, language: str) -> HttpResponse:
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Content-Language"] = html_lang(language)
    return response


def _context(language: str, **extra: object) -> dict[str, object]:
    return {
        "language": language,
        "html_lang": html_lang(language),
        "rtl": is_rtl(language),
        "brand": settings.GOODWILL_BRAND_NAME,
        **extra,
    }


def _session_client(request: HttpRequest) -> Client | None:
    """The client this browser's portal session is bound to, while its link still works."""
    bound = request.session.get(SESSION_KEY)
    if not isinstance(bound, dict):
        return None
    link = selectors.link_live(link_id=bound.get("link", 0), client_id=bound.get("client", 0))
    if link is None:
        request.session.pop(SESSION_KEY, None)
        return None
    return link.client


def portal_page(view: PortalView) -> PortalView:
    """A page of the client's own: without a live portal session, the page to ask for a link;
    with one, the view gets the client and runs in their language and time zone."""

    @login_not_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        client = _session_client(request)
        if client is None:
            return _private(redirect("portal-link"), settings.LANGUAGE_CODE)
        language = client.language if client.language in client_languages() else "en"
        zone = ZoneInfo(client_time_zone(client=client))
        with translation.override(language), timezone.override(zone):
            response = view(request, client, language, *args, **kwargs)
        return _private(response, language)

    return wrapper


@login_not_required
@require_http_methods(["GET"])
def portal_open(request: HttpRequest, token: str) -> HttpResponse:
    """The private link: a wrong, tampered, revoked or expired token is a 404 that starts no
    session; a good one starts a fresh session (a new key: nothing carried over) bound to it."""
    link = selectors.link_by_token(token=token)
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"link": link.pk, "client": link.client_id}
    services.portal_link_used(link=link)
    return _private(redirect("portal-home"), link.client.language)


@portal_page
@require_http_methods(["GET"])
def portal_home(request: HttpRequest, client: Client, language: str) -> HttpResponse:
    home = selectors.portal_home(client=client)
    return render(request, "portal/home.html", _context(language, client=client, home=home))


@portal_page
@require_http_methods(["GET", "POST"])
def portal_case(
    request: HttpRequest, client: Client, language: str, reference: str
) -> HttpResponse:
    """One of the client's cases: its title and status for them, what is promised, the
    conversation, and a box to write on it (through the one intake)."""
    case = selectors.portal_case(client=client, reference=reference)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.portal_reply(client=client, case=case, text=form.cleaned_data["text"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(f"{request.path}?sent=1#conversation")
    context = _context(
        language,
        client=client,
        case=case,
        title=client_title(case=case, language=language),
        status=client_status(status=case.status, language=language),
        promises=selectors.case_promises(case=case),
        conversation=selectors.portal_conversation(case=case),
        form=form,
        sent=request.GET.get("sent") == "1",
    )
    return render(request, "portal/case.html", context, status=400 if form.errors else 200)


@portal_page
@require_http_methods(["GET", "POST"])
def portal_settings(request: HttpRequest, client: Client, language: str) -> HttpResponse:
    """Their language (one of the ten), how they prefer to hear from us, marketing consent."""
    form = SettingsForm(
        request.POST or None,
        initial={
            "language": language,
            "preferred_channel": client.preferred_channel,
            "marketing_consent": client.marketing_consent,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            client_preferences_set(
                client=client,
                language=data["language"],
                preferred_channel=data["preferred_channel"],
                marketing_consent=data["marketing_consent"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(f"{request.path}?saved=1")
    context = _context(language, client=client, form=form, saved=request.GET.get("saved") == "1")
    return render(request, "portal/settings.html", context, status=400 if form.errors else 200)


def _public_language(request: HttpRequest) -> str:
    wanted = client_language(request.GET.get("lang") or request.POST.get("lang") or "")
    if wanted in client_languages():
        return wanted
    return accepted_language(request.headers.get("Accept-Language", "")) or settings.LANGUAGE_CODE


@login_not_required
@require_http_methods(["GET", "POST"])
def portal_link(request: HttpRequest) -> HttpResponse:
    """Ask for a new link with an e-mail address. The answer is the same whether or not the
    address is a client's, and over the limits (services.portal_link_request)."""
    language = _public_language(request)
    with translation.override(language):
        form = LinkRequestForm(request.POST or None)
        asked = False
        if request.method == "POST" and form.is_valid():
            services.portal_link_request(email=form.cleaned_data["email"], ip=client_ip(request))
            asked = True
        context = _context(
            language,
            form=form,
            asked=asked,
            languages=[(code, name, html_lang(code)) for code, name in language_choices()],
        )
        response = render(request, "portal/link.html", context, status=400 if form.errors else 200)
    return _private(response, language)


@login_not_required
@require_POST
def portal_logout(request: HttpRequest) -> HttpResponse:
    language = _public_language(request)
    client = _session_client(request)
    if client is not None:
        language = client.language
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
    return _private(redirect(f"{reverse('portal-link')}?lang={language}"), language)
