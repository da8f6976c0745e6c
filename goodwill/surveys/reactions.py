"""What surveys do when something happens (goodwill/reactions.py lists it)."""

from __future__ import annotations

from django.utils import timezone

from goodwill.cases.events import CaseStatusChanged
from goodwill.cases.models import Case
from goodwill.surveys.services import survey_schedule


def schedule_after_close(event: CaseStatusChanged) -> None:
    """A case that closes gets its survey scheduled (sent later by the sweep, within limits)."""
    if event.new in Case.CLOSED_STATUSES and event.old not in Case.CLOSED_STATUSES:
        survey_schedule(case=event.case, at=event.at or timezone.now())
