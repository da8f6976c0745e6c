"""Giving cases back to advisors who are back from leave."""

from __future__ import annotations

import datetime as dt

from goodwill.availability.models import StandIn
from goodwill.availability.services import local_day, stand_in_give_back

BATCH = 200


def stand_ins_due(now: dt.datetime) -> int:
    """Every case a backup took over for someone who is no longer away goes back to them (the day
    after away_until in their site's time zone, or at once if they cut their absence short)."""
    today = now.date()
    pending = (
        StandIn.objects.filter(returned_at__isnull=True)
        # Surely still away whatever their time zone: not worth reading.
        .exclude(
            absent__away_from__lte=today - dt.timedelta(days=1),
            absent__away_until__gte=today + dt.timedelta(days=1),
        )
        .select_related("absent", "absent__site")
        .order_by("id")
    )
    handled = 0
    # Candidates are few (cases opened during absences); the exact day is checked in each person's
    # zone.
    for stand_in in pending[:BATCH]:
        absent = stand_in.absent
        if absent.is_away_on(local_day(user=absent, at=now)):
            continue
        handled += stand_in_give_back(stand_in=stand_in, at=now)
    return handled
