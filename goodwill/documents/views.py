"""The vault's pages: a document as a download (never shown inline), and a staff upload from
the client page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from goodwill.clients.selectors import client_get
from goodwill.documents import selectors, services
from goodwill.documents.models import Document
from goodwill.http import staff_member


@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """Staff who may see the client download the file: as an attachment, with the type read
    from its bytes, never sniffed or run by the browser."""
    document = selectors.document_get(user=staff_member(request), pk=pk)
    if not document.path.exists():
        raise Http404("The file is missing")
    response = FileResponse(
        open(document.path, "rb"),  # noqa: SIM115  (FileResponse closes it)
        as_attachment=True,
        filename=document.filename,
        content_type=document.mime_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _refused(request: HttpRequest, ref: str, message: str, status: int) -> HttpResponse:
    return render(
        request,
        "documents/refused.html",
        {"message": message, "back": reverse("client-detail", args=[ref])},
        status=status,
    )


@require_POST
def document_upload(request: HttpRequest, ref: str) -> HttpResponse:
    """A document staff add to the client's vault (a scan brought to the desk)."""
    user = staff_member(request)
    client = client_get(user=user, ref=ref)
    upload = request.FILES.get("file")
    if upload is None:
        return _refused(request, ref, _("Choose a file to upload."), 400)
    limit = settings.GOODWILL_DOCUMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        message = _("The file is %(size)s MB; the limit is %(limit)s MB.") % {
            "size": round(upload.size / 1048576, 1),
            "limit": round(limit / 1048576, 1),
        }
        return _refused(request, ref, message, 413)
    try:
        document = services.document_store(
            client=client,
            content=upload.read(),
            filename=upload.name or "",
            source=Document.Source.STAFF,
            actor=user,
        )
    except ValidationError as error:
        problem = error.error_dict["file"][0]
        status = {"too_big": 413, "refused_type": 415}.get(problem.code or "", 400)
        return _refused(request, ref, " ".join(problem.messages), status)
    messages.success(request, _("“%(name)s” is on file.") % {"name": document.filename})
    return redirect(reverse("client-detail", args=[ref]) + "#vault")
