"""Zammad's API export, read into imports.records.

PATH is a directory of what the REST API returned, saved as files:

- `tickets.json`: `GET /api/v1/tickets?expand=true` (a list; `{"tickets": [...]}` too);
- `users.json`: `GET /api/v1/users` (a list);
- `organizations.json` (optional): `GET /api/v1/organizations`;
- the articles: `ticket_articles/<ticket id>.json`, each what
  `GET /api/v1/ticket_articles/by_ticket/<ticket id>` returned, or one `ticket_articles.json`
  list of them all (each names its `ticket_id`).

Fields read: a ticket's `id`, `number`, `title`, `customer_id`, `owner_id`, `state` (else
`state_id`), `created_at`, `close_at`; an article's `id`, `ticket_id`, `sender` (else
`sender_id`: 1 Agent, 2 Customer, 3 System), `type`, `internal`, `from`, `subject`, `body`,
`content_type`, `created_at`, `created_by_id` and `attachments` (`id`, `filename`, and `data` in
base64 when the export carries the bytes; else the file `attachments/<article id>/<filename>`,
as `GET /api/v1/ticket_attachment/<ticket>/<article>/<id>` would have returned it).
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Any

from goodwill.channels.email.files import safe_filename
from goodwill.imports.readers.common import (
    Bad,
    attachment,
    ident,
    load_json,
    named_file,
    text,
    when,
)
from goodwill.imports.records import (
    AttachmentRecord,
    CaseRecord,
    ClientRecord,
    Direction,
    Export,
    MessageRecord,
    Problem,
    UnreadableExport,
)

SOURCE = "zammad"
# Zammad's default states and their ids (Ticket::State).
_STATE = {
    "new": "new",
    "open": "open",
    "pending reminder": "waiting_client",
    "pending close": "resolved",
    "closed": "closed",
    "merged": "closed",
    "removed": "closed",
}
_STATE_ID = {
    1: "new",
    2: "open",
    3: "pending reminder",
    4: "closed",
    5: "merged",
    7: "pending close",
}
_SENDER_ID = {1: "Agent", 2: "Customer", 3: "System"}
_CHANNEL = {"email": "email", "web": "web", "phone": "phone"}
# Zammad's user 1 is nobody ("-"): a ticket owned by it has no owner.
_NOBODY = "1"


def _listed(document: Any, key: str) -> list[Any]:
    if isinstance(document, dict):
        document = document.get(key)
    return document if isinstance(document, list) else []


def read(path: Path, *, files: Path | None = None) -> Export:
    if not path.is_dir():
        raise UnreadableExport(f"{path} is not a directory of Zammad API files")
    if not (path / "tickets.json").is_file():
        raise UnreadableExport(f"{path} holds no tickets.json")
    files = files or (path / "attachments")
    export = Export(source=SOURCE)
    tickets = _listed(load_json(path / "tickets.json"), "tickets")
    users: dict[str, dict[str, Any]] = {}
    if (path / "users.json").is_file():
        for row in _listed(load_json(path / "users.json"), "users"):
            if isinstance(row, dict) and "id" in row:
                users[str(row["id"])] = row
    organisations: dict[str, str] = {}
    if (path / "organizations.json").is_file():
        for row in _listed(load_json(path / "organizations.json"), "organizations"):
            if isinstance(row, dict) and "id" in row:
                organisations[str(row["id"])] = str(row.get("name") or "")
    articles: dict[str, list[Any]] = {}
    if (path / "ticket_articles.json").is_file():
        for row in _listed(load_json(path / "ticket_articles.json"), "ticket_articles"):
            if isinstance(row, dict):
                articles.setdefault(str(row.get("ticket_id")), []).append(row)
    customers: set[str] = set()
    for index, row in enumerate(tickets, start=1):
        where = f"tickets.json: ticket {index}"
        try:
            if not isinstance(row, dict):
                raise Bad("not a JSON object")
            ticket_id = ident(row.get("id"), "id")
            where = f"tickets.json: ticket {ticket_id}"
            listed = articles.get(ticket_id)
            if listed is None:
                own = named_file(path / "ticket_articles", ticket_id)
                if own is not None:
                    listed = _listed(load_json(own), "ticket_articles")
            case = _ticket(row, ticket_id, listed or [], users, files)
        except (Bad, UnreadableExport) as error:
            export.problems.append(Problem(where=where, reason=str(error)))
            continue
        except (TypeError, AttributeError, ValueError) as error:
            # A field of an unexpected shape (a list where an object belongs, …).
            export.problems.append(Problem(where=where, reason=f"malformed: {error}"))
            continue
        customers.add(case.client_id)
        export.cases.append(case)
    for uid in sorted(customers):
        user = users.get(uid) or {}
        export.clients.append(
            ClientRecord(
                foreign_id=uid,
                first_name=str(user.get("firstname") or ""),
                last_name=str(user.get("lastname") or ""),
                email=str(user.get("email") or ""),
                phone=str(user.get("mobile") or user.get("phone") or ""),
                organisation=organisations.get(str(user.get("organization_id")), ""),
            )
        )
    return export


def _ticket(
    row: dict[str, Any],
    ticket_id: str,
    articles: list[Any],
    users: dict[str, dict[str, Any]],
    files: Path | None,
) -> CaseRecord:
    customer = ident(row.get("customer_id"), "customer_id")
    opened = when(row.get("created_at"), "created_at")
    state = row.get("state")
    if not isinstance(state, str):
        state = _STATE_ID.get(row.get("state_id"), "open")  # type: ignore[arg-type]
    status = _STATE.get(state.lower(), "open")
    if not articles:
        raise Bad(f"ticket {ticket_id} has no articles")
    messages = []
    for index, article in enumerate(articles, start=1):
        if not isinstance(article, dict):
            raise Bad(f"article {index} is not a JSON object")
        messages.append(_article(article, customer, users, files))
    messages.sort(key=lambda m: m.at)
    owner_id = str(row.get("owner_id") or _NOBODY)
    owner = users.get(owner_id, {}) if owner_id != _NOBODY else {}
    closed = None
    if status in ("resolved", "closed"):
        closed = max(when(row.get("close_at") or row.get("updated_at"), "close_at"), opened)
    return CaseRecord(
        foreign_id=ticket_id,
        client_id=customer,
        subject=str(row.get("title") or ""),
        opened_at=opened,
        status=status,
        closed_at=closed,
        assignee_email=str(owner.get("email") or ""),
        channel=messages[0].channel,
        messages=tuple(messages),
    )


def _article(
    article: dict[str, Any], customer: str, users: dict[str, dict[str, Any]], files: Path | None
) -> MessageRecord:
    article_id = ident(article.get("id"), "article id")
    sender = article.get("sender")
    if not isinstance(sender, str):
        sender = _SENDER_ID.get(article.get("sender_id"), "")  # type: ignore[arg-type]
    kind = str(article.get("type") or "note")
    author = users.get(str(article.get("created_by_id")), {})
    direction: Direction
    # Anything but a plain false or nothing counts as internal: a note never reaches the client.
    if article.get("internal") not in (False, None) or kind == "note" or sender == "System":
        direction = "note"  # internal articles and notes stay staff-only
    elif sender == "Customer" or (not sender and str(article.get("created_by_id")) == customer):
        direction = "in"
    else:
        direction = "out"
    html = str(article.get("content_type") or "").lower().startswith("text/html")
    attachments: list[AttachmentRecord] = []
    for item in article.get("attachments") or []:
        if not isinstance(item, dict):
            continue
        name = str(item.get("filename") or "")
        data = item.get("data")
        if isinstance(data, str) and data:
            try:
                content = base64.b64decode(data, validate=True)
            except (binascii.Error, ValueError):
                attachments.append(
                    AttachmentRecord(name=safe_filename(name), missing="its data is not base64")
                )
                continue
            attachments.append(AttachmentRecord(name=safe_filename(name), content=content))
            continue
        attachments.append(
            attachment(name=name, root=files, candidates=[(article_id, name), (name,)])
        )
    name = " ".join(
        part
        for part in (str(author.get("firstname") or ""), str(author.get("lastname") or ""))
        if part
    )
    return MessageRecord(
        foreign_id=article_id,
        at=when(article.get("created_at"), f"article {article_id} created_at"),
        direction=direction,
        body=text(article.get("body"), html=html),
        subject=str(article.get("subject") or ""),
        author_name=name or str(article.get("from") or ""),
        author_email=str(author.get("email") or ""),
        channel=_CHANNEL.get(kind, "email"),
        attachments=tuple(attachments),
    )
