"""The public contact form: /contact/ on Goodwill's own page, /contact/embed/ for an iframe on
the brand's website. No login. Spoken in the brand's languages (?lang=, else the browser's)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from goodwill.channels.webform.forms import ContactForm
from goodwill.channels.webform.services import Contact, RateLimited, webform_submit
from goodwill.http import apply_errors

_SIGNER_SALT = "goodwill.webform.embed"
TOKEN_MAX_AGE = 6 * 3600  # a form left open longer asks to be sent again (the text is kept)


def form_language(request: HttpRequest) -> str:
    languages = dict(settings.LANGUAGES)
    wanted = request.GET.get("lang") or request.POST.get("lang") or ""
    if wanted in languages:
        return wanted
    guessed = translation.get_language_from_request(request)
    return guessed if guessed in languages else settings.LANGUAGE_CODE


def _client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR; behind a reverse proxy, the first hop of X-Forwarded-For when
    GOODWILL_WEBFORM_TRUST_FORWARDED is on (only there: anyone can write that header)."""
    if settings.GOODWILL_WEBFORM_TRUST_FORWARDED:
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return str(request.META.get("REMOTE_ADDR", ""))


def _contact(request: HttpRequest, *, embedded: bool) -> HttpResponse:
    language = form_language(request)
    with translation.override(language):
        response = _contact_in_language(request, embedded=embedded, language=language)
    response.headers["Content-Language"] = language
    response.headers.setdefault("Vary", "Accept-Language, Cookie")
    return response


def _contact_in_language(request: HttpRequest, *, embedded: bool, language: str) -> HttpResponse:
    template = "webform/embed.html" if embedded else "webform/contact.html"
    url = reverse("contact-embed" if embedded else "contact")
    signer = signing.TimestampSigner(salt=_SIGNER_SALT)
    form = ContactForm(request.POST or None, initial={"token": signer.sign("embed")})
    context: dict[str, object] = {
        "form": form,
        "language": language,
        "url": url,
        "embedded": embedded,
        "languages": settings.LANGUAGES,
        "brand": settings.GOODWILL_BRAND_NAME,
    }
    if request.method != "POST":
        return render(request, template, context)
    if form.is_valid():
        data = form.cleaned_data
        if data["website"]:
            # A robot filled the hidden field: thank it like a person, keep nothing.
            return render(
                request,
                "webform/thanks.html" if not embedded else "webform/embed_thanks.html",
                {**context, "advisor": None},
            )
        if embedded:
            try:
                signer.unsign(data["token"], max_age=TOKEN_MAX_AGE)
            except signing.BadSignature:
                fresh = request.POST.copy()
                fresh["token"] = signer.sign("embed")
                form = ContactForm(fresh)
                form.is_valid()
                form.add_error(
                    None,
                    _(
                        "This form was open for too long. Please send it again: your text is still "
                        "here."
                    ),
                )
                context["form"] = form
                return render(request, template, context, status=400)
        try:
            submission = webform_submit(
                contact=Contact(
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    product=data["product"],
                    message=data["message"],
                    language=language,
                ),
                ip=_client_ip(request),
                embedded=embedded,
            )
        except RateLimited:
            context["rate_limited"] = True
            return render(request, template, context, status=429)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            # Whoever typed a known client's address may not be them: the reference and the advisor
            # go only into the acknowledgement, sent to that address. A new client's case is theirs.
            if submission.new_client:
                context.update(
                    {"advisor": submission.case.owner, "reference": submission.case.reference}
                )
            else:
                context.update({"advisor": None, "sent_to_known_address": submission.acknowledged})
            return render(
                request, "webform/embed_thanks.html" if embedded else "webform/thanks.html", context
            )
    return render(request, template, context, status=400)


@login_not_required
@csrf_protect
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    return _contact(request, embedded=False)


@login_not_required
@csrf_exempt  # a third-party frame gets no CSRF cookie: the signed, dated token stands in for it
@xframe_options_exempt  # the only page that may be framed, by the brand's website
@require_http_methods(["GET", "POST"])
def contact_embed(request: HttpRequest) -> HttpResponse:
    response = _contact(request, embedded=True)
    # The site's policy stays (scripts, forms, …); only who may frame the page is widened: the
    # configured origins, else any site.
    ancestors = list(settings.GOODWILL_WEBFORM_FRAME_ANCESTORS) or ["*"]
    response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": ancestors}  # type: ignore[attr-defined]
    return response
