"""What recalls do when cases move (goodwill/reactions.py)."""

from __future__ import annotations

from django.utils import timezone

from goodwill.cases.events import CaseStatusChanged
from goodwill.cases.models import Case
from goodwill.recalls.services import case_closed_fixes


def fix_on_close(event: CaseStatusChanged) -> None:
    """Closing a campaign's case marks its vehicles fixed (unless its outcome says not)."""
    if event.new in Case.CLOSED_STATUSES and event.old not in Case.CLOSED_STATUSES:
        case_closed_fixes(case=event.case, actor=event.actor, at=event.at or timezone.now())
