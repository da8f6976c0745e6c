"""The public contact form: /contact/ on Goodwill's own page, /contact/embed/ for an iframe on
the brand's website. No login. Spoken in the client languages (settings.GOODWILL_CLIENT_LANGUAGES:
?lang=, else the browser's), laid out right to left for Arabic."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goodwill.channels.webform.forms import ContactForm
from goodwill.channels.webform.models import Submission
from goodwill.channels.webform.services import (
    Contact,
    RateLimited,
    can_review_held,
    webform_discard,
    webform_release,
    webform_submit,
)
from goodwill.http import apply_errors, client_ip, staff_member
from goodwill.languages import (
    accepted_language,
    client_language,
    client_languages,
    html_lang,
    is_rtl,
    language_choices,
)
from goodwill.organisation.models import User

_SIGNER_SALT = "goodwill.webform.embed"
TOKEN_MAX_AGE = 6 * 3600  # a form left open longer asks to be sent again (the text is kept)


def form_language(request: HttpRequest) -> str:
    """The client language the form speaks: ?lang= (the switcher, the brand's links), else the
    browser's preference among the client languages, else English."""
    wanted = client_language(request.GET.get("lang") or request.POST.get("lang") or "")
    if wanted in client_languages():
        return wanted
    return accepted_language(request.headers.get("Accept-Language", "")) or settings.LANGUAGE_CODE


def _contact(request: HttpRequest, *, embedded: bool) -> HttpResponse:
    language = form_language(request)
    with translation.override(language):
        response = _contact_in_language(request, embedded=embedded, language=language)
    response.headers["Content-Language"] = html_lang(language)
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
        "languages": [(code, name, html_lang(code)) for code, name in language_choices()],
        "html_lang": html_lang(language),
        "rtl": is_rtl(language),
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
                ip=client_ip(request),
                embedded=embedded,
            )
        except RateLimited:
            context["rate_limited"] = True
            return render(request, template, context, status=429)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            thanks = "webform/embed_thanks.html" if embedded else "webform/thanks.html"
            if submission.held:
                # Over the limits, yet kept: staff pass it on after a look (/contact/held/).
                context.update({"advisor": None, "held": True})
                return render(request, thanks, context, status=429)
            # Whoever typed a known client's address may not be them: the reference and the advisor
            # go only into the acknowledgement, sent to that address. A new client's case is theirs.
            if submission.new_client and submission.case is not None:
                context.update(
                    {"advisor": submission.case.owner, "reference": submission.case.reference}
                )
            else:
                context.update({"advisor": None, "sent_to_known_address": submission.acknowledged})
            return render(request, thanks, context)
    return render(request, template, context, status=400)


def _reviewer(request: HttpRequest) -> User:
    user = staff_member(request)
    if not can_review_held(user):
        raise PermissionDenied(_("Held messages are reviewed by the care centre and managers."))
    return user


@require_GET
def held(request: HttpRequest) -> HttpResponse:
    """Contact-form messages kept aside over the hourly limits, oldest first: pass each on (it
    goes through the intake as if it had just come in) or discard it."""
    _reviewer(request)
    waiting = Submission.objects.filter(held=True, decided_at__isnull=True).order_by("created_at")
    recent = (
        Submission.objects.filter(held=True, decided_at__isnull=False)
        .select_related("decided_by", "case")
        .order_by("-decided_at")[:20]
    )
    return render(
        request, "webform/held.html", {"waiting": list(waiting[:200]), "recent": list(recent)}
    )


@require_POST
def held_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    user = _reviewer(request)
    submission = get_object_or_404(Submission, pk=pk, held=True)
    try:
        if decision == "release":
            webform_release(actor=user, submission=submission)
            messages.success(request, _("Passed on: it is now on the client's story."))
        else:
            webform_discard(actor=user, submission=submission)
            messages.success(request, _("Discarded."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("webform-held")


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
