"""The worker's insight sweeps (settings.GOODWILL_SWEEPS): the summaries kept up to date, and the
weekly digest on Monday mornings."""

from __future__ import annotations

import datetime as dt

from goodwill.insights.models import DigestSent
from goodwill.insights.selectors import digest_readers
from goodwill.insights.services import digest_send, last_full_week, summaries_refresh

# Monday from this hour (UTC) on: the week before is over everywhere the brand works.
DIGEST_HOUR = 6


def summaries_due(now: dt.datetime) -> int:
    """Refresh the summaries of the days touched since the last run; the number of days."""
    return len(summaries_refresh(now=now))


def digests_due(now: dt.datetime) -> int:
    """Each reader's digest of last week, once (claimed per reader and week), from Monday
    morning; a worker down on Monday sends it later that week, never a week late."""
    today = now.astimezone(dt.UTC)
    if today.weekday() == 0 and today.hour < DIGEST_HOUR:
        return 0
    week = last_full_week(today=today.date())
    waiting = list(
        digest_readers().exclude(pk__in=DigestSent.objects.filter(week=week).values("reader_id"))
    )
    if not waiting:
        return 0
    summaries_refresh(now=now)  # the digest reads the summaries: up to the minute
    return sum(digest_send(reader=reader, week=week, now=now) for reader in waiting)
