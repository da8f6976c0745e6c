from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from goodwill.clients.models import Client
from goodwill.privacy.selectors import client_export


class Command(BaseCommand):
    help = (
        "Export everything Goodwill holds about one client (GDPR access and portability): a zip "
        "with client.json and their documents, mail attachments and raw mails."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="the client's reference (CL-…)")
        parser.add_argument("file", help="the zip to write")

    def handle(self, *args: Any, **options: Any) -> None:
        client = Client.objects.filter(ref=options["reference"]).first()
        if client is None:
            raise CommandError(f"No client {options['reference']!r}.")
        target = Path(options["file"])
        if target.is_dir():
            raise CommandError(f"{target} is a directory; name the zip to write.")

        def progress(what: str, count: int) -> None:
            self.stderr.write(f"  {what}: {count}")

        # Written beside the target then renamed: never a half zip under the name asked for.
        fd, partial = tempfile.mkstemp(dir=target.parent or Path(), suffix=".partial")
        try:
            with os.fdopen(fd, "wb") as out:
                files = client_export(client=client, out=out, progress=progress)
            os.replace(partial, target)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        self.stdout.write(f"{client.ref}: {target} written ({files} files beside client.json).")
