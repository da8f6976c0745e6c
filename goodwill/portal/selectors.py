"""What the client's portal reads: only this client's things, and only what is meant for them.

Every read takes the client the portal session is bound to (views) and filters by it, so one
client's link can never show another's case, product or promise: a case reference of someone
else's is a 404, exactly like a missing one."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from goodwill.appointments.models import Booking, Kind, Slot
from goodwill.appointments.selectors import BOOKING_HORIZON, client_bookings, free_slots
from goodwill.cases.models import Case
from goodwill.cases.wording import client_status, client_title
from goodwill.clients.models import Client, Cover, Product
from goodwill.documents.models import Document
from goodwill.organisation.models import Site
from goodwill.portal.models import PortalLink
from goodwill.promises.models import Promise
from goodwill.timeline.models import Entry

# Closed cases stay on the client's page this long after their last activity.
CLOSED_SHOWN = dt.timedelta(days=90)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_by_token(*, token: str, at: dt.datetime | None = None) -> PortalLink:
    """The live link a token opens: its hash matches, not revoked, not expired. Anything else (a
    tampered, truncated, revoked or expired token) is a 404 that tells nothing."""
    at = at or timezone.now()
    if not token or len(token) > 100:
        raise Http404
    try:
        return PortalLink.objects.select_related("client").get(
            token_hash=token_hash(token), revoked_at__isnull=True, expires_at__gt=at
        )
    except PortalLink.DoesNotExist:
        raise Http404 from None


def link_live(*, link_id: int, client_id: int, at: dt.datetime | None = None) -> PortalLink | None:
    """The link a portal session was opened with, while it still works (one query a page):
    revoking or expiry ends the session at its next request."""
    at = at or timezone.now()
    return (
        PortalLink.objects.select_related("client", "client__advisor", "client__site")
        .filter(pk=link_id, client_id=client_id, revoked_at__isnull=True, expires_at__gt=at)
        .first()
    )


@dataclasses.dataclass(frozen=True)
class CaseLine:
    """One case as the client reads it: never the internal summary, status or notes."""

    reference: str
    title: str
    status: str
    is_open: bool
    next_step: Promise | None
    product: str


@dataclasses.dataclass(frozen=True)
class Home:
    products: list[tuple[Product, list[tuple[Cover, bool]]]]
    cases: list[CaseLine]
    promises: list[tuple[Promise, str]]  # with the client title of its case


def _visible_cases(client: Client, at: dt.datetime) -> Q:
    return Q(client=client) & (
        Q(status__in=Case.OPEN_STATUSES) | Q(last_activity_at__gte=at - CLOSED_SHOWN)
    )


def portal_home(*, client: Client, at: dt.datetime | None = None) -> Home:
    """The client's products with their cover, their open (and lately closed) cases with the
    client-facing title, status phrase and next step (the next open promise), and every open
    promise with its date. Four queries whatever the client holds."""
    at = at or timezone.now()
    language = client.language
    products = list(
        Product.objects.filter(client=client)
        .prefetch_related(Prefetch("covers", queryset=Cover.objects.order_by("-ends_on")))
        .order_by("-purchase_date", "id")
    )
    today = timezone.localdate(at)
    product_lines = [
        (product, [(cover, cover.is_active_on(today)) for cover in product.covers.all()])
        for product in products
    ]
    open_promises = list(
        Promise.objects.filter(case__client=client, status=Promise.Status.OPEN)
        .select_related("case")
        .order_by("due_at", "id")
    )
    next_by_case: dict[int, Promise] = {}
    for promise in open_promises:
        next_by_case.setdefault(promise.case_id, promise)
    names = {product.pk: f"{product.brand} {product.model}" for product in products}
    cases = [
        CaseLine(
            reference=case.reference,
            title=client_title(case=case, language=language),
            status=client_status(status=case.status, language=language),
            is_open=case.status in Case.OPEN_STATUSES,
            next_step=next_by_case.get(case.pk),
            product=names.get(case.product_id or 0, ""),
        )
        for case in Case.objects.filter(_visible_cases(client, at)).order_by("-opened_at", "-id")
    ]
    promises = [
        (promise, client_title(case=promise.case, language=language)) for promise in open_promises
    ]
    return Home(products=product_lines, cases=cases, promises=promises)


def portal_case(*, client: Client, reference: str) -> Case:
    """One of this client's cases by its reference; anyone else's, or none, is a 404."""
    case = Case.objects.filter(client=client, reference=reference).first()
    if case is None:
        raise Http404
    return case


def portal_conversation(*, case: Case) -> list[Entry]:
    """What was said between the client and us on `case`, oldest first: their messages (never a
    partner's answer filed on the case) and what we sent them. Notes, calls, status changes and
    everything else on the timeline is staff's."""
    return list(
        Entry.objects.filter(
            client_id=case.client_id,
            case=case,
            kind__in=[Entry.Kind.MESSAGE_IN, Entry.Kind.MESSAGE_OUT],
        )
        # has_key first: on a row without the key the comparison is NULL, and a bare exclude
        # would drop every message that is not a partner's.
        .exclude(Q(payload__has_key="threaded_by") & Q(payload__threaded_by="partner_task"))
        .order_by("at", "id")
    )


def case_promises(*, case: Case) -> list[Promise]:
    return list(Promise.objects.filter(case=case, status=Promise.Status.OPEN).order_by("due_at"))


# --- Appointments (through appointments.services only; these are the portal's reads) ----------


def portal_bookings(
    *, client: Client, at: dt.datetime | None = None, past_shown: int = 20
) -> tuple[list[Booking], list[Booking]]:
    """The client's appointments: those booked and still to come (soonest first), and the
    others, past or cancelled (latest first, the last `past_shown`). Two queries."""
    at = at or timezone.now()
    upcoming = client_bookings(client=client, now=at)
    past = list(
        Booking.objects.filter(client=client)
        .exclude(status=Booking.Status.BOOKED, slot__starts_at__gt=at)
        .select_related("slot", "slot__site")
        .order_by("-slot__starts_at", "-id")[:past_shown]
    )
    return upcoming, past


def portal_upcoming(*, client: Client) -> list[Booking]:
    """The client's appointments still to come, for their overview (one query)."""
    return client_bookings(client=client)


def portal_booking(*, client: Client, booking_id: int) -> Booking:
    """One of this client's appointments; anyone else's, or none, is a 404."""
    booking = (
        Booking.objects.filter(pk=booking_id, client=client)
        .select_related("slot", "slot__site", "case", "client", "link")
        .first()
    )
    if booking is None:
        raise Http404
    return booking


def case_bookings_for_client(*, client: Client, case: Case) -> list[Booking]:
    """The appointments on one of the client's cases, for its portal page."""
    return list(
        Booking.objects.filter(client=client, case=case)
        .select_related("slot", "slot__site")
        .order_by("status", "slot__starts_at", "id")
    )


def booking_sites(*, client: Client, at: dt.datetime | None = None) -> list[Site]:
    """Where the client may book: their own site, and the site of each of their open cases."""
    at = at or timezone.now()
    ids = {client.site_id} | set(
        Case.objects.filter(client=client, status__in=Case.OPEN_STATUSES).values_list(
            "site_id", flat=True
        )
    )
    return list(Site.objects.filter(pk__in=ids).order_by("name"))


def offered_kinds(*, sites: list[Site], at: dt.datetime | None = None) -> dict[int, list[str]]:
    """For each site, the kinds of appointment with a free place ahead (one query)."""
    at = at or timezone.now()
    rows = (
        Slot.objects.filter(
            site__in=sites,
            starts_at__gt=at,
            starts_at__lte=at + BOOKING_HORIZON,
            booked__lt=F("capacity"),
        )
        .order_by()
        .values_list("site_id", "kind")
        .distinct()
    )
    offered: dict[int, set[str]] = {}
    for site_id, kind in rows:
        offered.setdefault(site_id, set()).add(kind)
    return {site_id: [k for k in Kind.values if k in kinds] for site_id, kinds in offered.items()}


def booking_site(*, client: Client, site_id: int) -> Site:
    """A site the client may book at (booking_sites); any other is a 404."""
    for site in booking_sites(client=client):
        if site.pk == site_id:
            return site
    raise Http404


def open_slots(*, site: Site, kind: str) -> list[Slot]:
    return free_slots(site=site, kind=kind)


def _portal_documents(client: Client) -> QuerySet[Document]:
    # Theirs on the portal: what they uploaded there, and what staff shared with them; never a
    # staff scan or a mail attachment they were not meant to get back from us.
    return (
        Document.objects.filter(client=client)
        .filter(Q(source=Document.Source.PORTAL) | Q(shared_with_client=True))
        .defer("text", "facts")
    )


def portal_documents(*, client: Client) -> list[Document]:
    """The client's documents on their portal, newest first (one query, on index
    document_client)."""
    return list(_portal_documents(client).select_related("case").order_by("-created_at", "-id"))


def portal_document(*, client: Client, pk: int) -> Document:
    """One of them for download; another client's, an unshared one, or none is a 404."""
    document = _portal_documents(client).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document
