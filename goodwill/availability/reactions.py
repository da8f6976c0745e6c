"""Covering for someone away, as cases open and clients get in touch (goodwill/reactions.py)."""

from __future__ import annotations

from goodwill.availability.services import stand_in_case_opened, stand_in_client_contacted
from goodwill.cases.events import CaseOpened, ClientContacted


def note_stand_in(event: CaseOpened) -> None:
    """A new case that went to a backup because the advisor is away is given back on their
    return, and the client hears who looks after them meanwhile."""
    stand_in_case_opened(case=event.case, at=event.at)


def tell_client_who_covers(event: ClientContacted) -> None:
    stand_in_client_contacted(case=event.case, at=event.at)
