"""The client's portal: /portal/, reached without an account by a private link.

Opening the link (/portal/open/<token>/) starts a portal session bound to that link and its
client, and redirects so that the token leaves the address bar; every page then reads the
client from the session and checks the link still works (revoked or expired: the session ends).
Pages speak the client's language (right to left for Arabic), are sized for a phone first, never
cached, indexed or sent on as a referrer. Not "no-referrer": browsers then send "Origin: null"
with the page's own forms, which the CSRF check rightly refuses."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from goodwill.appointments.models import Booking, Kind, Slot
from goodwill.appointments.wording import kind_words
from goodwill.cases.models import Case
from goodwill.cases.wording import client_status, client_title
from goodwill.clients.forms import MileageForm
from goodwill.clients.models import Client, MileageReading
from goodwill.clients.selectors import client_time_zone
from goodwill.clients.services import client_preferences_set, mileage_record
from goodwill.documents.services import document_size_check
from goodwill.documents.views import file_response, refusal
from goodwill.http import apply_errors, client_ip, query_int
from goodwill.languages import (
    accepted_language,
    client_language,
    client_languages,
    html_lang,
    is_rtl,
    language_choices,
)
from goodwill.portal import selectors, services
from goodwill.portal.forms import (
    DecisionForm,
    LinkRequestForm,
    ReplyForm,
    SettingsForm,
    SlotForm,
)
from goodwill.quotes import selectors as quote_selectors
from goodwill.quotes.services import quote_decide
from goodwill.surveys.forms import AnswerForm
from goodwill.surveys.models import Survey
from goodwill.surveys.selectors import pending_survey, pending_survey_by_id
from goodwill.surveys.services import survey_submit

SESSION_KEY = "goodwill_portal"

# HttpResponseBase: a document is a streamed FileResponse.
PortalView = Callable[..., HttpResponseBase]


def _private[R: HttpResponseBase](response: R, language: str) -> R:
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Content-Language"] = html_lang(language)
    return response


def _context(language: str, **extra: object) -> dict[str, object]:
    return {
        "language": language,
        "html_lang": html_lang(language),
        "rtl": is_rtl(language),
        "brand": settings.GOODWILL_BRAND_NAME,
        **extra,
    }


def _session_client(request: HttpRequest) -> Client | None:
    """The client this browser's portal session is bound to, while its link still works."""
    bound = request.session.get(SESSION_KEY)
    if not isinstance(bound, dict):
        return None
    link = selectors.link_live(link_id=bound.get("link", 0), client_id=bound.get("client", 0))
    if link is None:
        request.session.pop(SESSION_KEY, None)
        return None
    return link.client


def portal_page(view: PortalView) -> PortalView:
    """A page of the client's own: without a live portal session, the page to ask for a link;
    with one, the view gets the client and runs in their language and time zone."""

    @login_not_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        client = _session_client(request)
        if client is None:
            return _private(redirect("portal-link"), settings.LANGUAGE_CODE)
        language = client.language if client.language in client_languages() else "en"
        zone = ZoneInfo(client_time_zone(client=client))
        with translation.override(language), timezone.override(zone):
            response = view(request, client, language, *args, **kwargs)
        return _private(response, language)

    return wrapper


@login_not_required
@require_http_methods(["GET"])
def portal_open(request: HttpRequest, token: str) -> HttpResponse:
    """The private link: a wrong, tampered, revoked or expired token is a 404 that starts no
    session; a good one starts a fresh session (a new key: nothing carried over) bound to it."""
    link = selectors.link_by_token(token=token)
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"link": link.pk, "client": link.client_id}
    services.portal_link_used(link=link)
    return _private(redirect("portal-home"), link.client.language)


@portal_page
@require_http_methods(["GET"])
def portal_home(request: HttpRequest, client: Client, language: str) -> HttpResponse:
    home = selectors.portal_home(client=client)
    survey = pending_survey(client=client)
    form = AnswerForm(initial={"score": survey.score}) if survey is not None else None
    context = _home_context(language, client, home, survey, form)
    context["mileage_saved"] = request.GET.get("mileage") == "1"
    return render(request, "portal/home.html", context)


@portal_page
@require_POST
def portal_mileage(request: HttpRequest, client: Client, language: str, pk: int) -> HttpResponse:
    """The client tells us their car's mileage (the next service is planned from it). Only
    their own product: another's is a 404, as if missing."""
    product = client.products.filter(pk=pk).first()
    if product is None:
        raise Http404("No such product")
    form = MileageForm(request.POST)
    if form.is_valid():
        try:
            mileage_record(
                actor=None,
                product=product,
                source=MileageReading.Source.CLIENT,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(reverse("portal-home") + "?mileage=1")
    home = selectors.portal_home(client=client)
    survey = pending_survey(client=client)
    answer = AnswerForm(initial={"score": survey.score}) if survey is not None else None
    context = _home_context(language, client, home, survey, answer)
    context["mileage_error"] = (
        product.pk,
        " ".join(str(m) for e in form.errors.values() for m in e),
    )
    return render(request, "portal/home.html", context, status=400)


def _home_context(
    language: str, client: Client, home: object, survey: Survey | None, form: AnswerForm | None
) -> dict[str, object]:
    """The overview: cases, products and promises, appointments to come, quotes waiting for a
    decision, and the pending survey (goodwill.surveys' answer form)."""
    return _context(
        language,
        client=client,
        home=home,
        bookings=_kinded(selectors.portal_upcoming(client=client), language),
        quotes=quote_selectors.client_quotes_waiting(client=client),
        **_survey_context(survey, form),
    )


def _survey_context(survey: Survey | None, form: AnswerForm | None) -> dict[str, object]:
    """The pending survey on the home page (goodwill.surveys' answer form)."""
    if survey is None or form is None:
        return {"survey": None}
    return {
        "survey": survey,
        "survey_form": form,
        "scale": list(range(survey.bottom, survey.top + 1)),
        "efforts": list(range(1, 6)),
    }


@portal_page
@require_POST
def portal_survey(request: HttpRequest, client: Client, language: str, pk: int) -> HttpResponse:
    """The pending survey answered from the portal: the session proves who answers, so the
    answer is final at once. Another client's or a closed survey is a 404."""
    survey = pending_survey_by_id(client=client, survey_id=pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            survey_submit(
                survey=survey,
                score=form.cleaned_data["score"],
                effort=form.cleaned_data["effort"],
                comment=form.cleaned_data["comment"],
                channel="portal",
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("portal-home")
    home = selectors.portal_home(client=client)
    return render(
        request,
        "portal/home.html",
        _home_context(language, client, home, survey, form),
        status=400,
    )


@portal_page
@require_http_methods(["GET", "POST"])
def portal_case(
    request: HttpRequest, client: Client, language: str, reference: str
) -> HttpResponse:
    """One of the client's cases: its title and status for them, what is promised, the quotes
    to decide on, its appointments, the conversation, and a box to write on it (through the one
    intake)."""
    case = selectors.portal_case(client=client, reference=reference)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.portal_reply(client=client, case=case, text=form.cleaned_data["text"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(f"{request.path}?sent=1#conversation")
    return _case_page(
        request, client, language, case, form=form, status=400 if form.errors else 200
    )


def _case_page(
    request: HttpRequest,
    client: Client,
    language: str,
    case: Case,
    *,
    form: ReplyForm | None = None,
    refused: tuple[int, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = _context(
        language,
        client=client,
        case=case,
        title=client_title(case=case, language=language),
        status=client_status(status=case.status, language=language),
        promises=selectors.case_promises(case=case),
        conversation=selectors.portal_conversation(case=case),
        form=form or ReplyForm(),
        sent=request.GET.get("sent") == "1",
        quotes=quote_selectors.client_case_quotes(client=client, case=case),
        decided=request.GET.get("decided", ""),
        refused=refused,
        today=timezone.localdate(),
        bookings=_kinded(selectors.case_bookings_for_client(client=client, case=case), language),
        book_kinds=_case_kinds(client, case, language),
        documents=[d for d in selectors.portal_documents(client=client) if d.case_id == case.pk],
        uploaded=request.GET.get("uploaded") == "1",
        max_mb=round(settings.GOODWILL_DOCUMENT_MAX_BYTES / 1048576),
    )
    return render(request, "portal/case.html", context, status=status)


def _case_kinds(client: Client, case: Case, language: str) -> list[tuple[str, str]]:
    """The kinds the client may book on an open case at its site (with a free place ahead)."""
    if case.status not in Case.OPEN_STATUSES:
        return []
    offered = selectors.offered_kinds(sites=[case.site]).get(case.site_id, [])
    return [(kind, kind_words(kind=kind, language=language)) for kind in offered]


@portal_page
@require_http_methods(["GET", "POST"])
def portal_settings(request: HttpRequest, client: Client, language: str) -> HttpResponse:
    """Their language (one of the ten), how they prefer to hear from us, marketing consent."""
    form = SettingsForm(
        request.POST or None,
        initial={
            "language": language,
            "preferred_channel": client.preferred_channel,
            "marketing_consent": client.marketing_consent,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            client_preferences_set(
                client=client,
                language=data["language"],
                preferred_channel=data["preferred_channel"],
                marketing_consent=data["marketing_consent"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(f"{request.path}?saved=1")
    context = _context(language, client=client, form=form, saved=request.GET.get("saved") == "1")
    return render(request, "portal/settings.html", context, status=400 if form.errors else 200)


def _upload(
    request: HttpRequest, client: Client, language: str, case: Case | None, back: str
) -> HttpResponse:
    """The client's upload, from the documents page or a case: stored, or a page saying why
    not at the status that says it (413 too big, 415 not a document, 422 a virus, 503 no
    virus scan just now), in their language."""
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ValidationError(
                {"file": ValidationError(_("Choose a file to send."), code="missing")}
            )
        # Before reading it: a file over the limit is refused without loading it.
        document_size_check(upload.size or 0)
        services.portal_document_upload(
            client=client, case=case, content=upload.read(), filename=upload.name or ""
        )
    except ValidationError as error:
        message, status = refusal(error)
        context = _context(language, client=client, message=message, back=back)
        return render(request, "portal/upload_refused.html", context, status=status)
    return redirect(f"{back}?uploaded=1#documents")


@portal_page
@require_http_methods(["GET", "POST"])
def portal_documents(request: HttpRequest, client: Client, language: str) -> HttpResponse:
    """Their documents: what they sent us here and what we shared with them, each to download,
    and a box to send one."""
    if request.method == "POST":
        return _upload(request, client, language, None, reverse("portal-documents"))
    context = _context(
        language,
        client=client,
        documents=selectors.portal_documents(client=client),
        uploaded=request.GET.get("uploaded") == "1",
        max_mb=round(settings.GOODWILL_DOCUMENT_MAX_BYTES / 1048576),
    )
    return render(request, "portal/documents.html", context)


@portal_page
@require_POST
def portal_case_document(
    request: HttpRequest, client: Client, language: str, reference: str
) -> HttpResponse:
    """A document sent from one of their case's pages, onto that case."""
    case = selectors.portal_case(client=client, reference=reference)
    return _upload(request, client, language, case, reverse("portal-case", args=[reference]))


@portal_page
@require_http_methods(["GET"])
def portal_document_download(
    request: HttpRequest, client: Client, language: str, pk: int
) -> FileResponse:
    """One of their documents, as the staff download serves it (an attachment, never inline);
    anyone else's is a 404."""
    return file_response(selectors.portal_document(client=client, pk=pk))


def _public_language(request: HttpRequest) -> str:
    wanted = client_language(request.GET.get("lang") or request.POST.get("lang") or "")
    if wanted in client_languages():
        return wanted
    return accepted_language(request.headers.get("Accept-Language", "")) or settings.LANGUAGE_CODE


@login_not_required
@require_http_methods(["GET", "POST"])
def portal_link(request: HttpRequest) -> HttpResponse:
    """Ask for a new link with an e-mail address. The answer is the same whether or not the
    address is a client's, and over the limits (services.portal_link_request)."""
    language = _public_language(request)
    with translation.override(language):
        form = LinkRequestForm(request.POST or None)
        asked = False
        if request.method == "POST" and form.is_valid():
            services.portal_link_request(email=form.cleaned_data["email"], ip=client_ip(request))
            asked = True
        context = _context(
            language,
            form=form,
            asked=asked,
            languages=[(code, name, html_lang(code)) for code, name in language_choices()],
        )
        response = render(request, "portal/link.html", context, status=400 if form.errors else 200)
    return _private(response, language)


@login_not_required
@require_POST
def portal_logout(request: HttpRequest) -> HttpResponse:
    language = _public_language(request)
    client = _session_client(request)
    if client is not None:
        language = client.language
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
    return _private(redirect(f"{reverse('portal-link')}?lang={language}"), language)


# --- Appointments: through appointments.services only (portal.services) ------------------------


def _kinded(bookings: list[Booking], language: str) -> list[tuple[Booking, str]]:
    return [(b, kind_words(kind=b.slot.kind, language=language)) for b in bookings]


def _days(slots: list[Slot]) -> list[tuple[object, list[Slot]]]:
    days: dict[object, list[Slot]] = {}
    for slot in slots:
        days.setdefault(timezone.localtime(slot.starts_at).date(), []).append(slot)
    return list(days.items())


def _appointments_done(what: str) -> HttpResponse:
    return redirect(f"{reverse('portal-appointments')}?done={what}#yours")


@portal_page
@require_http_methods(["GET"])
def portal_appointments(request: HttpRequest, client: Client, language: str) -> HttpResponse:
    """The client's appointments, to come and past, and where they may book a new one: each site
    they may book at with the kinds that have a free place."""
    upcoming, past = selectors.portal_bookings(client=client)
    sites = selectors.booking_sites(client=client)
    offered = selectors.offered_kinds(sites=sites)
    places = [
        (site, [(kind, kind_words(kind=kind, language=language)) for kind in offered[site.pk]])
        for site in sites
        if offered.get(site.pk)
    ]
    context = _context(
        language,
        client=client,
        upcoming=_kinded(upcoming, language),
        past=_kinded(past, language),
        places=places,
        done=request.GET.get("done", ""),
        zone=str(timezone.get_current_timezone()),
    )
    return render(request, "portal/appointments.html", context)


@portal_page
@require_http_methods(["GET", "POST"])
def portal_appointment_book(request: HttpRequest, client: Client, language: str) -> HttpResponse:
    """Book a new appointment: the free times of one kind at one of the client's sites (from a
    case: that case's site, the booking on it). A site, kind or case not theirs is a 404."""
    site_id, kind = query_int(request.GET, "site"), request.GET.get("kind", "")
    reference = request.GET.get("case", "")
    case = selectors.portal_case(client=client, reference=reference) if reference else None
    if case is not None:
        site_id = case.site_id  # a booking on a case is at the case's site
    if site_id is None or kind not in Kind.values:
        raise Http404
    site = selectors.booking_site(client=client, site_id=site_id)
    form = SlotForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.portal_book(
                client=client, site=site, kind=kind, slot_id=form.cleaned_data["slot"], case=case
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _appointments_done("booked")
    context = _context(
        language,
        client=client,
        site=site,
        case=case,
        appointment=kind_words(kind=kind, language=language),
        days=_days(selectors.open_slots(site=site, kind=kind)),
        form=form,
        booking=None,
        zone=str(timezone.get_current_timezone()),
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/appointment.html", context, status=status)


@portal_page
@require_http_methods(["GET", "POST"])
def portal_appointment(
    request: HttpRequest, client: Client, language: str, booking_id: int
) -> HttpResponse:
    """One of the client's appointments: move it to another free time of the same site and
    kind, or cancel it. Another client's appointment is a 404."""
    booking = selectors.portal_booking(client=client, booking_id=booking_id)
    form = SlotForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == "cancel":
                services.portal_booking_cancel(client=client, booking=booking)
            else:
                services.portal_booking_move(client=client, booking=booking, slot_id=data["slot"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _appointments_done("cancelled" if data["action"] == "cancel" else "moved")
    slot = booking.slot
    is_open = booking.status == Booking.Status.BOOKED and slot.starts_at > timezone.now()
    context = _context(
        language,
        client=client,
        site=slot.site,
        case=None,
        appointment=kind_words(kind=slot.kind, language=language),
        days=_days(selectors.open_slots(site=slot.site, kind=slot.kind)) if is_open else [],
        form=form,
        booking=booking,
        is_open=is_open,
        zone=str(timezone.get_current_timezone()),
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/appointment.html", context, status=status)


# --- Quotes --------------------------------------------------------------------------------------


@portal_page
@require_POST
def portal_quote_decide(
    request: HttpRequest, client: Client, language: str, quote_id: int
) -> HttpResponse:
    """Approve or decline a quote (declining may say why). Final: a second decision, or one
    after the quote's last day, is refused with the reason on the case page."""
    quote = quote_selectors.client_quote(client=client, quote_id=quote_id)
    form = DecisionForm(request.POST)
    case = quote.case
    if not form.is_valid():
        refused = (
            quote.pk,
            " ".join(str(e) for e in form.errors.get("comment", []))
            or _("Choose to approve or decline."),
        )
        return _case_page(request, client, language, case, refused=refused, status=400)
    data = form.cleaned_data
    try:
        quote_decide(
            client=client,
            quote=quote,
            approve=data["decision"] == "approve",
            comment=data["comment"],
        )
    except ValidationError as error:
        return _case_page(
            request,
            client,
            language,
            case,
            refused=(quote.pk, " ".join(error.messages)),
            status=409,
        )
    url = reverse("portal-case", args=[case.reference])
    return redirect(f"{url}?decided={quote.status}#quote-{quote.pk}")


@portal_page
@require_http_methods(["GET"])
def portal_quote_media(
    request: HttpRequest, client: Client, language: str, quote_id: int, media_id: int
) -> FileResponse:
    """A photo or video of one of the client's quotes, shown in the page: only to that client,
    with the type read from its bytes, never sniffed, and nothing in it run."""
    media = quote_selectors.client_quote_media(client=client, quote_id=quote_id, media_id=media_id)
    document = media.document
    if not document.mime_type.startswith(("image/", "video/")) or not document.path.exists():
        raise Http404
    response = FileResponse(
        open(document.path, "rb"),  # noqa: SIM115  (FileResponse closes it)
        content_type=document.mime_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
