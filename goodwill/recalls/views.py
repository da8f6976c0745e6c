"""Thin views of /recalls/: the campaigns with their progress, one campaign's page (upload,
launch, close, the vehicles by state, marking one fixed)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from goodwill.http import apply_errors, query_int, staff_member
from goodwill.recalls import selectors, services
from goodwill.recalls.forms import CampaignForm, ImportForm
from goodwill.recalls.models import Campaign
from goodwill.recalls.reading import UnreadableFile


@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    user = staff_member(request)
    return _list(request, form=CampaignForm() if services.can_run_campaigns(user) else None)


def _list(request: HttpRequest, *, form: CampaignForm | None) -> HttpResponse:
    user = staff_member(request)
    context = {"campaigns": selectors.campaign_list(user=user), "form": form}
    status = 400 if form is not None and form.errors else 200
    return render(request, "recalls/list.html", context, status=status)


@require_POST
def campaign_new(request: HttpRequest) -> HttpResponse:
    user = staff_member(request)
    if not services.can_run_campaigns(user):
        raise PermissionDenied("Only the brand's managers run campaigns.")
    form = CampaignForm(request.POST)
    if form.is_valid():
        try:
            campaign = services.campaign_create(
                actor=user,
                code=form.cleaned_data["code"],
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                appointment_kind=form.cleaned_data["appointment_kind"],
                reminder_days=form.cleaned_data["reminder_days"],
                words=form.words(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("recall-detail", code=campaign.code)
    return _list(request, form=form)


def _detail(
    request: HttpRequest,
    campaign: Campaign,
    *,
    form: ImportForm | None = None,
    report: services.ImportReport | None = None,
    status: int = 200,
) -> HttpResponse:
    user = staff_member(request)
    show = request.GET.get("show", "all")
    show = show if show in selectors.SHOWS else "all"
    page = query_int(request.GET, "page", 1) or 1
    vehicles, more = selectors.campaign_vehicles(user=user, campaign=campaign, show=show, page=page)
    runs = services.can_run_campaigns(user)
    context: dict[str, Any] = {
        "campaign": campaign,
        "progress": selectors.campaign_progress(user=user, campaign=campaign),
        "vehicles": vehicles,
        "show": show,
        "shows": selectors.SHOWS,
        "page": page,
        "more": more,
        "runs": runs,
        "form": form or (ImportForm() if runs and campaign.status != "closed" else None),
        "report": report,
    }
    return render(request, "recalls/detail.html", context, status=status)


@require_GET
def campaign_detail(request: HttpRequest, code: str) -> HttpResponse:
    user = staff_member(request)
    return _detail(request, selectors.campaign_get(user=user, code=code))


@require_POST
def campaign_import(request: HttpRequest, code: str) -> HttpResponse:
    user = staff_member(request)
    campaign = selectors.campaign_get(user=user, code=code)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, campaign, form=form, status=400)
    try:
        report = services.campaign_import(
            actor=user,
            campaign=campaign,
            stream=form.cleaned_data["file"],
            dry_run=form.cleaned_data["dry_run"],
        )
    except UnreadableFile as error:
        form.add_error("file", str(error))
        return _detail(request, campaign, form=form, status=400)
    except ValidationError as error:
        apply_errors(form, error)
        return _detail(request, campaign, form=form, status=400)
    return _detail(request, campaign, report=report)


@require_POST
def campaign_launch(request: HttpRequest, code: str) -> HttpResponse:
    user = staff_member(request)
    campaign = selectors.campaign_get(user=user, code=code)
    try:
        services.campaign_launch(actor=user, campaign=campaign)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Launched: the owners are being told."))
    return redirect("recall-detail", code=campaign.code)


@require_POST
def campaign_close(request: HttpRequest, code: str) -> HttpResponse:
    user = staff_member(request)
    campaign = selectors.campaign_get(user=user, code=code)
    services.campaign_close(actor=user, campaign=campaign)
    return redirect("recall-detail", code=campaign.code)


@require_POST
def vehicle_fixed(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    user = staff_member(request)
    campaign = selectors.campaign_get(user=user, code=code)
    vehicle = selectors.vehicle_get(user=user, campaign=campaign, pk=pk)
    try:
        services.vehicle_fixed(actor=user, vehicle=vehicle)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    show = request.POST.get("show", "")
    url = reverse("recall-detail", args=[campaign.code])
    return redirect(f"{url}?show={show}" if show in selectors.SHOWS else url)
