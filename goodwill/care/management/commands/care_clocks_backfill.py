from typing import Any

from django.core.management.base import BaseCommand

from goodwill.care.services import clocks_backfill


class Command(BaseCommand):
    help = (
        "Start service-level clocks for open cases that have none (after import_dataset, or for "
        "cases opened before the care engine), replaying the answers their timeline records. "
        "Clocks already past due are marked breached without alerts. Safe to run again: cases "
        "with clocks are skipped."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{clocks_backfill()} open cases got clocks.")
