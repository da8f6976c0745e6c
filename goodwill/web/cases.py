"""The case pages: open a case, and the case page where it is worked (notes, calls, replies,
status, hand-over), which shows how each message to the client was delivered."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goodwill.care.selectors import promise_due
from goodwill.cases import forms, selectors, services
from goodwill.cases.models import Case
from goodwill.channels.outbox.selectors import case_deliveries
from goodwill.channels.outbox.templates import (
    FALLBACK_LANGUAGE,
    reply_draft,
    staff_name,
    template_languages,
    template_missing,
)
from goodwill.clients.selectors import client_get, client_time_zone
from goodwill.http import apply_errors, query_page, staff_member, vary_on_htmx
from goodwill.languages import (
    client_language,
    client_languages,
    language_choices,
    staff_language_name,
)
from goodwill.organisation.models import User
from goodwill.promises.forms import PromiseForm
from goodwill.promises.selectors import quote_suggestion
from goodwill.timeline.selectors import case_timeline
from goodwill.web import costs

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest, ref: str) -> HttpResponse:
    user = staff_member(request)
    client = client_get(user=user, ref=ref)
    form = forms.CaseOpenForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_open(
                actor=user,
                client=client,
                summary=data["summary"],
                category=data["category"],
                channel=data["channel"],
                product=data["product"],
                priority=data["priority"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Case %(ref)s opened, owned by %(owner)s.")
                % {"ref": case.reference, "owner": case.owner},
            )
            return redirect("case-detail", reference=case.reference)
    return render(
        request,
        "cases/new.html",
        {"client": client, "form": form},
        status=400 if form.errors else 200,
    )


def _reply_form(request: HttpRequest, case: Case) -> forms.MessageForm:
    """The reply box, pre-filled in the case's language with the `reply` template's greeting
    and signature (signed by whoever writes), offering every client language the brand has a
    `reply` template in. A client language without one (Polish, a template a manager deleted)
    is said above the box, with English chosen in its place: never a silent swap."""
    wanted = client_language(case.language or case.client.language)
    offered = template_languages(name="reply")
    language = wanted if wanted in offered else FALLBACK_LANGUAGE
    subject, body = reply_draft(
        case=case, language=language, sender=staff_name(staff_member(request))
    )
    form = forms.MessageForm(
        initial={"language": language, "subject": subject, "body": body, "nonce": uuid.uuid4().hex}
    )
    form.fields["language"].choices = language_choices(offered)  # type: ignore[attr-defined]
    form.language_warning = template_missing(name="reply", language=wanted)
    return form


def case_page(
    request: HttpRequest,
    case: Case,
    *,
    status: int = 200,
    forms_shown: dict[str, Form] | None = None,
    open_form: str = "",
) -> HttpResponse:
    """The case page. The forms of "Work the case" come one by one when their section is opened
    (case_form: they were a third of the page's server time, and most visits open none); a form
    given here, sent back with its errors or asked for without script, is on the page, open."""
    page = case_timeline(case=case, page=query_page(request.GET))
    context: dict[str, object] = {
        "case": case,
        "client": case.client,
        "page": page,
        # How each sent copy was delivered, and what never reached the client (one query).
        "undelivered": case_deliveries(case=case, entries=page.object_list),
        "open_form": open_form,
        # A language Goodwill has no words in (Polish) is said, never silently swapped; a
        # template deleted in a served language is said on the reply box (template_missing).
        "language_unserved": _unserved(case.language),
        # The brand's model server may summarise the case (checks.drafts.case_summary).
        "summaries": bool(settings.GOODWILL_MODEL_URL),
    }
    context.update(forms_shown or {})
    return render(request, "cases/detail.html", context, status=status)


def _unserved(language: str) -> str:
    """What the case page says when the client's language is not a client language."""
    if client_language(language) in client_languages():
        return ""
    return _(
        "%(language)s is not one of the client languages: automatic messages and replies go in "
        "English."
    ) % {"language": staff_language_name(client_language(language))}


_FORMS: dict[str, Callable[[HttpRequest, Case], Form]] = {
    "message": _reply_form,
    "call": lambda _request, _case: forms.CallForm(),
    "note": lambda _request, _case: forms.NoteForm(),
    # Who did it: whoever closes, until they say it was a partner or a colleague.
    "status": lambda request, case: forms.StatusForm(
        initial={"status": case.status, "done_by": str(staff_member(request))}
    ),
    "reassign": lambda _request, case: forms.ReassignForm(case=case),
    "title": lambda _request, case: forms.ClientTitleForm(initial={"title": case.client_title}),
}


@require_GET
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get(user=staff_member(request), reference=reference)
    return case_page(request, case)


@require_GET
def case_form(request: HttpRequest, reference: str, name: str) -> HttpResponse:
    """One form of "Work the case": the fragment its section loads when opened (htmx), else the
    case page with that form open."""
    if name == "costs":
        user = staff_member(request)
        return costs.costs_section(request, selectors.case_get(user=user, reference=reference))
    if name not in _FORMS:
        raise Http404("No such form")
    # Whom the case may be handed to is read only for the hand-over form.
    user = staff_member(request)
    case = selectors.case_get(user=user, reference=reference, handover=name == "reassign")
    form = _FORMS[name](request, case)
    if not request.headers.get("HX-Request"):
        shown = {f"{name}_form": form}
        return vary_on_htmx(case_page(request, case, forms_shown=shown, open_form=name))
    context = {"case": case, "name": name, "form": form}
    return vary_on_htmx(render(request, "cases/_action_form.html", context))


def _action(
    form_class: type[Form],
    form_name: str,
    run: Callable[[User, Case, dict[str, Any]], None],
    done: StrOrPromise,
    needs_case: bool = False,
) -> Callable[[HttpRequest, str], HttpResponse]:
    """A POST on the case page: validate the form, call the service, come back to the case."""

    @require_POST
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        user = staff_member(request)
        case = selectors.case_get(user=user, reference=reference, handover=True)
        form = form_class(request.POST, case=case) if needs_case else form_class(request.POST)  # type: ignore[call-arg]
        if form.is_valid():
            try:
                run(user, case, form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, done)
                return redirect("case-detail", reference=case.reference)
        return case_page(request, case, status=400, forms_shown={form_name: form})

    return view


def _note(user: User, case: Case, data: dict[str, Any]) -> None:
    services.case_add_note(actor=user, case=case, text=data["text"])


def _call(user: User, case: Case, data: dict[str, Any]) -> None:
    services.case_log_call(
        actor=user,
        case=case,
        direction=data["direction"],
        duration_seconds=int(Decimal(data["duration_minutes"]) * 60),
        summary=data["summary"],
    )


def _status(user: User, case: Case, data: dict[str, Any]) -> None:
    said = any(data.get(name) not in (None, "") for name in ("done", "done_by", "cost", "fixed"))
    outcome = (
        services.OutcomeGiven(
            done=data["done"],
            done_by=data["done_by"],
            fixed={"yes": True, "no": False}.get(data["fixed"]),
            cost=data["cost"],
            currency=data["currency"],
        )
        if said and data["status"] in Case.CLOSED_STATUSES
        else None
    )
    services.case_change_status(actor=user, case=case, status=data["status"], outcome=outcome)


def _client_title(user: User, case: Case, data: dict[str, Any]) -> None:
    services.case_client_title_set(actor=user, case=case, title=data["title"])


def _reassign(user: User, case: Case, data: dict[str, Any]) -> None:
    services.case_reassign(
        actor=user, case=case, new_owner=data["new_owner"], handoff_note=data["handoff_note"]
    )


case_note = _action(forms.NoteForm, "note_form", _note, gettext_lazy("Note added."))
case_call = _action(forms.CallForm, "call_form", _call, gettext_lazy("Call logged."))
case_status = _action(forms.StatusForm, "status_form", _status, gettext_lazy("Status changed."))
case_client_title = _action(
    forms.ClientTitleForm,
    "title_form",
    _client_title,
    gettext_lazy("The client's title of the case is saved."),
)
case_reassign = _action(
    forms.ReassignForm,
    "reassign_form",
    _reassign,
    gettext_lazy("Case handed over."),
    needs_case=True,
)


@require_GET
def case_promise_form(request: HttpRequest, reference: str) -> HttpResponse:
    """The promise form (an htmx fragment of the case page), with a time proposed from the case's
    service level in its site's business hours, written in the client's time zone; how long
    similar cases took is shown beside it."""
    case = selectors.case_get(user=staff_member(request), reference=reference)
    zone = client_time_zone(client=case.client)
    proposed = promise_due(case=case)
    suggestion = quote_suggestion(case=case)
    suggested_at = suggestion.due_at if suggestion is not None else None

    def wall_clock(at: dt.datetime | None) -> dt.datetime | None:
        # Naive, in the client's zone: neither the field nor the date filter moves it to the
        # staff member's zone, and the form reads it back in the client's (its `zone` field).
        return timezone.make_naive(at, ZoneInfo(zone)) if at is not None else None

    initial: dict[str, object] = {"zone": zone}
    if (due := wall_clock(proposed) or wall_clock(suggested_at)) is not None:
        initial["due_at"] = due
    context = {
        "case": case,
        "form": PromiseForm(initial=initial),
        "proposed": wall_clock(proposed),
        "zone": zone,
        "suggestion": suggestion,
        "suggested": wall_clock(suggested_at),
        "lazy": False,
    }
    return vary_on_htmx(render(request, "promises/_promise_form.html", context))
