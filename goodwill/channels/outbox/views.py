"""The outbox pages (what clients receive), the template editor (managers), and the reply
form's language switch on the case page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goodwill.cases.forms import MessageForm
from goodwill.cases.models import Case
from goodwill.cases.selectors import case_get
from goodwill.cases.wording import client_status, client_title_default
from goodwill.channels.outbox import selectors, services
from goodwill.channels.outbox import templates as words
from goodwill.channels.outbox.defaults import DEFAULT_TEMPLATES, NAMES
from goodwill.channels.outbox.forms import TemplateForm
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.templates import check_template, placeholders_for, render_string
from goodwill.channels.outbox.transport import TEXT_CHANNELS, TransportError, build_email
from goodwill.http import apply_errors, query_page, staff_member
from goodwill.languages import client_languages, is_rtl, language_choices, language_name
from goodwill.organisation.models import User


@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    """Every message Goodwill sent or will send, newest first, by status."""
    user = staff_member(request)
    status = request.GET.get("status", "")
    if status not in OutboundMessage.Status.values:
        status = ""
    page = selectors.outbox_page(user=user, status=status or None, page=query_page(request.GET))
    counts = selectors.outbox_counts(user=user)
    tabs = [(value, label, counts[value]) for value, label in OutboundMessage.Status.choices]
    return render(
        request,
        "outbox/list.html",
        {
            "page": page,
            "status": status,
            "tabs": tabs,
            "total": sum(counts.values()),
            "capturing": settings.GOODWILL_SMTP_URL in {"", "capture:"},
            "can_edit_templates": services.can_edit_templates(user),
        },
    )


def _text_facts(message: OutboundMessage) -> list[tuple[str, str]]:
    """A text (SMS, WhatsApp) has no mail headers: what the provider is given and reported."""
    facts = [
        (_("Channel"), message.channel),
        (_("To"), message.to_address),
        (_("Provider's id"), message.provider_id or "—"),
        (_("Receipt"), message.get_receipt_display() or "—"),
    ]
    if message.receipt_error:
        facts.append((_("Provider's error"), message.receipt_error))
    return facts


@require_GET
def outbox_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One message exactly as the client receives it: its headers and its text."""
    message = selectors.outbound_get(user=staff_member(request), pk=pk)
    unbuildable = ""
    if message.channel in TEXT_CHANNELS:
        headers = _text_facts(message)
    else:
        try:
            mail = build_email(message)
            headers = [
                (name, str(value)) for name, value in mail.items() if name.lower() != "content-type"
            ]
        except TransportError as error:
            headers, unbuildable = [], str(error)
    return render(
        request,
        "outbox/detail.html",
        {
            "message": message,
            "headers": headers,
            "unbuildable": unbuildable,
            "capturing": settings.GOODWILL_SMTP_URL in {"", "capture:"},
            "window": settings.GOODWILL_AUTO_MAIL_WINDOW_MINUTES,
        },
    )


@require_POST
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_member(request)
    message = selectors.outbound_get(user=user, pk=pk)
    try:
        services.outbound_retry(actor=user, message=message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The message is queued to be sent again."))
    return redirect("outbox-detail", pk=message.pk)


@require_POST
def reply_draft(request: HttpRequest, reference: str) -> HttpResponse:
    """The reply box after staff picked another language: greeting, signature and subject in
    that language around what they wrote (htmx fragment)."""
    user = staff_member(request)
    case = case_get(user=user, reference=reference)
    languages = words.template_languages(name="reply")
    new = request.POST.get("language", "")
    old = request.POST.get("previous_language", "")
    if new not in languages:
        raise Http404("No such language")
    body, subject = request.POST.get("body", ""), request.POST.get("subject", "")
    kept = False
    if old in languages and old != new:
        switched = words.reply_relanguage(
            case=case, body=body, old=old, new=new, sender=words.staff_name(user)
        )
        if switched is None:
            kept = True
        else:
            old_subject = words.reply_draft(case=case, language=old, sender=words.staff_name(user))[
                0
            ]
            new_subject, body = switched
            if subject.strip() in {"", old_subject}:
                subject = new_subject
    form = MessageForm(initial={"language": new, "subject": subject, "body": body})
    return render(request, "outbox/_reply_text.html", {"form": form, "kept": kept, "case": case})


def _manager(request: HttpRequest) -> User:
    user = staff_member(request)
    if not services.can_edit_templates(user):
        raise PermissionDenied
    return user


def _sample_context(user: User, language: str) -> dict[str, str]:
    title = client_title_default(category=Case.Category.BREAKDOWN, language=language)
    return {
        "greeting_name": "Mr Rossi",
        "client_name": "Marco Rossi",
        "advisor": words.staff_name(user),
        "backup": "Jonas Weber",
        "reference": "GW-2026-000000042",
        "case_title": title,
        "case_summary": title,
        "status": client_status(status=Case.Status.WAITING_PARTNER, language=language),
        "brand": settings.GOODWILL_BRAND_NAME,
        "away_until": "3.12.2026",
        "message": _("(what you write)"),
        "update": _("(the news you write)"),
        "next_step": _("the part is fitted, by Friday 11 December"),
        "promised": "",
    }


@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    """Every template by name × language; a missing language falls back to English."""
    _manager(request)
    stored = selectors.stored_templates()
    names = list(dict.fromkeys([*NAMES, *(name for name, _ in stored)]))
    languages = client_languages()
    rows = [(name, [(code, stored.get((name, code))) for code in languages]) for name in names]
    return render(request, "outbox/templates.html", {"rows": rows, "languages": language_choices()})


@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, name: str, language: str) -> HttpResponse:
    """Edit one template in one language, with a preview on sample data before saving."""
    user = _manager(request)
    if language not in client_languages():
        raise Http404("No such language")
    stored = selectors.stored_template(name=name, language=language)
    if stored is None and name not in NAMES and not selectors.template_name_exists(name=name):
        raise Http404("No such template")
    if stored is not None:
        initial = {"subject": stored.subject, "body": stored.body}
    else:
        subject, body = DEFAULT_TEMPLATES.get((name, language)) or DEFAULT_TEMPLATES.get(
            (name, "en"), ("", "")
        )
        initial = {"subject": subject, "body": body}
    form = TemplateForm(request.POST or None, initial=initial)
    preview: tuple[str, str] | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            # Previewing checks as saving does: the reason shows on the field, nothing is saved.
            for field in ("subject", "body"):
                if problem := check_template(data[field], name=name):
                    form.add_error(
                        field, _("The template does not read: %(problem)s") % {"problem": problem}
                    )
        else:
            try:
                services.template_save(
                    actor=user,
                    name=name,
                    language=language,
                    subject=data["subject"],
                    body=data["body"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Template saved: it is used from the next message on."))
                return redirect("outbox-templates")
    source = form.cleaned_data if form.is_bound and form.is_valid() else initial
    if not form.errors:
        context = _sample_context(user, language)
        try:
            preview = (
                " ".join(render_string(source["subject"], context, name=name).split()),
                render_string(source["body"], context, name=name).strip(),
            )
        except ValueError as error:  # a stored template from before the sandbox's rules
            preview = ("", _("The template does not read: %(problem)s") % {"problem": error})
    return render(
        request,
        "outbox/template_edit.html",
        {
            "form": form,
            "name": name,
            "language": language,
            "stored": stored,
            "preview": preview,
            "language_name": language_name(language),
            "rtl": is_rtl(language),
            "placeholders": [f"{{{{ {p} }}}}" for p in sorted(placeholders_for(name))],
            "syntax_help": _(
                "Plain text, the placeholders below, and parts shown only when a placeholder has "
                "a value: {%% if name %%}…{%% else %%}…{%% endif %%}. Nothing else is accepted."
            )
            % {},
        },
        status=400 if form.errors else 200,
    )
