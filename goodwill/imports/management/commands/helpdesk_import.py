"""manage.py helpdesk_import --from SOURCE PATH: move in from another helpdesk."""

from __future__ import annotations

import textwrap
from argparse import ArgumentParser, RawDescriptionHelpFormatter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from goodwill.imports.moving_in import KINDS, LoadError, LoadReport, helpdesk_load
from goodwill.imports.readers import csv_format, django_helpdesk, zammad, zendesk
from goodwill.imports.records import Export, UnreadableExport
from goodwill.organisation.models import Site

SHOWN_PROBLEMS = 50


def _read_zendesk(path: str, files: Path | None) -> Export:
    return zendesk.read(Path(path), files=files)


def _read_zammad(path: str, files: Path | None) -> Export:
    return zammad.read(Path(path), files=files)


def _read_django_helpdesk(path: str, files: Path | None) -> Export:
    return django_helpdesk.read(path, files=files)


def _read_csv(path: str, files: Path | None) -> Export:
    return csv_format.read(Path(path), files=files)


READERS: dict[str, Callable[[str, Path | None], Export]] = {
    "zendesk": _read_zendesk,
    "zammad": _read_zammad,
    "django-helpdesk": _read_django_helpdesk,
    "csv": _read_csv,
}


class Command(BaseCommand):
    help = "\n\n".join(
        textwrap.fill(paragraph, 88)
        for paragraph in (
            "Move in from another helpdesk: its clients, products (CSV only), and tickets with "
            "their whole conversation and attachments. Details of each format: docs/importing.md.",
            "PATH is, for zendesk: the JSON export (a .json or newline-delimited .jsonl file, or a "
            "directory of tickets.json, users.json, organizations.json); for zammad: a directory "
            "of the API's tickets.json, users.json and ticket_articles/<ticket id>.json; for "
            "django-helpdesk: its database, an SQLite file or a postgres:// URL (read only); for "
            "csv: a directory of clients.csv, products.csv, cases.csv and messages.csv.",
            "A person already here by an e-mail address or phone number is that client; anyone "
            "else becomes a new unverified client at --site (default: the care centre). A ticket's "
            "owner is the staff member it was assigned to (matched by e-mail) when they may serve "
            "the client's site, else the intake's rule. Each message goes on the client's timeline "
            "at its own time; internal notes stay internal; attachments go into the document "
            "vault. Nobody is told and no acknowledgement is sent: this is history.",
            "Every record is remembered by its id in the other system: running the import again "
            "brings nothing twice (only messages added since). A record that cannot be read or is "
            "refused is listed with its reason and left out; the rest comes in.",
            "Example: manage.py helpdesk_import --from zendesk export/ --dry-run",
        )
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        return super().create_parser(
            prog_name, subcommand, formatter_class=RawDescriptionHelpFormatter, **kwargs
        )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--from",
            dest="source",
            required=True,
            choices=sorted(READERS),
            help="which helpdesk the export comes from",
        )
        parser.add_argument("path", help="the export: a file, a directory or a database URL")
        parser.add_argument(
            "--files",
            type=Path,
            default=None,
            help="where the attachment files are (default: attachments/ beside the export; for "
            "django-helpdesk, its MEDIA_ROOT). Nothing is ever downloaded.",
        )
        parser.add_argument(
            "--site",
            default="",
            help="code of the site new clients join (default: the care centre)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="read and decide everything, write nothing, and report what would come in",
        )
        parser.add_argument(
            "--every",
            type=int,
            default=100,
            help="print a progress line every N clients and every N tickets (default 100)",
        )

    def handle(
        self,
        *args: Any,
        source: str,
        path: str,
        files: Path | None,
        site: str,
        dry_run: bool,
        every: int,
        **options: Any,
    ) -> None:
        if every < 1:
            raise CommandError("--every must be 1 or more")
        if files is not None and not files.is_dir():
            raise CommandError(f"--files {files} is not a directory")
        chosen = None
        if site:
            chosen = Site.objects.filter(code=site).first()
            if chosen is None:
                raise CommandError(f"there is no site with the code {site!r}")
        self.stdout.write(f"Reading the {source} export at {path} …")
        try:
            export = READERS[source](path, files)
        except UnreadableExport as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Found {len(export.clients)} clients, {len(export.products)} products and "
            f"{len(export.cases)} tickets ({len(export.problems)} records unreadable)."
        )
        try:
            report = helpdesk_load(
                export=export,
                site=chosen,
                dry_run=dry_run,
                progress=self.stdout.write,
                every=every,
            )
        except LoadError as error:
            raise CommandError(str(error)) from None
        self._summary(report)

    def _summary(self, report: LoadReport) -> None:
        title = "Dry run: nothing was written. Would come in:" if report.dry_run else "Imported:"
        self.stdout.write(title)
        for kind in KINDS:
            tally = report.tallies[kind]
            matched = f", {tally.matched} found here already" if kind == "clients" else ""
            self.stdout.write(
                f"  {kind:<12} {tally.new} new{matched}, {tally.already} imported before, "
                f"{tally.refused} refused"
            )
        if report.problem_count:
            self.stdout.write(f"{report.problem_count} problems (records left out or trimmed):")
            for problem in report.problems[:SHOWN_PROBLEMS]:
                self.stdout.write(f"  {problem}")
            if report.problem_count > SHOWN_PROBLEMS:
                self.stdout.write(f"  … and {report.problem_count - SHOWN_PROBLEMS} more")
