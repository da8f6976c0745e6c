"""POST /api/mail/inbound: a mail provider posts a raw message (MIME), authenticated by a bearer
token.

The message is stored durably before the answer (202 with its id); processing happens after, on the
task queue. The same message posted twice answers the same id and adds nothing.
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer

from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.services import inbound_store

router = Router(tags=["mail"])


class MailToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> str | None:
        expected = settings.GOODWILL_MAIL_INBOUND_TOKEN
        # No token configured: the endpoint is closed, whatever is sent.
        if expected and hmac.compare_digest(token.encode(), expected.encode()):
            return "mail-provider"
        return None


class InboundOut(Schema):
    id: int
    status: str
    duplicate: bool


@router.post("/mail/inbound", auth=MailToken(), response={202: InboundOut}, url_name="mail-inbound")
def mail_inbound(request: HttpRequest) -> Status[InboundOut]:
    """Store the posted raw message (body = the message, any content type) and queue its
    processing."""
    from goodwill.channels.email.tasks import ingest

    length = int(request.headers.get("Content-Length") or 0)
    if length <= 0:
        raise HttpError(400, "Post the raw message as the request body.")
    # Read as a stream, not request.body: a message can be far bigger than Django's in-memory limit.
    inbound, created = inbound_store(raw=request, source=InboundMessage.Source.HTTP)
    if created:
        transaction.on_commit(lambda: ingest.enqueue(inbound.pk))
    return Status(202, InboundOut(id=inbound.pk, status=inbound.status, duplicate=not created))
