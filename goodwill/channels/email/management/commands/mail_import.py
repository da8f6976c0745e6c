from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.services import email_ingest


class Command(BaseCommand):
    help = (
        "Take in raw e-mails (.eml files, or every file of a directory such as a maildir's cur/ and new/) "
        "through the same intake as the mailboxes: stored first, then threaded onto the clients' stories. "
        "A file already taken in changes nothing; a bad one is kept as unprocessable and the next goes through."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help=".eml files or directories of them")

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[Path] = []
        for path in options["paths"]:
            if path.is_dir():
                files.extend(sorted(p for p in path.rglob("*") if p.is_file()))
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{path}: no such file or directory")
        outcome: Counter[str] = Counter()
        for file in tqdm(files, unit="msg", disable=options["verbosity"] == 0, file=self.stderr):
            inbound = email_ingest(raw=file, source=InboundMessage.Source.FILE)
            outcome[inbound.status] += 1
        summary = ", ".join(f"{count} {status}" for status, count in sorted(outcome.items())) or "nothing"
        self.stdout.write(f"{len(files)} files: {summary}")
