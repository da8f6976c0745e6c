"""News before the client asks, as cases move (goodwill/reactions.py)."""

from __future__ import annotations

from goodwill.cases.events import CaseStatusChanged
from goodwill.news.services import news_status_changed


def tell_client_of_status(event: CaseStatusChanged) -> None:
    news_status_changed(
        case=event.case,
        entry_id=event.entry_id,
        old=event.old,
        new=event.new,
        actor=event.actor,
        at=event.at,
    )
