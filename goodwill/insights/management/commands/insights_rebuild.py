"""manage.py insights_rebuild: every insight summary computed again from the live tables."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from goodwill.insights.services import summaries_rebuild


class Command(BaseCommand):
    help = "Rebuild the insight summaries (CaseDay, DailySummary) from the live tables."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        bar = tqdm(
            total=0, unit="cases", file=sys.stderr, disable=options["no_progress"], desc="cases"
        )

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        rows = summaries_rebuild(progress=progress)
        bar.close()
        self.stdout.write(f"{rows} case-day rows written in {time.perf_counter() - started:.1f} s")
