"""Back-dating for the demo's stories: each step is written through the services at its own
moment."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from goodwill.cases.models import Case
from goodwill.cases.services import (
    OutcomeGiven,
    case_change_status,
    case_log_call,
    case_reassign,
)
from goodwill.organisation.models import User
from goodwill.timeline import services as timeline


class Day:
    """Moments of a story, counted back from today in the local time of where it happens."""

    def __init__(self, *, today: dt.date, tz: str) -> None:
        self.today = today
        self.tz = ZoneInfo(tz)

    def date(self, days_ago: int) -> dt.date:
        return self.today - dt.timedelta(days=days_ago)

    def at(self, days_ago: int, hhmm: str) -> dt.datetime:
        hour, minute = (int(part) for part in hhmm.split(":"))
        return dt.datetime.combine(self.date(days_ago), dt.time(hour, minute), tzinfo=self.tz)


class CaseStory:
    """Writes one case's history, step by step, each at its own moment."""

    def __init__(self, *, case: Case, email: str) -> None:
        self.case = case
        self.email = email

    def call(
        self, at: dt.datetime, actor: User, summary: str, *, minutes: int = 4, inbound: bool = True
    ) -> None:
        case_log_call(
            actor=actor,
            case=self.case,
            direction="inbound" if inbound else "outbound",
            duration_seconds=minutes * 60,
            summary=summary,
            at=at,
        )

    def note(self, at: dt.datetime, actor: User, text: str) -> None:
        timeline.record_note(client=self.case.client, case=self.case, actor=actor, text=text, at=at)

    def mail_in(self, at: dt.datetime, subject: str, body: str) -> None:
        timeline.record_message_in(
            client=self.case.client,
            case=self.case,
            subject=subject,
            body=body,
            sender=self.email,
            channel="email",
            at=at,
        )

    def mail_out(self, at: dt.datetime, actor: User, subject: str, body: str) -> None:
        # Sent long ago: "sent", not "outbox", or a channel worker would send it again today.
        timeline.record_message_out(
            case=self.case,
            actor=actor,
            subject=subject,
            body=body,
            to=self.email,
            at=at,
            status="sent",
        )
        if self.case.status == Case.Status.NEW:
            self.status(at, actor, Case.Status.OPEN)

    def status(
        self, at: dt.datetime, actor: User | None, status: str, outcome: OutcomeGiven | None = None
    ) -> None:
        if outcome is None and actor is not None and status in Case.CLOSED_STATUSES:
            # The stories tell what was done; the close only needs to say it was settled.
            outcome = OutcomeGiven(
                done="Settled with the client, as the story tells.", done_by=str(actor), fixed=True
            )
        case_change_status(actor=actor, case=self.case, status=status, at=at, outcome=outcome)

    def reassign(self, at: dt.datetime, actor: User, new_owner: User, handoff_note: str) -> None:
        case_reassign(
            actor=actor, case=self.case, new_owner=new_owner, handoff_note=handoff_note, at=at
        )
