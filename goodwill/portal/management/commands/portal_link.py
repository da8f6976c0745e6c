from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from goodwill.clients.models import Client
from goodwill.portal.services import portal_link_issue, portal_link_url


class Command(BaseCommand):
    help = (
        "Print a new private link to a client's portal, for support to give them (it works for "
        "GOODWILL_PORTAL_LINK_DAYS days). Example: portal_link CL-0000042"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="the client's reference, e.g. CL-0000042")

    def handle(self, *args: Any, **options: Any) -> None:
        client = Client.objects.filter(ref=options["reference"].strip().upper()).first()
        if client is None:
            raise CommandError(f"No client with reference {options['reference']!r}.")
        link = portal_link_issue(client=client, actor=None)
        self.stdout.write(portal_link_url(link))
