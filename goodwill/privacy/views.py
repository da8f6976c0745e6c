"""The privacy pages: a client's export (staff who may see the client), their erasure (managers,
with a reason and a confirmation) and the audit of erasures (managers)."""

from __future__ import annotations

import logging
import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from goodwill.clients.selectors import client_get
from goodwill.http import staff_member
from goodwill.privacy import selectors, services
from goodwill.privacy.forms import EraseForm

log = logging.getLogger(__name__)


@require_GET
def client_export(request: HttpRequest, ref: str) -> FileResponse:
    """The client's zip, built in a temporary file (never in memory) and streamed from it."""
    user = staff_member(request)
    client = client_get(user=user, ref=ref)
    log.info("client %s exported by %s", client.ref, user.get_username())
    spool = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it when sent)
    selectors.client_export(client=client, out=spool)
    spool.seek(0)
    response = FileResponse(
        spool,
        as_attachment=True,
        filename=selectors.export_filename(client=client),
        content_type="application/zip",
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def client_erase(request: HttpRequest, ref: str) -> HttpResponse:
    user = staff_member(request)
    client = client_get(user=user, ref=ref)
    if not services.may_erase(user):
        raise PermissionDenied("Only managers erase clients.")
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirm"] != client.ref:
            form.add_error("confirm", _("This is not the client's reference."))
        else:
            services.client_erase(actor=user, client=client, reason=form.cleaned_data["reason"])
            messages.success(
                request, _("%(ref)s is erased; their cases' history stays.") % {"ref": client.ref}
            )
            return redirect("client-detail", ref=client.ref)
    return render(request, "privacy/erase.html", {"client": client, "form": form})


@require_GET
def erasure_list(request: HttpRequest) -> HttpResponse:
    user = staff_member(request)
    if not services.may_erase(user):
        raise PermissionDenied("Only managers read the erasures.")
    return render(
        request, "privacy/erasures.html", {"erasures": selectors.erasures(user=user)[:200]}
    )
