"""manage.py journey_feed <file.csv> [--dry-run]: apply a factory or logistics feed (columns
vin or serial, stage, at); every row is reported, a bad one with its reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from goodwill.journeys.feed import FeedError, rows_read
from goodwill.journeys.models import JourneyStep
from goodwill.journeys.services import feed_apply

MAX_BYTES = 50 * 1024 * 1024


class Command(BaseCommand):
    help = "Move journeys on from a factory or logistics CSV file (vin/serial, stage, at)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(f"{path}: larger than {MAX_BYTES} bytes: split it.")
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        try:
            rows = rows_read(data)
        except FeedError as error:
            raise CommandError(f"{path}: {error}") from error
        with transaction.atomic():
            results = feed_apply(
                rows=rows, source=JourneyStep.Source.FEED, dry_run=options["dry_run"]
            )
        counts: dict[str, int] = {}
        for result in results:
            counts[result.outcome] = counts.get(result.outcome, 0) + 1
            if result.outcome == "kept aside":
                self.stdout.write(
                    f"line {result.line}: {result.code or '-'} {result.stage or '-'}: "
                    f"kept aside: {result.reason}"
                )
        summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))
        prefix = "dry run: " if options["dry_run"] else ""
        self.stdout.write(f"{prefix}{summary or 'no rows'}")
