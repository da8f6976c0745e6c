"""Where a client's personal data lives: the one list export and erasure both walk.

Each `Table` names a model, how its rows of one client are found (`where`), and what erasure
does with them: `delete` the rows (contact points, search index), or `scrub` personal fields to
fixed values (`PLACEHOLDER` becomes "Erased client CL-…") and `json` fields to their safe keys
(`scrub_json`). Rows not deleted keep their ids, kinds, statuses, times and amounts, so the cases'
history and the dashboards stay true. A new model holding a client's data adds its row here;
`tests/test_tables.py` fails for a model with a foreign key to a client that is not listed.
A field that must still tell rows apart after erasure (an imported record's id in another system)
is rewritten row by row (`rewrite`) by a function (its digest) instead of a fixed value.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models import Q

from goodwill.appointments.models import Booking, BookingLink
from goodwill.assistance.models import ExpenseClaim, PartnerTask
from goodwill.cases.models import Case, Outcome
from goodwill.channels.email.models import Attachment, InboundMessage
from goodwill.channels.messaging.models import InboundText
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.phone.models import Call
from goodwill.channels.webform.models import Submission
from goodwill.clients.models import (
    Client,
    ContactPoint,
    Cover,
    Identifier,
    MileageReading,
    Product,
)
from goodwill.documents.models import Document, DocumentCode, DocumentWord
from goodwill.imports.models import ImportedRecord, erased_foreign_id
from goodwill.integrations.models import WebhookDelivery
from goodwill.journeys.models import DeliveryPlan, Journey, JourneyStep
from goodwill.notifications.models import Notification
from goodwill.portal.models import PortalLink
from goodwill.promises.models import Promise
from goodwill.quality.models import Review
from goodwill.quotes.models import Quote
from goodwill.recalls.models import CampaignCase, CampaignVehicle
from goodwill.surveys.models import Survey, SurveyPreference
from goodwill.timeline.models import Entry

PLACEHOLDER = "\x00placeholder"  # replaced by "Erased client CL-…" (services.placeholder)
ERASED = "(erased)"


@dataclasses.dataclass(frozen=True)
class Subject:
    """The data subject as the lookups know them: the client and their addresses."""

    client: Client
    emails: tuple[str, ...]
    phones: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Table:
    key: str
    model: type[models.Model]
    where: Callable[[Subject], Q]
    delete: bool = False
    scrub: dict[str, Any] = dataclasses.field(default_factory=dict)
    json: tuple[str, ...] = ()
    # Fields replaced row by row by a function of their value (`scrub` sets fixed values).
    rewrite: dict[str, Callable[[str], str]] = dataclasses.field(default_factory=dict)
    # Exported? (the search index is derived from the rows exported beside it)
    export: bool = True


def _client(c: Subject) -> Q:
    return Q(client=c.client)


def _case(c: Subject) -> Q:
    return Q(case__client=c.client)


def _imported(c: Subject) -> Q:
    """The records of another helpdesk that became the client, their products, their cases and
    their messages (a message became a timeline entry). No foreign key: `object_id` names the
    row of the record's kind."""
    kind = ImportedRecord.Kind
    return (
        Q(kind=kind.CLIENT, object_id=c.client.pk)
        | Q(kind=kind.PRODUCT, object_id__in=Product.objects.filter(client=c.client).values("pk"))
        | Q(kind=kind.CASE, object_id__in=Case.objects.filter(client=c.client).values("pk"))
        | Q(kind=kind.MESSAGE, object_id__in=Entry.objects.filter(client=c.client).values("pk"))
    )


def _from(field: str, c: Subject) -> Q:
    """Mail from one of their addresses (a sender is stored as written: "Name <address>"; never
    an address that merely ends like theirs)."""
    q = Q(pk__in=[])
    for email in c.emails:
        q |= Q(**{f"{field}__iexact": email}) | Q(**{f"{field}__icontains": f"<{email}>"})
    return q


TABLES: list[Table] = [
    Table(
        "client",
        Client,
        lambda c: Q(pk=c.client.pk),
        scrub={
            "title": "",
            "first_name": "",
            "last_name": PLACEHOLDER,
            "address_as": "",
            "marketing_consent": False,
            "marketing_consent_at": None,
        },
    ),
    Table("contact_points", ContactPoint, _client, delete=True),
    Table("identifiers", Identifier, _client, delete=True, export=False),
    Table(
        "products",
        Product,
        _client,
        scrub={"serial": "", "vin": "", "plate": "", "source_key": None},
    ),
    Table(
        "covers", Cover, lambda c: Q(product__client=c.client), scrub={"reference": "", "terms": ""}
    ),
    # Readings of an odometer: exported with the car; nothing in them names anyone.
    Table("mileage_readings", MileageReading, lambda c: Q(product__client=c.client)),
    Table("cases", Case, _client, scrub={"summary": ERASED, "client_title": ""}),
    Table("outcomes", Outcome, _case, scrub={"done": ERASED}),
    Table("timeline", Entry, _client, scrub={"summary": "", "body": ""}, json=("payload",)),
    Table("promises", Promise, _case, scrub={"text": ERASED}),
    # Before messages_in: a message's attachments are found by its sender, blanked there.
    Table(
        "attachments",
        Attachment,
        lambda c: Q(client=c.client) | _from("inbound__sender", c),
        scrub={"filename": ERASED},
    ),
    Table(
        "messages_in",
        InboundMessage,
        lambda c: Q(client=c.client) | _from("sender", c),
        scrub={
            "sender": "",
            "subject": "",
            "body_text": "",
            "body_html": "",
            "body_html_blocked": "",
            "reason": "",
        },
        json=("body_cut",),
    ),
    Table(
        "messages_out",
        OutboundMessage,
        # A text's address is the client's mobile number.
        lambda c: Q(client=c.client) | Q(to_address__in=c.emails + c.phones),
        scrub={
            "to_address": "",
            "to_name": "",
            "subject": "",
            "body_text": "",
            "body_html": "",
            "references": "",
            "last_error": "",
        },
    ),
    Table(
        "texts_in",
        InboundText,
        lambda c: Q(client=c.client) | Q(from_number__in=c.phones),
        scrub={"from_number": "", "body": ""},
    ),
    Table(
        "calls",
        Call,
        lambda c: Q(client=c.client) | Q(from_number__in=c.phones),
        scrub={"from_number": "", "to_number": "", "summary": ""},
    ),
    Table(
        "webform_submissions",
        Submission,
        lambda c: Q(client=c.client) | Q(email_normalized__in=c.emails),
        scrub={
            "name": PLACEHOLDER,
            "email": "",
            "email_normalized": "",
            "phone": "",
            "product": "",
            "message": "",
        },
    ),
    Table(
        "documents",
        Document,
        _client,
        scrub={"filename": ERASED, "text": "", "error": ""},
        json=("facts",),
    ),
    Table("document_codes", DocumentCode, _client, delete=True, export=False),
    Table("document_words", DocumentWord, _client, delete=True, export=False),
    Table("portal_links", PortalLink, _client, delete=True),
    Table("booking_links", BookingLink, _client),
    Table("bookings", Booking, _client),
    Table("quotes", Quote, _client, scrub={"title": ERASED, "work": "", "client_comment": ""}),
    Table("surveys", Survey, _client, scrub={"comment": "", "offered": ""}, json=("signal",)),
    Table("survey_preferences", SurveyPreference, _client, delete=True),
    Table("journeys", Journey, _client),
    Table("journey_steps", JourneyStep, lambda c: Q(journey__client=c.client), scrub={"note": ""}),
    Table(
        "delivery_plans",
        DeliveryPlan,
        lambda c: Q(journey__client=c.client),
        scrub={"place": "", "prepared": "", "preferences": ""},
    ),
    Table(
        "partner_tasks",
        PartnerTask,
        _case,
        scrub={"title": ERASED, "details": "", "partner_note": ""},
    ),
    Table(
        "expense_claims",
        ExpenseClaim,
        _case,
        scrub={"description": "", "receipt_name": "", "decline_reason": ""},
    ),
    Table("recall_cases", CampaignCase, _client),
    Table("recall_vehicles", CampaignVehicle, _client, scrub={"raw": ""}),
    Table(
        "notifications",
        Notification,
        lambda c: Q(client=c.client) | Q(case__client=c.client),
        scrub={"title": PLACEHOLDER, "body": ""},
        export=False,
    ),
    Table("reviews", Review, _case, scrub={"notes": ""}, export=False),
    # The other system's id may be their address or name (a CSV's client id): it becomes its
    # digest, so that importing the same export again still brings nothing of them back.
    Table(
        "imported_records",
        ImportedRecord,
        _imported,
        rewrite={"foreign_id": erased_foreign_id},
    ),
    Table(
        "webhook_deliveries",
        WebhookDelivery,
        lambda c: Q(payload__data__client=c.client.ref),
        scrub={"response_body": ""},
        json=("payload",),
        export=False,
    ),
]

# Keys of a JSON field (a timeline entry's payload, a webhook's body) whose short text values say
# what happened rather than who: kinds, statuses, clocks, currencies, references.
SAFE_KEYS = frozenset(
    {
        "kind",
        "kinds",
        "status",
        "state",
        "clock",
        "due_at",
        "at",
        "created_at",
        "stage",
        "old",
        "new",
        "currency",
        "source",
        "channel",
        "language",
        "category",
        "priority",
        "tier",
        "event",
        "survey_kind",
        "task_kind",
        "campaign",
        "client",
        "case",
        "reference",
        "outcome",
        "what",
        "mood",
        "signal",
        "type",
        "id",
        "amount",
        "cost",
        "total",
    }
)
# A timeline entry's `changes` keep only these fields' old and new values.
SAFE_CHANGES = frozenset({"status", "priority", "category", "tier", "owner", "owner_id"})
_DROP = object()


def _scrub(value: Any, key: str | None) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value if key in SAFE_KEYS and len(value) <= 64 else _DROP
    if isinstance(value, list):
        return [s for item in value if (s := _scrub(item, key)) is not _DROP]
    if isinstance(value, dict):
        kept = {}
        for k, v in value.items():
            if key == "changes" and k not in SAFE_CHANGES:
                continue
            s = _scrub(v, k if key != "changes" else "status")
            if s is not _DROP:
                kept[k] = s
        return kept
    return _DROP


def scrub_json(value: Any) -> Any:
    """A JSON value without its free text: numbers, booleans and the short values of SAFE_KEYS
    stay (so a status change or an amount still reads), every other string goes."""
    scrubbed = _scrub(value, None)
    return {} if scrubbed is _DROP else scrubbed
