"""The messaging provider's two webhooks (no session: each request is signed with the shared
secret), and the case page's "Send a text message"."""

from __future__ import annotations

import logging
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from goodwill.cases.selectors import case_get
from goodwill.channels.messaging import selectors, services, webhook
from goodwill.channels.messaging.forms import TextForm
from goodwill.http import staff_member
from goodwill.intake.services import NoOwner

log = logging.getLogger(__name__)


def _signed_form(request: HttpRequest) -> QueryDict | JsonResponse:
    """The request's form fields once its signature is checked, else the answer refusing it."""
    timestamp = request.headers.get(webhook.TIMESTAMP_HEADER)
    signature = request.headers.get(webhook.SIGNATURE_HEADER)
    body = request.body
    if not (timestamp and signature) and request.headers.get(webhook.TWILIO_SIGNATURE_HEADER):
        return _twilio_signed_form(request, body)
    if not timestamp or not signature:
        return JsonResponse(
            {
                "detail": "Sign the request: X-Goodwill-Timestamp and X-Goodwill-Signature, "
                "or X-Twilio-Signature."
            },
            status=401,
        )
    try:
        webhook.verify(
            secret=settings.GOODWILL_MESSAGING_WEBHOOK_SECRET,
            timestamp=timestamp,
            signature=signature,
            body=body,
        )
    except webhook.BadSignature as refused:
        log.warning("messaging webhook refused: %s", refused)
        return JsonResponse({"detail": str(refused)}, status=403)
    try:
        return QueryDict(body, encoding="utf-8")
    except (UnicodeDecodeError, ValueError) as bad:  # not form data, or too many fields
        return JsonResponse({"detail": f"The body is not form data: {bad}"}, status=400)


def _twilio_signed_form(request: HttpRequest, body: bytes) -> QueryDict | JsonResponse:
    """Twilio signs the URL it called (ours as the public address says, with its query) and the
    parsed form fields, so the form is read before the check, and used only after it."""
    try:
        form = QueryDict(body, encoding="utf-8")
    except (UnicodeDecodeError, ValueError) as bad:
        return JsonResponse({"detail": f"The body is not form data: {bad}"}, status=400)
    public = urlsplit(settings.GOODWILL_PUBLIC_URL)
    url = f"{public.scheme}://{public.netloc}{request.get_full_path()}"
    try:
        webhook.verify_twilio(
            token=settings.GOODWILL_MESSAGING_AUTH_TOKEN,
            url=url,
            fields=_pairs(form),
            signature=request.headers.get(webhook.TWILIO_SIGNATURE_HEADER),
        )
    except webhook.BadSignature as refused:
        log.warning("messaging webhook refused (Twilio's signature): %s", refused)
        return JsonResponse({"detail": str(refused)}, status=403)
    return form


def _pairs(form: QueryDict) -> list[tuple[str, str]]:
    return [(name, value) for name, values in form.lists() for value in values]


@csrf_exempt
@login_not_required
@require_POST
def inbound(request: HttpRequest) -> JsonResponse:
    """A client's SMS or WhatsApp message (Twilio's fields), signed. Each MessageSid is filed
    once: a retry or a replay answers "duplicate" and changes nothing."""
    form = _signed_form(request)
    if isinstance(form, JsonResponse):
        return form
    try:
        text = webhook.text_in(form)
    except webhook.BadMessage as bad:
        return JsonResponse({"detail": str(bad)}, status=400)
    try:
        row = services.text_receive(text=text)
    except NoOwner as missing:
        # Nothing was kept (the transaction rolled back): the provider tries again later.
        log.error("messaging: nobody can own a case for %s: %s", text.sid, missing)
        return JsonResponse({"detail": "Nobody can take this message yet."}, status=503)
    if row is None:
        return JsonResponse({"status": "duplicate", "sid": text.sid})
    return JsonResponse(
        {"status": "ok", "sid": text.sid, "case": row.case.reference if row.case else None}
    )


@csrf_exempt
@login_not_required
@require_POST
def status(request: HttpRequest) -> JsonResponse:
    """The provider's status callback for a message we sent (queued, sent, delivered, read,
    failed, undelivered), signed. Repeats and late arrivals are harmless: a receipt only moves
    forward."""
    form = _signed_form(request)
    if isinstance(form, JsonResponse):
        return form
    try:
        receipt = webhook.receipt(form)
    except webhook.IgnoredStatus:
        return JsonResponse({"status": "ignored"})
    except webhook.BadMessage as bad:
        return JsonResponse({"detail": str(bad)}, status=400)
    message = services.text_receipt(receipt=receipt)
    if message is None:
        # No message carries that id yet: the provider called back before its answer to our
        # send was saved. Kept, and applied when it is (or forgotten after two days: not ours);
        # nothing the provider should try again.
        return JsonResponse({"status": "kept", "sid": receipt.sid})
    return JsonResponse({"status": "ok", "sid": receipt.sid, "receipt": message.receipt})


def case_panel(request: HttpRequest, reference: str) -> HttpResponse:
    """The case page's text-message section: SMS or WhatsApp, the number, WhatsApp's window
    (and, when it is closed, why free text is refused and which templates may go), and the texts
    sent on the case with their receipts."""
    viewer = staff_member(request)
    case = case_get(user=viewer, reference=reference)
    panel = selectors.texting_panel(case=case)
    return render(
        request,
        "messaging/_case.html",
        {
            "case": case,
            "panel": panel,
            "form": TextForm(initial={"channel": panel.preferred, "nonce": uuid.uuid4().hex}),
            "now": timezone.now(),
        },
    )
