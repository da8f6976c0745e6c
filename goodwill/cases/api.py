"""JSON API for cases: read one, open one, add a note. There is no delete: closing is a status."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from goodwill.cases import selectors, services
from goodwill.cases.models import Case
from goodwill.clients.selectors import client_get
from goodwill.http import staff_member

router = Router(tags=["cases"])


class CaseOut(Schema):
    reference: str
    client: str
    summary: str
    category: str
    channel: str
    status: str
    priority: int
    language: str
    owner: str
    selling_advisor: str | None
    product: str | None
    opened_at: dt.datetime
    closed_at: dt.datetime | None


class CaseIn(Schema):
    summary: str
    category: str = Case.Category.INFORMATION
    channel: str = Case.Channel.PHONE
    priority: int = 3


class NoteIn(Schema):
    text: str


def _out(case: Case) -> CaseOut:
    return CaseOut(
        reference=case.reference,
        client=case.client.ref,
        summary=case.summary,
        category=case.category,
        channel=case.channel,
        status=case.status,
        priority=case.priority,
        language=case.language,
        owner=str(case.owner),
        selling_advisor=str(case.selling_advisor) if case.selling_advisor else None,
        product=str(case.product) if case.product else None,
        opened_at=case.opened_at,
        closed_at=case.closed_at,
    )


def _invalid(error: ValidationError) -> HttpError:
    return HttpError(
        422, "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    )


@router.get("/cases/{reference}", response=CaseOut)
def case_detail(request: HttpRequest, reference: str) -> CaseOut:
    return _out(selectors.case_get(user=staff_member(request), reference=reference))


@router.post(
    "/clients/{ref}/cases",
    response={201: CaseOut},
    summary="Open a case, owned by the client's advisor",
)
def case_open(request: HttpRequest, ref: str, data: CaseIn) -> Status:
    user = staff_member(request)
    client = client_get(user=user, ref=ref)
    try:
        case = services.case_open(
            actor=user,
            client=client,
            summary=data.summary,
            category=data.category,
            channel=data.channel,
            priority=data.priority,
        )
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _out(selectors.case_get(user=user, reference=case.reference)))


@router.post("/cases/{reference}/notes", response={201: None}, summary="Add an internal note")
def case_note(request: HttpRequest, reference: str, data: NoteIn) -> Status:
    user = staff_member(request)
    case = selectors.case_get(user=user, reference=reference)
    try:
        services.case_add_note(actor=user, case=case, text=data.text)
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, None)
