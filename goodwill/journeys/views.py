"""Journeys' pages: the plans a manager edits (/journeys/), a case's journeys (a section of the
case page, loaded when opened), and the suppression list's downloads."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goodwill.cases.selectors import case_get
from goodwill.clients.selectors import client_get
from goodwill.clients.services import ensure_visible
from goodwill.http import apply_errors, staff_member
from goodwill.journeys import services, suppression
from goodwill.journeys.forms import DeliveryPlanForm, ReachForm, StageAddForm, StageForm
from goodwill.journeys.models import DeliveryPlan, Journey, JourneyStep, JourneyTemplate, Stage
from goodwill.journeys.selectors import (
    journey_templates,
    journeys_for_case,
    journeys_for_client,
    journeys_running,
)
from goodwill.organisation.models import User


def _manager(request: HttpRequest) -> User:
    user = staff_member(request)
    if not services.can_edit_journeys(user):
        raise PermissionDenied("Managers only.")
    return user


@require_GET
def templates_page(request: HttpRequest) -> HttpResponse:
    _manager(request)
    return render(
        request,
        "journeys/templates.html",
        {"templates": journey_templates(), "add_form": StageAddForm()},
    )


@require_http_methods(["GET", "POST"])
def stage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _manager(request)
    stage = get_object_or_404(Stage.objects.select_related("template"), pk=pk)
    if request.method == "POST":
        form = StageForm(request.POST)
        if form.is_valid():
            try:
                services.stage_save(actor=user, stage=stage, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Stage saved."))
                return redirect("journeys")
        status = 400
    else:
        initial = {f: getattr(stage, f) for f in StageForm.base_fields}
        form, status = StageForm(initial=initial), 200
    return render(request, "journeys/stage.html", {"stage": stage, "form": form}, status=status)


@require_POST
def stage_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = _manager(request)
    template = get_object_or_404(JourneyTemplate, pk=pk)
    form = StageAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the stage a code and a name."))
        return redirect("journeys")
    try:
        stage = services.stage_add(actor=user, template=template, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("journeys")
    return redirect("journey-stage-edit", pk=stage.pk)


def _rows(journeys: list[Journey]) -> list[dict[str, object]]:
    rows = []
    for journey in journeys:
        reached = {step.stage_id: step for step in journey.steps.all()}
        rows.append(
            {
                "journey": journey,
                "stages": [
                    (stage, reached.get(stage.pk)) for stage in journey.template.stages.all()
                ],
                "plan": DeliveryPlan.objects.filter(journey=journey).select_related("host").first(),
                "preferences": services.delivery_preferences(client=journey.client),
                "delivery": journey.template.kind == "car_order",
                "booking": services.delivery_booking(journey=journey),
            }
        )
    return rows


@require_GET
def case_section(request: HttpRequest, reference: str) -> HttpResponse:
    """The case page's "Journey" section: stages, checklist, delivery-day plan."""
    user = staff_member(request)
    case = case_get(user=user, reference=reference)
    rows = _rows(journeys_for_case(case=case))
    return render(
        request,
        "journeys/_case.html",
        {"case": case, "rows": rows, "now": timezone.now()},
    )


@require_GET
def client_section(request: HttpRequest, ref: str) -> HttpResponse:
    """The client page's journey card: each journey's stages, "It happened" on those to come
    (another site's client is a 404, as for the client page)."""
    user = staff_member(request)
    client = client_get(user=user, ref=ref)
    rows = _rows(journeys_for_client(client=client))
    return render(
        request,
        "journeys/_case.html",
        {"client": client, "rows": rows, "now": timezone.now()},
    )


@require_GET
def running_page(request: HttpRequest) -> HttpResponse:
    """The journeys under way, for every member of staff (a dealer sees their site's), the
    next stage due first: a milestone staff learned of is recorded here in one click."""
    user = staff_member(request)
    return render(
        request,
        "journeys/running.html",
        {"journeys": journeys_running(user=user), "now": timezone.now()},
    )


def _journey(request: HttpRequest, pk: int) -> tuple[User, Journey]:
    user = staff_member(request)
    journey = get_object_or_404(
        Journey.objects.select_related("client", "client__site", "case", "template"), pk=pk
    )
    try:
        ensure_visible(actor=user, client=journey.client)
    except PermissionDenied:
        raise Http404("No such journey") from None  # another site's: as if missing
    return user, journey


def _back(journey: Journey, back: str = "") -> HttpResponse:
    # Back where the click came from: the list of journeys, the client page or the case.
    if back == "running":
        return redirect("journeys-running")
    if back != "client" and journey.case is not None:
        return redirect("case-detail", reference=journey.case.reference)
    return redirect("client-detail", ref=journey.client.ref)


@require_POST
def reach(request: HttpRequest, pk: int) -> HttpResponse:
    """A staff click: this stage happened now (the client is told)."""
    user, journey = _journey(request, pk)
    form = ReachForm(request.POST)
    stage = (
        Stage.objects.filter(pk=form.cleaned_data["stage"], template_id=journey.template_id).first()
        if form.is_valid()
        else None
    )
    back = request.POST.get("back", "")
    if stage is None:
        messages.error(request, _("Choose a stage of this journey."))
        return _back(journey, back)
    # The journey's next stage is its next time (a service that comes back); any other, once.
    occurrence = journey.next_occurrence if stage.pk == journey.next_stage_id else 1
    step = services.journey_reach(
        journey=journey,
        stage=stage,
        source=JourneyStep.Source.STAFF,
        actor=user,
        occurrence=occurrence,
    )
    if step is None:
        messages.info(request, _("This stage was already recorded."))
    elif step.note:
        messages.warning(request, step.note)
    else:
        messages.success(request, _("Recorded, and the client is told."))
    return _back(journey, back)


@require_POST
def delivery_plan(request: HttpRequest, pk: int) -> HttpResponse:
    user, journey = _journey(request, pk)
    form = DeliveryPlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The plan does not read."))
        return _back(journey)
    data = form.cleaned_data
    host = User.objects.filter(pk=data["host"]).first() if data["host"] else None
    try:
        services.delivery_plan_save(
            actor=user,
            journey=journey,
            host=host,
            place=data["place"],
            prepared=data["prepared"],
            preferences=data["preferences"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Delivery-day plan saved."))
    return _back(journey)


@require_GET
def suppressions_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Who must not receive marketing now (managers; every client of the brand)."""
    _manager(request)
    response = StreamingHttpResponse(
        suppression.suppression_csv_lines(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="suppressions.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def suppressions_json(request: HttpRequest) -> HttpResponse:
    _manager(request)
    response = HttpResponse(
        json.dumps(suppression.suppression_document(), ensure_ascii=False),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="suppressions.json"'
    return response
