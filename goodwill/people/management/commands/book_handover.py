"""manage.py book_handover <from> <to> [--note TEXT] [--dry-run]: hand one person's whole book
(the clients they advise and their open cases, then their open promises, calls to make and the
colleagues they backed up) to one successor, as the handover page does. The dry run counts each
of them by running the handover and rolling it back (`book_handover_rehearse`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from goodwill.clients.models import Client
from goodwill.organisation.models import User
from goodwill.people.services import book_handover, book_handover_rehearse


class Command(BaseCommand):
    help = (
        "Hand a leaving advisor's clients and open cases over to one successor; their open "
        "promises and calls to make follow each case's owner (else the successor), and the "
        "successor becomes the backup of the colleagues the leaver backed up."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("leaving", help="username of the person leaving or moving")
        parser.add_argument("successor", help="username of the person taking the book over")
        parser.add_argument(
            "--note",
            default="",
            help="the handoff note for every client (default: who handed over to whom)",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        people = {
            u.username: u
            for u in User.objects.select_related("site").filter(
                username__in=[options["leaving"], options["successor"]]
            )
        }
        for name in (options["leaving"], options["successor"]):
            if name not in people:
                raise CommandError(f"{name}: no such staff member.")
        leaving, successor = people[options["leaving"]], people[options["successor"]]
        clients = list(Client.objects.filter(advisor=leaving).order_by("pk"))
        note = options["note"].strip() or (
            f"{leaving} handed this client over to {successor}: read the story before calling."
        )
        # The dry run is the handover itself, rolled back: what it counts is what would move.
        hand_over = book_handover_rehearse if options["dry_run"] else book_handover
        try:
            result = hand_over(
                actor=None,
                leaving=leaving,
                assignments={client.pk: successor for client in clients},
                default_note=note,
                successor=successor,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if options["dry_run"]:
            self.stdout.write(
                f"dry run: {result.clients_moved} clients and {result.cases_moved} open cases of "
                f"{leaving.username} would go to {successor.username}; "
                f"{result.clients_told} clients would be told; "
                f"{result.promises_moved} open promises, {result.call_tasks_moved} calls to make, "
                f"{result.backups_moved} colleagues' backup and {result.client_backups_moved} "
                "clients' named backup would move; nothing changed"
            )
            return
        self.stdout.write(
            f"{result.clients_moved} clients and {result.cases_moved} open cases handed over to "
            f"{successor.username}; {result.clients_told} clients told; "
            f"{result.promises_moved} open promises, {result.call_tasks_moved} calls to make, "
            f"{result.backups_moved} colleagues' backup and {result.client_backups_moved} "
            "clients' named backup moved"
        )
