"""The care engine's part of the demo: default service levels before the stories open their cases,
then tier thresholds, the care centre's long hours, and clocks for the generated open cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from goodwill.care.services import (
    clocks_backfill,
    opening_hours_set,
    service_levels_ensure_defaults,
    tier_threshold_set,
)
from goodwill.organisation.models import Site

# Chosen so that the stories' tiers agree with what their clients own (Mr T's two cars: VIP; the
# London GT and the Milano necklace: premium; a navigation device: standard).
THRESHOLDS = (
    ("EUR", "15000", "150000"),
    ("CHF", "15000", "150000"),
    ("GBP", "13000", "130000"),
    ("USD", "16000", "160000"),
)


def care_demo_prepare() -> None:
    """Before the stories: the service levels their cases' clocks start from."""
    service_levels_ensure_defaults()


def care_demo_finish(*, now: dt.datetime | None = None) -> int:
    """After the stories: thresholds, the care centre's hours (Monday to Saturday 08:00–20:00)
    and clocks for the imported open cases (clocks_backfill). Returns how many cases got clocks."""
    now = now or timezone.now()
    for currency, premium, vip in THRESHOLDS:
        tier_threshold_set(
            actor=None, currency=currency, premium_from=Decimal(premium), vip_from=Decimal(vip)
        )
    for site in Site.objects.filter(kind=Site.Kind.CARE_CENTRE):
        opening_hours_set(
            actor=None, site=site, hours=[(day, dt.time(8), dt.time(20)) for day in range(6)]
        )
    return clocks_backfill(now=now)
