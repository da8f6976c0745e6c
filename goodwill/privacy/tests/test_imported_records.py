"""A client who moved in from another helpdesk: what the import remembers of them
(imports.ImportedRecord: the other system's ids, which may be their address) is exported with
them and erased with them, and importing the same export again brings nothing of them back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from goodwill.cases.models import Case
from goodwill.clients.models import Client, Product
from goodwill.imports.models import ERASED_UNKEYED, ImportedRecord, erased_foreign_id
from goodwill.imports.moving_in import helpdesk_load
from goodwill.imports.records import CaseRecord, ClientRecord, Export, MessageRecord, ProductRecord
from goodwill.organisation.models import Site, User
from goodwill.privacy.selectors import client_data
from goodwill.privacy.services import client_erase
from goodwill.timeline.models import Entry

# A CSV export keyed by address: the id the other system knew her by is personal data.
HER = "ines.moreau@example.com"
OTHER = "paul.keller@example.com"
AT = dt.datetime(2024, 5, 2, 9, 0, tzinfo=dt.UTC)


def _export(*, extra_case: bool = False) -> Export:
    cases = [
        CaseRecord(
            foreign_id="T-1",
            client_id=HER,
            subject="Strap broken",
            opened_at=AT,
            messages=(
                MessageRecord(foreign_id="1", at=AT, direction="in", body="Ines Moreau here"),
            ),
        ),
        CaseRecord(
            foreign_id="T-2",
            client_id=OTHER,
            subject="Invoice",
            opened_at=AT,
            messages=(MessageRecord(foreign_id="1", at=AT, direction="in", body="Paul here"),),
        ),
    ]
    if extra_case:
        cases.append(dataclasses.replace(cases[0], foreign_id="T-3", subject="Ines Moreau again"))
    return Export(
        source="csv",
        clients=[
            ClientRecord(foreign_id=HER, first_name="Ines", last_name="Moreau", email=HER),
            ClientRecord(foreign_id=OTHER, first_name="Paul", last_name="Keller", email=OTHER),
        ],
        products=[
            ProductRecord(
                foreign_id=f"{HER}/watch",
                client_id=HER,
                kind="watch",
                brand="Aurelis",
                model="Chrono",
                serial="SN-4411",
            )
        ],
        cases=cases,
    )


def _records_naming(needle: str) -> list[ImportedRecord]:
    return [r for r in ImportedRecord.objects.all() if needle in r.foreign_id.lower()]


def test_her_imported_records_are_exported_and_erased_with_her(
    care_centre: Site,
    agent: User,
    manager: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # Given Ines came in from the old helpdesk with her watch and a ticket
    helpdesk_load(export=_export())
    ines = Client.objects.get(contact_points__normalized=HER)
    assert len(_records_naming("ines.moreau")) == 2  # her client record and her watch's
    # Then her export lists what the import remembers of her: client, watch, ticket, message
    exported = client_data(client=ines)["imported_records"]
    assert sorted(row["kind"] for row in exported) == ["case", "client", "message", "product"]
    assert {row["foreign_id"] for row in exported} >= {HER, f"{HER}/watch", "T-1"}

    # When a manager erases her
    with django_capture_on_commit_callbacks(execute=True):
        erasure = client_erase(actor=manager, client=ines, reason="She asked (art. 17)")

    # Then no record of the import names her, the proof counts them, and Paul's stay as they were
    assert _records_naming("ines") == []
    rows = json.dumps(
        list(ImportedRecord.objects.values()), cls=DjangoJSONEncoder, ensure_ascii=False
    )
    assert "moreau" not in rows.lower()
    assert erasure.counts["imported_records"] == 4
    assert ImportedRecord.objects.filter(foreign_id=OTHER, kind="client").exists()
    assert ImportedRecord.objects.filter(foreign_id="T-2", kind="case").exists()


def test_importing_the_same_export_again_brings_nothing_of_her_back(
    care_centre: Site,
    agent: User,
    manager: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    helpdesk_load(export=_export())
    ines = Client.objects.get(contact_points__normalized=HER)
    with django_capture_on_commit_callbacks(execute=True):
        client_erase(actor=manager, client=ines, reason="She asked (art. 17)")
    counts = [m.objects.count() for m in (Client, Product, Case, Entry, ImportedRecord)]

    # When the old export, with a ticket of hers the first run did not have, comes in again
    report = helpdesk_load(export=_export(extra_case=True))

    # Then she is known and left erased; her tickets, old and new, bring nothing back
    assert report.tallies["clients"].already == 2 and report.tallies["clients"].new == 0
    assert report.tallies["products"].already == 1
    assert report.tallies["cases"].already == 2 and report.tallies["cases"].refused == 1
    assert any("erased" in p.reason for p in report.problems)
    assert [m.objects.count() for m in (Client, Product, Case, Entry, ImportedRecord)] == counts
    ines.refresh_from_db()
    assert ines.name == f"Erased client {ines.ref}"
    assert not ines.contact_points.exists()
    assert _records_naming("ines") == []


def test_her_ids_are_kept_under_a_keyed_digest_that_a_guess_cannot_find(
    care_centre: Site,
    agent: User,
    manager: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    helpdesk_load(export=_export())
    ines = Client.objects.get(contact_points__normalized=HER)
    with django_capture_on_commit_callbacks(execute=True):
        client_erase(actor=manager, client=ines, reason="She asked (art. 17)")

    # Someone who guesses her address and hashes it finds nothing: the digest is keyed
    kept = set(ImportedRecord.objects.filter(kind="client").values_list("foreign_id", flat=True))
    assert erased_foreign_id(HER) in kept
    assert ERASED_UNKEYED + hashlib.sha256(HER.encode()).hexdigest() not in kept
    assert erased_foreign_id(HER, secret="another installation's key") not in kept


def test_a_rotated_secret_key_or_an_older_unkeyed_erasure_still_keeps_her_out(
    care_centre: Site,
    agent: User,
    manager: User,
    settings: Any,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    helpdesk_load(export=_export())
    ines = Client.objects.get(contact_points__normalized=HER)
    with django_capture_on_commit_callbacks(execute=True):
        client_erase(actor=manager, client=ines, reason="She asked (art. 17)")
    # Her watch's record as an erasure before keyed digests wrote it
    watch = ImportedRecord.objects.get(kind="product", foreign_id=erased_foreign_id(f"{HER}/watch"))
    watch.foreign_id = ERASED_UNKEYED + hashlib.sha256(f"{HER}/watch".encode()).hexdigest()
    watch.save(update_fields=["foreign_id"])
    counts = [m.objects.count() for m in (Client, Product, Case, Entry, ImportedRecord)]

    # When the key is rotated (the old one kept as a fallback) and the export comes in again
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    report = helpdesk_load(export=_export())

    # Then she, her watch and her ticket are all still known, and nothing of her comes back
    assert report.tallies["clients"].already == 2 and report.tallies["clients"].new == 0
    assert report.tallies["products"].already == 1 and report.tallies["products"].new == 0
    assert [m.objects.count() for m in (Client, Product, Case, Entry, ImportedRecord)] == counts
