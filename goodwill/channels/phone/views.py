"""The screen pop: a tiny fragment every staff page polls, and the few buttons in it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from goodwill.channels.phone import selectors, services
from goodwill.channels.phone.forms import SummaryForm
from goodwill.channels.phone.models import Call
from goodwill.http import apply_errors, is_partial, staff_member
from goodwill.organisation.models import User

# htmx stops polling on this status: a logged-out page must not keep asking.
STOP_POLLING = 286
_DISMISSED = "phone_dismissed"


def _hidden(request: HttpRequest) -> list[int]:
    return [pk for pk in request.session.get(_DISMISSED, []) if isinstance(pk, int)]


def _key(calls: list[Call]) -> str:
    """What the pop shows, in a few characters: when it has not changed, the poll answers 204."""
    return ",".join(f"{c.pk}.{c.state}.{c.agent_id or 0}.{int(bool(c.summary))}" for c in calls)


def _render(
    request: HttpRequest,
    viewer: User,
    calls: list[Call],
    form: SummaryForm | None = None,
    form_for: int | None = None,
) -> HttpResponse:
    pops = [
        (
            call,
            selectors.screen_pop(
                number=call.from_number
                if call.direction == Call.Direction.INBOUND
                else call.to_number,
                viewer=viewer,
            ),
        )
        for call in calls
    ]
    return render(
        request,
        "phone/_pop.html",
        {"pops": pops, "key": _key(calls), "summary_form": form, "form_for": form_for},
    )


@login_not_required
@require_GET
def pop(request: HttpRequest) -> HttpResponse:
    """Polled every 2 s by every staff page: 204 and no body while nothing changed."""
    if not request.user.is_authenticated:
        return HttpResponse(status=STOP_POLLING)
    viewer = staff_member(request)
    calls = selectors.pop_calls(viewer=viewer, hidden=_hidden(request))
    if request.GET.get("shown", "") == _key(calls):
        return HttpResponse(status=204)
    return _render(request, viewer, calls)


def _next(request: HttpRequest) -> HttpResponse:
    """Back to the page the agent was on (only ever a page of ours)."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("home")


def _back(request: HttpRequest, viewer: User) -> HttpResponse:
    if is_partial(request):
        return _render(request, viewer, selectors.pop_calls(viewer=viewer, hidden=_hidden(request)))
    return _next(request)


@require_GET
def calls(request: HttpRequest) -> HttpResponse:
    """The agent's latest calls, to summarise the ones the pop no longer shows."""
    viewer = staff_member(request)
    return render(request, "phone/calls.html", {"calls": selectors.calls_for_agent(viewer=viewer)})


@require_POST
def pop_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = staff_member(request)
    call = selectors.call_get(viewer=viewer, pk=pk)
    request.session[_DISMISSED] = [*_hidden(request), call.pk][-50:]
    return _back(request, viewer)


@require_POST
def call_summary(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = staff_member(request)
    call = selectors.call_get(viewer=viewer, pk=pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            services.call_summarise(actor=viewer, call=call, summary=form.cleaned_data["summary"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if not is_partial(request):
                messages.success(request, _("Call summary saved."))
            return _back(request, viewer)
    if is_partial(request):
        calls = selectors.pop_calls(viewer=viewer, hidden=_hidden(request))
        # The form with its errors, so the agent's text is not lost.
        return _render(request, viewer, calls, form=form, form_for=call.pk)
    for problem in form.errors.values():
        messages.error(request, " ".join(str(p) for p in problem))
    return _next(request)


@require_POST
def call_take(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = staff_member(request)
    call = selectors.call_get(viewer=viewer, pk=pk)
    if not services.call_take(actor=viewer, call=call) and not is_partial(request):
        messages.error(request, _("Someone else already took this call."))
    return _back(request, viewer)
