"""The surveys' background work (listed in settings.GOODWILL_SWEEPS)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from goodwill.surveys import services
from goodwill.surveys.models import Survey

BATCH = 200


def surveys_due(now: dt.datetime) -> int:
    """Send the surveys whose day came (or set them aside under the limits), and make final the
    scores clicked and left alone for GOODWILL_SURVEY_SETTLE_MINUTES (partial indexes survey_due
    and survey_to_settle; each row claimed on its own). Returns how many surveys were sent."""
    due = list(
        Survey.objects.filter(state=Survey.State.SCHEDULED, due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)[:BATCH]
    )
    sent = sum(services.survey_send(survey_id=pk, at=now) for pk in due)
    quiet = now - dt.timedelta(minutes=settings.GOODWILL_SURVEY_SETTLE_MINUTES)
    to_settle = list(
        Survey.objects.filter(state=Survey.State.ANSWERED, answered_at__lte=quiet)
        .exclude(clicked_at__gt=quiet)
        .order_by("answered_at")
        .values_list("pk", flat=True)[:BATCH]
    )
    for pk in to_settle:
        services.survey_settle(survey_id=pk, at=now)
    return sent
