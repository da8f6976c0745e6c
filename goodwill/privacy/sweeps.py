"""The privacy sweep for the worker loop (goodwill.worker.loop)."""

from __future__ import annotations

import datetime as dt

from goodwill.privacy.services import raw_mail_purge


def raw_mail_retention_due(now: dt.datetime) -> int:
    """Raw mail files past GOODWILL_RETAIN_RAW_MAIL_MONTHS removed (0: kept for ever)."""
    return raw_mail_purge(now=now)
