"""The contact form's sweep for the worker loop (goodwill.worker.loop)."""

from __future__ import annotations

import datetime as dt

from goodwill.channels.webform import limits


def rate_counts_prune(now: dt.datetime) -> int:
    """Forget the rate-limit counters of windows that no longer count; returns how many."""
    return limits.prune(before=now)
