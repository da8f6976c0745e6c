from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from goodwill.cases.selectors import case_get
from goodwill.http import staff_member
from goodwill.promises import selectors, services
from goodwill.promises.forms import PromiseForm


def _errors(error: ValidationError) -> str:
    # .messages reads a field-keyed error and a plain one alike (message_dict fails on the latter).
    return " ".join(error.messages)


@require_POST
def promise_new(request: HttpRequest, reference: str) -> HttpResponse:
    user = staff_member(request)
    case = case_get(user=user, reference=reference)
    form = PromiseForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("The promise was not recorded: %(errors)s")
            % {"errors": " ".join(str(e) for errors in form.errors.values() for e in errors)},
        )
        return redirect("case-detail", reference=case.reference)
    try:
        services.promise_make(
            actor=user,
            case=case,
            text=form.cleaned_data["text"],
            due_at=form.cleaned_data["due_at"],
        )
    except ValidationError as error:
        messages.error(
            request, _("The promise was not recorded: %(errors)s") % {"errors": _errors(error)}
        )
    else:
        messages.success(request, _("Promise recorded. You will be reminded before it falls due."))
    return redirect("case-detail", reference=case.reference)


@require_POST
def promise_keep(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_member(request)
    promise = selectors.visible_promise(user=user, pk=pk)
    if promise is None:
        raise Http404("No such promise")
    try:
        services.promise_keep(actor=user, promise=promise)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("Promise kept. Well done."))
    return redirect("case-detail", reference=promise.case.reference)


@require_GET
def promise_board(request: HttpRequest) -> HttpResponse:
    """Who keeps their word: kept rates per person and per site (managers), or one's own."""
    user = staff_member(request)
    manager = selectors.is_manager(user)
    context = {
        "manager": manager,
        "people": selectors.kept_rates_by_person(user=user),
        "sites": selectors.kept_rates_by_site(user=user) if manager else [],
        "open_promises": selectors.open_promises(user=user),
    }
    return render(request, "promises/board.html", context)
