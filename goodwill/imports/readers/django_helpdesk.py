"""django-helpdesk's database, read with plain SQL into imports.records.

PATH is an SQLite file or a PostgreSQL URL (`postgres://user@host/db`), opened read-only. The
tables are django-helpdesk's own (helpdesk/models.py): `helpdesk_ticket` (id, title, queue_id,
created, modified, submitter_email, assigned_to_id, status: 1 open, 2 reopened, 3 resolved,
4 closed, 5 duplicate; description), `helpdesk_followup` (id, ticket_id, date, title, comment,
public, user_id), `helpdesk_followupattachment` (id, followup_id, file, filename, mime_type,
size; `helpdesk_attachment` in versions before 0.3), `helpdesk_queue` and `auth_user` (id,
username, first_name, last_name, email, is_staff).

The submitter is known only by their e-mail address: one client per address (its id here a
digest of the address, `submitter_id`). A follow-up by a
staff user is our message to the client when public, an internal note when not; one by nobody
or by a non-staff user is the client's. Attachment files are read from the media directory
given (`--files`, django-helpdesk's MEDIA_ROOT), by the path the `file` column holds.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from goodwill.imports.readers.common import Bad, attachment, looks_like_html, text, when
from goodwill.imports.records import (
    CaseRecord,
    ClientRecord,
    Direction,
    Export,
    MessageRecord,
    Problem,
    UnreadableExport,
)

SOURCE = "django-helpdesk"
_STATUS = {1: "open", 2: "open", 3: "resolved", 4: "closed", 5: "closed"}


@contextlib.contextmanager
def _connect(location: str) -> Iterator[Any]:
    if location.startswith(("postgres://", "postgresql://")):
        try:
            import psycopg

            connection: Any = psycopg.connect(location)
            connection.read_only = True  # only ever read the other system's database
        except Exception as error:  # psycopg.Error, or a malformed URL
            raise UnreadableExport(f"cannot connect to the database: {error}") from None
    else:
        path = Path(location)
        if not path.is_file():
            raise UnreadableExport(f"{location} is not a file")
        try:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            connection.execute("SELECT 1 FROM sqlite_master LIMIT 1")
        except sqlite3.Error as error:
            raise UnreadableExport(f"{location} is not an SQLite database: {error}") from None
    try:
        yield connection
    finally:
        connection.close()


def _rows(connection: Any, sql: str) -> list[dict[str, Any]]:
    try:
        cursor = connection.cursor()
        cursor.execute(sql)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    except Exception as error:  # sqlite3.Error or psycopg.Error: a table or column missing
        raise UnreadableExport(f"not a django-helpdesk database ({error})") from None


def _has_table(connection: Any, name: str) -> bool:
    with contextlib.suppress(UnreadableExport):
        _rows(connection, f"SELECT 1 FROM {name} WHERE 1 = 0")  # noqa: S608 (a fixed name)
        return True
    if hasattr(connection, "rollback"):
        connection.rollback()  # PostgreSQL: the failed statement ended the transaction
    return False


def read(location: str, *, files: Path | None = None) -> Export:
    export = Export(source=SOURCE)
    with _connect(location) as connection:
        users = {
            row["id"]: row
            for row in _rows(
                connection,
                "SELECT id, username, first_name, last_name, email, is_staff FROM auth_user",
            )
        }
        tickets = _rows(
            connection,
            "SELECT id, title, created, modified, submitter_email, assigned_to_id, status,"
            " description FROM helpdesk_ticket ORDER BY id",
        )
        followups: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for row in _rows(
            connection,
            "SELECT id, ticket_id, date, title, comment, public, user_id FROM helpdesk_followup"
            " ORDER BY date, id",
        ):
            followups[row["ticket_id"]].append(row)
        table = (
            "helpdesk_followupattachment"
            if _has_table(connection, "helpdesk_followupattachment")
            else "helpdesk_attachment"
        )
        attachments: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        if _has_table(connection, table):
            for row in _rows(
                connection,
                f"SELECT id, followup_id, file, filename FROM {table} ORDER BY id",  # noqa: S608
            ):
                attachments[row["followup_id"]].append(row)
    clients: dict[str, ClientRecord] = {}
    for ticket in tickets:
        where = f"helpdesk_ticket {ticket['id']}"
        try:
            case = _ticket(ticket, followups[ticket["id"]], attachments, users, files)
        except Bad as error:
            export.problems.append(Problem(where=where, reason=str(error)))
            continue
        except (TypeError, AttributeError, ValueError, OverflowError) as error:
            # A column of an unexpected type (SQLite keeps whatever it was given).
            export.problems.append(Problem(where=where, reason=f"malformed: {error}"))
            continue
        if case.client_id not in clients:
            clients[case.client_id] = ClientRecord(
                foreign_id=case.client_id, email=str(ticket.get("submitter_email")).strip()
            )
        export.cases.append(case)
    export.clients = list(clients.values())
    return export


def submitter_id(email: str) -> str:
    """A submitter's id: a digest of their address, so that what is kept to recognise them on
    the next run (imports.ImportedRecord) is not the address itself, which an erasure removes."""
    return "email-sha256:" + hashlib.sha256(email.encode()).hexdigest()


def _ticket(
    ticket: dict[str, Any],
    followups: Sequence[dict[str, Any]],
    attachments: dict[Any, list[dict[str, Any]]],
    users: dict[Any, dict[str, Any]],
    files: Path | None,
) -> CaseRecord:
    email = str(ticket.get("submitter_email") or "").strip().lower()
    if not email:
        raise Bad("submitter_email is missing: nobody to file the ticket under")
    opened = when(ticket.get("created"), "created")
    try:
        status = _STATUS[int(ticket.get("status") or 1)]
    except (KeyError, TypeError, ValueError, OverflowError):  # OverflowError: a REAL infinity
        raise Bad(f"status {ticket.get('status')!r:.20} is not one of 1 to 5") from None
    messages: list[MessageRecord] = []
    for followup in followups:
        user = users.get(followup.get("user_id")) or {}
        direction: Direction
        if not followup.get("public"):
            direction = "note"  # django-helpdesk's private follow-up: staff only
        elif user.get("is_staff"):
            direction = "out"
        else:
            direction = "in"
        comment = str(followup.get("comment") or "")
        found = [
            attachment(
                name=str(row.get("filename") or Path(str(row.get("file") or "")).name),
                root=files,
                candidates=[(str(row.get("file") or ""),)],
            )
            for row in attachments.get(followup["id"], [])
        ]
        if not comment.strip() and not found:
            continue  # a status change with nothing said: not a message
        name = " ".join(p for p in (user.get("first_name"), user.get("last_name")) if p)
        messages.append(
            MessageRecord(
                foreign_id=f"followup-{followup['id']}",
                at=when(followup.get("date"), f"follow-up {followup['id']} date"),
                direction=direction,
                body=text(comment, html=looks_like_html(comment)),
                subject=str(followup.get("title") or ""),
                author_name=name or str(user.get("username") or ""),
                author_email=str(user.get("email") or "") if user else email,
                attachments=tuple(found),
            )
        )
    if not messages and ticket.get("description"):
        messages.append(
            MessageRecord(
                foreign_id=f"ticket-{ticket['id']}",
                at=opened,
                direction="in",
                body=text(ticket.get("description")),
                author_email=email,
            )
        )
    assignee = users.get(ticket.get("assigned_to_id")) or {}
    closed = None
    if status in ("resolved", "closed"):
        closed = max(when(ticket.get("modified") or ticket.get("created"), "modified"), opened)
    return CaseRecord(
        foreign_id=str(ticket["id"]),
        client_id=submitter_id(email),
        subject=str(ticket.get("title") or ""),
        opened_at=opened,
        status=status,
        closed_at=closed,
        assignee_email=str(assignee.get("email") or ""),
        messages=tuple(messages),
    )
