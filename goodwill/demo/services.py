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

from django.db import transaction
from django.utils import timezone

from goodwill.care.demo import care_demo_finish, care_demo_prepare
from goodwill.clients.models import Client
from goodwill.clients.services import client_update
from goodwill.demo.appointments import appointments_create
from goodwill.demo.assistance import assistance_create, taxi_receipt_reimburse
from goodwill.demo.cast import CARE_CENTRE_CODE, Cast, cast_create
from goodwill.demo.mail import demo_mail_receive
from goodwill.demo.promises import promises_create
from goodwill.demo.stories import stories_create
from goodwill.imports.services import dataset_import
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
    received = demo_mail_receive()
    taxi_receipt_reimburse(cast=cast, inbound=received[-1])
    return story_clients
