"""The managers' page of the checks (/checks/): the brush-off phrases per language and their own
rules in plain language. Thin: parse, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from goodwill.channels.outbox.services import can_edit_templates
from goodwill.checks import forms, selectors, services
from goodwill.checks.models import BrushOffPhrase, CheckRule
from goodwill.http import apply_errors, staff_member
from goodwill.organisation.models import User


def _manager(request: HttpRequest) -> User:
    user = staff_member(request)
    if not can_edit_templates(user):
        raise PermissionDenied("Managers only.")
    return user


def _page(
    request: HttpRequest,
    *,
    phrase_form: forms.BrushOffForm | None = None,
    rule_form: forms.RuleForm | None = None,
) -> HttpResponse:
    context = {
        "phrases": sorted(selectors.phrases_by_language().items()),
        "rules": selectors.rules_list(),
        "phrase_form": phrase_form or forms.BrushOffForm(),
        "rule_form": rule_form or forms.RuleForm(),
    }
    bound = (phrase_form and phrase_form.errors) or (rule_form and rule_form.errors)
    return render(request, "checks/settings.html", context, status=400 if bound else 200)


@require_http_methods(["GET"])
def checks_settings(request: HttpRequest) -> HttpResponse:
    _manager(request)
    return _page(request)


@require_POST
def brush_off_add(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    form = forms.BrushOffForm(request.POST)
    if form.is_valid():
        try:
            services.brush_off_add(actor=user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Phrase added: every message is checked for it."))
            return redirect("checks-settings")
    return _page(request, phrase_form=form)


@require_POST
def brush_off_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = _manager(request)
    services.brush_off_remove(actor=user, phrase=get_object_or_404(BrushOffPhrase, pk=pk))
    messages.success(request, _("Phrase removed."))
    return redirect("checks-settings")


@require_POST
def rule_add(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    form = forms.RuleForm(request.POST)
    if form.is_valid():
        try:
            services.check_rule_add(actor=user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Rule added: every message is checked against it."))
            return redirect("checks-settings")
    return _page(request, rule_form=form)


@require_POST
def rule_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = _manager(request)
    services.check_rule_remove(actor=user, rule=get_object_or_404(CheckRule, pk=pk))
    messages.success(request, _("Rule removed."))
    return redirect("checks-settings")
