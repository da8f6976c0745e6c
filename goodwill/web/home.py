"""The staff member's language, and the home page: the advisor's book with the
clocks of their cases (cases and care together)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from goodwill.care import selectors as care_selectors
from goodwill.cases import selectors as case_selectors
from goodwill.http import staff_member
from goodwill.organisation.models import User
from goodwill.organisation.services import staff_set_language


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The advisor's book: my open cases oldest first with their most urgent clock, my clients'
    latest activity."""
    user = staff_member(request)
    context = {
        # Each with its most urgent clock (care.selectors).
        "my_cases": care_selectors.open_cases_by_urgency(user=user),
        # The calls I owe clients (callbacks, follow-ups), most urgent first.
        "my_calls": care_selectors.open_call_tasks(user=user),
        "now": timezone.now(),
        "my_cases_count": case_selectors.open_cases_count_for_owner(user=user),
        "book_size": case_selectors.book_size(user=user),
        "recent_clients": case_selectors.clients_latest_activity(user=user),
        "scope_cases": []
        if user.role == User.Role.ADVISOR
        else case_selectors.open_cases_in_scope(user=user),
        "scope_count": None
        if user.role == User.Role.ADVISOR
        else case_selectors.open_cases_in_scope_count(user=user),
    }
    return render(request, "organisation/home.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    user = staff_member(request)
    try:
        staff_set_language(user=user, language=request.POST.get("language", ""))
    except ValidationError:
        pass
    else:
        request.session["language"] = user.language
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return HttpResponseRedirect(target)
