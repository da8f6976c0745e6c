"""One client's link never shows another's anything, on every portal page (issue 13, part 5).

The Paris client has one of everything a portal page can name by its address: a case, a quote
with a workshop photo, a document shared with them, an appointment and a survey. With Mr. T's
session, each of those addresses is a 404 by GET and by POST (a page that only takes POST may
refuse a GET as 405), and nothing of theirs changes. The pages without an address of their own
show nothing of theirs. A portal page added without its line here fails the last test: every
new page gets its isolation checked.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client as Browser
from django.urls import URLPattern, reverse
from django.utils import timezone

from goodwill.appointments.models import Booking, Slot
from goodwill.appointments.services import booking_make, slots_generate
from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.documents.models import Document
from goodwill.documents.services import document_share, document_store
from goodwill.organisation.models import User
from goodwill.portal import urls as portal_urls
from goodwill.portal.tests.conftest import portal_open
from goodwill.quotes.models import Quote, QuoteMedia
from goodwill.quotes.services import quote_create, quote_media_add, quote_send
from goodwill.surveys.models import Survey

MARKS = (
    b"PARIS-PRODUCT-MARK",
    b"PARIS-TITLE-MARK",
    b"PARIS-PROMISE-MARK",
    b"PX99887766",
    b"PARIS-QUOTE-MARK",
    b"PARIS-DOC-MARK",
)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 12), (40, 40, 180)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def _vault_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]


class Paris:
    """Everything of the Paris client's that a portal address can name."""

    def __init__(self, case: Case, dealer: User) -> None:
        self.case = case
        client = case.client
        quote = quote_create(
            actor=dealer,
            case=case,
            title="PARIS-QUOTE-MARK",
            work="New strap",
            amount=Decimal("240.00"),
            currency="eur",
            valid_until=timezone.localdate() + dt.timedelta(days=10),
        )
        self.media: QuoteMedia = quote_media_add(
            actor=dealer, quote=quote, content=_png(), filename="strap.png"
        )
        self.quote: Quote = quote_send(
            actor=dealer,
            quote=quote,
            link="https://care.example/portal/open/x/",
            link_expires=timezone.now() + dt.timedelta(days=14),
        )
        document = document_store(
            client=client,
            case=case,
            content=b"%PDF-1.4\n% PARIS-DOC-MARK\n%%EOF\n",
            filename="PARIS-DOC-MARK.pdf",
            source=Document.Source.STAFF,
            actor=dealer,
        )
        self.document = document_share(actor=dealer, document=document)
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        slots_generate(
            actor=dealer,
            site=case.site,
            kind="workshop",
            first_day=tomorrow,
            last_day=tomorrow + dt.timedelta(days=7),
            weekdays=range(7),
            times=[dt.time(10, 0)],
            minutes=60,
            capacity=2,
        )
        slot = Slot.objects.filter(site=case.site, kind="workshop").order_by("starts_at").first()
        assert slot is not None
        self.booking: Booking = booking_make(client=client, slot=slot, case=case, actor=dealer)
        self.survey = Survey.objects.create(
            kind=Survey.Kind.SATISFACTION,
            case=case,
            client=client,
            site_id=case.site_id,
            owner_id=case.owner_id,
            category=case.category,
            tier=client.tier,
            made_at=timezone.now(),
            due_at=timezone.now(),
        )


@pytest.fixture
def paris(paris_case: Case, foreign_dealer: User) -> Paris:
    return Paris(paris_case, foreign_dealer)


# Each portal address naming one of the client's things, filled in with the Paris client's.
THEIRS: dict[str, Callable[[Paris], dict[str, object]]] = {
    "portal-case": lambda p: {"reference": p.case.reference},
    "portal-case-document": lambda p: {"reference": p.case.reference},
    "portal-document-download": lambda p: {"pk": p.document.pk},
    "portal-survey": lambda p: {"pk": p.survey.pk},
    "portal-appointment": lambda p: {"booking_id": p.booking.pk},
    "portal-quote-decide": lambda p: {"quote_id": p.quote.pk},
    "portal-quote-media": lambda p: {"quote_id": p.quote.pk, "media_id": p.media.pk},
    "portal-mileage": lambda p: {"pk": p.case.product_id},
}
# The client's own pages with no address of theirs: they must show nothing of anyone else's.
OWN_PAGES = (
    "portal-home",
    "portal-documents",
    "portal-settings",
    "portal-appointments",
)
# Pages that name the client's things in their query string, checked by their own test.
BY_QUERY = ("portal-appointment-book",)
# Before a session (the link, asking for a new one, signing out): nobody's things at all.
PUBLIC = ("portal-open", "portal-link", "portal-logout")


def _post(browser: Browser, url: str) -> int:
    token = browser.cookies["csrftoken"].value
    data = {
        "csrfmiddlewaretoken": token,
        "text": "hello",
        "decision": "approve",
        "slot": "1",
        "score": "5",
        "action": "cancel",
    }
    return browser.post(url, data).status_code


@pytest.mark.parametrize("name", sorted(THEIRS))
def test_another_clients_thing_in_the_address_is_a_404(
    name: str, client_t: Client, case_t: Case, paris: Paris
) -> None:
    browser = portal_open(client_t)
    browser.get(reverse("portal-home"))  # the CSRF cookie, as a real visit has
    url = reverse(name, kwargs=THEIRS[name](paris))

    got = browser.get(url)
    posted = _post(browser, url)

    # A page answers 404 by the method it takes, and 405 by the one it does not.
    assert {got.status_code, posted} <= {404, 405} and 404 in {got.status_code, posted}, (
        url,
        got.status_code,
        posted,
    )
    assert not [mark for mark in MARKS if mark in got.content]
    # Nothing of theirs moved: the quote undecided, the appointment booked, no reply filed.
    paris.quote.refresh_from_db()
    paris.booking.refresh_from_db()
    assert paris.quote.status == Quote.Status.SENT
    assert paris.booking.status == Booking.Status.BOOKED
    assert not paris.case.timeline.filter(kind="message_in").exists()
    assert not Document.objects.filter(client=paris.case.client, source="portal").exists()


@pytest.mark.parametrize("name", OWN_PAGES)
def test_no_page_of_ones_own_shows_another_clients_anything(
    name: str, client_t: Client, case_t: Case, paris: Paris
) -> None:
    response = portal_open(client_t).get(reverse(name))

    assert response.status_code == 200
    assert not [mark for mark in MARKS if mark in response.content]
    assert paris.case.reference.encode() not in response.content


@pytest.mark.parametrize("query", ["site={site}&kind=workshop", "case={case}&kind=workshop"])
def test_booking_at_another_clients_site_or_on_their_case_is_a_404(
    query: str, client_t: Client, case_t: Case, paris: Paris
) -> None:
    browser = portal_open(client_t)
    browser.get(reverse("portal-home"))
    url = (
        reverse("portal-appointment-book")
        + "?"
        + query.format(site=paris.case.site_id, case=paris.case.reference)
    )
    slot = Slot.objects.filter(site=paris.case.site).exclude(pk=paris.booking.slot_id).first()
    assert slot is not None

    got = browser.get(url)
    posted = browser.post(
        url, {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value, "slot": str(slot.pk)}
    )

    assert (got.status_code, posted.status_code) == (404, 404)
    assert not Booking.objects.filter(client=client_t).exists()


def test_the_paris_client_does_see_their_own(paris: Paris) -> None:
    browser = portal_open(paris.case.client)

    case_page = browser.get(reverse("portal-case", args=[paris.case.reference]))
    documents = browser.get(reverse("portal-documents"))
    media = browser.get(reverse("portal-quote-media", args=[paris.quote.pk, paris.media.pk]))

    assert case_page.status_code == 200, case_page.status_code
    assert media.status_code == 200, media.status_code
    assert b"PARIS-QUOTE-MARK" in case_page.content
    assert b"PARIS-DOC-MARK" in documents.content
    assert media.status_code == 200 and media["Content-Type"] == "image/png"


def test_every_portal_page_has_its_isolation_checked() -> None:
    names = {p.name for p in portal_urls.urlpatterns if isinstance(p, URLPattern)}

    unchecked = names - set(THEIRS) - set(OWN_PAGES) - set(BY_QUERY) - set(PUBLIC)

    assert not unchecked, f"add these portal pages to the isolation test: {sorted(unchecked)}"
