"""The quotes' clock: sent quotes past their last day become expired (one UPDATE, idempotent)."""

from __future__ import annotations

import datetime as dt

from goodwill.quotes.services import quotes_expire


def quotes_expire_due(now: dt.datetime) -> int:
    return quotes_expire(at=now)
