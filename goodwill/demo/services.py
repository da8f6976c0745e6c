"""Loading the demo: the brand Aurelis on its first day with Goodwill.

A few hundred generated clients with years of history (the vendored bench generator, loaded by
the import), the demo's sites and staff, and the five stories of shared/seeds as real clients.
Everything is deterministic and counted back from today, so two loads on the same day are equal.
"""

from __future__ import annotations

import datetime as dt
import importlib
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from goodwill.care.demo import care_demo_finish, care_demo_prepare
from goodwill.clients.models import Client
from goodwill.clients.services import client_update
from goodwill.demo.appointments import appointments_create
from goodwill.demo.assistance import assistance_create, taxi_receipt_reimburse
from goodwill.demo.cast import CARE_CENTRE_CODE, Cast, cast_create
from goodwill.demo.journeys import journeys_create
from goodwill.demo.mail import demo_mail_receive
from goodwill.demo.promises import promises_create
from goodwill.demo.recalls import recalls_create
from goodwill.demo.stories import stories_create
from goodwill.demo.surveys import survey_history_create, surveys_create
from goodwill.experience.sweeps import experience_catch_up
from goodwill.imports.services import dataset_import
from goodwill.insights.services import summaries_rebuild
from goodwill.organisation.models import Site

# The generator's seed and the date of its fixed "now"; its histories are shifted to end yesterday.
DATASET_SEED = 42
DATASET_NOW = dt.date(2026, 6, 30)

# Named advisors who take over every second generated client of their site, so that their home
# page is full on day one. Their backup follows them.
HANDOVERS = (("anna", "munich"), ("giulia", "milano"))


def demo_is_loaded() -> bool:
    return Site.objects.filter(code=CARE_CENTRE_CODE).exists()


def dataset_time_shift(*, today: dt.date) -> dt.timedelta:
    """How far the generated histories move: whole days, so that they end yesterday.

    The generator's "now" is noon, but a few of its open cases carry messages until late that
    evening; shifted to end today, they would sit hours in the future on the day of the load.
    """
    yesterday = today - dt.timedelta(days=1)
    return dt.datetime.combine(yesterday, dt.time(0), tzinfo=dt.UTC) - dt.datetime.combine(
        DATASET_NOW, dt.time(0), tzinfo=dt.UTC
    )


def dataset_load(*, clients: int, today: dt.date) -> None:
    """Generate `clients` clients with the vendored bench generator and load them with the
    import."""
    # Imported by name so that mypy does not follow it: the vendored generator is untyped on
    # purpose.
    dataset = importlib.import_module("goodwill.demo.dataset")

    with tempfile.TemporaryDirectory(prefix="goodwill-demo-") as directory:
        dataset.Generator(clients, DATASET_SEED, directory, 0).run()
        dataset_import(
            directory=Path(directory), progress=False, time_shift=dataset_time_shift(today=today)
        )


def _hand_over(*, cast: Cast, today: dt.date) -> None:
    """Give each named advisor every second generated client of their site, as of a few months
    ago."""
    handed_over_on = dt.datetime.combine(
        today - dt.timedelta(days=200), dt.time(9, 0), tzinfo=dt.UTC
    )
    for username, site_key in HANDOVERS:
        advisor = cast.staff[username]
        book = (
            Client.objects.filter(site=cast.sites[site_key])
            .exclude(advisor=advisor)
            .order_by("ref")
        )
        for client in list(book)[::2]:
            at = max(handed_over_on, client.client_since + dt.timedelta(days=1))
            client_update(
                actor=None, client=client, advisor=advisor, backup_advisor=advisor.backup, at=at
            )


def database_reset() -> None:
    """Drop every table and the task queue, and migrate again: the state of a fresh install,
    the defaults the data migrations write included (a flush would empty those too, leaving no
    journeys, service levels or brush-off phrases for the demo to use). The demo's --reset."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        quote = connection.ops.quote_name
        if connection.vendor == "postgresql":
            if tables:
                cursor.execute(f"DROP TABLE IF EXISTS {', '.join(map(quote, tables))} CASCADE")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {quote(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")
    settings.HUEY.flush()  # tasks queued for the rows just dropped
    call_command("migrate", interactive=False, verbosity=0)


@transaction.atomic
def demo_load(*, clients: int, today: dt.date | None = None) -> list[Client]:
    """Load the whole demo in one transaction and return the five story clients.

    The generated clients come first: their references (CL-…, GW-…) are fixed by the generator,
    and the story clients and cases take the next free ones.
    """
    today = today or timezone.now().date()
    if clients > 0:
        dataset_load(clients=clients, today=today)
    cast = cast_create()
    _hand_over(cast=cast, today=today)
    care_demo_prepare()
    story_clients = stories_create(cast=cast, today=today)
    care_demo_finish()
    promises_create(cast=cast)
    assistance_create(cast=cast, tauber=story_clients[0])
    appointments_create(cast=cast, steve=story_clients[4])
    surveys_create(cast=cast, lefevre=story_clients[3], steve=story_clients[4])
    recalls_create(cast=cast)
    journeys_create(cast=cast, steve=story_clients[4])
    received = demo_mail_receive()
    taxi_receipt_reimburse(cast=cast, inbound=received[-1])
    survey_history_create(story_clients=story_clients, today=today)
    _scores_and_summaries()
    return story_clients


def _scores_and_summaries() -> None:
    """What the worker would compute in its first minutes, done before the first page opens: the
    experience scores of every case (and each client's health), then the insight summaries from
    them, so the dashboards, the digest and the advisors' books show the stories at once."""
    experience_catch_up(timezone.now())
    summaries_rebuild()
