"""The manager's board and the care settings pages (managers only), kept thin: parse, call a
selector or a service, render."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goodwill.care import forms, selectors, services
from goodwill.care.models import CallTask, ServiceLevel
from goodwill.clients.services import can_serve
from goodwill.http import apply_errors, staff_member
from goodwill.notifications import selectors as notification_selectors
from goodwill.notifications import services as notification_services
from goodwill.organisation.access import OtherSite
from goodwill.organisation.models import Site
from goodwill.organisation.services import staff_set_on_duty

View = Callable[..., HttpResponse]


def manager_only(view: View) -> View:
    """The board and the settings pages are the managers' (and admins') tools, the same rule as
    `services.ensure_manager`; anyone else gets 403."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.ensure_manager(actor=staff_member(request))
        except PermissionDenied:
            raise PermissionDenied("Managers only.") from None
        return view(request, *args, **kwargs)

    return guarded


def brand_manager_only(view: View) -> View:
    """Service levels and tier thresholds apply to every site: a dealer's manager may read the
    service levels but not change them, nor the thresholds."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not services.can_set_brand_rules(staff_member(request)):
            raise PermissionDenied("Brand-wide managers only.")
        return view(request, *args, **kwargs)

    return guarded


@manager_only
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    data = selectors.board(user=staff_member(request))
    return render(request, "care/board.html", {"board": data})


@manager_only
@require_GET
def service_levels(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "care/service_levels.html",
        {
            "levels": selectors.service_levels(),
            "can_edit": services.can_set_brand_rules(staff_member(request)),
        },
    )


@manager_only
@brand_manager_only
@require_http_methods(["GET", "POST"])
def service_level_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    level = get_object_or_404(ServiceLevel, pk=pk) if pk is not None else None
    initial = (
        {}
        if level is None
        else {
            "tier": level.tier,
            "category": level.category,
            "first_response_minutes": level.first_response_minutes,
            "update_minutes": level.update_minutes,
            "resolution_minutes": level.resolution_minutes,
            "warn_at_percent": level.warn_at_percent,
            "auto_update": level.auto_update,
            "callback_minutes": level.callback_minutes,
        }
    )
    form = forms.ServiceLevelForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_level_save(
                actor=staff_member(request), level=level, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Service level saved. Clocks that start from now on use it.")
            )
            return redirect("care-service-levels")
    return render(
        request,
        "care/service_level_form.html",
        {"form": form, "level": level},
        status=400 if form.errors else 200,
    )


@manager_only
@brand_manager_only
@require_http_methods(["GET", "POST"])
def thresholds(request: HttpRequest) -> HttpResponse:
    form = forms.ThresholdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.tier_threshold_set(actor=staff_member(request), **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Threshold saved. Recompute the tiers to apply it to every client.")
            )
            return redirect("care-thresholds")
    return render(
        request,
        "care/thresholds.html",
        {"form": form, "thresholds": selectors.tier_thresholds()},
        status=400 if form.errors else 200,
    )


@manager_only
@brand_manager_only
@require_POST
def thresholds_apply(request: HttpRequest) -> HttpResponse:
    changed = services.client_tiers_refresh_all()
    messages.success(request, _("Tiers recomputed: %(n)s clients changed tier.") % {"n": changed})
    return redirect("care-thresholds")


@manager_only
@require_GET
def hours(request: HttpRequest) -> HttpResponse:
    sites = selectors.sites_with_hours(user=staff_member(request))
    for site in sites:
        site.week = forms.week_summary(list(site.opening_hours.all()))  # type: ignore[attr-defined]
    return render(request, "care/hours.html", {"sites": sites})


@manager_only
@require_http_methods(["GET", "POST"])
def site_hours(request: HttpRequest, code: str) -> HttpResponse:
    site = get_object_or_404(Site, code=code)
    if not can_serve(user=staff_member(request), site=site):
        raise OtherSite("This site is not yours.")
    current, holidays = selectors.site_hours(site=site)
    initial: dict[str, str] = {
        f"day_{weekday}": forms.format_intervals(
            [(h.opens, h.closes) for h in current if h.weekday == weekday]
        )
        for weekday in range(7)
    }
    initial["holidays"] = "\n".join(f"{h.day:%Y-%m-%d} {h.name}".strip() for h in holidays)
    form = forms.SiteHoursForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.opening_hours_set(
            actor=staff_member(request),
            site=site,
            hours=form.cleaned_data["hours"],
            holidays=form.cleaned_data["holiday_list"],
        )
        messages.success(request, _("Opening hours of %(site)s saved.") % {"site": site.name})
        return redirect("care-hours")
    return render(
        request,
        "care/site_hours.html",
        {"form": form, "site": site, "uses_default": not current},
        status=400 if form.errors else 200,
    )


@manager_only
@require_GET
def escalation(request: HttpRequest) -> HttpResponse:
    user = staff_member(request)
    can_set_duty = services.can_set_brand_rules(user)
    return render(
        request,
        "care/escalation.html",
        {
            "chains": notification_selectors.escalation_chains(user=user),
            "roster": notification_selectors.duty_roster() if can_set_duty else [],
            "can_set_duty": can_set_duty,
        },
    )


@manager_only
@require_http_methods(["GET", "POST"])
def site_escalation(request: HttpRequest, code: str) -> HttpResponse:
    site = get_object_or_404(Site, code=code)
    user = staff_member(request)
    if not can_serve(user=user, site=site):
        raise OtherSite("This site is not yours.")
    if request.method == "POST" and "reset" in request.POST:
        notification_services.escalation_policy_reset(actor=user, site=site)
        messages.success(request, _("%(site)s uses the default chain.") % {"site": site.name})
        return redirect("care-escalation")
    chain = notification_selectors.site_chain(site=site)
    form = forms.EscalationChainForm(
        request.POST or None, initial=forms.EscalationChainForm.initial_for(chain.steps)
    )
    if request.method == "POST" and form.is_valid():
        try:
            notification_services.escalation_policy_set(
                actor=user, site=site, steps=form.cleaned_data["steps"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Escalation chain of %(site)s saved.") % {"site": site.name}
            )
            return redirect("care-escalation")
    return render(
        request,
        "care/site_escalation.html",
        {"form": form, "site": site, "chain": chain},
        status=400 if form.errors else 200,
    )


@manager_only
@brand_manager_only
@require_POST
def escalation_duty(request: HttpRequest) -> HttpResponse:
    """Who is on duty: the ticked members of the care centre's roster, the others off."""
    actor = staff_member(request)
    ticked = {value for value in request.POST.getlist("on_duty") if value.isdigit()}
    for person in notification_selectors.duty_roster():
        staff_set_on_duty(actor=actor, user=person, on_duty=str(person.pk) in ticked)
    messages.success(request, _("Duty saved."))
    return redirect("care-escalation")


@require_POST
def call_task_done(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Called back": the call is recorded as made; back to the case."""
    user = staff_member(request)
    task = get_object_or_404(CallTask.objects.select_related("case", "client"), pk=pk)
    try:
        services.call_task_done(actor=user, task=task)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Call recorded as made."))
    if task.case is None:
        return redirect("client-detail", ref=task.client.ref)
    return redirect("case-detail", reference=task.case.reference)
