"""What happens to a case, announced for the apps above (reactions: goodwill/reactions.py)."""

from __future__ import annotations

import dataclasses

from goodwill.cases.models import Case
from goodwill.events import Event
from goodwill.organisation.models import User


@dataclasses.dataclass(frozen=True, kw_only=True)
class CaseOpened(Event):
    case: Case
    actor: User | None


@dataclasses.dataclass(frozen=True, kw_only=True)
class CaseStatusChanged(Event):
    case: Case
    actor: User | None
    old: str
    new: str
    entry_id: int  # the timeline entry that recorded it: one client message per change


@dataclasses.dataclass(frozen=True, kw_only=True)
class CaseReassigned(Event):
    case: Case
    actor: User | None
    handoff_note: str
    entry_id: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class ClientContacted(Event):
    """The client reached us about an open case (a message, a call, the web form)."""

    case: Case
    channel: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ClientChased(Event):
    """The client asked again while we had sent them nothing since their last contact."""

    case: Case
    channel: str
    count: int
    quote: str = ""  # what the client said, for whoever is alerted


@dataclasses.dataclass(frozen=True, kw_only=True)
class ClientTold(Event):
    """We told the client something about the case (a reply, news, a call we made)."""

    case: Case
