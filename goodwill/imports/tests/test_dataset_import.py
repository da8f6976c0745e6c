"""Loading the benchmark dataset: everything lands, is searchable, and a second run changes
nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.db.models import F, Max

from goodwill.cases.models import Case
from goodwill.clients.models import Client, ContactPoint, Cover, Identifier, Product
from goodwill.clients.selectors import client_search
from goodwill.clients.services import identifiers_index
from goodwill.imports.services import BadRow, dataset_import
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry

MESSAGE_KINDS = ["message_in", "message_out", "call"]


def rows(directory: Path, name: str) -> list[dict[str, Any]]:
    with (directory / f"{name}.jsonl").open(encoding="utf-8") as file:
        return [json.loads(line) for line in file]


def counts() -> dict[str, int]:
    return {
        "sites": Site.objects.exclude(code="CH-CARE").count(),
        "advisors": User.objects.filter(code__startswith="ADV").count(),
        "clients": Client.objects.count(),
        "products": Product.objects.count(),
        "cases": Case.objects.count(),
        "messages": Entry.objects.filter(kind__in=MESSAGE_KINDS).count(),
        "case_opened": Entry.objects.filter(kind="case_opened").count(),
        "covers": Cover.objects.count(),
        "contact points": ContactPoint.objects.count(),
        "identifiers": Identifier.objects.count(),
    }


def test_it_loads_every_row_announced_in_meta_json(db: None, dataset: Path) -> None:
    meta = json.loads((dataset / "meta.json").read_text())["counts"]

    report = dataset_import(directory=dataset, progress=False)

    assert report.bad_rows == []
    assert {file.removesuffix(".jsonl"): n for file, n in report.inserted.items()} == meta
    loaded = counts()
    assert {key: loaded[key] for key in meta} == meta
    assert loaded["case_opened"] == meta["cases"]
    assert loaded["covers"] == meta["products"]  # every product has its warranty
    assert loaded["contact points"] == 2 * meta["clients"]


def test_it_finds_a_client_by_plate_phone_and_name(agent: User, dataset: Path) -> None:
    car = next(p for p in rows(dataset, "products") if p["plate"])
    owner = next(c for c in rows(dataset, "clients") if c["id"] == car["client_id"])

    dataset_import(directory=dataset, progress=False)

    for query in (car["plate"].lower(), owner["phone"], owner["email"].upper(), owner["last_name"]):
        hits = client_search(user=agent, query=query, country=owner["country"])
        assert owner["ref"] in [hit.client.ref for hit in hits], query


def test_its_search_index_is_the_one_client_services_would_build(db: None, dataset: Path) -> None:
    dataset_import(directory=dataset, progress=False)

    for client in Client.objects.all():
        imported = set(
            Identifier.objects.filter(client=client).values_list(
                "site_id", "kind", "value", "display"
            )
        )
        identifiers_index(client=client)
        rebuilt = set(
            Identifier.objects.filter(client=client).values_list(
                "site_id", "kind", "value", "display"
            )
        )
        assert imported == rebuilt, client.ref


def test_a_case_lives_on_its_clients_site_whoever_owns_it(db: None, dataset: Path) -> None:
    dataset_import(directory=dataset, progress=False)

    assert Case.objects.exclude(site_id=F("client__site_id")).count() == 0


def test_last_activity_is_the_latest_entry(db: None, dataset: Path) -> None:
    dataset_import(directory=dataset, progress=False)

    for client in Client.objects.annotate(latest=Max("timeline__at")):
        assert client.last_activity_at == (client.latest or client.client_since), client.ref
    for case in Case.objects.annotate(latest=Max("timeline__at")):
        assert case.last_activity_at == case.latest, case.reference


def test_messages_become_timeline_entries_by_channel_and_direction(db: None, dataset: Path) -> None:
    messages = rows(dataset, "messages")
    call = next(m for m in messages if m["channel"] == "phone")
    reply = next(m for m in messages if m["channel"] == "email" and m["direction"] == "outbound")

    dataset_import(directory=dataset, progress=False)

    entry = Entry.objects.get(source_key=f"ds:msg:{call['id']}")
    assert entry.kind == "call"
    assert entry.summary == call["body"].splitlines()[0]
    assert entry.payload == {"direction": call["direction"], "duration_seconds": 0}
    entry = Entry.objects.select_related("actor", "client").get(source_key=f"ds:msg:{reply['id']}")
    assert entry.kind == "message_out"
    assert entry.actor is not None and entry.actor.code == f"ADV{reply['author_id']:05d}"
    assert entry.payload == {
        "to": entry.client.contact_points.get(kind="email").value,
        "status": "sent",
    }
    assert (entry.summary, entry.body) == (reply["subject"], reply["body"])


def test_a_second_run_changes_nothing(db: None, dataset: Path) -> None:
    first = dataset_import(directory=dataset, progress=False)
    before = counts()

    second = dataset_import(directory=dataset, progress=False)

    assert sum(second.inserted.values()) == 0
    assert second.skipped == first.inserted
    assert sum(second.derived.values()) == 0
    assert counts() == before


def test_it_reports_bad_rows_with_file_and_line_and_loads_the_rest(db: None, dataset: Path) -> None:
    meta = json.loads((dataset / "meta.json").read_text())["counts"]
    lines = meta["messages"]
    a_case = rows(dataset, "cases")[0]
    with (dataset / "messages.jsonl").open("a", encoding="utf-8") as file:
        file.write('{"id": 1, "case_id": \n')
        file.write(
            json.dumps({**rows(dataset, "messages")[0], "id": 999_999_901, "case_id": 999_999})
            + "\n"
        )
    with (dataset / "cases.jsonl").open("a", encoding="utf-8") as file:
        file.write(
            json.dumps({key: value for key, value in a_case.items() if key != "opened_at"}) + "\n"
        )

    report = dataset_import(directory=dataset, progress=False)

    assert report.bad_rows[0] == BadRow(
        file="cases.jsonl", line=meta["cases"] + 1, reason="opened_at is missing"
    )
    assert report.bad_rows[1].file == "messages.jsonl"
    assert report.bad_rows[1].line == lines + 1
    assert report.bad_rows[1].reason.startswith("not JSON")
    assert str(report.bad_rows[2]) == f"messages.jsonl:{lines + 2}: unknown case 999999"
    assert len(report.bad_rows) == 3
    assert report.inserted["messages.jsonl"] == lines
    assert Entry.objects.filter(kind__in=MESSAGE_KINDS).count() == lines


def test_time_shift_moves_every_date(db: None, dataset: Path) -> None:
    client, product, case = (
        rows(dataset, "clients")[0],
        rows(dataset, "products")[0],
        rows(dataset, "cases")[0],
    )
    shift = dt.timedelta(days=150)

    dataset_import(directory=dataset, progress=False, time_shift=shift)

    def parsed(value: str) -> dt.datetime:
        return dt.datetime.fromisoformat(value)

    assert (
        Client.objects.get(ref=client["ref"]).client_since == parsed(client["created_at"]) + shift
    )
    loaded_case = Case.objects.get(reference=case["ref"])
    assert loaded_case.opened_at == parsed(case["opened_at"]) + shift
    assert loaded_case.closed_at == parsed(case["closed_at"]) + shift
    cover = Cover.objects.get(product__source_key=f"ds:product:{product['id']}")
    assert cover.starts_on == dt.date.fromisoformat(product["purchase_date"]) + shift
    assert cover.ends_on == dt.date.fromisoformat(product["warranty_end"]) + shift
    latest = max(parsed(m["at"]) for m in rows(dataset, "messages"))
    assert Entry.objects.aggregate(Max("at"))["at__max"] == latest + shift


def test_a_taken_email_is_left_out_with_a_warning(db: None, dataset: Path) -> None:
    clients = rows(dataset, "clients")
    clients[5]["email"] = clients[2]["email"].upper()  # the same address, as another client
    (dataset / "clients.jsonl").write_text(
        "".join(json.dumps(c) + "\n" for c in clients), encoding="utf-8"
    )

    report = dataset_import(directory=dataset, progress=False)

    assert report.bad["clients.jsonl"] == 0 and report.inserted["clients.jsonl"] == len(clients)
    assert [str(w) for w in report.warnings] == [
        f"clients.jsonl:6: email {clients[5]['email']!r} already belongs to {clients[2]['ref']}; "
        "the client is loaded without it"
    ]
    second = Client.objects.get(ref=clients[5]["ref"])
    assert not second.contact_points.filter(kind="email").exists()
    assert not second.identifiers.filter(kind="email").exists()


def test_no_case_is_owned_by_someone_who_cannot_see_its_client(db: None, dataset: Path) -> None:
    dataset_import(directory=dataset, progress=False)
    foreign = Case.objects.exclude(owner__site=F("client__site")).exclude(
        owner__site__kind="care_centre"
    )
    assert not foreign.exists()
    moved = [
        c
        for c in rows(dataset, "cases")
        if c["advisor_id"]
        != next(x["advisor_id"] for x in rows(dataset, "clients") if x["id"] == c["client_id"])
    ]
    assert moved, "the dataset hands some cases to other advisors; this test needs one"
