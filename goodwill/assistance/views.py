"""Thin views: the partner directory and the policy (managers, /partners/), the partner tasks of
a case (its page's section), and the partner's private link (no account)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goodwill.assistance import selectors, services
from goodwill.assistance.forms import (
    GoodwillPolicyForm,
    PartnerForm,
    PartnerTaskForm,
    PartnerUpdateForm,
    PolicyForm,
    StaffTaskUpdateForm,
)
from goodwill.assistance.models import PartnerKind, PartnerTask
from goodwill.cases.models import Case
from goodwill.cases.selectors import case_get
from goodwill.http import apply_errors, staff_member, vary_on_htmx
from goodwill.organisation.models import User


def _manager(request: HttpRequest) -> User:
    user = staff_member(request)
    if not selectors.is_manager(user):
        raise PermissionDenied("Managers keep the partner directory.")
    return user


# --- Directory and policy (managers) ----------------------------------------------------------


@require_GET
def partner_list(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in PartnerKind.values else ""
    context = {
        "partners": selectors.partner_directory(user=user, kind=kind),
        "kinds": PartnerKind.choices,
        "kind": kind,
        "policies": selectors.policy_table(),
        "policy_form": PolicyForm(),
        "goodwill": selectors.goodwill_table(),
        "goodwill_form": GoodwillPolicyForm(),
        # The last 30 days' claims per site and tier (the insight dashboards read the same).
        "claim_totals": selectors.goodwill_totals(
            user=user, start=timezone.now() - dt.timedelta(days=30), end=timezone.now()
        ),
        "brand_manager": user.sees_all_clients,
    }
    return render(request, "assistance/partners.html", context)


@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _manager(request)
    partner = selectors.partner_get(user=user, pk=pk) if pk is not None else None
    if request.method == "POST":
        form = PartnerForm(request.POST)
        if form.is_valid():
            try:
                partner = services.partner_save(actor=user, partner=partner, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Partner %(name)s saved.") % {"name": partner.name})
                return redirect("partners")
    else:
        initial = (
            PartnerForm.initial_for(partner)
            if partner is not None
            else {"accept_minutes": 30, "arrive_minutes": 90, "active": True, "site": user.site_id}
        )
        form = PartnerForm(initial=initial)
    status = 400 if form.errors else 200
    context = {"form": form, "partner": partner}
    return render(request, "assistance/partner_form.html", context, status=status)


def _policy_save(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[..., object],
    *,
    saved: str,
    not_saved: str,
) -> HttpResponse:
    """Save one row of a brand policy from the partners page and go back to it, saying how it
    went (a refused row names its errors)."""
    user = _manager(request)
    if form.is_valid():
        try:
            save(actor=user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, saved)
            return redirect("partners")
    errors = " ".join(str(e) for field_errors in form.errors.values() for e in field_errors)
    messages.error(request, not_saved % {"errors": errors})
    return redirect("partners")


@require_POST
def policy_set(request: HttpRequest) -> HttpResponse:
    return _policy_save(
        request,
        PolicyForm(request.POST),
        services.service_policy_set,
        saved=_("Policy saved."),
        not_saved=_("The policy was not saved: %(errors)s"),
    )


@require_POST
def goodwill_set(request: HttpRequest) -> HttpResponse:
    return _policy_save(
        request,
        GoodwillPolicyForm(request.POST),
        services.goodwill_policy_set,
        saved=_("Goodwill policy saved."),
        not_saved=_("The goodwill policy was not saved: %(errors)s"),
    )


# --- Expense claims on a case (the approver) --------------------------------------------------


@require_POST
def claim_approve(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_member(request)
    claim = selectors.visible_claim(user=user, pk=pk)
    try:
        services.expense_claim_approve(actor=user, claim=claim)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Claim approved; the client is told."))
    return redirect("case-detail", reference=claim.case.reference)


@require_POST
def claim_decline(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_member(request)
    claim = selectors.visible_claim(user=user, pk=pk)
    # The service says what a reason must be (given, under 500 characters).
    try:
        services.expense_claim_decline(
            actor=user, claim=claim, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Claim declined; the client is told why."))
    return redirect("case-detail", reference=claim.case.reference)


# --- Tasks on a case (staff) ------------------------------------------------------------------


def task_form_for(case: Case, data: object = None) -> tuple[PartnerTaskForm, dict[str, object]]:
    """The request form, proposing what the brand's policy gives this client (tier, product
    value): the proposal is said beside the form, and choosing below it needs a manager."""
    policy = selectors.case_policy(case=case)
    form = PartnerTaskForm(data or None, partners=selectors.partners_for(case=case))
    return form, {"policy": policy}


@require_GET
def task_form(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get(user=staff_member(request), reference=reference)
    form, extra = task_form_for(case)
    context = {"case": case, "form": form, "lazy": False, **extra}
    return vary_on_htmx(render(request, "assistance/_task_form.html", context))


@require_POST
def task_new(request: HttpRequest, reference: str) -> HttpResponse:
    user = staff_member(request)
    case = case_get(user=user, reference=reference)
    form, _extra = task_form_for(case, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            task = services.partner_task_request(
                actor=user,
                case=case,
                partner=data["partner"],
                title=data["title"],
                details=data["details"],
                service_class=data["service_class"],
                nights=data["nights"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            _said(request, task)
            return redirect("case-detail", reference=case.reference)
    messages.error(
        request,
        _("The task was not requested: %(errors)s")
        % {"errors": " ".join(str(e) for errors in form.errors.values() for e in errors)},
    )
    return redirect("case-detail", reference=case.reference)


def _said(request: HttpRequest, task: PartnerTask) -> None:
    if task.status == PartnerTask.Status.APPROVAL:
        messages.warning(
            request,
            _("Below the policy: the task waits for a manager's approval; managers are told."),
        )
    elif task.partner.email:
        messages.success(
            request,
            _("Task sent to %(partner)s with its private link.") % {"partner": task.partner},
        )
    else:
        # No address: the only time the link can be read, to give it by phone or SMS.
        messages.success(
            request,
            _("Task requested. %(partner)s has no e-mail: give them this link now: %(url)s")
            % {
                "partner": task.partner,
                "url": request.build_absolute_uri(
                    reverse("partner-link", args=[task.issued_token])
                ),
            },
        )


@require_POST
def task_approve(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_member(request)
    task = selectors.visible_task(user=user, pk=pk)
    try:
        services.partner_task_approve(actor=user, task=task)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _said(request, task)
    return redirect("case-detail", reference=task.case.reference)


@require_POST
def task_renew(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_member(request)
    task = selectors.visible_task(user=user, pk=pk)
    try:
        services.partner_task_link_renew(actor=user, task=task)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _said(request, task)
    return redirect("case-detail", reference=task.case.reference)


@require_POST
def task_update(request: HttpRequest, pk: int) -> HttpResponse:
    """The partner's word by phone, entered by whoever took the call (on the timeline as theirs);
    the client is told as if the partner had used their link."""
    user = staff_member(request)
    task = selectors.visible_task(user=user, pk=pk)
    form = StaffTaskUpdateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        now = timezone.now()
        minutes = data["eta_minutes"]
        try:
            services.partner_task_update(
                task=task,
                status=data["status"],
                eta=now + dt.timedelta(minutes=minutes) if minutes else None,
                note=data["note"],
                actor=user,
                at=now,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Task updated; the client is told."))
    else:
        messages.error(
            request,
            " ".join(str(e) for errors in form.errors.values() for e in errors),
        )
    return redirect("case-detail", reference=task.case.reference)


# --- The partner's link (no account) ----------------------------------------------------------


def _private(response: HttpResponse) -> HttpResponse:
    # The token is in the address: never sent on to another site as a referrer, never cached
    # or indexed. Not "no-referrer": browsers then send "Origin: null" with the page's own form,
    # which the CSRF check rightly refuses.
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def partner_link(request: HttpRequest, token: str) -> HttpResponse:
    """The one task the link names, in the partner's language, sized for a phone: accept or
    refuse, then the ETA, then done. A wrong, tampered or expired token is a 404 (selectors)."""
    task = selectors.task_by_token(token=token)
    language = task.partner.language
    # Times as the partner reads them on the spot: the case's site's (a local partner's) zone.
    with translation.override(language), timezone.override(ZoneInfo(task.case.site.timezone)):
        form = PartnerUpdateForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            now = timezone.now()
            minutes = data["eta_minutes"]
            try:
                services.partner_task_update(
                    task=task,
                    status=data["action"],
                    eta=now + dt.timedelta(minutes=minutes) if minutes else None,
                    note=data["note"],
                    at=now,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                return _private(redirect("partner-link", token=token))
        context = {
            "task": task,
            "case": task.case,
            "product": task.case.product,
            "form": form,
            "language": language,
            "next": PartnerTask.NEXT.get(task.status, ()),
            "Status": PartnerTask.Status,
        }
        response = render(
            request, "assistance/partner_link.html", context, status=400 if form.errors else 200
        )
    response["Content-Language"] = language
    return _private(response)
