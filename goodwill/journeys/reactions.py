"""How journeys start on what happens (goodwill/reactions.py)."""

from __future__ import annotations

from django.utils import timezone

from goodwill.cases.events import CaseOpened, CaseStatusChanged
from goodwill.cases.models import Case
from goodwill.clients.events import MileageRecorded, ProductAdded, ProductDelivered
from goodwill.journeys.events import JourneyStageReached
from goodwill.journeys.services import (
    journey_delivered,
    journey_start_for_case,
    journey_start_for_product,
    journeys_end_with_case,
    journeys_replan_for_product,
)
from goodwill.surveys.services import survey_schedule


def start_for_product(event: ProductAdded) -> None:
    # In the transaction that added the product: the journey is part of the purchase.
    journey_start_for_product(product=event.product, at=event.at)


def replan_for_product(event: MileageRecorded) -> None:
    # A new reading may bring the next service closer (or push it back).
    journeys_replan_for_product(product=event.product, at=event.at)


def reach_delivery(event: ProductDelivered) -> None:
    # The delivery day given on the product is the journey's delivery: one fact, one day.
    journey_delivered(product=event.product, actor=event.actor, at=event.at)


def start_for_case(event: CaseOpened) -> None:
    journey_start_for_case(case=event.case, at=event.at)


def end_with_case(event: CaseStatusChanged) -> None:
    # A closed repair or assistance plans nothing more, and is never "late" after the fact.
    journeys_end_with_case(case=event.case, at=event.at)


def survey_after_delivery(event: JourneyStageReached) -> None:
    """A stage marked `survey_hook` (the delivery, a watch's day after) asks for the
    recommendation survey: at once scheduled when its case is already closed (the feed or a click
    moved the journey after the handover was closed); otherwise closing the case schedules it, as
    for every case (a delivery case's survey is the recommendation). The surveys' own limits
    still apply when it is due."""
    case = event.journey.case
    if not event.stage.survey_hook or case is None or case.status not in Case.CLOSED_STATUSES:
        return
    survey_schedule(case=case, at=event.at or timezone.now())
