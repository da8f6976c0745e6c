"""A text message (SMS, WhatsApp) from the case page, through the checks like an e-mail reply
(checks.services.text_send_checked): the view lives here, above both the channel and the
checks."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goodwill.cases.selectors import case_get
from goodwill.channels.messaging.forms import TextForm
from goodwill.checks.services import text_send_checked
from goodwill.http import staff_member


@require_POST
def case_text(request: HttpRequest, reference: str) -> HttpResponse:
    """Send a text message from the case page (queued; the worker sends it). What the checks
    block is refused with their reasons, unless the sender says why it must go as written."""
    viewer = staff_member(request)
    case = case_get(user=viewer, reference=reference)
    form = TextForm(request.POST)
    target = redirect(reverse("case-detail", args=[case.reference]) + "#texting")
    if not form.is_valid():
        messages.error(request, _("The text message could not be read: try again."))
        return target
    data = form.cleaned_data
    try:
        text_send_checked(
            actor=viewer,
            case=case,
            channel=data["channel"],
            body=data["body"],
            template=data["template"],
            key=data["nonce"],
            override_reason=data["override_reason"],
        )
    except ValidationError as refused:
        for problem in refused.messages:
            messages.error(request, problem)
        return target
    messages.success(request, _("Text message queued: it leaves in a moment."))
    return target
