"""manage.py recall_import <code> <file.csv> [--dry-run] [--launch]: the campaign page's upload
from the command line, for lists too big to upload, through the same service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from goodwill.organisation.models import User
from goodwill.recalls.models import Campaign
from goodwill.recalls.reading import UnreadableFile
from goodwill.recalls.services import (
    ImportReport,
    campaign_import,
    campaign_launch,
    can_run_campaigns,
)


class Command(BaseCommand):
    help = "Add the affected VINs or serial numbers of a CSV to a campaign (created at /recalls/)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="the campaign's code")
        parser.add_argument("file", type=Path, help="the CSV: a column VIN or Serial")
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would happen, change nothing"
        )
        parser.add_argument(
            "--as",
            dest="username",
            default="",
            help="the brand manager importing (default: the campaign's creator)",
        )
        parser.add_argument(
            "--launch", action="store_true", help="launch the campaign after the import"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(code=options["code"].strip().upper()).first()
        if campaign is None:
            raise CommandError(f"No campaign {options['code']!r}: create it at /recalls/.")
        actor = campaign.created_by
        if options["username"]:
            named = User.objects.filter(username=options["username"]).first()
            if named is None or not can_run_campaigns(named):
                raise CommandError(f"{options['username']!r} is not a brand manager.")
            actor = named
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file {path}")
        dry = options["dry_run"]

        def progress(report: ImportReport) -> None:
            self.stdout.write(
                f"… {report.lines} lines, {report.matched} matched, {report.problems} kept aside"
            )

        try:
            with path.open("rb") as stream:
                report = campaign_import(
                    actor=actor, campaign=campaign, stream=stream, dry_run=dry, progress=progress
                )
        except (UnreadableFile, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from None
        verb = "would add" if dry else "added"
        added = report.matched + report.unknown + report.several if dry else report.added
        self.stdout.write(
            f"{report.lines} lines: {report.matched} vehicles of {report.owners} owners matched, "
            f"{report.unknown} unknown, {report.several} with several owners, "
            f"{report.already} already in the campaign, {report.duplicates} duplicates, "
            f"{report.problems} kept aside; {verb} {added}."
        )
        for problem in report.shown:
            self.stdout.write(f"  line {problem.line}: {problem.raw!r}: {problem.reason}")
        if options["launch"] and not dry:
            campaign_launch(actor=actor, campaign=campaign)
            self.stdout.write(
                self.style.SUCCESS(f"{campaign.code} launched: the worker tells the owners.")
            )
