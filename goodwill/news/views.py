from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goodwill.cases.selectors import case_get
from goodwill.http import staff_member
from goodwill.news import services
from goodwill.news.forms import MilestoneForm


@require_POST
def milestone(request: HttpRequest, reference: str) -> HttpResponse:
    user = staff_member(request)
    case = case_get(user=user, reference=reference)
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what happened."))
        return redirect("case-detail", reference=case.reference)
    try:
        sent = services.news_milestone(
            actor=user,
            case=case,
            milestone=form.cleaned_data["milestone"],
            text=form.cleaned_data["text"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if sent is None:
            messages.warning(
                request, _("Recorded. The client has no e-mail address: call them with the news.")
            )
        else:
            messages.success(request, _("Recorded, and the client is told by e-mail."))
    return redirect("case-detail", reference=case.reference)
