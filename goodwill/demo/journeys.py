"""Story 004 as Goodwill runs it today, with a journey: the factory's feed says Steve Marsh's car
has left the factory and arrived at the London dealership, and he is told in his language at
once, with a private link to choose his delivery slot (before he could ask, where in the story he
called on the third day). James plans the delivery day (who, where, what is prepared, Steve's
preferences from his profile) for the slot Steve booked (demo.appointments), which plans the
call the day after with its clock. Steve's complaint about the story, still open, puts him on
the marketing suppression list (/journeys/suppressions.csv).

Everything goes through the journeys services, the feed through the same one the CSV command
and the API call."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from goodwill.cases.services import case_open
from goodwill.clients.models import Client
from goodwill.demo.cast import Cast
from goodwill.journeys.models import Journey, JourneyStep
from goodwill.journeys.services import (
    FeedRow,
    delivery_plan_save,
    delivery_preferences,
    feed_apply,
    journeys_ensure_defaults,
)


def journeys_create(*, cast: Cast, steve: Client, now: dt.datetime | None = None) -> Journey:
    now = now or timezone.now()
    journeys_ensure_defaults()  # a flushed database (demo --reset) has no plans
    journey = Journey.objects.get(client=steve, template__kind="car_order")
    vin = journey.product.vin if journey.product else ""
    feed_apply(
        rows=[
            FeedRow(1, vin, "built", now - dt.timedelta(days=9)),
            FeedRow(2, vin, "shipped", now - dt.timedelta(days=5)),
            FeedRow(3, vin, "arrived", now - dt.timedelta(hours=2)),
        ],
        source=JourneyStep.Source.FEED,
    )
    james = cast.staff["james"]
    journey.refresh_from_db()
    delivery_plan_save(
        actor=james,
        journey=journey,
        host=james,
        place="London showroom, handover bay 1 (covered, quiet)",
        prepared=(
            "Car valeted and charged to 100%, plates fitted\n"
            "Phone paired before he arrives; a printed quick guide\n"
            "An hour blocked for the walk-round, no other appointment beside it"
        ),
        preferences=delivery_preferences(client=steve)
        + "\nWants to be on his own agenda: never set a time for him.",
        at=now - dt.timedelta(minutes=10),
    )
    case_open(
        actor=james,
        client=steve,
        product=journey.product,
        category="complaint",
        channel="email",
        summary="Nobody told me my car had arrived; collection set on the salesman's agenda",
        opened_at=now - dt.timedelta(minutes=5),
    )
    return journey
