"""What journeys announce, for the apps above (goodwill/reactions.py)."""

from __future__ import annotations

import dataclasses

from goodwill.events import Event
from goodwill.journeys.models import Journey, Stage


@dataclasses.dataclass(frozen=True, kw_only=True)
class JourneyStageReached(Event):
    """A client's journey reached a stage. The surveys app reacts to the stages marked
    `survey_hook` (a delivery: the recommendation survey follows at the right time); the hook is
    this event, listed in goodwill/reactions.py once the surveys are there."""

    journey: Journey
    stage: Stage
