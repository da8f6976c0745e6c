"""Showing mail: the message body in a sandboxed frame, attachments as downloads, and the
managers' /mail/ page (mailboxes, and mail that is not on anyone's story)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goodwill.channels.email import body, selectors, services
from goodwill.channels.email.files import safe_filename, served_type
from goodwill.channels.email.forms import MailboxForm
from goodwill.channels.email.models import Mailbox
from goodwill.channels.email.rendering import render_body
from goodwill.http import apply_errors, staff_member

# The frame holding a client's HTML: no script at all, no plugin, no form, nothing fetched but
# inline images (and remote ones once the agent asks), and no way to frame anything else.
_BODY_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": ["data:"],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": [CSP.SELF],
    "sandbox": ["allow-popups", "allow-popups-to-escape-sandbox"],
}
_BODY_CSP_IMAGES = {**_BODY_CSP, "img-src": ["data:", "https:", "http:"]}


def _attachment_response(path: object, *, filename: str, content_type: str) -> FileResponse:
    response = FileResponse(
        open(path, "rb"),  # type: ignore[call-overload]  # noqa: SIM115  (FileResponse closes it)
        as_attachment=True,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_GET
@xframe_options_sameorigin
def message_body(request: HttpRequest, pk: int) -> HttpResponse:
    inbound = selectors.inbound_get(user=staff_member(request), pk=pk)
    if inbound.body_version < body.VERSION:
        services.inbound_body_prepare(inbound=inbound)  # once, for mail taken in before limits
    images = request.GET.get("images") == "1"
    shown = render_body(inbound=inbound, images=images)
    response = render(
        request,
        "email_channel/body.html",
        {"inbound": inbound, "shown": shown, "images": images, "limits": body},
    )
    response._csp_config = _BODY_CSP_IMAGES if images else _BODY_CSP  # type: ignore[attr-defined]
    return response


@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = selectors.attachment_get(user=staff_member(request), pk=pk)
    if not attachment.path.exists():
        raise Http404("The file is missing")
    return _attachment_response(
        attachment.path,
        filename=safe_filename(attachment.filename),
        content_type=served_type(attachment.content_type),
    )


def _managers_only(request: HttpRequest) -> None:
    if not selectors.sees_mail_page(staff_member(request)):
        raise PermissionDenied(_("The mail page is for managers."))


def _mail_managers_only(request: HttpRequest) -> None:
    if not selectors.is_mail_manager(staff_member(request)):
        raise PermissionDenied(_("Mailboxes are managed by the care centre."))


@require_POST
def message_move(request: HttpRequest, pk: int) -> HttpResponse:
    """The case page's button under a message that claims to continue another case: staff who
    can see both confirm it belongs there. Another site's case answers 404, like a missing one."""
    user = staff_member(request)
    inbound = selectors.inbound_get(user=user, pk=pk)
    back = inbound.case.reference if inbound.case else None
    try:
        inbound = services.inbound_claim_confirm(actor=user, inbound_id=inbound.pk)
    except PermissionDenied as error:
        raise Http404("No such case") from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("case-detail", reference=back) if back else redirect("home")
    assert inbound.case is not None
    messages.success(
        request,
        _("The message is now on %(reference)s, with its attachments.")
        % {"reference": inbound.case.reference},
    )
    return redirect("case-detail", reference=inbound.case.reference)


@require_GET
def message_raw(request: HttpRequest, pk: int) -> FileResponse:
    """The message as it reached us, for whoever may read it (the body shown may be cut short);
    mail that reached no client only for the brand's mail managers (selectors.inbound_get)."""
    inbound = selectors.inbound_get(user=staff_member(request), pk=pk)
    if not inbound.raw_path.exists():
        raise Http404("The raw file is missing")
    return _attachment_response(
        inbound.raw_path,
        filename=f"message-{inbound.pk}.eml",
        content_type="application/octet-stream",
    )


@require_http_methods(["GET", "POST"])
def mail_overview(request: HttpRequest) -> HttpResponse:
    _managers_only(request)
    user = staff_member(request)
    can_manage = selectors.is_mail_manager(user)
    if request.method == "POST":
        _mail_managers_only(request)
    form = MailboxForm(request.POST or None) if can_manage else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            mailbox = services.mailbox_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Mailbox %(name)s connected; the worker reads it from now on.")
                % {"name": mailbox.name},
            )
            return redirect("mail-overview")
    context = {
        "mailboxes": selectors.mailboxes() if can_manage else [],
        "can_manage": can_manage,
        "attention": selectors.needs_attention(user=user),
        "form": form,
    }
    return render(
        request, "email_channel/overview.html", context, status=400 if form and form.errors else 200
    )


@require_POST
def mailbox_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    _mail_managers_only(request)
    mailbox = get_object_or_404(Mailbox, pk=pk)
    services.mailbox_set_active(
        actor=staff_member(request), mailbox=mailbox, active=not mailbox.active
    )
    return redirect("mail-overview")
