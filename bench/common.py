"""What the page benchmarks share: Django on the database under test, the data set loaded once, and
the care agent whose eyes the pages are measured through."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def django_setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodwill.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]


def dataset_loaded(data: Path) -> None:
    """Migrate, import the data set unless the database already holds it, and refresh statistics."""
    from django.core.management import call_command
    from django.db import connection

    from goodwill.clients.models import Client

    call_command("migrate", verbosity=0)
    if not Client.objects.exists():
        started = time.perf_counter()
        call_command("import_dataset", str(data), "--no-progress")
        print(f"loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as after any bulk load


def bench_agent() -> Any:
    """A care-centre agent (created once): they see every client, like the peer's staff user."""
    from goodwill.organisation.models import Site, User
    from goodwill.organisation.services import site_create, staff_create

    care = Site.objects.filter(kind="care_centre").first() or site_create(
        code="BENCH-CARE", name="Bench care centre", kind="care_centre", country="CH"
    )
    agent = User.objects.filter(username="bench-agent").first() or staff_create(
        username="bench-agent",
        password=None,
        first_name="Bench",
        last_name="Agent",
        role="agent",
        site=care,
    )
    return User.objects.select_related("site").get(pk=agent.pk)
