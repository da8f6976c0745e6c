from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from goodwill.clients.models import Tier
from goodwill.clients.services import client_create
from goodwill.organisation.models import Site, User


class Command(BaseCommand):
    help = (
        "Add one client to the book, with the same checks as the New client page. "
        "Example: client_create --last-name Keller --first-name Urs --phone '079 123 45 67' "
        "--country CH --site CH-ZRH-001 --advisor anna"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--last-name", required=True)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--title", default="", help="Mr, Mrs, Dr, …")
        parser.add_argument("--address-as", default="", help="how the client likes to be greeted")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--phone", default="", help="any format; national numbers use --country"
        )
        parser.add_argument("--language", default="en", help="preferred language code (default en)")
        parser.add_argument("--country", default="", help="two-letter country code, e.g. CH")
        parser.add_argument("--tier", default=Tier.STANDARD, choices=Tier.values)
        parser.add_argument("--site", required=True, help="site code, e.g. DE-MUN-001")
        parser.add_argument("--advisor", default="", help="the advisor's username")

    def handle(self, *args: Any, **options: Any) -> None:
        site = Site.objects.filter(code=options["site"]).first()
        if site is None:
            codes = ", ".join(Site.objects.order_by("code").values_list("code", flat=True)[:20])
            raise CommandError(
                f"No site with code {options['site']!r}. Known sites: {codes or 'none yet'}"
            )
        advisor = None
        if options["advisor"]:
            advisor = User.objects.filter(username=options["advisor"]).first()
            if advisor is None:
                raise CommandError(f"No staff member with username {options['advisor']!r}.")
        try:
            client = client_create(
                actor=None,
                last_name=options["last_name"],
                first_name=options["first_name"],
                title=options["title"],
                address_as=options["address_as"],
                email=options["email"],
                phone=options["phone"],
                language=options["language"],
                country=options["country"],
                tier=options["tier"],
                site=site,
                advisor=advisor,
            )
        except ValidationError as error:
            lines = [
                f"  {field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            ]
            raise CommandError("The client was not added:\n" + "\n".join(lines)) from None
        self.stdout.write(self.style.SUCCESS(f"Added {client.name} as {client.ref}."))
