from typing import Any

from django.core.management.base import BaseCommand

from goodwill.care.services import client_tiers_refresh_all


class Command(BaseCommand):
    help = (
        "Recompute every client's tier from the total price of what they own against the tier "
        "thresholds (the same as the button on /care/thresholds/). Tiers set by hand stay."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed = client_tiers_refresh_all()
        self.stdout.write(f"{changed} clients changed tier.")
