from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from goodwill.availability import selectors
from goodwill.availability.forms import AwayForm
from goodwill.http import apply_errors, staff_member
from goodwill.organisation.services import staff_set_away


@require_http_methods(["GET", "POST"])
def my_availability(request: HttpRequest) -> HttpResponse:
    """Say when I am away and who covers: new cases and alerts go to them, clients are told."""
    user = staff_member(request)
    if request.method == "POST" and "back" in request.POST:
        staff_set_away(actor=user, user=user, away_from=None, away_until=None)
        messages.success(request, _("Welcome back. Your cases come back to you within a minute."))
        return redirect("availability")
    initial = {"away_from": user.away_from, "away_until": user.away_until, "backup": user.backup_id}
    form = AwayForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            staff_set_away(
                actor=user,
                user=user,
                away_from=data["away_from"],
                away_until=data["away_until"],
                backup=data["backup"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Saved. %(backup)s looks after your clients while you are away.")
                % {"backup": user.backup},
            )
            return redirect("availability")
    context = {
        "form": form,
        "covered": selectors.covered_cases(user=user),
        "covering": selectors.covering_for(user=user),
    }
    return render(request, "availability/mine.html", context, status=400 if form.errors else 200)
