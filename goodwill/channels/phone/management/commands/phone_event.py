"""Play a telephony event by hand: the demo has no telephone line, and support may replay one.

manage.py phone_event ringing --call-id demo-1 --from "+49 171 2345678" --agent chiara
manage.py phone_event answered --call-id demo-1 --from "+49 171 2345678" --agent chiara
manage.py phone_event ended --call-id demo-1 --from "+49 171 2345678" --duration 95
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from goodwill.channels.phone.services import CallEvent, call_event_receive


class Command(BaseCommand):
    help = "Act on one telephony event (ringing, answered, ended), as the signed webhook would."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("event", choices=["ringing", "answered", "ended"])
        parser.add_argument("--call-id", required=True)
        parser.add_argument(
            "--from", dest="from_number", required=True, help="the caller's number, any format"
        )
        parser.add_argument("--to", default="")
        parser.add_argument(
            "--agent", default="", help="username or staff code of who it rings for / who answered"
        )
        parser.add_argument("--duration", type=int, default=None, help="seconds (ended)")
        parser.add_argument("--outbound", action="store_true")
        parser.add_argument(
            "--unanswered", action="store_true", help="ended without anyone answering"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        event = CallEvent(
            provider="cli",
            call_id=options["call_id"],
            kind=options["event"],
            from_number=options["from_number"],
            to_number=options["to"],
            direction="outbound" if options["outbound"] else "inbound",
            agent=options["agent"],
            duration_seconds=options["duration"],
            unanswered=options["unanswered"],
        )
        # A fresh "signature" each time: only the event key can make a repeat a duplicate.
        call = call_event_receive(event=event, signature=f"cli-{uuid.uuid4().hex}")
        if call is None:
            self.stdout.write(
                f"{options['event']} of {options['call_id']} was already acted on: nothing done."
            )
            return
        who = call.client.name if call.client else "an unknown caller"
        self.stdout.write(f"Call {call.call_id} from {call.from_number} ({who}) is {call.state}.")
