"""The clock of journeys (settings.GOODWILL_SWEEPS): stages whose date has come happen, and a
reported stage past its date alerts the owner, like any other clock."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction

from goodwill.journeys.models import Journey, JourneyStep, Stage
from goodwill.journeys.services import GRACE, journey_late, journey_reach

BATCH = 500

log = logging.getLogger("goodwill.journeys")


def journeys_due(now: dt.datetime) -> int:
    """One batch of due journeys (the partial index journey_next_due); each is claimed by a
    conditional update inside its own transaction (journey_reach moves it only from the stage
    it was read at, journey_late sets late_at only once), so two workers never act twice.
    Returns how many journeys moved or were alerted."""
    due = list(
        Journey.objects.filter(
            state=Journey.State.ACTIVE, next_due_at__lte=now, late_at__isnull=True
        )
        .order_by("next_due_at")
        .values_list("pk", flat=True)[:BATCH]
    )
    done = 0
    for pk in due:
        # One journey that fails (a bad row, a bug) is logged and rolled back alone: it never
        # stops the clock of every other journey.
        try:
            done += _journey_due(pk, now)
        except Exception:
            log.exception("journey %s: the sweep failed on it", pk)
    return done


@transaction.atomic
def _journey_due(pk: int, now: dt.datetime) -> int:
    journey = (
        Journey.objects.select_related("template", "client", "case", "next_stage")
        .filter(pk=pk)
        .first()
    )
    if journey is None or journey.next_stage is None or journey.next_due_at is None:
        return 0
    stage: Stage = journey.next_stage
    if stage.advance == Stage.Advance.TIME:
        # Long gone (an old purchase, a worker stopped for weeks): passed silently at its
        # date; otherwise it happens now, its news sent now.
        quiet = now - journey.next_due_at > GRACE
        step = journey_reach(
            journey=journey,
            stage=stage,
            source=JourneyStep.Source.TIME,
            at=journey.next_due_at if quiet else now,
            quiet=quiet,
            occurrence=journey.next_occurrence,
        )
        return int(step is not None)
    return int(journey_late(journey=journey, now=now))
