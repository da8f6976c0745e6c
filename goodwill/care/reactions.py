"""How the service-level clocks and tiers follow what happened (goodwill/reactions.py)."""

from __future__ import annotations

from django.utils import timezone

from goodwill.care.services import (
    client_tier_refresh,
    clocks_client_told,
    clocks_follow_status,
    clocks_start,
    follow_up_after_close,
)
from goodwill.cases.events import CaseOpened, CaseStatusChanged, ClientTold
from goodwill.cases.models import Case
from goodwill.clients.events import ProductAdded


def start_clocks(event: CaseOpened) -> None:
    # Run in the transaction that opened the case (a `now` reaction): it has no clocks yet.
    clocks_start(case=event.case, at=event.at, new_case=True)


def follow_status(event: CaseStatusChanged) -> None:
    case = event.case
    done = event.new in (Case.Status.RESOLVED, Case.Status.CLOSED)
    clocks_follow_status(
        case=case, old=event.old, new=event.new, at=case.closed_at if done else event.at
    )


def client_was_told(event: ClientTold) -> None:
    clocks_client_told(case=event.case, at=event.at)


def refresh_tier(event: ProductAdded) -> None:
    client_tier_refresh(client=event.client, at=event.at)


def follow_up_closed_assistance(event: CaseStatusChanged) -> None:
    # Run in the closing transaction: the task is part of the close (idempotent on its entry).
    if event.new in Case.CLOSED_STATUSES and event.old not in Case.CLOSED_STATUSES:
        case = event.case
        follow_up_after_close(
            case=case, entry_id=event.entry_id, at=case.closed_at or event.at or timezone.now()
        )
