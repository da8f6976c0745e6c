from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.services import email_ingest_many

# Files stored (written, one sync, one commit) and then processed together, as the IMAP sweep
# does: the sync, the commit, the reads a batch shares and the hand-over to the task queue are
# paid once per batch instead of once per message.
BATCH = 50


class Command(BaseCommand):
    help = (
        "Take in raw e-mails (.eml files, or every file of a directory such as a maildir's cur/ "
        "and new/) through the same intake as the mailboxes: stored first, then threaded onto the "
        "clients' stories. A file already taken in changes nothing; a bad one is kept as "
        "unprocessable and the next goes through."
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
        with tqdm(
            total=len(files), unit="msg", disable=options["verbosity"] == 0, file=self.stderr
        ) as progress:
            for start in range(0, len(files), BATCH):
                batch = files[start : start + BATCH]
                for inbound in email_ingest_many(
                    raws=list(batch), source=InboundMessage.Source.FILE
                ):
                    outcome[inbound.status] += 1
                progress.update(len(batch))
        summary = (
            ", ".join(f"{count} {status}" for status, count in sorted(outcome.items())) or "nothing"
        )
        self.stdout.write(f"{len(files)} files: {summary}")
