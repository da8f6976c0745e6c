"""Moving in from Zendesk, Zammad, django-helpdesk and CSV: small exports in their real shapes,
written by hand (exports/), imported as a brand would."""

from __future__ import annotations

import datetime as dt
import sqlite3
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from goodwill.care.models import Clock
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client, ContactPoint, Product
from goodwill.documents.models import Document
from goodwill.imports.models import ImportedRecord
from goodwill.imports.moving_in import helpdesk_load
from goodwill.imports.readers import csv_format, django_helpdesk, zammad, zendesk
from goodwill.notifications.models import Notification
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry

EXPORTS = Path(__file__).parent / "exports"
PDF = b"%PDF-1.4\n% follow-up scan\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _vault_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path / "data"  # type: ignore[attr-defined]


@pytest.fixture
def chiara(agent: User) -> User:
    """The care centre's agent, known to the old helpdesks by this address."""
    User.objects.filter(pk=agent.pk).update(email="chiara@aurelis.example")
    agent.refresh_from_db()
    return agent


def _when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC)


def _entries(case: Case) -> list[Entry]:
    return list(
        Entry.objects.filter(
            case=case, kind__in=[Entry.Kind.MESSAGE_IN, Entry.Kind.MESSAGE_OUT, Entry.Kind.NOTE]
        ).order_by("at")
    )


# --- Zendesk ----------------------------------------------------------------------------------


def test_a_zendesk_export_comes_in_with_its_conversations(
    chiara: User, client_t: Client, care_centre: Site
) -> None:
    report = helpdesk_load(export=zendesk.read(EXPORTS / "zendesk"))

    # Marie is new, at the care centre; Thomas is the client already here by his address.
    marie = Client.objects.get(contact_points__normalized="marie.dupont@example.com")
    assert (marie.first_name, marie.last_name, marie.site) == ("Marie", "Dupont", care_centre)
    assert marie.verified is False and marie.language == "fr"
    assert Client.objects.count() == 2
    case = Case.objects.get(client=marie)
    assert case.summary == "My watch stops at night"
    assert case.owner == chiara  # the assignee, matched by address
    assert case.status == "resolved" and case.closed_at == _when("2024-03-04T16:30:00+00:00")
    assert case.opened_at == _when("2024-03-01T09:00:00+00:00")
    first, note, reply = _entries(case)
    assert (first.kind, first.at, first.payload["from"]) == (
        "message_in",
        _when("2024-03-01T09:00:00+00:00"),
        "marie.dupont@example.com",
    )
    assert "stops every night" in first.body
    document = Document.objects.get(client=marie)
    assert (document.filename, document.mime_type, document.case_id) == (
        "invoice.pdf",
        "application/pdf",
        case.pk,
    )
    assert first.payload["documents"] == [{"id": document.pk, "name": "invoice.pdf"}]
    # public: false stays an internal note, never a message to the client.
    assert note.kind == "note" and note.actor == chiara and "VIP" in note.body
    # HTML is reduced to text as the e-mail channel does; the script is gone.
    assert reply.kind == "message_out" and reply.actor == chiara
    assert "collect it tomorrow" in reply.body and "alert" not in reply.body
    assert "<p>" not in reply.body
    # The attachment named "../../etc/passwd" is not read from anywhere outside the export.
    assert reply.payload["attachments_left_out"][0]["name"] == "passwd"

    # Thomas's ticket went to his story, owned by his advisor: its assignee is not staff here.
    thomas_case = Case.objects.get(client=client_t)
    assert thomas_case.owner == client_t.advisor
    assert [e.kind for e in _entries(thomas_case)] == ["message_in"]

    assert report.tallies["clients"].new == 1 and report.tallies["clients"].matched == 1
    assert report.tallies["cases"].new == 2
    assert report.tallies["messages"].new == 4
    assert report.tallies["attachments"].new == 1
    reasons = [str(p) for p in report.problems]
    assert any("tickets.jsonl:3" in r and "not JSON" in r for r in reasons)
    assert any("tickets.jsonl:4" in r and "requester_id is missing" in r for r in reasons)


def test_a_second_zendesk_run_imports_nothing(chiara: User, client_t: Client) -> None:
    helpdesk_load(export=zendesk.read(EXPORTS / "zendesk"))
    counts = (Client.objects.count(), Case.objects.count(), Entry.objects.count())

    again = helpdesk_load(export=zendesk.read(EXPORTS / "zendesk"))

    assert (Client.objects.count(), Case.objects.count(), Entry.objects.count()) == counts
    assert again.tallies["cases"].new == 0 and again.tallies["cases"].already == 2
    assert again.tallies["messages"].new == 0 and again.tallies["messages"].already == 4
    assert again.tallies["clients"].already == 2


def test_no_acknowledgement_nor_notification_for_history(chiara: User, client_t: Client) -> None:
    helpdesk_load(export=zendesk.read(EXPORTS / "zendesk"))

    assert not OutboundMessage.objects.exists()
    assert not Notification.objects.exists()
    assert not Clock.objects.exists()  # no service clock runs on a case from the past


def test_zendesk_api_shape_with_comments_beside(tmp_path: Path, chiara: User) -> None:
    (tmp_path / "comments").mkdir()
    (tmp_path / "tickets.json").write_text(
        '{"tickets": [{"id": 7, "subject": "Strap", "status": "pending", "requester_id": 5,'
        ' "assignee_id": null, "created_at": "2024-01-05T10:00:00Z"}],'
        ' "users": [{"id": 5, "name": "Ana Lima", "email": "ana@example.com", "role": "end-user"}],'
        ' "end_of_stream": true}'
    )
    (tmp_path / "comments" / "7.json").write_text(
        '{"comments": [{"id": 70, "author_id": 5, "public": true, "body": "Strap broke",'
        ' "created_at": "2024-01-05T10:00:00Z", "attachments": []}]}'
    )

    helpdesk_load(export=zendesk.read(tmp_path))

    case = Case.objects.get()
    assert (case.client.last_name, case.status) == ("Lima", "waiting_client")
    assert _entries(case)[0].body == "Strap broke"


# --- Zammad -----------------------------------------------------------------------------------


def test_a_zammad_export_comes_in(chiara: User, care_centre: Site) -> None:
    report = helpdesk_load(export=zammad.read(EXPORTS / "zammad"))

    luca = Client.objects.get(contact_points__normalized="luca@example.com")
    assert (luca.first_name, luca.last_name) == ("Luca", "Bianchi")
    assert ContactPoint.objects.filter(
        client=luca, kind="phone", normalized="+41791234567"
    ).exists()
    case = Case.objects.get(client=luca)
    assert (case.summary, case.status, case.owner) == ("Scratch on the bracelet", "closed", chiara)
    first, note, reply = _entries(case)
    assert first.kind == "message_in" and "bracelet got scratched" in first.body
    assert "<div>" not in first.body
    assert note.kind == "note" and "polishing" in note.body  # internal: true
    assert reply.kind == "message_out" and "free of charge" in reply.body
    document = Document.objects.get(client=luca)
    assert document.filename == "photo-report.pdf" and document.case_id == case.pk
    # The customer with neither address nor number is refused, and so is their ticket.
    reasons = [str(p) for p in report.problems]
    assert any("client 4" in r and "no e-mail address or phone number" in r for r in reasons)
    assert any("ticket 12" in r and "client 4" in r for r in reasons)
    assert any("ticket 13" in r and "created_at is missing" in r for r in reasons)
    assert report.tallies["cases"].new == 1 and report.tallies["cases"].refused == 1
    assert Case.objects.count() == 1


# --- django-helpdesk --------------------------------------------------------------------------

# django-helpdesk's tables as Django's migrations create them on SQLite (helpdesk/models.py),
# with the columns the reader reads and a few it does not.
SCHEMA = """
CREATE TABLE "auth_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
  "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL,
  "username" varchar(150) NOT NULL UNIQUE, "last_name" varchar(150) NOT NULL,
  "email" varchar(254) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL,
  "date_joined" datetime NOT NULL, "first_name" varchar(150) NOT NULL);
CREATE TABLE "helpdesk_queue" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
  "title" varchar(100) NOT NULL, "slug" varchar(50) NOT NULL UNIQUE,
  "email_address" varchar(150) NULL, "locale" varchar(10) NULL,
  "allow_public_submission" bool NOT NULL,
  "allow_email_submission" bool NOT NULL, "escalate_days" integer NULL);
CREATE TABLE "helpdesk_ticket" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
  "title" varchar(200) NOT NULL, "created" datetime NOT NULL, "modified" datetime NOT NULL,
  "submitter_email" varchar(254) NULL, "status" integer NOT NULL, "on_hold" bool NOT NULL,
  "description" text NULL, "resolution" text NULL, "priority" integer NOT NULL,
  "due_date" datetime NULL, "last_escalation" datetime NULL, "secret_key" varchar(36) NOT NULL,
  "assigned_to_id" integer NULL REFERENCES "auth_user" ("id"),
  "queue_id" integer NOT NULL REFERENCES "helpdesk_queue" ("id"),
  "merged_to_id" integer NULL REFERENCES "helpdesk_ticket" ("id"));
CREATE TABLE "helpdesk_followup" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
  "date" datetime NOT NULL, "title" varchar(200) NULL, "comment" text NULL, "public" bool NOT NULL,
  "new_status" integer NULL, "message_id" varchar(256) NULL, "time_spent" bigint NULL,
  "ticket_id" integer NOT NULL REFERENCES "helpdesk_ticket" ("id"),
  "user_id" integer NULL REFERENCES "auth_user" ("id"));
CREATE TABLE "helpdesk_followupattachment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
  "file" varchar(1000) NOT NULL, "filename" varchar(1000) NOT NULL,
  "mime_type" varchar(255) NOT NULL, "size" integer NOT NULL,
  "followup_id" integer NOT NULL REFERENCES "helpdesk_followup" ("id"));
"""


@pytest.fixture
def helpdesk_db(tmp_path: Path) -> tuple[Path, Path]:
    """A django-helpdesk database with two tickets and one bad one, and its MEDIA_ROOT."""
    media = tmp_path / "media"
    folder = media / "helpdesk" / "attachments" / "DH-1-abc" / "2"
    folder.mkdir(parents=True)
    (folder / "scan.pdf").write_bytes(PDF)
    path = tmp_path / "helpdesk.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    db.executescript(
        """
        INSERT INTO auth_user VALUES (1, '!', NULL, 0, 'chiara', 'Rossi', 'chiara@aurelis.example',
          1, 1, '2020-01-01 00:00:00', 'Chiara');
        INSERT INTO auth_user VALUES (2, '!', NULL, 0, 'pia', 'Keller', 'pia@example.com',
          0, 1, '2020-01-01 00:00:00', 'Pia');
        INSERT INTO helpdesk_queue VALUES (1, 'Care', 'care', 'care@aurelis.example', 'en', 1, 1,
          NULL);
        INSERT INTO helpdesk_ticket VALUES (1, 'Clasp is loose', '2023-11-02 08:00:00',
          '2023-11-06 17:00:00', 'Pia@Example.com', 4, 0, 'The clasp of my watch is loose.',
          'Fixed', 3, NULL, NULL, 'abc', 1, 1, NULL);
        INSERT INTO helpdesk_ticket VALUES (2, 'No submitter', '2023-11-03 08:00:00',
          '2023-11-03 08:00:00', '', 1, 0, 'Anonymous', NULL, 3, NULL, NULL, 'def', NULL, 1, NULL);
        INSERT INTO helpdesk_followup VALUES (1, '2023-11-02 08:00:00', 'Ticket Opened',
          'The clasp of my watch is loose.', 1, NULL, NULL, NULL, 1, NULL);
        INSERT INTO helpdesk_followup VALUES (2, '2023-11-02 09:00:00', 'Comment',
          'Here is the scan of my guarantee.', 1, NULL, NULL, NULL, 1, 2);
        INSERT INTO helpdesk_followup VALUES (3, '2023-11-02 10:00:00', 'Comment',
          'Check stock of clasps first.', 0, NULL, NULL, NULL, 1, 1);
        INSERT INTO helpdesk_followup VALUES (4, '2023-11-03 10:00:00', 'Closed',
          '<p>Your clasp is <b>fixed</b>.</p>', 1, 4, NULL, NULL, 1, 1);
        INSERT INTO helpdesk_followupattachment VALUES (1,
          'helpdesk/attachments/DH-1-abc/2/scan.pdf', 'scan.pdf', 'application/pdf', 60, 2);
        """
    )
    db.commit()
    db.close()
    return path, media


def test_a_django_helpdesk_database_comes_in(helpdesk_db: tuple[Path, Path], chiara: User) -> None:
    path, media = helpdesk_db

    report = helpdesk_load(export=django_helpdesk.read(str(path), files=media))

    pia = Client.objects.get(contact_points__normalized="pia@example.com")
    case = Case.objects.get(client=pia)
    assert (case.summary, case.status, case.owner) == ("Clasp is loose", "closed", chiara)
    opened, scan, note, closed = _entries(case)
    assert opened.kind == "message_in" and "loose" in opened.body
    assert scan.kind == "message_in" and scan.payload["documents"][0]["name"] == "scan.pdf"
    assert note.kind == "note" and note.actor == chiara  # public=False
    assert closed.kind == "message_out" and closed.body == "Your clasp is fixed."
    assert Document.objects.get(client=pia).case_id == case.pk
    assert any(
        "helpdesk_ticket 2" in str(p) and "submitter_email" in str(p) for p in report.problems
    )


def test_a_file_that_is_no_database_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "helpdesk.sqlite3"
    bogus.write_text("not a database")

    with pytest.raises(CommandError, match=r"not an SQLite database|not a django-helpdesk"):
        call_command("helpdesk_import", "--from", "django-helpdesk", str(bogus), stdout=StringIO())


# --- CSV --------------------------------------------------------------------------------------


def test_the_csv_format_comes_in(chiara: User, care_centre: Site) -> None:
    report = helpdesk_load(export=csv_format.read(EXPORTS / "csv"))

    sofia = Client.objects.get(contact_points__normalized="sofia.garcia@example.com")
    watch = Product.objects.get(client=sofia)
    assert (watch.kind, watch.model, watch.serial) == ("watch", "Chronograph 42", "AUR-77-1234")
    case = Case.objects.get(client=sofia)
    assert (case.category, case.product, case.owner, case.status) == (
        "warranty_claim",
        watch,
        chiara,
        "closed",
    )
    first, note, reply = _entries(case)
    assert first.at == _when("2024-04-01T08:00:00+00:00")
    assert first.payload["documents"][0]["name"] == "receipt.pdf"
    # The executable is not taken by the vault: named on the message with why.
    assert first.payload["attachments_left_out"][0]["name"] == "setup.exe"
    assert note.kind == "note" and reply.kind == "message_out"
    assert reply.body == "Dear Ms García,\na courier collects it on Friday."
    reasons = [str(p) for p in report.problems]
    for expected in (
        "clients.csv:5: id is missing",
        "client C3: no e-mail address or phone number",
        "products.csv:3: kind 'boat' is not one of",
        "cases.csv:4: status 'pending' is not one of",
        "messages.csv:7: at is not a date and time",
        "message M6: case K9 is not in cases.csv",
        "missing.pdf: the file is not in the export's attachments",
    ):
        assert any(expected in r for r in reasons), expected
    assert report.tallies["cases"].new == 2


# --- the command ------------------------------------------------------------------------------


def test_a_dry_run_writes_nothing_and_counts(chiara: User, client_t: Client) -> None:
    out = StringIO()
    before = (Client.objects.count(), Case.objects.count(), Entry.objects.count())

    call_command(
        "helpdesk_import", "--from", "zendesk", str(EXPORTS / "zendesk"), "--dry-run", stdout=out
    )

    assert (Client.objects.count(), Case.objects.count(), Entry.objects.count()) == before
    assert not ImportedRecord.objects.exists() and not Document.objects.exists()
    text = out.getvalue()
    assert "Dry run: nothing was written" in text
    assert "clients      1 new, 1 found here already, 0 imported before, 0 refused" in text
    assert "cases        2 new, 0 imported before, 0 refused" in text
    assert "messages     4 new" in text
    assert "attachments  1 new, 0 imported before, 1 refused" in text


def test_the_command_shows_progress_and_a_summary(chiara: User, client_t: Client) -> None:
    out = StringIO()

    call_command(
        "helpdesk_import", "--from", "zendesk", str(EXPORTS / "zendesk"), "--every", "1", stdout=out
    )
    call_command("helpdesk_import", "--from", "zendesk", str(EXPORTS / "zendesk"), stdout=out)

    text = out.getvalue()
    assert "1/2 clients: 1 new" in text  # Marie, then Thomas is read
    assert "1/2 tickets: 1 new" in text and "2/2 tickets: 2 new" in text
    assert "Imported:" in text
    assert "cases        0 new, 2 imported before, 0 refused" in text  # the second run


def test_the_command_refuses_a_missing_export_and_an_unknown_site(db: None) -> None:
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "helpdesk_import", "--from", "zendesk", "/nonexistent/export", stdout=StringIO()
        )
    with pytest.raises(CommandError, match="no site with the code"):
        call_command(
            "helpdesk_import",
            "--from",
            "csv",
            str(EXPORTS / "csv"),
            "--site",
            "XX",
            stdout=StringIO(),
        )


def test_a_broken_json_file_is_a_clear_error(tmp_path: Path, care_centre: Site) -> None:
    (tmp_path / "tickets.json").write_text('{"tickets": [')

    with pytest.raises(CommandError, match="is not JSON"):
        call_command("helpdesk_import", "--from", "zammad", str(tmp_path), stdout=StringIO())


def test_new_clients_join_the_site_named(chiara: User, munich: Site, advisor: User) -> None:
    call_command(
        "helpdesk_import",
        "--from",
        "csv",
        str(EXPORTS / "csv"),
        "--site",
        munich.code,
        stdout=StringIO(),
    )

    sofia = Client.objects.get(contact_points__normalized="sofia.garcia@example.com")
    assert sofia.site == munich
    # Chiara, at the care centre, may serve any site: she keeps the case she had.
    assert Case.objects.get(client=sofia).owner == chiara


def test_a_later_export_brings_only_the_new_messages(tmp_path: Path, chiara: User) -> None:
    ticket = (
        '{"id": 8, "subject": "Box", "status": "open", "requester_id": 6,'
        ' "created_at": "2024-01-05T10:00:00Z", "comments": [%s]}'
    )
    first = (
        '{"id": 80, "author_id": 6, "public": true, "body": "Where is my box?",'
        ' "created_at": "2024-01-05T10:00:00Z"}'
    )
    # A "false" written as text is still not public: it must never reach the client.
    later = (
        '{"id": 81, "author_id": 201, "public": "false", "body": "Box found in the safe.",'
        ' "created_at": "2024-01-06T10:00:00Z"}'
    )
    users = (
        '{"users": [{"id": 6, "name": "Eva Berg", "email": "eva@example.com", "role": "end-user"},'
        ' {"id": 201, "name": "Chiara", "email": "chiara@aurelis.example", "role": "agent"}]}'
    )
    (tmp_path / "users.json").write_text(users)
    (tmp_path / "tickets.jsonl").write_text(ticket % first + "\n")
    helpdesk_load(export=zendesk.read(tmp_path))
    # The next export has the ticket twice (two files of one export overlapping) and one more
    # comment.
    (tmp_path / "tickets.jsonl").write_text((ticket % f"{first}, {later}" + "\n") * 2)

    report = helpdesk_load(export=zendesk.read(tmp_path))

    case = Case.objects.get()
    assert [(e.kind, e.body) for e in _entries(case)] == [
        ("message_in", "Where is my box?"),
        ("note", "Box found in the safe."),
    ]
    assert report.tallies["messages"].new == 1 and report.tallies["cases"].already == 2


@pytest.mark.parametrize("source", ["zendesk", "zammad", "csv", "django-helpdesk"])
def test_every_kind_of_export_can_run_twice(
    source: str, chiara: User, helpdesk_db: tuple[Path, Path]
) -> None:
    path, media = helpdesk_db
    where = str(path) if source == "django-helpdesk" else str(EXPORTS / source)
    files = ["--files", str(media)] if source == "django-helpdesk" else []
    call_command("helpdesk_import", "--from", source, where, *files, stdout=StringIO())
    counts = [m.objects.count() for m in (Client, Case, Entry, Document, ImportedRecord)]
    assert counts[1] >= 1

    out = StringIO()
    call_command("helpdesk_import", "--from", source, where, *files, stdout=out)

    assert [m.objects.count() for m in (Client, Case, Entry, Document, ImportedRecord)] == counts
    assert "messages     0 new" in out.getvalue()


def test_a_dry_run_says_which_attachments_the_vault_would_refuse(
    chiara: User, care_centre: Site
) -> None:
    report = helpdesk_load(export=csv_format.read(EXPORTS / "csv"), dry_run=True)

    assert report.tallies["attachments"].new == 1  # receipt.pdf
    assert report.tallies["attachments"].refused == 2  # setup.exe, missing.pdf
    assert any("setup.exe: This kind of file is not taken" in str(p) for p in report.problems)
    assert not Client.objects.exists() and not Document.objects.exists()


def test_odd_shapes_in_a_zendesk_export_are_reported_not_raised(
    tmp_path: Path, care_centre: Site, agent: User
) -> None:
    (tmp_path / "tickets.json").write_text(
        '{"tickets": [7, {"id": 1, "requester_id": 5, "created_at": 20240105,'
        ' "comments": []}, {"id": 2, "requester_id": 5, "created_at": "2024-01-05T10:00:00Z",'
        ' "comments": [{"id": 3, "author_id": 5, "attachments": 5,'
        ' "created_at": "2024-01-05T10:00:00Z"}]}]}'
    )

    export = zendesk.read(tmp_path)
    report = helpdesk_load(export=export)

    reasons = [str(p) for p in report.problems]
    assert any("ticket 1: not a JSON object" in r for r in reasons)
    assert any("created_at is not a date and time" in r for r in reasons)
    assert any("ticket 3: malformed" in r for r in reasons)
    assert not Case.objects.exists()


def test_a_car_delivered_weeks_ago_moves_in_at_its_delivery_not_its_order(
    tmp_path: Path, chiara: User, care_centre: Site
) -> None:
    from goodwill.journeys.models import Journey, JourneyStep

    delivered = timezone.localdate() - dt.timedelta(days=40)
    (tmp_path / "clients.csv").write_text(
        "id,first_name,last_name,email\nC9,Steve,Miller,steve.miller@example.com\n"
    )
    (tmp_path / "products.csv").write_text(
        "id,client_id,kind,brand,model,vin,purchase_date,delivered_on\n"
        f"P9,C9,car,Aurelis,Tourismo,WAU00000000000009,{delivered - dt.timedelta(days=90)},"
        f"{delivered}\n"
    )
    (tmp_path / "cases.csv").write_text("id,client_id,subject,status,opened_at\n")
    (tmp_path / "messages.csv").write_text(
        "id,case_id,at,direction,author_name,author_email,subject,body\n"
    )

    report = helpdesk_load(export=csv_format.read(tmp_path))

    car = Product.objects.get(vin="WAU00000000000009")
    assert car.delivered_on == delivered, report
    journey = Journey.objects.get(product=car)
    assert journey.stage.code == "delivered"
    assert not JourneyStep.objects.filter(journey=journey, stage__code="ordered").exists()
    assert not OutboundMessage.objects.filter(client=car.client).exists()


def test_a_delivery_day_that_is_no_date_is_refused_with_its_reason(
    tmp_path: Path, care_centre: Site
) -> None:
    (tmp_path / "clients.csv").write_text("id,last_name,email\nC9,Miller,steve@example.com\n")
    (tmp_path / "products.csv").write_text(
        "id,client_id,kind,brand,model,delivered_on\nP9,C9,car,Aurelis,Tourismo,last spring\n"
    )
    (tmp_path / "cases.csv").write_text("id,client_id,subject,status,opened_at\n")
    (tmp_path / "messages.csv").write_text("id,case_id,at,direction,body\n")

    export = csv_format.read(tmp_path)

    assert export.products == []
    assert any("delivered_on is not a date" in problem.reason for problem in export.problems)
