"""Goodwill's events as webhook deliveries (listed in goodwill/reactions.py, after commit).

Each only records a WebhookDelivery per subscribed endpoint (services.webhook_record); the worker
posts them. The data is references and statuses: a receiver reads more through /api/v1/.
"""

from __future__ import annotations

import uuid
from typing import Any

from goodwill.cases.events import CaseOpened, CaseStatusChanged, ClientContacted, ClientTold
from goodwill.cases.models import Case
from goodwill.integrations.services import webhook_record
from goodwill.journeys.events import JourneyStageReached
from goodwill.promises.events import PromiseBroken, PromiseKept, PromiseMade
from goodwill.promises.models import Promise
from goodwill.surveys.events import SurveyAnswered


def _case(case: Case) -> dict[str, Any]:
    return {
        "case": case.reference,
        "client": case.client.ref,
        "status": case.status,
        "category": case.category,
    }


def _promise(promise: Promise) -> dict[str, Any]:
    return {
        "promise": promise.pk,
        "due_at": promise.due_at.isoformat(),
        "status": promise.status,
        **_case(promise.case),
    }


def case_opened(event: CaseOpened) -> None:
    webhook_record(
        event="case.opened", key=f"case.opened:{event.case.pk}", data=_case(event.case), at=event.at
    )


def case_status_changed(event: CaseStatusChanged) -> None:
    data = {**_case(event.case), "old": event.old, "new": event.new}
    webhook_record(
        event="case.status_changed",
        key=f"case.status_changed:{event.entry_id}",
        data=data,
        at=event.at,
    )
    if event.new in Case.CLOSED_STATUSES and event.old not in Case.CLOSED_STATUSES:
        webhook_record(
            event="case.closed", key=f"case.closed:{event.entry_id}", data=data, at=event.at
        )


def _promise_event(name: str, event: PromiseMade | PromiseKept | PromiseBroken) -> None:
    # Named reactions stay one per event: the queue finds a reaction by its dotted path.
    webhook_record(
        event=name, key=f"{name}:{event.promise.pk}", data=_promise(event.promise), at=event.at
    )


def promise_made(event: PromiseMade) -> None:
    _promise_event("promise.made", event)


def promise_kept(event: PromiseKept) -> None:
    _promise_event("promise.kept", event)


def promise_broken(event: PromiseBroken) -> None:
    _promise_event("promise.broken", event)


def _at(event: ClientContacted | ClientTold) -> str:
    # Without a time the contact cannot be told from the next one: never merge them.
    return event.at.isoformat() if event.at else uuid.uuid4().hex


def message_in(event: ClientContacted) -> None:
    webhook_record(
        event="message.in",
        key=f"message.in:{event.case.pk}:{event.channel}:{_at(event)}",
        data={**_case(event.case), "channel": event.channel},
        at=event.at,
    )


def message_out(event: ClientTold) -> None:
    webhook_record(
        event="message.out",
        key=f"message.out:{event.case.pk}:{_at(event)}",
        data=_case(event.case),
        at=event.at,
    )


def survey_answered(event: SurveyAnswered) -> None:
    survey = event.survey
    webhook_record(
        event="survey.answered",
        key=f"survey.answered:{survey.pk}",
        data={
            **_case(survey.case),
            "survey": survey.pk,
            "kind": survey.kind,
            "score": survey.score,
            "detractor": survey.detractor,
        },
        at=event.at,
    )


def journey_stage_reached(event: JourneyStageReached) -> None:
    journey, stage = event.journey, event.stage
    data: dict[str, Any] = {
        "journey": journey.pk,
        "kind": journey.template.kind,
        "stage": stage.code,
        "client": journey.client.ref,
    }
    if journey.case is not None:
        data["case"] = journey.case.reference
    webhook_record(
        event="journey.stage_reached",
        key=f"journey.stage_reached:{journey.pk}:{stage.pk}",
        data=data,
        at=event.at,
    )
