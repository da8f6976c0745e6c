import os
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from goodwill.demo.cast import DEMO_PASSWORD
from goodwill.demo.selectors import (
    demo_counts,
    demo_digests,
    demo_hints,
    demo_logins,
    demo_portal_command,
)
from goodwill.demo.services import database_reset, demo_is_loaded, demo_load

# scripts/demo passes PORT through; the server prints the address it really serves on too.
URL = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"


class Command(BaseCommand):
    help = (
        "Load the Aurelis demo: sites, staff, a few hundred clients with years of history and the "
        "five stories. Does nothing but print the logins when the demo is already loaded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="start again: drop every table and the task queue, migrate, then load the demo",
        )
        parser.add_argument(
            "--clients",
            type=int,
            default=300,
            help="generated clients besides the five stories (default 300)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["clients"] < 0:
            raise CommandError("--clients cannot be negative.")
        started = time.monotonic()
        if options["reset"]:
            self.stdout.write("Emptying the database and the task queue (--reset)…")
            database_reset()
        if demo_is_loaded():
            self.stdout.write("The demo is already loaded.")
        else:
            self.stdout.write(
                f"Loading the Aurelis demo ({options['clients']} generated clients and "
                "five stories)…"
            )
            demo_load(clients=options["clients"])
            counts = ", ".join(f"{value:,} {name}" for name, value in demo_counts().items())
            self.stdout.write(
                self.style.SUCCESS(f"Loaded in {time.monotonic() - started:.1f} s: {counts}.")
            )
        self._summary()

    def _summary(self) -> None:
        rows = [("username", "role", "site", "what they will see")]
        rows += [(row.username, row.role, row.site, row.sees) for row in demo_logins()]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        self.stdout.write(
            f"\nOpen {URL} and sign in with any of these; the password is “{DEMO_PASSWORD}”.\n"
        )
        for i, row in enumerate(rows):
            line = "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
            self.stdout.write(f"  {line}  {row[3]}")
            if i == 0:
                self.stdout.write(
                    "  " + "  ".join("-" * width for width in widths) + "  " + "-" * 18
                )
        self.stdout.write("\nTry searching for:")
        hints = demo_hints()
        width = max(len(hint.query) for hint in hints)
        for hint in hints:
            self.stdout.write(f"  {hint.query.ljust(width)}  {hint.finds}")
        self.stdout.write(
            "\nThe weekly digest (as margaux or admin; a dealer's manager sees their site):"
        )
        digests = demo_digests()
        width = max(len(hint.query) for hint in digests)
        for hint in digests:
            self.stdout.write(f"  {hint.query.ljust(width)}  {hint.finds}")
        if command := demo_portal_command():
            self.stdout.write(
                f"\nSteve's own page, his collection booked from it (story 004):\n  {command}"
            )
        self.stdout.write("")
