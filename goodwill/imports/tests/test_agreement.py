"""One set of rules: a client with a car, a case and three messages, written once through the live
services and once by import_dataset from a dataset file, end up the same.

The two runs share the sites and staff. The live run is rolled back before the import, so both
write into the same database state; the dataset is written after the live run, with the client
and case references the live run used (case_open hands out its own).

Compared: contact points, search identifiers (kind, value, display, site), the client's tier,
verification, advisors and activity, the product's stored codes, the case's owner and fields,
and the entries both paths write (case opened, message in, message out, call) with their
payloads. The live path writes more entries (client created, product added, the tier change,
new → open) that the import does not: history brought over starts at the case.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from goodwill.care.models import TierThreshold
from goodwill.cases.models import Case
from goodwill.cases.services import case_log_call, case_open
from goodwill.clients import rules
from goodwill.clients.models import Client
from goodwill.clients.services import client_create, product_add
from goodwill.imports.services import dataset_import
from goodwill.organisation.models import Site, User
from goodwill.timeline import services as timeline
from goodwill.timeline.models import Entry

UTC = dt.UTC
SINCE = dt.datetime(2024, 5, 2, 10, 0, tzinfo=UTC)
BOUGHT = dt.date(2024, 5, 2)
OPENED = dt.datetime(2026, 3, 2, 8, 15, tzinfo=UTC)
WROTE = dt.datetime(2026, 3, 2, 8, 16, tzinfo=UTC)
ANSWERED = dt.datetime(2026, 3, 2, 11, 40, tzinfo=UTC)
CALLED = dt.datetime(2026, 3, 3, 9, 5, tzinfo=UTC)

CLIENT = {
    "ref": "CL-0000042",
    "first_name": "Thomas",
    "last_name": "Lefèvre",
    # As a dealer's old system holds them: the address in capitals, the number national, no
    # country of their own (the Munich site's is used to read it).
    "email": " Thomas.LEFEVRE@Example.com ",
    "phone": "0171 2345678",
    "country": "",
    "language": "de",
    # Their file says standard; what they own says VIP (the EUR threshold below).
    "tier": "standard",
}
CAR = {
    "kind": "car",
    "brand": "Aurelis",
    "model": "GT Spyder",
    "serial": "",
    "vin": "zar12345678901234",
    "plate": "m-ab 1234",
    "price": Decimal("152000.00"),
    "currency": "EUR",
}
CASE = {
    "subject": "Flat tyre on holiday",
    "category": "breakdown",
    "channel": "phone",
    "priority": 2,
    "language": "de",
}
MAIL_IN = {"subject": "Reifen", "body": "Der Reifen ist platt.\nBitte rufen Sie an."}
MAIL_OUT = {"subject": "Re: Reifen", "body": "Sehr geehrter Herr Lefèvre,\nwir rufen Sie an."}
# A call note typed on Windows: its summary is the first line, without the "\r".
CALL_NOTES = "Called back about the tyre\r\nRoadside assistance on its way"
OBSERVED_KINDS = ("case_opened", "message_in", "message_out", "call")


@pytest.fixture
def away_with_a_foreign_backup(advisor: User, foreign_dealer: User) -> User:
    """Anna is away the day the case opens, and her backup works for the Paris dealer: he may
    not serve her Munich client, so the case stays hers. The dataset, for its part, names him
    as the case's advisor."""
    User.objects.filter(pk=advisor.pk).update(
        code="ADV00001",
        backup=foreign_dealer,
        away_from=OPENED.date() - dt.timedelta(days=1),
        away_until=OPENED.date() + dt.timedelta(days=3),
    )
    User.objects.filter(pk=foreign_dealer.pk).update(code="ADV00002")
    return User.objects.select_related("site", "backup").get(pk=advisor.pk)


@pytest.fixture
def eur_thresholds(db: None) -> None:
    TierThreshold.objects.create(
        currency="EUR", premium_from=Decimal("60000"), vip_from=Decimal("120000")
    )


def observed(client: Client) -> dict[str, Any]:
    """What both paths must agree on, named by codes and references rather than database ids
    (the live run is rolled back, and PostgreSQL does not give its ids back)."""
    codes = dict(User.objects.values_list("pk", "code"))
    sites = dict(Site.objects.values_list("pk", "code"))
    client.refresh_from_db()
    product = client.products.get()
    case = Case.objects.get(client=client)
    entries = Entry.objects.filter(client=client, kind__in=OBSERVED_KINDS).order_by("at", "id")

    def payload(entry: Entry) -> dict[str, Any]:
        named = dict(entry.payload)
        if "owner_id" in named:
            named["owner_id"] = codes[named["owner_id"]]
        return named

    return {
        "client": {
            "ref": client.ref,
            "name": client.name,
            "site": sites[client.site_id],
            "tier": client.tier,
            "tier_set_by_hand": client.tier_set_by_hand,
            "verified": client.verified,
            "advisor": codes[client.advisor_id],
            "backup_advisor": codes.get(client.backup_advisor_id),
            "client_since": client.client_since,
            "last_activity_at": client.last_activity_at,
        },
        "contact points": sorted(
            client.contact_points.values_list("kind", "value", "normalized", "is_primary")
        ),
        "identifiers": sorted(
            (sites[site], kind, value, display)
            for site, kind, value, display in client.identifiers.values_list(
                "site_id", "kind", "value", "display"
            )
        ),
        "product": {
            "codes": (product.serial, product.vin, product.plate),
            "selling_advisor": codes.get(product.selling_advisor_id),
            "site": sites[product.site_id] if product.site_id else None,
        },
        "case": {
            "reference": case.reference,
            "owner": codes[case.owner_id],
            "selling_advisor": codes.get(case.selling_advisor_id),
            "site": sites[case.site_id],
            "status": case.status,
            "summary": case.summary,
            "category": case.category,
            "channel": case.channel,
            "priority": case.priority,
            "language": case.language,
            "opened_at": case.opened_at,
            "last_activity_at": case.last_activity_at,
        },
        "entries": [
            (
                e.kind,
                e.at,
                codes.get(e.actor_id),
                e.summary,
                e.body,
                e.channel,
                sorted(payload(e).items()),
            )
            for e in entries
        ],
    }


def live(*, munich: Site, advisor: User) -> dict[str, Any]:
    """Through the services, as an advisor's screens, the intake and the outbox write it."""
    client = client_create(
        actor=None,
        site=munich,
        advisor=advisor,
        client_since=SINCE,
        **CLIENT,
    )
    car = product_add(
        actor=None,
        client=client,
        selling_advisor=advisor,
        purchase_date=BOUGHT,
        at=SINCE,
        **CAR,
    )
    case = case_open(
        actor=None,
        client=client,
        product=car,
        summary=CASE["subject"],
        category=CASE["category"],
        channel=CASE["channel"],
        priority=CASE["priority"],
        language=CASE["language"],
        opened_at=OPENED,
    )
    # The client writes from their address as they spell it; the intake records the sender so.
    timeline.record_message_in(
        client=client,
        case=case,
        sender=rules.sender_address(CLIENT["email"]),
        channel="email",
        at=WROTE,
        **MAIL_IN,
    )
    # The outbox writes to the address on file.
    address = client.contact_points.get(kind="email").value
    timeline.record_message_out(
        case=case, actor=advisor, to=address, at=ANSWERED, status="sent", **MAIL_OUT
    )
    case_log_call(
        actor=advisor,
        case=case,
        direction="outbound",
        duration_seconds=0,
        summary=CALL_NOTES,
        at=CALLED,
    )
    return observed(client)


def write_dataset(
    directory: Path, *, munich: Site, paris: Site, staff: dict[str, User], case_ref: str
) -> Path:
    """The same story as shared/bench/dataset.py would write it (DATASET.md)."""

    def when(moment: dt.datetime) -> str:
        return moment.isoformat().replace("+00:00", "Z")

    directory.mkdir()
    files: dict[str, list[dict[str, Any]]] = {
        "sites": [
            {
                "id": n,
                "code": s.code,
                "name": s.name,
                "kind": s.kind,
                "city": s.city,
                "country": s.country,
                "timezone": s.timezone,
                "email": s.email,
            }
            for n, s in ((1, munich), (2, paris))
        ],
        "advisors": [
            {
                "id": n,
                "code": u.code,
                "first_name": u.first_name,
                "last_name": u.last_name,
                "email": u.email,
                "phone": "",
                "site_id": site_id,
                "languages": ["en"],
                "role": "advisor",
            }
            for n, u, site_id in ((1, staff["anna"], 1), (2, staff["pierre"], 2))
        ],
        "clients": [{"id": 1, **CLIENT, "advisor_id": 1, "site_id": 1, "created_at": when(SINCE)}],
        "products": [
            {
                **CAR,
                "id": 11,
                "client_id": 1,
                "price": float(CAR["price"]),
                "purchase_date": BOUGHT.isoformat(),
                "warranty_end": "2027-05-02",
                "site_id": 1,
            }
        ],
        "cases": [
            # The file says Pierre handled it: he may not serve a Munich client.
            {
                **CASE,
                "id": 12,
                "ref": case_ref,
                "client_id": 1,
                "product_id": 11,
                "opened_at": when(OPENED),
                "closed_at": None,
                "status": "open",
                "advisor_id": 2,
                "site_id": 2,
            }
        ],
        "messages": [
            {
                "id": 1201,
                "case_id": 12,
                "client_id": 1,
                "seq": 1,
                "direction": "inbound",
                "channel": "email",
                "author_type": "client",
                "author_id": 1,
                "author_email": CLIENT["email"],
                "at": when(WROTE),
                **MAIL_IN,
            },
            {
                "id": 1202,
                "case_id": 12,
                "client_id": 1,
                "seq": 2,
                "direction": "outbound",
                "channel": "email",
                "author_type": "advisor",
                "author_id": 1,
                "author_email": staff["anna"].email,
                "at": when(ANSWERED),
                **MAIL_OUT,
            },
            {
                "id": 1203,
                "case_id": 12,
                "client_id": 1,
                "seq": 3,
                "direction": "outbound",
                "channel": "phone",
                "author_type": "advisor",
                "author_id": 1,
                "author_email": staff["anna"].email,
                "at": when(CALLED),
                "subject": "",
                "body": CALL_NOTES,
            },
        ],
    }
    for name, rows in files.items():
        (directory / f"{name}.jsonl").write_text(
            "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
        )
    counts = {name: len(rows) for name, rows in files.items()}
    (directory / "meta.json").write_text(json.dumps({"counts": counts}), encoding="utf-8")
    return directory


def test_the_import_and_the_live_services_write_the_same_client(
    away_with_a_foreign_backup: User,
    foreign_dealer: User,
    munich: Site,
    paris: Site,
    eur_thresholds: None,
    tmp_path: Path,
) -> None:
    anna = away_with_a_foreign_backup
    with transaction.atomic():
        through_services = live(munich=munich, advisor=anna)
        transaction.set_rollback(True)
    assert not Client.objects.exists()
    directory = write_dataset(
        tmp_path / "story",
        munich=munich,
        paris=paris,
        staff={"anna": anna, "pierre": User.objects.get(pk=foreign_dealer.pk)},
        case_ref=through_services["case"]["reference"],
    )

    report = dataset_import(directory=directory, progress=False)

    assert report.bad_rows == [] and report.warnings == []
    imported = observed(Client.objects.get(ref=CLIENT["ref"]))
    for part in through_services:
        assert imported[part] == through_services[part], part
    # And what they agree on is what the rules say.
    assert imported["client"]["tier"] == "vip"
    assert imported["case"]["owner"] == "ADV00001"
    assert ("email", "Thomas.LEFEVRE@Example.com", "thomas.lefevre@example.com", True) in (
        imported["contact points"]
    )
    assert ("phone", "+49 171 2345678", "+491712345678", True) in imported["contact points"]
    assert ("DE-MUN-001", "plate", "MAB1234", "M-AB 1234") in imported["identifiers"]
    call = next(entry for entry in imported["entries"] if entry[0] == "call")
    assert call[3] == "Called back about the tyre"
