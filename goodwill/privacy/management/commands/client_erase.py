from __future__ import annotations

import getpass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from goodwill.clients.models import Client
from goodwill.privacy.models import Erasure
from goodwill.privacy.services import client_erase


class Command(BaseCommand):
    help = (
        "Erase a client's personal data (GDPR) from every table, file and search index; their "
        "cases' history stays. Asks for confirmation unless --yes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="the client's reference (CL-…)")
        parser.add_argument("--reason", required=True, help="why (kept in the audit)")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: Any, **options: Any) -> None:
        ref = options["reference"]
        client = Client.objects.filter(ref=ref).first()
        if client is None:
            raise CommandError(f"No client {ref!r}.")
        if not options["yes"]:
            answer = input(f"Erase {ref} for good? Type the reference again to confirm: ")
            if answer.strip() != ref:
                raise CommandError("Not confirmed; nothing erased.")
        again = Erasure.objects.filter(client_ref=ref).exists()
        try:
            erasure = client_erase(
                actor=None, client=client, reason=options["reason"], operator=_operator()
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        erasure.refresh_from_db()
        if again:
            self.stdout.write(f"{ref} was already erased on {erasure.at:%Y-%m-%d}; checked again.")
            return
        for key, count in erasure.counts.items():
            self.stdout.write(f"  {key}: {count}")
        self.stdout.write(f"{ref} erased.")


def _operator() -> str:
    try:
        return f"{getpass.getuser()} (command line)"
    except (KeyError, OSError):
        return "command line"
