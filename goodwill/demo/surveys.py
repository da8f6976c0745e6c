"""Surveys in the demo (issue 14). Steve (story 004) was asked after his delivery whether he
would recommend Aurelis: a 3, because nobody told him his car had arrived. The answer asked
James to call him and told the managers; James called the next morning, apologised and won him
back with his first service free, collected from his door. Madame Lefèvre (story 003) was asked
how her earlier request went, months before the lost maps: a 5.

Everything goes through the surveys' services, back-dated a day after each case closed, as the
sweep would have sent them; the e-mails are in the demo's Outbox."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.demo.cast import Cast
from goodwill.surveys.models import Survey
from goodwill.surveys.services import (
    detractor_outcome_record,
    survey_schedule,
    survey_send,
    survey_submit,
)


def _asked(case: Case | None) -> Survey | None:
    """The survey of `case`, sent a day after it closed (None: the limits kept it back)."""
    if case is None or case.closed_at is None:
        return None
    survey = survey_schedule(case=case, at=case.closed_at, history=True)
    if survey is None or not survey_send(survey_id=survey.pk, at=survey.due_at):
        return None
    return Survey.objects.get(pk=survey.pk)


def _first_closed(client: Client, category: str) -> Case | None:
    return (
        Case.objects.filter(client=client, category=category, closed_at__isnull=False)
        .order_by("closed_at")
        .first()
    )


def surveys_create(*, cast: Cast, lefevre: Client, steve: Client) -> None:
    earlier = _asked(_first_closed(lefevre, "information"))
    if earlier is not None and earlier.sent_at is not None:
        survey_submit(
            survey=earlier,
            score=5,
            effort=5,
            comment="Rapide et aimable, merci.",
            channel="email",
            at=earlier.sent_at + dt.timedelta(hours=2),
        )
    delivery = _asked(_first_closed(steve, "delivery"))
    if delivery is None or delivery.sent_at is None:
        return
    answered = survey_submit(
        survey=delivery,
        score=3,
        effort=2,
        comment=(
            "Lovely car, but nobody told me it had arrived: I found out myself, weeks later, "
            "and collection was fitted around the salesman's diary."
        ),
        at=delivery.sent_at + dt.timedelta(hours=4),
    )
    assert answered.final_at is not None
    detractor_outcome_record(
        actor=cast.staff["james"],
        survey=answered,
        recovered=True,
        offered=(
            "Apologised; his first service free, the car collected from and returned to his door."
        ),
        at=answered.final_at + dt.timedelta(hours=15),
    )


# The generated history's surveys: how its clients answered, drawn from a seeded stream so two
# loads agree. Mostly content, as a brand's clients are; a few unhappy, most of them called.
HISTORY_SEED = 14
HISTORY_DAYS = 120
_SATISFACTION = ((5, 45), (4, 30), (3, 12), (2, 8), (1, 5))
_RECOMMENDATION = ((10, 35), (9, 25), (8, 15), (7, 10), (6, 6), (5, 4), (3, 3), (1, 2))


def _draw(rng: random.Random, weights: tuple[tuple[int, int], ...]) -> int:
    return rng.choices([value for value, _ in weights], [weight for _, weight in weights])[0]


def survey_history_create(*, story_clients: Iterable[Client], today: dt.date) -> int:
    """Surveys for the generated cases closed in the last HISTORY_DAYS, sent and answered through
    the services as the sweep and the clients would have, within the limits (a client asked at
    most once a GOODWILL_SURVEY_MIN_DAYS, never with a case open); an unhappy client's call is
    recorded by its assignee, won back more often than not. Returns how many were answered."""
    rng = random.Random(HISTORY_SEED)
    since = dt.datetime.combine(today - dt.timedelta(days=HISTORY_DAYS), dt.time(), dt.UTC)
    closed = (
        Case.objects.filter(closed_at__gte=since, status__in=Case.CLOSED_STATUSES)
        .exclude(survey__isnull=False)
        .exclude(client__in=list(story_clients))  # their surveys are their stories'
        .select_related("client")
        .order_by("closed_at", "pk")
    )
    now = timezone.now()
    answered = 0
    for case in closed:
        # A case closed too recently keeps its survey scheduled: the worker sends it when due.
        delay = dt.timedelta(hours=settings.GOODWILL_SURVEY_DELAY_HOURS)
        if case.closed_at is None or case.closed_at + delay > now:
            continue
        survey = _asked(case)
        if survey is None or survey.sent_at is None or rng.random() < 0.25:  # not everyone answers
            continue
        top = survey.kind == Survey.Kind.SATISFACTION
        answer_at = survey.sent_at + dt.timedelta(hours=rng.randint(1, 30))
        if answer_at > now:
            continue
        final = survey_submit(
            survey=survey,
            score=_draw(rng, _SATISFACTION if top else _RECOMMENDATION),
            effort=rng.choice((2, 3, 4, 4, 5, 5)) if rng.random() < 0.7 else None,
            at=answer_at,
        )
        answered += 1
        task = final.call_task
        if final.final_at is None or task is None:
            continue
        # Called, always, when it was more than a week ago; this week's may still be waiting.
        called_at = final.final_at + dt.timedelta(hours=rng.randint(3, 20))
        recent = final.final_at.date() > today - dt.timedelta(days=7)
        if called_at <= now and (not recent or rng.random() < 0.5):
            detractor_outcome_record(
                actor=task.assignee,
                survey=final,
                recovered=rng.random() < 0.6,
                offered="Apologised and explained what went wrong.",
                at=called_at,
            )
    return answered
