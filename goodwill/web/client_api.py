"""JSON API for the client book: search, the client's page, their timeline. Reads only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from goodwill.cases.selectors import client_cases_for_filter, client_open_cases
from goodwill.clients import selectors
from goodwill.clients.selectors import search_country
from goodwill.http import staff_member
from goodwill.timeline.models import Entry
from goodwill.timeline.selectors import client_timeline

router = Router(tags=["clients"])


class SearchHitOut(Schema):
    ref: str
    name: str
    tier: str
    advisor: str | None
    matched_kind: str
    matched_value: str


class ContactOut(Schema):
    kind: str
    value: str
    normalized: str


class CoverOut(Schema):
    kind: str
    provider: str
    starts_on: dt.date
    ends_on: dt.date
    active_today: bool


class ProductOut(Schema):
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
    selling_advisor: str | None
    covers: list[CoverOut]


class OpenCaseOut(Schema):
    reference: str
    summary: str
    status: str
    owner: str
    opened_at: dt.datetime


class ClientOut(Schema):
    ref: str
    name: str
    address_as: str
    language: str
    country: str
    tier: str
    verified: bool
    advisor: str | None
    backup_advisor: str | None
    site: str
    contacts: list[ContactOut]
    products: list[ProductOut]
    open_cases: list[OpenCaseOut]


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


class TimelinePageOut(Schema):
    page: int
    pages: int
    count: int
    entries: list[EntryOut]


def _name(user: object) -> str | None:
    return str(user) if user is not None else None


@router.get("/clients", response=list[SearchHitOut], summary="Find clients by any identifier")
def search(request: HttpRequest, q: str) -> list[SearchHitOut]:
    user = staff_member(request)
    hits = selectors.client_search(user=user, query=q, country=search_country(user))
    return [
        SearchHitOut(
            ref=h.client.ref,
            name=h.client.name,
            tier=h.client.tier,
            advisor=_name(h.client.advisor),
            matched_kind=h.matched_kind,
            matched_value=h.matched_display,
        )
        for h in hits
    ]


@router.get(
    "/clients/{ref}", response=ClientOut, summary="A client, what they own and their open cases"
)
def client_detail(request: HttpRequest, ref: str) -> ClientOut:
    client = selectors.client_get(user=staff_member(request), ref=ref)
    products = selectors.client_products(client=client, today=timezone.localdate())
    return ClientOut(
        ref=client.ref,
        name=client.name,
        address_as=client.greeting_name,
        language=client.language,
        country=client.country,
        tier=client.tier,
        verified=client.verified,
        advisor=_name(client.advisor),
        backup_advisor=_name(client.backup_advisor),
        site=client.site.code,
        contacts=[
            ContactOut(kind=c.kind, value=c.value, normalized=c.normalized)
            for c in client.contact_points.all()
        ],
        products=[
            ProductOut(
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
                selling_advisor=_name(p.product.selling_advisor),
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
        open_cases=[
            OpenCaseOut(
                reference=c.reference,
                summary=c.summary,
                status=c.status,
                owner=str(c.owner),
                opened_at=c.opened_at,
            )
            for c in client_open_cases(client=client)
        ],
    )


@router.get(
    "/clients/{ref}/timeline", response=TimelinePageOut, summary="The client's story, newest first"
)
def timeline(
    request: HttpRequest, ref: str, case: str = "", kind: str = "", page: int = 1
) -> TimelinePageOut:
    client = selectors.client_get(user=staff_member(request), ref=ref)
    if kind and kind not in Entry.Kind.values:
        raise HttpError(422, f"Unknown kind {kind!r}; known kinds: {', '.join(Entry.Kind.values)}")
    case_id = None
    if case:
        case_id = next(
            (
                pk
                for pk, reference, _ in client_cases_for_filter(client=client)
                if reference == case
            ),
            None,
        )
        if case_id is None:
            raise HttpError(404, f"{client.ref} has no case {case!r}")
    result = client_timeline(client=client, case_id=case_id, kind=kind or None, page=page)
    return TimelinePageOut(
        page=result.number,
        pages=result.paginator.num_pages,
        count=result.paginator.count,
        entries=[
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
            for e in result.object_list
        ],
    )
