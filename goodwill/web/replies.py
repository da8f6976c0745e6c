"""A reply from the case page, through the checks: the preview shows the message exactly as the
client will read it with what the checks found; sending refuses findings that block unless the
sender says why (checks.services.reply_send); a promise the text makes is recorded from the
preview with the day read from it; "Suggest a reply" fills the box with a draft."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goodwill.cases import selectors
from goodwill.cases.models import Case
from goodwill.channels.outbox.templates import staff_name
from goodwill.checks.drafts import case_summary, suggest_reply
from goodwill.checks.forms import ReplyForm
from goodwill.checks.reading import read_time
from goodwill.checks.rules import Finding
from goodwill.checks.selectors import Review, client_facts, message_review
from goodwill.checks.services import reply_send
from goodwill.clients.selectors import client_time_zone
from goodwill.http import apply_errors, staff_member, vary_on_htmx
from goodwill.promises.forms import PromiseForm
from goodwill.promises.services import promise_make
from goodwill.web.cases import case_page

# A promise read as a day is due at the end of that business day, unless the text gives a time.
PROMISE_HOUR = dt.time(17, 0)


def _marked(body: str, findings: list[Finding]) -> list[tuple[str, str]]:
    """The body as (text, severity) pieces, the words a finding points at marked."""
    spans = sorted(
        ((f.span.start, f.span.end, f.severity.value) for f in findings if f.span),
        key=lambda span: (span[0], -span[1]),
    )
    pieces: list[tuple[str, str]] = []
    at = 0
    for start, end, severity in spans:
        if start < at or start >= end:
            continue  # overlaps one already marked
        pieces += [(body[at:start], ""), (body[start:end], severity)]
        at = end
    pieces.append((body[at:], ""))
    return [piece for piece in pieces if piece[0]]


def _promise_forms(case: Case, review: Review) -> list[tuple[Finding, PromiseForm | None]]:
    """Each finding, a promise one with the promise form filled from the text."""
    zone = client_time_zone(client=case.client)
    shown: list[tuple[Finding, PromiseForm | None]] = []
    for index, finding in enumerate(review.findings):
        form = None
        if finding.due is not None:
            due = dt.datetime.combine(finding.due, read_time(finding.promise_text) or PROMISE_HOUR)
            form = PromiseForm(
                prefix=f"p{index}",
                initial={"text": finding.promise_text, "due_at": due, "zone": zone},
            )
        shown.append((finding, form))
    return shown


def _preview(
    request: HttpRequest,
    case: Case,
    form: ReplyForm,
    *,
    status: int = 200,
    promise: tuple[int, PromiseForm] | None = None,
) -> HttpResponse:
    data = form.cleaned_data
    review = message_review(
        actor=staff_member(request),
        case=case,
        subject=data["subject"],
        body=data["body"],
        language=data["language"] or None,
    )
    findings = _promise_forms(case, review)
    if promise is not None:  # the promise form sent back with its errors
        index, bound = promise
        findings = [(f, bound if i == index else p) for i, (f, p) in enumerate(findings)]
    context = {
        "case": case,
        "client": case.client,
        "form": form,
        "review": review,
        "findings": findings,
        "pieces": _marked(review.body, review.findings),
        "facts": client_facts(case=case),
    }
    return render(request, "checks/preview.html", context, status=status)


@require_POST
def case_message_preview(request: HttpRequest, reference: str) -> HttpResponse:
    """The reply as the client will read it, with the findings; "edit" goes back to the box."""
    user = staff_member(request)
    case = selectors.case_get(user=user, reference=reference, handover=True)
    form = ReplyForm(request.POST)
    if not form.is_valid() or "edit" in request.POST:
        return case_page(
            request,
            case,
            status=200 if form.is_valid() else 400,
            forms_shown={"message_form": form},
            open_form="message",
        )
    return _preview(request, case, form)


@require_POST
def case_message(request: HttpRequest, reference: str) -> HttpResponse:
    """Send the reply through the checks; refused findings bring the preview back."""
    user = staff_member(request)
    case = selectors.case_get(user=user, reference=reference, handover=True)
    form = ReplyForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            reply_send(
                actor=user,
                case=case,
                subject=data["subject"],
                body=data["body"],
                language=data["language"] or None,
                key=data["nonce"],
                override_reason=data["override_reason"],
            )
        except ValidationError as error:
            apply_errors(form, error)
            if "override_reason" in form.errors:
                return _preview(request, case, form, status=400)
        else:
            messages.success(request, _("Reply queued for sending; it is on the case story."))
            return redirect("case-detail", reference=case.reference)
    return case_page(
        request, case, status=400, forms_shown={"message_form": form}, open_form="message"
    )


@require_POST
def case_message_promise(request: HttpRequest, reference: str) -> HttpResponse:
    """Record a promise the reply makes, from its finding on the preview, and preview again."""
    user = staff_member(request)
    case = selectors.case_get(user=user, reference=reference, handover=True)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return case_page(
            request, case, status=400, forms_shown={"message_form": form}, open_form="message"
        )
    index = (
        int(request.POST.get("finding", "0")) if request.POST.get("finding", "").isdigit() else 0
    )
    promise = PromiseForm(request.POST, prefix=f"p{index}")
    if promise.is_valid():
        try:
            promise_make(
                actor=user,
                case=case,
                text=promise.cleaned_data["text"],
                due_at=promise.cleaned_data["due_at"],
            )
        except ValidationError as error:
            apply_errors(promise, error)
        else:
            messages.success(request, _("Promise recorded in the ledger."))
            return _preview(request, case, form)
    return _preview(request, case, form, status=400, promise=(index, promise))


@require_POST
def case_message_suggest(request: HttpRequest, reference: str) -> HttpResponse:
    """A suggested reply in the box (htmx: the box's text; else the case page with it), with
    what the checks find in it: a draft is never sent unchecked."""
    user = staff_member(request)
    case = selectors.case_get(user=user, reference=reference, handover=True)
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = case.language or case.client.language
    draft = suggest_reply(case=case, language=language, sender=staff_name(user))
    review = message_review(
        actor=user, case=case, subject=draft.subject, body=draft.body, language=language
    )
    form = ReplyForm(
        initial={
            "language": language,
            "subject": draft.subject,
            "body": draft.body,
            "nonce": request.POST.get("nonce") or uuid.uuid4().hex,
        }
    )
    if not request.headers.get("HX-Request"):
        if draft.notice:
            messages.warning(request, draft.notice)
        return vary_on_htmx(
            case_page(request, case, forms_shown={"message_form": form}, open_form="message")
        )
    context = {
        "form": form,
        "case": case,
        "draft": draft,
        "draft_findings": review.findings,
    }
    return vary_on_htmx(render(request, "outbox/_reply_text.html", context))


@require_POST
def case_summarise(request: HttpRequest, reference: str) -> HttpResponse:
    """A summary of the case from the brand's model server (htmx fragment of the case page)."""
    case = selectors.case_get(user=staff_member(request), reference=reference)
    summary = case_summary(case=case)
    if not request.headers.get("HX-Request"):
        messages.info(request, summary.text or summary.notice)
        return redirect("case-detail", reference=case.reference)
    return vary_on_htmx(render(request, "checks/_summary.html", {"case": case, "summary": summary}))
