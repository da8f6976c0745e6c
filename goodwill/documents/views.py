"""The vault's pages: a document as a download (never shown inline), a staff upload from the
client page (shared with the client or not), and sharing a document on file."""

from __future__ import annotations

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

# How each refusal of documents.services.document_store answers an upload (staff or portal).
REFUSAL_STATUS = {"too_big": 413, "refused_type": 415, "infected": 422, "scan_unavailable": 503}


def refusal(error: ValidationError) -> tuple[str, int]:
    """The reason a document_store refusal gives, in the active language, and its status."""
    problem = error.error_dict["file"][0]
    return " ".join(problem.messages), REFUSAL_STATUS.get(problem.code or "", 400)


def file_response(document: Document) -> FileResponse:
    """The file as an attachment, with the type read from its bytes, never sniffed or run by
    the browser (a sandbox CSP should it be opened anyway): for staff and the portal alike."""
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


@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """Staff who may see the client download the file."""
    return file_response(selectors.document_get(user=staff_member(request), pk=pk))


def _refused(request: HttpRequest, ref: str, message: str, status: int) -> HttpResponse:
    return render(
        request,
        "documents/refused.html",
        {"message": message, "back": reverse("client-detail", args=[ref])},
        status=status,
    )


@require_POST
def document_upload(request: HttpRequest, ref: str) -> HttpResponse:
    """A document staff add to the client's vault (a scan brought to the desk, or something the
    brand sends them: "share with the client" lists it on their portal)."""
    user = staff_member(request)
    client = client_get(user=user, ref=ref)
    upload = request.FILES.get("file")
    if upload is None:
        return _refused(request, ref, _("Choose a file to upload."), 400)
    try:
        # Before reading it: a file over the limit is refused without loading it.
        services.document_size_check(upload.size or 0)
        document = services.document_store(
            client=client,
            content=upload.read(),
            filename=upload.name or "",
            source=Document.Source.STAFF,
            actor=user,
        )
    except ValidationError as error:
        return _refused(request, ref, *refusal(error))
    if request.POST.get("share") == "1":
        services.document_share(actor=user, document=document, shared=True)
    messages.success(request, _("“%(name)s” is on file.") % {"name": document.filename})
    return redirect(reverse("client-detail", args=[ref]) + "#vault")


@require_POST
def document_share(request: HttpRequest, pk: int) -> HttpResponse:
    """Share a document on file with the client (their portal lists it), or stop sharing it."""
    user = staff_member(request)
    document = selectors.document_get(user=user, pk=pk)
    shared = request.POST.get("shared") == "1"
    services.document_share(actor=user, document=document, shared=shared)
    if shared:
        messages.success(
            request,
            _("The client can now download “%(name)s” from their portal.")
            % {"name": document.filename},
        )
    else:
        messages.success(
            request,
            _("“%(name)s” is no longer on the client's portal.") % {"name": document.filename},
        )
    return redirect(
        reverse("client-detail", args=[document.client.ref]) + f"#document-{document.pk}"
    )
