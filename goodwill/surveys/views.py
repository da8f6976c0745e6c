"""Thin views: the survey's public page (/s/<token>/, no account), its one-click scores
(/s/<token>/<score>/), the link that asks for no more surveys (/s/<token>/stop/), and the
outcome form of the call to an unhappy client (staff, from the case page).

A wrong or tampered token is a 404 that tells nothing; an expired or answered survey's page says
it is closed and changes nothing. The client's pages speak their language, are never cached,
indexed or sent on as a referrer."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from goodwill.clients.selectors import visible_clients
from goodwill.http import apply_errors, staff_member
from goodwill.languages import client_language, client_languages, html_lang, is_rtl
from goodwill.surveys import selectors, services
from goodwill.surveys.forms import AnswerForm, OutcomeForm
from goodwill.surveys.models import Survey


def _private(response: HttpResponse, language: str) -> HttpResponse:
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Content-Language"] = html_lang(language)
    return response


def _language(survey: Survey) -> str:
    language = client_language(survey.language or survey.client.language or "")
    return language if language in client_languages() else "en"


def _page(
    request: HttpRequest,
    survey: Survey,
    token: str,
    *,
    form: AnswerForm | None = None,
    template: str = "surveys/page.html",
    status: int = 200,
    **extra: object,
) -> HttpResponse:
    language = _language(survey)
    with translation.override(language):
        context = {
            "survey": survey,
            "token": token,
            "live": selectors.survey_live(survey),
            "form": form or AnswerForm(initial={"score": survey.score}),
            "scale": list(range(survey.bottom, survey.top + 1)),
            "efforts": list(range(1, 6)),
            "html_lang": html_lang(language),
            "rtl": is_rtl(language),
            "brand": settings.GOODWILL_BRAND_NAME,
            **extra,
        }
        response = render(request, template, context, status=status)
    return _private(response, language)


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_page(request: HttpRequest, token: str) -> HttpResponse:
    """The survey's page: the score (chosen from the e-mail or here), how easy it was, a
    comment; submitting makes the answer final."""
    survey = selectors.survey_by_token(token=token)
    if request.method != "POST":
        return _page(request, survey, token)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            with translation.override(_language(survey)):
                survey = services.survey_submit(
                    survey=survey,
                    score=form.cleaned_data["score"],
                    effort=form.cleaned_data["effort"],
                    comment=form.cleaned_data["comment"],
                    channel="email",
                )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _private(redirect("survey-page", token=token), _language(survey))
    return _page(request, survey, token, form=form, status=400)


@login_not_required
@require_http_methods(["GET", "HEAD"])
def survey_click(request: HttpRequest, token: str, score: int) -> HttpResponse:
    """One click from the e-mail records the score (surveys.services.survey_click says why a GET
    may: scanners are caught, nothing follows until the answer is final). HEAD records
    nothing. A score off the survey's scale is a 404."""
    survey = selectors.survey_by_token(token=token)
    if not survey.bottom <= score <= survey.top:
        raise Http404
    if request.method == "GET":
        survey = services.survey_click(survey=survey, score=score)
    return _page(request, survey, token, clicked=True)


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_stop(request: HttpRequest, token: str) -> HttpResponse:
    """No more surveys: asked on a page and confirmed by a POST, so a scanner opening the link
    decides nothing for the client."""
    survey = selectors.survey_by_token(token=token)
    stopped = False
    if request.method == "POST":
        services.surveys_decline(client=survey.client, via="email")
        stopped = True
    else:
        stopped = selectors.declined(client=survey.client)
    return _page(request, survey, token, template="surveys/stop.html", stopped=stopped)


@require_POST
def outcome_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The outcome of the call to an unhappy client, from the survey card of the case page.
    Another site's survey is a 404, like a missing one."""
    user = staff_member(request)
    survey = get_object_or_404(
        Survey.objects.select_related("case", "client").filter(
            client__in=visible_clients(user=user)
        ),
        pk=pk,
    )
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.detractor_outcome_record(
                actor=user,
                survey=survey,
                recovered=form.cleaned_data["recovered"],
                offered=form.cleaned_data["offered"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Outcome of the call recorded."))
            return redirect("case-detail", reference=survey.case.reference)
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("case-detail", reference=survey.case.reference)
