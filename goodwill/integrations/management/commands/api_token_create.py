from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from goodwill.integrations.models import ApiToken
from goodwill.integrations.services import api_token_create
from goodwill.organisation.models import User


class Command(BaseCommand):
    help = (
        "Make an API token for a staff member and print it, once: only its SHA-256 is kept. "
        "The token acts exactly as that person (their site, what they may see)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the staff member's user name")
        parser.add_argument("--scope", choices=ApiToken.Scope.values, default=ApiToken.Scope.READ)
        parser.add_argument("--days", type=int, default=None, help="expires after; default never")
        parser.add_argument("--name", default="", help="what will use it (default: the command)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No staff member {options['user']!r}.")
        try:
            _token, raw = api_token_create(
                actor=None,
                user=user,
                name=options["name"] or "api_token_create",
                scope=options["scope"],
                days=options["days"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        # Only the token on stdout, so a script can capture it; what it is goes to stderr.
        self.stderr.write(
            f"Token for {user.username} ({options['scope']}); it cannot be shown again:"
        )
        self.stdout.write(raw)
