"""Rate limits of the contact form that hold across processes.

Each hit increments a counter in one atomic statement, shared by every web process: in the
database by default (`RateCount`, `INSERT … ON CONFLICT DO UPDATE … RETURNING`, on SQLite and
PostgreSQL alike), or in Redis (`INCR`) when GOODWILL_WEBFORM_LIMITS_URL names one. Two
processes can never both read "one left" and both go through, as a count-then-insert could.

Windows are of an hour, and the count of the last hour is estimated from the current window and
the part of the previous one still within the hour (a sliding window), so a burst across a
window's edge is not let through twice.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.conf import settings
from django.db import connection

from goodwill.channels.webform.models import RateCount

WINDOW = dt.timedelta(hours=1)


def window_start(at: dt.datetime) -> dt.datetime:
    seconds = int(WINDOW.total_seconds())
    epoch = int(at.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % seconds, tz=dt.UTC)


def hit(*, bucket: str, at: dt.datetime) -> float:
    """Count one more request for `bucket` and return how many there were in the last hour,
    this one included."""
    start = window_start(at)
    previous_start = start - WINDOW
    url = settings.GOODWILL_WEBFORM_LIMITS_URL
    if url.startswith(("redis://", "rediss://")):
        current, previous = _redis_hit(url, bucket, start, previous_start)
    else:
        current, previous = _database_hit(bucket, start, previous_start)
    still_in = 1 - (at - start) / WINDOW
    return current + previous * max(0.0, still_in)


def _database_hit(bucket: str, start: dt.datetime, previous_start: dt.datetime) -> tuple[int, int]:
    table = connection.ops.quote_name(RateCount._meta.db_table)
    with connection.cursor() as cursor:
        # One statement: the row is created or incremented and its new count read back
        # atomically, whatever other processes do at the same moment.
        cursor.execute(
            f"INSERT INTO {table} (bucket, window_start, hits) VALUES (%s, %s, 1) "  # noqa: S608  (the table name is ours)
            f"ON CONFLICT (bucket, window_start) DO UPDATE SET hits = {table}.hits + 1 "
            "RETURNING hits",
            # As the ORM writes it (naive UTC on SQLite), so the ORM finds it again.
            [bucket, connection.ops.adapt_datetimefield_value(start)],
        )
        row = cursor.fetchone()
    current = int(row[0]) if row else 1
    previous = (
        RateCount.objects.filter(bucket=bucket, window_start=previous_start)
        .values_list("hits", flat=True)
        .first()
    )
    return current, int(previous or 0)


@functools.cache
def _redis(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url)


def _redis_hit(
    url: str, bucket: str, start: dt.datetime, previous_start: dt.datetime
) -> tuple[int, int]:
    client = _redis(url)
    key = f"goodwill:webform:{bucket}:{int(start.timestamp())}"
    pipe = client.pipeline()
    pipe.incr(key)
    pipe.expire(key, int(2 * WINDOW.total_seconds()))
    pipe.get(f"goodwill:webform:{bucket}:{int(previous_start.timestamp())}")
    current, _expired, previous = pipe.execute()
    return int(current), int(previous or 0)


def prune(*, before: dt.datetime, limit: int = 1000) -> int:
    """Forget the database counters of windows that no longer count, a batch at a time."""
    old = list(
        RateCount.objects.filter(window_start__lt=window_start(before) - WINDOW).values_list(
            "pk", flat=True
        )[:limit]
    )
    if not old:
        return 0
    deleted, _ = RateCount.objects.filter(pk__in=old).delete()
    return deleted
