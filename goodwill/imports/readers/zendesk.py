"""Zendesk's exports, read into imports.records.

Accepted at PATH (a file, or a directory holding them):

- the full JSON export: newline-delimited, one ticket a line, its `comments` inside;
- the API's shapes: `tickets.json` (`{"tickets": [...]}`, the list endpoint or the incremental
  export, which may carry `users` and `organizations` too), `users.json`, `organizations.json`,
  and each ticket's comments inside it or in `comments/<ticket id>.json` (`{"comments": [...]}`).

Fields read: a ticket's `id`, `subject` (else `raw_subject`), `status`, `requester_id`,
`assignee_id`, `created_at`, `updated_at`, `via.channel`, `description`; a comment's `id`,
`author_id`, `body`/`plain_body`/`html_body`, `public`, `created_at`, `via.channel` and
`attachments` (`id`, `file_name`, `content_type`); a user's `id`, `name`, `email`, `phone`,
`role`, `locale`, `organization_id`. Attachments are never downloaded (`content_url`): they are
read from the directory given, as `<attachment id>/<file_name>` or `<file_name>`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from goodwill.imports.readers.common import (
    Bad,
    attachment,
    ident,
    json_lines,
    load_json,
    named_file,
    text,
    when,
)
from goodwill.imports.records import (
    CaseRecord,
    ClientRecord,
    Direction,
    Export,
    MessageRecord,
    Problem,
    UnreadableExport,
)

SOURCE = "zendesk"
_STATUS = {
    "new": "new",
    "open": "open",
    "pending": "waiting_client",
    "hold": "waiting_partner",
    "solved": "resolved",
    "closed": "closed",
}
_CHANNEL = {"email": "email", "web": "web", "voice": "phone", "phone": "phone", "api": "email"}
_STAFF_ROLES = {"agent", "admin"}


def read(path: Path, *, files: Path | None = None) -> Export:
    export = Export(source=SOURCE)
    tickets: list[tuple[str, Any]] = []
    users: dict[str, dict[str, Any]] = {}
    organisations: dict[str, str] = {}
    comments_dir: Path | None = None
    if path.is_dir():
        found = sorted(
            p for p in path.iterdir() if p.is_file() and p.suffix in (".json", ".jsonl", ".ndjson")
        )
        if not found:
            raise UnreadableExport(f"{path} holds no .json, .jsonl or .ndjson file")
        comments_dir = path / "comments" if (path / "comments").is_dir() else None
        files = files or (path / "attachments")
    elif path.is_file():
        found = [path]
        files = files or (path.parent / "attachments")
    else:
        raise UnreadableExport(f"{path} does not exist")
    for file in found:
        if file.suffix in (".jsonl", ".ndjson"):
            for number, row in json_lines(file):
                where = f"{file.name}:{number}"
                if isinstance(row, Bad):
                    export.problems.append(Problem(where=where, reason=str(row)))
                elif isinstance(row, dict) and ("requester_id" in row or "comments" in row):
                    tickets.append((where, row))
                elif isinstance(row, dict) and "role" in row and "id" in row:
                    users[str(row["id"])] = row
                else:
                    export.problems.append(Problem(where=where, reason="not a ticket or a user"))
            continue
        document = load_json(file)
        if isinstance(document, list):  # a bare list of tickets
            document = {"tickets": document}
        if not isinstance(document, dict):
            export.problems.append(Problem(where=file.name, reason="not a JSON object"))
            continue
        for key, target in (("users", users), ("organizations", None)):
            rows = document.get(key)
            if rows is not None and not isinstance(rows, list):
                export.problems.append(Problem(where=file.name, reason=f"{key} is not a list"))
                continue
            for row in rows or []:
                if isinstance(row, dict) and "id" in row:
                    if target is None:
                        organisations[str(row["id"])] = str(row.get("name") or "")
                    else:
                        target[str(row["id"])] = row
        listed = document.get("tickets")
        if isinstance(document.get("ticket"), dict):
            listed = [document["ticket"]]
        if listed is not None and not isinstance(listed, list):
            export.problems.append(Problem(where=file.name, reason="tickets is not a list"))
            continue
        for index, row in enumerate(listed or [], start=1):
            tickets.append((f"{file.name}: ticket {index}", row))
    staff_ids = {uid for uid, user in users.items() if user.get("role") in _STAFF_ROLES}
    requesters: set[str] = set()
    for where, row in tickets:
        try:
            case = _ticket(row, users, staff_ids, comments_dir, files)
        except (Bad, UnreadableExport) as error:
            export.problems.append(Problem(where=where, reason=str(error)))
            continue
        except (TypeError, AttributeError, ValueError) as error:
            # A field of an unexpected shape (a list where an object belongs, …).
            export.problems.append(Problem(where=where, reason=f"malformed: {error}"))
            continue
        requesters.add(case.client_id)
        export.cases.append(case)
    for uid in sorted(requesters):
        user = users.get(uid) or {}
        export.clients.append(
            ClientRecord(
                foreign_id=uid,
                name=str(user.get("name") or ""),
                email=str(user.get("email") or ""),
                phone=str(user.get("phone") or ""),
                language=str(user.get("locale") or "")[:2],
                organisation=organisations.get(str(user.get("organization_id")), ""),
            )
        )
    return export


def _ticket(
    row: Any,
    users: dict[str, dict[str, Any]],
    staff_ids: set[str],
    comments_dir: Path | None,
    files: Path | None,
) -> CaseRecord:
    if not isinstance(row, dict):
        raise Bad("not a JSON object")
    ticket_id = ident(row.get("id"), "id")
    requester = ident(row.get("requester_id"), "requester_id")
    opened = when(row.get("created_at"), "created_at")
    status = _STATUS.get(str(row.get("status") or "open"), "open")
    via: dict[str, Any] = row["via"] if isinstance(row.get("via"), dict) else {}
    channel = _CHANNEL.get(str(via.get("channel")), "email")
    comments = row.get("comments")
    if comments is None and comments_dir is not None:
        listed = named_file(comments_dir, ticket_id)
        if listed is not None:
            loaded = load_json(listed)
            comments = loaded.get("comments") if isinstance(loaded, dict) else loaded
    if comments is None and row.get("description"):
        # A ticket exported without its comments: its description is the first message.
        comments = [
            {
                "id": f"{ticket_id}-description",
                "author_id": row.get("requester_id"),
                "body": row.get("description"),
                "public": True,
                "created_at": row.get("created_at"),
            }
        ]
    if not isinstance(comments, list):
        raise Bad(f"ticket {ticket_id} has no comments")
    messages = []
    for index, comment in enumerate(comments, start=1):
        if not isinstance(comment, dict):
            raise Bad(f"comment {index} is not a JSON object")
        messages.append(_comment(comment, requester, users, staff_ids, files, channel))
    messages.sort(key=lambda m: m.at)
    assignee = users.get(str(row.get("assignee_id"))) or {}
    updated = row.get("updated_at")
    closed = when(updated, "updated_at") if status in ("resolved", "closed") and updated else None
    return CaseRecord(
        foreign_id=ticket_id,
        client_id=requester,
        subject=str(row.get("subject") or row.get("raw_subject") or ""),
        opened_at=opened,
        status=status,
        closed_at=max(closed, opened) if closed else None,
        assignee_email=str(assignee.get("email") or ""),
        channel=channel,
        messages=tuple(messages),
    )


def _comment(
    comment: dict[str, Any],
    requester: str,
    users: dict[str, dict[str, Any]],
    staff_ids: set[str],
    files: Path | None,
    channel: str,
) -> MessageRecord:
    comment_id = ident(comment.get("id"), "comment id")
    author_id = str(comment.get("author_id") or "")
    author = users.get(author_id) or {}
    direction: Direction
    if comment.get("public") not in (True, None):
        # An internal note in Zendesk stays one here; so does anything but a plain true (a
        # "false" string must never show a note to the client). Missing: Zendesk's default.
        direction = "note"
    elif author_id in staff_ids or (author_id != requester and author.get("role") in _STAFF_ROLES):
        direction = "out"
    else:
        direction = "in"
    if isinstance(comment.get("plain_body"), str) or isinstance(comment.get("body"), str):
        body = text(comment.get("plain_body") or comment.get("body"))
    else:
        body = text(comment.get("html_body"), html=True)
    attachments = []
    for item in comment.get("attachments") or []:
        if not isinstance(item, dict):
            continue
        name = str(item.get("file_name") or "")
        attachments.append(
            attachment(
                name=name,
                root=files,
                candidates=[(str(item.get("id", "")), name), (name,)],
            )
        )
    via: dict[str, Any] = comment["via"] if isinstance(comment.get("via"), dict) else {}
    return MessageRecord(
        foreign_id=comment_id,
        at=when(comment.get("created_at"), f"comment {comment_id} created_at"),
        direction=direction,
        body=body,
        author_name=str(author.get("name") or ""),
        author_email=str(author.get("email") or ""),
        channel=_CHANNEL.get(str(via.get("channel")), channel),
        attachments=tuple(attachments),
    )
