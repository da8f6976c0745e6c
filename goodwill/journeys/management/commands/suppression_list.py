"""manage.py suppression_list: who must not receive marketing now, as CSV on stdout (the same
rows as /journeys/suppressions.csv and GET /api/v1/suppressions, formula-safe)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from goodwill.journeys.suppression import suppression_csv_lines


class Command(BaseCommand):
    help = "Print the marketing suppression list as CSV."

    def handle(self, *args: Any, **options: Any) -> None:
        for line in suppression_csv_lines():
            self.stdout.write(line, ending="")
