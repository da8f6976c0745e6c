"""Thin views: the day's plan and the slot generator (staff, /appointments/), the booking link
offered from a case page, and the client's booking page (/book/<token>/, no account)."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goodwill.appointments import selectors, services
from goodwill.appointments.forms import ChooseForm, InviteForm, SlotsForm
from goodwill.appointments.models import Booking, BookingLink, Slot
from goodwill.appointments.wording import kind_words
from goodwill.cases.selectors import case_get
from goodwill.clients.selectors import client_email, client_time_zone
from goodwill.http import apply_errors, staff_member
from goodwill.languages import client_language, client_languages, html_lang, is_rtl
from goodwill.organisation.models import Site, User


def _site(user: User, raw: str | None) -> Site:
    sites = selectors.plan_sites(user=user)
    if raw and raw.isdigit():
        site = sites.filter(pk=int(raw)).first()
        if site is None:
            raise Http404("No such site")
        return site
    home = sites.filter(pk=user.site_id).first() if user.site_id is not None else None
    site = home or sites.first()
    if site is None:
        raise Http404("No site")
    return site


@require_GET
def day_plan(request: HttpRequest) -> HttpResponse:
    """The day's appointments of a site, hour by hour, with the slot generator beside."""
    user = staff_member(request)
    site = _site(user, request.GET.get("site"))
    zone = ZoneInfo(site.timezone)
    today = timezone.localtime(timezone.now(), zone).date()
    try:
        day = (
            dt.date.fromisoformat(request.GET.get("date", "")) if request.GET.get("date") else today
        )
    except ValueError:
        day = today
    form = SlotsForm(
        initial={"site": site.pk, "first_day": day, "last_day": day + dt.timedelta(days=13)}
    )
    return _plan(request, user=user, site=site, day=day, form=form)


def _plan(
    request: HttpRequest, *, user: User, site: Site, day: dt.date, form: SlotsForm
) -> HttpResponse:
    with timezone.override(ZoneInfo(site.timezone)):
        context = {
            "site": site,
            "sites": selectors.plan_sites(user=user),
            "day": day,
            "previous": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
            "slots": selectors.day_plan(site=site, day=day),
            "form": form,
        }
        return render(
            request, "appointments/plan.html", context, status=400 if form.errors else 200
        )


@require_POST
def slots_new(request: HttpRequest) -> HttpResponse:
    user = staff_member(request)
    form = SlotsForm(request.POST)
    site = _site(user, request.POST.get("site"))
    if form.is_valid():
        data = form.cleaned_data
        try:
            made = services.slots_generate(
                actor=user,
                site=site,
                kind=data["kind"],
                first_day=data["first_day"],
                last_day=data["last_day"],
                weekdays=data["weekdays"],
                times=data["times"],
                minutes=data["minutes"],
                capacity=data["capacity"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(count)s slots created.") % {"count": made})
            url = reverse("appointments")
            return redirect(f"{url}?site={site.pk}&date={data['first_day'].isoformat()}")
    return _plan(request, user=user, site=site, day=timezone.localdate(), form=form)


@require_POST
def invite(request: HttpRequest, reference: str) -> HttpResponse:
    """Offer the case's client a private link to book an appointment at the case's site."""
    user = staff_member(request)
    case = case_get(user=user, reference=reference)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a kind of appointment."))
        return redirect("case-detail", reference=case.reference)
    try:
        link = services.booking_invite(
            actor=user,
            client=case.client,
            site=case.site,
            kind=form.cleaned_data["kind"],
            case=case,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("case-detail", reference=case.reference)
    if client_email(client=case.client) is None:
        url = settings.GOODWILL_PUBLIC_URL + reverse("booking-page", args=[link.issued_token])
        messages.warning(
            request,
            _("No e-mail address: give the client this link, shown only now: %(url)s")
            % {"url": url},
        )
    else:
        messages.success(request, _("Booking link e-mailed to the client."))
    return redirect("case-detail", reference=case.reference)


# --- The client's booking page (no account) ---------------------------------------------------


def _private(response: HttpResponse) -> HttpResponse:
    # The token is in the address: never sent on to another site as a referrer, never cached
    # or indexed. Not "no-referrer": browsers then send "Origin: null" with the page's own form,
    # which the CSRF check rightly refuses.
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def booking_page(request: HttpRequest, token: str) -> HttpResponse:
    """The client's own page: the free times of the kind at the site, in their language and
    time zone; book one, move to another, or cancel. A wrong, tampered or expired token is a
    404 (selectors)."""
    link = selectors.link_by_token(token=token)
    client = link.client
    language = client_language(client.language or "")
    if language not in client_languages():
        language = "en"
    zone = ZoneInfo(client_time_zone(client=client))
    booking = selectors.link_booking(link=link)
    with translation.override(language), timezone.override(zone):
        form = ChooseForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                _act(link=link, booking=booking, data=form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                return _private(redirect("booking-page", token=token))
        free = selectors.free_slots(site=link.site, kind=link.kind)
        days = [
            (day, list(slots))
            for day, slots in groupby(free, key=lambda s: timezone.localtime(s.starts_at).date())
        ]
        context = {
            "link": link,
            "client": client,
            "booking": booking,
            "days": days,
            "form": form,
            "appointment": kind_words(kind=link.kind, language=language),
            "html_lang": html_lang(language),
            "rtl": is_rtl(language),
            "brand": settings.GOODWILL_BRAND_NAME,
            "zone": str(zone),
        }
        response = render(
            request, "appointments/book.html", context, status=400 if form.errors else 200
        )
    response["Content-Language"] = html_lang(language)
    return _private(response)


def _act(*, link: BookingLink, booking: Booking | None, data: dict[str, Any]) -> None:
    if data["action"] == "cancel":
        if booking is not None:
            services.booking_cancel(booking=booking)
        return
    slot = Slot.objects.filter(pk=data["slot"] or 0, site=link.site, kind=link.kind).first()
    if slot is None:
        raise ValidationError({"slot": _("Choose a time.")})
    if booking is None:
        services.booking_make(client=link.client, slot=slot, link=link)
    else:
        services.booking_move(booking=booking, slot=slot)
