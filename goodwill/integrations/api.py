"""The versioned API (/api/v1/) for other systems, with a staff member's token.

`Authorization: Bearer gw_…`: the token acts exactly as its user (their site, their isolation).
401 without a usable token, 403 for a read token asked to write, 404 for what its user cannot
see (the same as for what does not exist), 400 for a cursor this API did not hand out. Writes go
through the same services as the pages. The documentation (/api/v1/docs) asks for a staff login.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.urls import URLPattern, URLResolver
from django.utils import timezone
from ninja import NinjaAPI, Schema, Status
from ninja.errors import HttpError
from ninja.parser import Parser
from ninja.security import HttpBearer
from ninja.types import DictStrAny

from goodwill.cases import selectors as case_selectors
from goodwill.cases import services as case_services
from goodwill.cases.models import Case
from goodwill.clients import selectors as client_selectors
from goodwill.clients import services as client_services
from goodwill.clients.models import Client
from goodwill.documents.selectors import document_get
from goodwill.http import json_checked
from goodwill.integrations import selectors
from goodwill.integrations.models import ApiToken
from goodwill.integrations.selectors import BadCursor, CursorPage
from goodwill.integrations.services import api_token_authenticate
from goodwill.journeys.services import can_edit_journeys
from goodwill.journeys.suppression import suppression_csv_lines, suppression_document
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry

MESSAGE_KINDS = (Entry.Kind.MESSAGE_IN, Entry.Kind.MESSAGE_OUT)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return api_token_authenticate(raw=token.strip())


class CheckedParser(Parser):
    """JSON bodies as goodwill.http.BadInputMiddleware read and checked them."""

    def parse_body(self, request: HttpRequest) -> DictStrAny:
        checked = getattr(request, "json_checked", None)
        data: DictStrAny = checked if checked is not None else json_checked(request.body)
        return data


api = NinjaAPI(
    title="Goodwill",
    version="v1",
    description=__doc__ or "",
    auth=TokenAuth(),
    urls_namespace="api-v1",
    parser=CheckedParser(),
)


@api.exception_handler(BadCursor)
def _bad_cursor(request: HttpRequest, error: BadCursor) -> object:
    return api.create_response(request, {"detail": str(error)}, status=400)


def _user(request: HttpRequest) -> User:
    token = request.auth  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    return token.user


def _writer(request: HttpRequest) -> User:
    token = request.auth  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    if token.scope != ApiToken.Scope.WRITE:
        raise HttpError(403, "This token may only read.")
    return token.user


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and timezone.is_naive(value):
        raise HttpError(400, "changed_since needs a time zone (2026-01-31T08:00:00Z).")
    return value


def _invalid(error: ValidationError) -> HttpError:
    if hasattr(error, "error_dict"):
        detail = "; ".join(
            f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()
        )
    else:
        detail = " ".join(error.messages)
    return HttpError(422, detail)


def _name(user: User | None) -> str | None:
    return str(user) if user is not None else None


# Schemas


class ClientOut(Schema):
    reference: str
    name: str
    language: str
    country: str
    tier: str
    verified: bool
    site: str
    advisor: str | None
    client_since: dt.datetime
    changed_at: dt.datetime


class ClientPageOut(Schema):
    items: list[ClientOut]
    next_cursor: str | None


class ContactOut(Schema):
    kind: str
    value: str
    primary: bool


class CoverOut(Schema):
    kind: str
    provider: str
    starts_on: dt.date
    ends_on: dt.date
    active_today: bool


class ProductOut(Schema):
    id: int
    kind: str
    brand: str
    model: str
    plate: str
    vin: str
    serial: str
    purchase_date: dt.date | None
    delivered_on: dt.date | None
    # The latest mileage reading (km) and the day it was read; null when none.
    mileage_km: int | None
    mileage_read_on: dt.date | None
    price: Decimal | None
    currency: str
    covers: list[CoverOut]


class ClientDetailOut(ClientOut):
    address_as: str
    contacts: list[ContactOut]
    products: list[ProductOut]


class EntryOut(Schema):
    id: int
    kind: str
    at: dt.datetime
    case: str | None
    actor: str | None
    channel: str
    summary: str
    body: str
    payload: dict[str, object]


class EntryPageOut(Schema):
    items: list[EntryOut]
    next_cursor: str | None


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
    product: str | None
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    changed_at: dt.datetime


class CasePageOut(Schema):
    items: list[CaseOut]
    next_cursor: str | None


class PromiseOut(Schema):
    id: int
    text: str
    status: str
    due_at: dt.datetime
    made_at: dt.datetime
    made_by: str
    resolved_at: dt.datetime | None


class CaseDetailOut(CaseOut):
    promises: list[PromiseOut]


class DocumentOut(Schema):
    id: int
    filename: str
    mime_type: str
    size: int
    kind: str
    case: str | None
    created_at: dt.datetime
    download: str


class CaseIn(Schema):
    summary: str
    category: str = Case.Category.INFORMATION
    channel: str = Case.Channel.PHONE
    priority: int = 3


class NoteIn(Schema):
    text: str


class DeliveredIn(Schema):
    # The day the product was handed to the client (not in the future); null clears it.
    delivered_on: dt.date | None


class DeliveredOut(Schema):
    id: int
    delivered_on: dt.date | None


class Error(Schema):
    detail: str


ERRORS: dict[int, type[Schema]] = {400: Error, 401: Error, 404: Error}


def _client(client: Client) -> ClientOut:
    return ClientOut(
        reference=client.ref,
        name=client.name,
        language=client.language,
        country=client.country,
        tier=client.tier,
        verified=client.verified,
        site=client.site.code,
        advisor=_name(client.advisor),
        client_since=client.client_since,
        changed_at=getattr(client, "changed_at", None)
        or client.last_activity_at
        or client.client_since,
    )


def _case(case: Case) -> CaseOut:
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
        product=str(case.product) if case.product else None,
        opened_at=case.opened_at,
        closed_at=case.closed_at,
        changed_at=case.last_activity_at,
    )


def _entries(page: CursorPage[Entry]) -> EntryPageOut:
    return EntryPageOut(
        items=[
            EntryOut(
                id=e.pk,
                kind=e.kind,
                at=e.at,
                case=e.case.reference if e.case else None,
                actor=_name(e.actor),
                channel=e.channel,
                summary=e.summary,
                body=e.body,
                payload=e.payload,
            )
            for e in page.items
        ],
        next_cursor=page.next_cursor,
    )


# Clients


@api.get(
    "/clients",
    response={200: ClientPageOut, **ERRORS},
    summary="Clients, oldest change first",
    tags=["clients"],
)
def clients(
    request: HttpRequest,
    changed_since: dt.datetime | None = None,
    cursor: str = "",
    limit: int = selectors.PAGE_SIZE,
) -> ClientPageOut:
    page = selectors.api_clients(
        user=_user(request), changed_since=_aware(changed_since), cursor=cursor, limit=limit
    )
    return ClientPageOut(items=[_client(c) for c in page.items], next_cursor=page.next_cursor)


@api.get(
    "/clients/{reference}",
    response={200: ClientDetailOut, **ERRORS},
    summary="A client, with their contact points, products and cover",
    tags=["clients"],
)
def client_detail(request: HttpRequest, reference: str) -> ClientDetailOut:
    client = client_selectors.client_get(user=_user(request), ref=reference)
    products = client_selectors.client_products(client=client, today=timezone.localdate())
    return ClientDetailOut(
        **_client(client).dict(),
        address_as=client.greeting_name,
        contacts=[
            ContactOut(kind=c.kind, value=c.value, primary=c.is_primary)
            for c in client.contact_points.all()
        ],
        products=[
            ProductOut(
                id=p.product.pk,
                kind=p.product.kind,
                brand=p.product.brand,
                model=p.product.model,
                plate=p.product.plate,
                vin=p.product.vin,
                serial=p.product.serial,
                purchase_date=p.product.purchase_date,
                delivered_on=p.product.delivered_on,
                mileage_km=p.product.mileage_km,
                mileage_read_on=p.product.mileage_read_on,
                price=p.product.price,
                currency=p.product.currency,
                covers=[
                    CoverOut(
                        kind=c.kind,
                        provider=c.provider,
                        starts_on=c.starts_on,
                        ends_on=c.ends_on,
                        active_today=active,
                    )
                    for c, active in p.covers
                ],
            )
            for p in products
        ],
    )


@api.get(
    "/clients/{reference}/timeline",
    response={200: EntryPageOut, **ERRORS},
    summary="The client's story, newest first",
    tags=["clients"],
)
def client_timeline(
    request: HttpRequest, reference: str, cursor: str = "", limit: int = selectors.PAGE_SIZE
) -> EntryPageOut:
    client = client_selectors.client_get(user=_user(request), ref=reference)
    return _entries(selectors.api_timeline(client_id=client.pk, cursor=cursor, limit=limit))


@api.get(
    "/clients/{reference}/documents",
    response={200: list[DocumentOut], **ERRORS},
    summary="The client's documents (download each by its link)",
    tags=["documents"],
)
def client_documents(request: HttpRequest, reference: str) -> list[DocumentOut]:
    client = client_selectors.client_get(user=_user(request), ref=reference)
    return [
        DocumentOut(
            id=d.pk,
            filename=d.filename,
            mime_type=d.mime_type,
            size=d.size,
            kind=d.kind,
            case=d.case.reference if d.case else None,
            created_at=d.created_at,
            download=f"/api/v1/documents/{d.pk}",
        )
        for d in selectors.api_documents(client_id=client.pk)
    ]


@api.get(
    "/documents/{document_id}",
    response={200: None, **ERRORS},
    summary="A document's file, as an attachment",
    tags=["documents"],
)
def document_download(request: HttpRequest, document_id: int) -> FileResponse:
    document = document_get(user=_user(request), pk=document_id)
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


# Marketing


@api.get(
    "/suppressions",
    response={200: None, **ERRORS},
    summary="Who must not receive marketing now, why and until when (CSV or JSON)",
    description=(
        "For the brand's marketing tool: one row per client and reason (an open incident or "
        "complaint, a recent purchase, a recent low survey score, no consent), with the date it "
        "lifts. `format=csv` (cells safe in a spreadsheet) or `json`. A brand manager's token "
        "only: the list covers every site's clients."
    ),
    tags=["marketing"],
)
def suppressions(request: HttpRequest, format: str = "json") -> HttpResponseBase:
    if not can_edit_journeys(_user(request)):
        raise HttpError(403, "Only a brand manager's or an administrator's token reads this list.")
    if format == "csv":
        response: HttpResponseBase = StreamingHttpResponse(
            suppression_csv_lines(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="suppressions.csv"'
    elif format == "json":
        response = JsonResponse(suppression_document(), json_dumps_params={"ensure_ascii": False})
    else:
        raise HttpError(400, "format is csv or json.")
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Cases


@api.get(
    "/cases",
    response={200: CasePageOut, **ERRORS},
    summary="Cases, oldest activity first",
    tags=["cases"],
)
def cases(
    request: HttpRequest,
    changed_since: dt.datetime | None = None,
    status: str = "",
    cursor: str = "",
    limit: int = selectors.PAGE_SIZE,
) -> CasePageOut:
    if status and status not in Case.Status.values:
        raise HttpError(400, f"Unknown status; known: {', '.join(Case.Status.values)}")
    page = selectors.api_cases(
        user=_user(request),
        changed_since=_aware(changed_since),
        status=status,
        cursor=cursor,
        limit=limit,
    )
    return CasePageOut(items=[_case(c) for c in page.items], next_cursor=page.next_cursor)


@api.get(
    "/cases/{reference}",
    response={200: CaseDetailOut, **ERRORS},
    summary="A case, with its promises",
    tags=["cases"],
)
def case_detail(request: HttpRequest, reference: str) -> CaseDetailOut:
    case = case_selectors.case_get(user=_user(request), reference=reference)
    return CaseDetailOut(
        **_case(case).dict(),
        promises=[
            PromiseOut(
                id=p.pk,
                text=p.text,
                status=p.status,
                due_at=p.due_at,
                made_at=p.made_at,
                made_by=str(p.made_by),
                resolved_at=p.resolved_at,
            )
            for p in selectors.api_case_promises(case=case)
        ],
    )


@api.get(
    "/cases/{reference}/messages",
    response={200: EntryPageOut, **ERRORS},
    summary="The messages of a case, both ways, newest first",
    tags=["cases"],
)
def case_messages(
    request: HttpRequest, reference: str, cursor: str = "", limit: int = selectors.PAGE_SIZE
) -> EntryPageOut:
    case = case_selectors.case_get(user=_user(request), reference=reference)
    page = selectors.api_timeline(
        client_id=case.client_id, case_id=case.pk, kinds=MESSAGE_KINDS, cursor=cursor, limit=limit
    )
    return _entries(page)


@api.post(
    "/clients/{reference}/cases",
    response={201: CaseOut, 403: Error, 422: Error, **ERRORS},
    summary="Open a case (write tokens), owned by the client's advisor",
    tags=["cases"],
)
def case_open(request: HttpRequest, reference: str, data: CaseIn) -> Status:
    user = _writer(request)
    client = client_selectors.client_get(user=user, ref=reference)
    try:
        case = case_services.case_open(
            actor=user,
            client=client,
            summary=data.summary,
            category=data.category,
            channel=data.channel,
            priority=data.priority,
        )
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _case(case_selectors.case_get(user=user, reference=case.reference)))


@api.post(
    "/cases/{reference}/notes",
    response={201: None, 403: Error, 422: Error, **ERRORS},
    summary="Add an internal note to a case (write tokens)",
    tags=["cases"],
)
def case_note(request: HttpRequest, reference: str, data: NoteIn) -> Status:
    user = _writer(request)
    case = case_selectors.case_get(user=user, reference=reference)
    try:
        case_services.case_add_note(actor=user, case=case, text=data.text)
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, None)


@api.put(
    "/clients/{reference}/products/{product_id}/delivered_on",
    response={200: DeliveredOut, 403: Error, 422: Error, **ERRORS},
    summary="Set or clear the day a client's product was delivered (write tokens)",
    tags=["clients"],
)
def product_delivered(
    request: HttpRequest, reference: str, product_id: int, data: DeliveredIn
) -> DeliveredOut:
    user = _writer(request)
    client = client_selectors.client_get(user=user, ref=reference)
    product = client.products.select_related("client").filter(pk=product_id).first()
    if product is None:
        raise Http404("No such product.")
    try:
        product = client_services.product_delivered_set(
            actor=user, product=product, delivered_on=data.delivered_on
        )
    except ValidationError as error:
        raise _invalid(error) from None
    return DeliveredOut(id=product.pk, delivered_on=product.delivered_on)


# The documentation stays behind LoginRequiredMiddleware (as /api/docs): for staff only.
_DOCS = {"openapi-json", "openapi-view", "api-root"}


def api_v1_urls() -> list[URLPattern | URLResolver]:
    """The versioned API's URLs, answering 401 themselves (no redirect to the login page); its
    documentation (/api/v1/docs, /api/v1/openapi.json) asks for a staff login like any page."""
    patterns, _app, _namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern) and pattern.name not in _DOCS:
            pattern.callback.login_required = False  # type: ignore[attr-defined]
    return list(patterns)
