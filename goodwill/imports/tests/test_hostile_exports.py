"""What a hostile or broken export does: a dry run that writes nothing even for a client already
here, dates out of range, ids that would climb out of their folder, files nested too deeply or
not UTF-8. Each is a reported problem (or a clear UnreadableExport), never a traceback."""

from __future__ import annotations

import json
import sqlite3
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client, Product
from goodwill.imports.models import ImportedRecord
from goodwill.imports.moving_in import helpdesk_load
from goodwill.imports.readers import common, csv_format, django_helpdesk, zammad, zendesk
from goodwill.imports.records import UnreadableExport
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry


@pytest.fixture(autouse=True)
def _vault_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path / "data"  # type: ignore[attr-defined]


CLIENTS = "id,first_name,last_name,email\nC1,Thomas,Lefèvre,thomas.lefevre@example.com\n"
CASES = "id,client_id,subject,opened_at\nK1,C1,Ticking,2024-01-05T10:00:00Z\n"
MESSAGES = "id,case_id,at,direction,body\nM1,K1,2024-01-05T10:00:00Z,in,It ticks\n"


def _csv(
    root: Path,
    *,
    clients: str = CLIENTS,
    cases: str = CASES,
    messages: str = MESSAGES,
    products: str | None = None,
) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "clients.csv").write_text(clients, encoding="utf-8")
    (root / "cases.csv").write_text(cases, encoding="utf-8")
    (root / "messages.csv").write_text(messages, encoding="utf-8")
    if products is not None:
        (root / "products.csv").write_text(products, encoding="utf-8")
    return root


# --- a dry run writes no product -------------------------------------------------------------


def test_a_dry_run_writes_no_product_for_a_client_already_here(
    tmp_path: Path, client_t: Client, agent: User
) -> None:
    export = _csv(
        tmp_path / "csv",
        products="id,client_id,kind,brand,model\nP1,C1,watch,Aurelis,Chronograph 42\n",
    )
    counts = [m.objects.count() for m in (Product, ImportedRecord, OutboundMessage, Case, Entry)]

    report = helpdesk_load(export=csv_format.read(export), dry_run=True)

    assert [
        m.objects.count() for m in (Product, ImportedRecord, OutboundMessage, Case, Entry)
    ] == counts
    assert report.tallies["clients"].matched == 1
    assert report.tallies["products"].new == 1
    assert not report.problems


def test_a_dry_run_writes_no_product_for_a_client_imported_before(
    tmp_path: Path, client_t: Client, agent: User
) -> None:
    export = _csv(tmp_path / "csv")
    helpdesk_load(export=csv_format.read(export))  # the client is imported before
    (export / "products.csv").write_text(
        "id,client_id,kind,brand,model\nP1,C1,watch,Aurelis,Chronograph 42\n", encoding="utf-8"
    )
    counts = [m.objects.count() for m in (Product, ImportedRecord, OutboundMessage)]

    report = helpdesk_load(export=csv_format.read(export), dry_run=True)

    assert [m.objects.count() for m in (Product, ImportedRecord, OutboundMessage)] == counts
    assert report.tallies["clients"].already == 1
    assert report.tallies["products"].new == 1


# --- dates out of range ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-05:00"])
def test_a_date_out_of_range_is_a_bad_record(value: str) -> None:
    with pytest.raises(common.Bad, match="opened_at is out of range"):
        common.when(value, "opened_at")


def test_a_csv_row_with_a_date_out_of_range_is_reported_and_the_rest_comes_in(
    tmp_path: Path, care_centre: Site, agent: User
) -> None:
    export = _csv(
        tmp_path / "csv",
        cases=CASES + "K2,C1,Too early,0001-01-01T00:00:00+01:00\n",
        messages=MESSAGES + "M2,K1,9999-12-31T23:00:00-05:00,in,Too late\n",
    )

    read = csv_format.read(export)
    report = helpdesk_load(export=read)

    reasons = [str(p) for p in report.problems]
    assert any("cases.csv:3" in r and "opened_at is out of range" in r for r in reasons)
    assert any("messages.csv:3" in r and "at is out of range" in r for r in reasons)
    case = Case.objects.get()
    assert case.summary == "Ticking"
    assert Entry.objects.filter(case=case, kind=Entry.Kind.MESSAGE_IN).count() == 1


def _zendesk_ticket(ticket_id: object, created: str = "2024-01-05T10:00:00Z") -> dict[str, object]:
    return {
        "id": ticket_id,
        "subject": f"Ticket {ticket_id}",
        "requester_id": 5,
        "created_at": created,
        "comments": [
            {"id": f"{ticket_id}0", "author_id": 5, "body": "Hello", "created_at": created}
        ],
    }


def test_a_zendesk_ticket_with_a_date_out_of_range_is_reported_and_the_rest_comes_in(
    tmp_path: Path, care_centre: Site, agent: User
) -> None:
    (tmp_path / "tickets.json").write_text(
        json.dumps(
            {
                "tickets": [
                    _zendesk_ticket(1),
                    _zendesk_ticket(2, "9999-12-31T23:00:00-05:00"),
                    _zendesk_ticket(3, "0001-01-01T00:00:00+01:00"),
                ],
                "users": [{"id": 5, "name": "Ana Lima", "email": "ana@example.com"}],
            }
        )
    )

    report = helpdesk_load(export=zendesk.read(tmp_path))

    reasons = [str(p) for p in report.problems]
    assert any("ticket 2" in r and "created_at is out of range" in r for r in reasons)
    assert any("ticket 3" in r and "created_at is out of range" in r for r in reasons)
    assert list(Case.objects.values_list("summary", flat=True)) == ["Ticket 1"]


# --- a foreign id never names a file outside its folder --------------------------------------


def test_a_zendesk_ticket_id_cannot_read_a_file_outside_comments(
    tmp_path: Path, care_centre: Site, agent: User
) -> None:
    export = tmp_path / "export"
    (export / "comments").mkdir(parents=True)
    # A JSON file beside the export that a ticket id "../../secret" would reach.
    (tmp_path / "secret.json").write_text(
        '{"comments": [{"id": 99, "author_id": 5, "body": "SECRET",'
        ' "created_at": "2024-01-05T10:00:00Z"}]}'
    )
    good = _zendesk_ticket(7)
    del good["comments"]
    (export / "comments" / "7.json").write_text(
        '{"comments": [{"id": 70, "author_id": 5, "body": "Strap broke",'
        ' "created_at": "2024-01-05T10:00:00Z"}]}'
    )
    hostile = _zendesk_ticket("../../secret")
    del hostile["comments"]
    (export / "tickets.json").write_text(
        json.dumps({"tickets": [good, hostile], "users": [{"id": 5, "email": "ana@example.com"}]})
    )

    report = helpdesk_load(export=zendesk.read(export))

    reasons = [str(p) for p in report.problems]
    assert any("cannot name a file" in r for r in reasons)
    assert not Entry.objects.filter(body__contains="SECRET").exists()
    assert Entry.objects.filter(body="Strap broke").exists()


def test_a_zammad_ticket_id_cannot_read_a_file_outside_ticket_articles(
    tmp_path: Path, care_centre: Site, agent: User
) -> None:
    export = tmp_path / "export"
    (export / "ticket_articles").mkdir(parents=True)
    (tmp_path / "secret.json").write_text(
        '[{"id": 99, "sender": "Customer", "type": "email", "body": "SECRET",'
        ' "created_at": "2024-01-05T10:00:00Z"}]'
    )
    (export / "ticket_articles" / "7.json").write_text(
        '[{"id": 70, "sender": "Customer", "type": "email", "body": "Strap broke",'
        ' "created_at": "2024-01-05T10:00:00Z"}]'
    )
    tickets = [
        {"id": 7, "title": "Strap", "customer_id": 5, "created_at": "2024-01-05T10:00:00Z"},
        {
            "id": "../../secret",
            "title": "X",
            "customer_id": 5,
            "created_at": "2024-01-05T10:00:00Z",
        },
    ]
    (export / "tickets.json").write_text(json.dumps(tickets))
    (export / "users.json").write_text('[{"id": 5, "lastname": "Lima", "email": "a@example.com"}]')

    report = helpdesk_load(export=zammad.read(export))

    reasons = [str(p) for p in report.problems]
    assert any("ticket ../../secret" in r and "cannot name a file" in r for r in reasons)
    assert not Entry.objects.filter(body__contains="SECRET").exists()
    assert Entry.objects.filter(body="Strap broke").exists()


@pytest.mark.parametrize("foreign_id", ["..", ".", "a/b", "a\\b", "a\0b", ""])
def test_an_id_that_is_not_a_plain_name_names_no_file(tmp_path: Path, foreign_id: str) -> None:
    with pytest.raises(common.Bad, match="cannot name a file"):
        common.named_file(tmp_path, foreign_id)


def test_a_plain_id_names_its_file_and_a_missing_one_none(tmp_path: Path) -> None:
    (tmp_path / "7.json").write_text("{}")
    assert common.named_file(tmp_path, "7") == (tmp_path / "7.json").resolve()
    assert common.named_file(tmp_path, "8") is None
    assert common.named_file(tmp_path / "absent", "7") is None


# --- files a reader cannot read --------------------------------------------------------------


def test_json_nested_too_deeply_is_unreadable_not_a_recursion_error(tmp_path: Path) -> None:
    deep = tmp_path / "tickets.json"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(UnreadableExport, match="nested too deeply"):
        common.load_json(deep)


def test_a_json_line_nested_too_deeply_is_a_reported_line(
    tmp_path: Path, care_centre: Site, agent: User
) -> None:
    lines = tmp_path / "export.jsonl"
    lines.write_text(
        json.dumps(_zendesk_ticket(1)) + "\n" + "[" * 200_000 + "]" * 200_000 + "\n",
        encoding="utf-8",
    )

    export = zendesk.read(lines)

    assert any(
        "export.jsonl:2" in str(p) and "nested too deeply" in str(p) for p in export.problems
    )
    assert [c.foreign_id for c in export.cases] == ["1"]


def test_a_zammad_articles_file_nested_too_deeply_is_a_reported_ticket(
    tmp_path: Path, care_centre: Site, agent: User
) -> None:
    (tmp_path / "ticket_articles").mkdir()
    (tmp_path / "ticket_articles" / "7.json").write_text("[" * 200_000 + "]" * 200_000)
    (tmp_path / "tickets.json").write_text(
        '[{"id": 7, "title": "Strap", "customer_id": 5, "created_at": "2024-01-05T10:00:00Z"}]'
    )

    export = zammad.read(tmp_path)

    assert any("ticket 7" in str(p) and "nested too deeply" in str(p) for p in export.problems)
    assert not export.cases


def test_zendesk_lists_of_the_wrong_shape_are_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"tickets": 5, "users": 7, "organizations": true}')
    (tmp_path / "b.json").write_text(json.dumps({"tickets": [_zendesk_ticket(1)]}))

    export = zendesk.read(tmp_path)

    reasons = [str(p) for p in export.problems]
    assert any("tickets is not a list" in r for r in reasons)
    assert any("users is not a list" in r for r in reasons)
    assert any("organizations is not a list" in r for r in reasons)
    assert [c.foreign_id for c in export.cases] == ["1"]


def test_a_csv_file_that_is_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    export = _csv(tmp_path / "csv")
    (export / "messages.csv").write_bytes(
        MESSAGES.encode() + b"M2,K1,2024-01-05T10:00:00Z,in,\xff\n"
    )
    with pytest.raises(UnreadableExport, match=r"messages\.csv is not UTF-8"):
        csv_format.read(export)


def test_a_csv_field_over_the_limit_is_a_clear_error(tmp_path: Path) -> None:
    export = _csv(tmp_path / "csv")
    (export / "messages.csv").write_text(
        MESSAGES + 'M2,K1,2024-01-05T10:00:00Z,in,"' + "x" * (11 * 1024 * 1024) + '"\n'
    )
    with pytest.raises(UnreadableExport, match=r"messages\.csv is not readable CSV"):
        csv_format.read(export)


def test_a_nul_byte_in_a_csv_file_is_no_traceback(
    tmp_path: Path, care_centre: Site, agent: User
) -> None:
    export = _csv(tmp_path / "csv", messages=MESSAGES + "M2,K1,2024-01-05T10:00:00Z,in,a\0b\n")
    try:
        read = csv_format.read(export)
    except UnreadableExport:
        return  # an unreadable export, said clearly: fine too
    helpdesk_load(export=read)
    # PostgreSQL takes no NUL in a text: the byte goes, the message stays.
    assert Case.objects.count() == 1
    assert Entry.objects.filter(body__contains="ab").exists()
    assert all("\x00" not in body for body in Entry.objects.values_list("body", flat=True))


def test_the_command_says_why_an_export_is_unreadable(tmp_path: Path, care_centre: Site) -> None:
    export = _csv(tmp_path / "csv")
    (export / "clients.csv").write_bytes(b"id,email\n\xff\xfe,x\n")
    with pytest.raises(CommandError, match=r"clients\.csv is not UTF-8"):
        call_command("helpdesk_import", "--from", "csv", str(export), stdout=StringIO())


# --- django-helpdesk: SQLite keeps whatever type it was given --------------------------------


def test_a_django_helpdesk_ticket_of_odd_types_is_reported_not_raised(
    tmp_path: Path, care_centre: Site, agent: User
) -> None:
    from goodwill.imports.tests.test_moving_in import SCHEMA

    path = tmp_path / "helpdesk.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    db.executescript(
        """
        INSERT INTO helpdesk_queue VALUES (1, 'Care', 'care', 'care@aurelis.example', 'en', 1, 1,
          NULL);
        INSERT INTO helpdesk_ticket VALUES (1, 'Fine', '2023-11-02 08:00:00',
          '2023-11-02 08:00:00', 'pia@example.com', 1, 0, 'Clasp loose', NULL, 3, NULL, NULL,
          'abc', NULL, 1, NULL);
        INSERT INTO helpdesk_ticket VALUES (2, 'Infinite status', '2023-11-02 08:00:00',
          '2023-11-02 08:00:00', 'pia@example.com', 1e999, 0, 'x', NULL, 3, NULL, NULL, 'def',
          NULL, 1, NULL);
        INSERT INTO helpdesk_ticket VALUES (3, 'Too early', '0001-01-01T00:00:00+01:00',
          '2023-11-02 08:00:00', 'pia@example.com', 1, 0, 'x', NULL, 3, NULL, NULL, 'ghi',
          NULL, 1, NULL);
        """
    )
    db.commit()
    db.close()

    export = django_helpdesk.read(str(path))

    reasons = [str(p) for p in export.problems]
    assert any("helpdesk_ticket 2" in r and "status" in r for r in reasons)
    assert any("helpdesk_ticket 3" in r and "created is out of range" in r for r in reasons)
    assert [c.foreign_id for c in export.cases] == ["1"]
