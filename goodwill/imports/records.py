"""The one shape every helpdesk export is read into before it is loaded (imports.moving_in).

A reader (imports/readers/) only parses: Zendesk's, Zammad's, django-helpdesk's or our CSV
files become these values; it decides nothing about who owns what or which client a person is.
A record it cannot read becomes a `Problem` with its reason, never an exception.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Literal

Direction = Literal["in", "out", "note"]


@dataclasses.dataclass(frozen=True, kw_only=True)
class Problem:
    """A record left out, where it was and why (shown to whoever runs the import)."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclasses.dataclass(frozen=True, kw_only=True)
class AttachmentRecord:
    """A file of a message: its bytes in hand (`content`), or a local file (`path`); `missing`
    says why neither is there (the export named a file it does not hold)."""

    name: str
    content: bytes | None = None
    path: Path | None = None
    missing: str = ""

    def read(self) -> bytes | None:
        if self.content is not None:
            return self.content
        if self.path is not None:
            return self.path.read_bytes()
        return None


@dataclasses.dataclass(frozen=True, kw_only=True)
class MessageRecord:
    """One message of a conversation: `in` from the client, `out` from staff to the client,
    `note` staff-only (never shown to the client)."""

    foreign_id: str
    at: dt.datetime
    direction: Direction
    body: str
    subject: str = ""
    author_name: str = ""
    author_email: str = ""
    channel: str = "email"  # Case.Channel's email, web, phone
    attachments: tuple[AttachmentRecord, ...] = ()


@dataclasses.dataclass(frozen=True, kw_only=True)
class ClientRecord:
    foreign_id: str
    name: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    language: str = ""
    organisation: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True)
class ProductRecord:
    foreign_id: str
    client_id: str
    kind: str
    brand: str
    model: str
    serial: str = ""
    vin: str = ""
    plate: str = ""
    purchase_date: dt.date | None = None
    # Already in the client's hands since this day (a car delivered): its journey starts there.
    delivered_on: dt.date | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class CaseRecord:
    """A ticket with its whole conversation, oldest message first. `status` is one of
    Case.Status's values; `assignee_email` names the staff member who had it, if any."""

    foreign_id: str
    client_id: str
    subject: str
    opened_at: dt.datetime
    status: str = "open"
    closed_at: dt.datetime | None = None
    assignee_email: str = ""
    channel: str = "email"
    category: str = "information"
    product_id: str = ""
    messages: tuple[MessageRecord, ...] = ()


@dataclasses.dataclass(kw_only=True)
class Export:
    """What a reader found: the records, and the problems of what it could not read."""

    source: str
    clients: list[ClientRecord] = dataclasses.field(default_factory=list)
    products: list[ProductRecord] = dataclasses.field(default_factory=list)
    cases: list[CaseRecord] = dataclasses.field(default_factory=list)
    problems: list[Problem] = dataclasses.field(default_factory=list)


class UnreadableExport(Exception):
    """The export as a whole cannot be read (no such file, not the expected format)."""
