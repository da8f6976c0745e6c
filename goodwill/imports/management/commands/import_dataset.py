"""manage.py import_dataset DIR: load a dataset written by shared/bench/dataset.py."""

from __future__ import annotations

import json
import sys
import textwrap
from argparse import ArgumentParser, RawDescriptionHelpFormatter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from goodwill.imports.services import FILES, BadRow, DatasetError, dataset_import

SHOWN_BAD_ROWS = 50


class Command(BaseCommand):
    help = "\n\n".join(
        textwrap.fill(paragraph, 88)
        for paragraph in (
            "Load a dataset directory written by shared/bench/dataset.py: sites, advisors, "
            "clients (with contact points and search identifiers), products (with their "
            "warranty), cases and messages (as timeline entries), from JSON Lines files read side "
            "by side.",
            "Rows already in the database (same site or advisor code, client ref, or source key) "
            "are skipped, so the import can run again and change nothing. A line that is not "
            "JSON, misses a required field or names an unknown client, case, product, site or "
            "advisor is reported as file:line: reason and skipped; the rest loads. One "
            "transaction per batch of 1,000 clients: if the database refuses a batch, the batches "
            "before it stay loaded and a rerun resumes.",
            "A client whose e-mail or phone is invalid, or whose e-mail already belongs to "
            "another client, is loaded without it and listed as a warning. A case handled by "
            "staff of another dealer, who could not see the client, goes to the client's own "
            "advisor.",
            "Example: manage.py import_dataset bench/data/c1000",
        )
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        # Keep the paragraphs of `help` as written.
        return super().create_parser(
            prog_name, subcommand, formatter_class=RawDescriptionHelpFormatter, **kwargs
        )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "directory",
            type=Path,
            help="the dataset directory: meta.json and sites, advisors, clients, products, "
            "cases, messages .jsonl",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="no progress bar on stderr (for logs and CI)"
        )

    def handle(self, *args: Any, directory: Path, no_progress: bool, **options: Any) -> None:
        # tqdm redraws its line with "\r"; Django's OutputWrapper would add a newline to each write.
        stream = getattr(self.stderr, "_out", sys.stderr)
        try:
            report = dataset_import(directory=directory, progress=not no_progress, stderr=stream)
        except DatasetError as error:
            raise CommandError(str(error)) from None
        try:
            expected = json.loads((directory / "meta.json").read_text(encoding="utf-8"))["counts"]
        except (OSError, ValueError, KeyError, TypeError):
            expected = {}

        out = self.stdout.write
        out(
            f"{'file':<16} {'in meta':>10} {'inserted':>10} {'skipped':>10} {'bad':>8} "
            f"{'warnings':>9}"
        )
        for file in FILES:
            announced = expected.get(file.removesuffix(".jsonl"), "")
            out(
                f"{file:<16} {announced:>10} {report.inserted[file]:>10,} "
                f"{report.skipped[file]:>10,} {report.bad[file]:>8,} {report.warned[file]:>9,}"
            )
        out(
            "also written: "
            + ", ".join(f"{count:,} {what}" for what, count in report.derived.items())
        )
        self._list("bad rows skipped", sum(report.bad.values()), report.bad_rows)
        self._list("rows loaded with a part left out", sum(report.warned.values()), report.warnings)
        out(
            self.style.SUCCESS(
                f"Read {report.rows_read:,} rows in {report.seconds:.1f} s "
                f"({report.rows_per_second:,.0f} rows/s); wrote {report.rows_written:,} rows."
            )
        )

    def _list(self, title: str, total: int, rows: list[BadRow]) -> None:
        """The first rows of a kind of problem on stderr, with file:line, and how many more."""
        if not total:
            return
        self.stderr.write(self.style.WARNING(f"{total:,} {title}:"))
        for row in rows[:SHOWN_BAD_ROWS]:
            self.stderr.write(f"  {row}")
        if total > SHOWN_BAD_ROWS:
            self.stderr.write(f"  … and {total - SHOWN_BAD_ROWS:,} more")
