"""The demo's promises: a record that reads like a few months of real work, so the kept rates,
the reminders and the broken promises have something to show on day one.

Every promise goes through the promises services, back-dated; the ones left open past their due
time are broken by the worker's first sweep, exactly as in production.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.demo.cast import Cast
from goodwill.promises.services import promise_keep, promise_make

WORDS = {
    "en": (
        "We will call you back before {time}.",
        "Your car will be ready by {day}.",
        "You will have our answer by {day}.",
    ),
    "fr": (
        "Nous vous rappelons avant {time}.",
        "Votre voiture sera prête {day}.",
        "Vous aurez notre réponse {day}.",
    ),
    "de": (
        "Wir rufen Sie vor {time} zurück.",
        "Ihr Wagen ist am {day} fertig.",
        "Sie haben unsere Antwort bis zum {day}",
    ),
    "it": (
        "La richiameremo entro le {time}.",
        "La sua auto sarà pronta {day}.",
        "Avrà la nostra risposta {day}.",
    ),
}


def promises_create(*, cast: Cast, now: dt.datetime | None = None) -> int:
    """Promises on the open cases: most kept, some still open, a few already past due (broken at
    the first sweep), and Anna's promise to Herr Tauber (story 000) due tomorrow morning."""
    now = now or timezone.now()
    rng = random.Random(7)
    made = 0
    cases = list(
        Case.objects.filter(status__in=Case.OPEN_STATUSES)
        .select_related("client", "owner")
        .order_by("reference")
    )
    for case in cases:
        opened = max(case.opened_at, now - dt.timedelta(days=60))
        made_at = opened + dt.timedelta(hours=rng.randint(1, 6))
        if made_at >= now - dt.timedelta(hours=1):
            continue
        roll = rng.random()
        if roll < 0.55:  # kept, earlier in the case
            due_at = made_at + dt.timedelta(hours=rng.choice((4, 24, 48, 72)))
            if due_at >= now:
                due_at = now + dt.timedelta(days=2)
        elif roll < 0.8:  # still open, due in the coming days
            due_at = now + dt.timedelta(hours=rng.choice((3, 20, 44, 70)))
        else:  # forgotten: falls due in the past, the sweep breaks it
            due_at = made_at + dt.timedelta(hours=rng.choice((2, 24)))
            if due_at >= now:
                continue
        language = case.language if case.language in WORDS else "en"
        text = rng.choice(WORDS[language]).format(
            time=timezone.localtime(due_at).strftime("%H:%M"),
            day=timezone.localtime(due_at).strftime("%d.%m."),
        )
        promise = promise_make(actor=case.owner, case=case, text=text, due_at=due_at, at=made_at)
        made += 1
        if roll < 0.55 and due_at < now:
            promise_keep(
                actor=case.owner,
                promise=promise,
                at=made_at + (due_at - made_at) * rng.uniform(0.3, 0.95),
            )
    letter = (
        Case.objects.filter(client__last_name="Tauber", status__in=Case.OPEN_STATUSES)
        .select_related("client", "owner")
        .order_by("-opened_at")
        .first()
    )
    if letter is not None:
        tomorrow = timezone.localtime(now, _zone(letter)).date() + dt.timedelta(days=1)
        due = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(10, 0)), _zone(letter))
        promise_make(
            actor=cast.staff["anna"],
            case=letter,
            due_at=due,
            at=now - dt.timedelta(minutes=5),
            text="Ich rufe Sie morgen Vormittag persönlich an, Herr Tauber.",
        )
        made += 1
    return made


def _zone(case: Case) -> dt.tzinfo:
    import zoneinfo

    return zoneinfo.ZoneInfo(case.site.timezone)
