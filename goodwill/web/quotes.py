"""The case page's "Quotes" section (staff): draft a quote, add the workshop's photos and
videos, send it. Served by web because sending composes two apps: the portal issues the private
link the client's e-mail carries, and the portal sits above quotes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goodwill.cases.selectors import case_get
from goodwill.clients.selectors import client_email
from goodwill.http import staff_member
from goodwill.organisation.models import User
from goodwill.portal.services import portal_link_issue, portal_link_url
from goodwill.quotes import selectors, services
from goodwill.quotes.forms import MediaForm, QuoteForm
from goodwill.quotes.models import Quote


def _back(reference: str) -> HttpResponse:
    return redirect(reverse("case-detail", args=[reference]) + "#quotes")


def _refuse(request: HttpRequest, reference: str, error: ValidationError) -> HttpResponse:
    messages.error(request, " ".join(error.messages))
    response = _back(reference)
    return response


def _add_media(user: User, quote: Quote, upload: UploadedFile) -> None:
    limit = settings.GOODWILL_DOCUMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        # Refused before the bytes are read into memory.
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": round(upload.size / 1048576, 1), "limit": round(limit / 1048576, 1)}
        )
    services.quote_media_add(
        actor=user, quote=quote, content=upload.read(), filename=upload.name or ""
    )


@require_POST
def quote_new(request: HttpRequest, reference: str) -> HttpResponse:
    user = staff_member(request)
    case = case_get(user=user, reference=reference)
    form = QuoteForm(request.POST, request.FILES)
    if not form.is_valid():
        problems = [
            f"{form.fields[name].label}: {' '.join(str(e) for e in errors)}"
            for name, errors in form.errors.items()
            if name in form.fields
        ]
        messages.error(request, " ".join(problems))
        return _back(case.reference)
    data = form.cleaned_data
    try:
        quote = services.quote_create(
            actor=user,
            case=case,
            title=data["title"],
            work=data["work"],
            amount=data["amount"],
            currency=data["currency"],
            valid_until=data["valid_until"],
        )
        if data["file"] is not None:
            _add_media(user, quote, data["file"])
    except ValidationError as error:
        return _refuse(request, case.reference, error)
    messages.success(request, _("Quote drafted: add photos or videos, then send it."))
    return _back(case.reference)


@require_POST
def quote_media(request: HttpRequest, reference: str, quote_id: int) -> HttpResponse:
    user = staff_member(request)
    case = case_get(user=user, reference=reference)
    quote = selectors.staff_quote(case=case, quote_id=quote_id)
    form = MediaForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a photo or a video."))
        return _back(case.reference)
    try:
        _add_media(user, quote, form.cleaned_data["file"])
    except ValidationError as error:
        return _refuse(request, case.reference, error)
    messages.success(request, _("Added to the quote."))
    return _back(case.reference)


@require_POST
def quote_send(request: HttpRequest, reference: str, quote_id: int) -> HttpResponse:
    """Send the quote: the client is e-mailed a fresh private link to their portal, where they
    see it with its photos and decide."""
    user = staff_member(request)
    case = case_get(user=user, reference=reference)
    quote = selectors.staff_quote(case=case, quote_id=quote_id)
    if quote.status != Quote.Status.DRAFT:
        messages.info(request, _("This quote was already sent."))
        return _back(case.reference)
    try:
        # One transaction: a refused send leaves no unused portal link behind.
        with transaction.atomic():
            link = portal_link_issue(client=quote.client, actor=user)
            services.quote_send(
                actor=user, quote=quote, link=portal_link_url(link), link_expires=link.expires_at
            )
    except ValidationError as error:
        return _refuse(request, case.reference, error)
    if client_email(client=quote.client) is None:
        messages.warning(
            request,
            _(
                "Quote sent, but the client has no e-mail address: give them this link to their "
                "portal, shown only now: %(url)s"
            )
            % {"url": portal_link_url(link)},
        )
    else:
        messages.success(request, _("Quote sent: the client decides in their portal."))
    return _back(case.reference)
