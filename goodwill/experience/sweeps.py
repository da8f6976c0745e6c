"""Keeps the experience scores up to date (settings.GOODWILL_SWEEPS).

The timeline only grows, and its ids only rise: a cursor (the last entry id read) finds the cases
whose story moved since the last round by a range scan of the primary key, so a round costs what
was written since the last one, never the size of the timeline (3 million entries or 30).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from goodwill.experience.models import CaseExperience, ExperienceCursor
from goodwill.experience.services import case_experience_refresh
from goodwill.timeline.models import Entry

BATCH = 2000
# On PostgreSQL an entry may commit after one with a higher id was read (ids are handed out
# before commit). Each round looks this many ids back too, and scores a case seen there only if
# its score has not read that entry yet: a late commit is caught by the next round with news.
LOOK_BACK = 500


def experience_due(now: dt.datetime) -> int:
    """Score the cases whose timeline has an entry newer than their score. Returns how many."""
    with transaction.atomic():
        # Held until commit: a second worker waits here instead of scoring the same batch.
        cursor, _ = ExperienceCursor.objects.select_for_update().get_or_create(pk=1)
        new = list(
            Entry.objects.filter(pk__gt=cursor.last_entry_id)
            .order_by("pk")
            .values_list("pk", "case_id")[:BATCH]
        )
        if not new:
            return 0
        behind = Entry.objects.filter(
            pk__gt=max(0, cursor.last_entry_id - LOOK_BACK),
            pk__lte=cursor.last_entry_id,
            case__isnull=False,
        ).values_list("pk", "case_id")
        newest: dict[int, int] = {}
        for pk, case_id in [*behind, *new]:
            if case_id is not None:
                newest[case_id] = max(pk, newest.get(case_id, 0))
        read = dict(
            CaseExperience.objects.filter(case_id__in=newest).values_list(
                "case_id", "last_entry_id"
            )
        )
        changed = [case_id for case_id, pk in newest.items() if pk > read.get(case_id, 0)]
        done = case_experience_refresh(case_ids=changed, now=now)
        cursor.last_entry_id = new[-1][0]
        cursor.moved_at = now
        cursor.save(update_fields=["last_entry_id", "moved_at"])
    return done


def experience_catch_up(now: dt.datetime) -> int:
    """The sweep's rounds until it has read the whole timeline (the demo's load, a fresh
    install): a round of entries about no case scores nothing, so a round returning 0 is not
    the end. Returns how many cases were scored."""
    done = 0
    while True:
        done += experience_due(now)
        latest = Entry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        read = ExperienceCursor.objects.values_list("last_entry_id", flat=True).first() or 0
        if read >= latest:
            return done
