"""The care engine's part of the demo: default service levels before the stories open their cases,
then tier thresholds, the care centre's long hours, and clocks for the generated open cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F, Q
from django.utils import timezone

from goodwill.care.models import Clock
from goodwill.care.services import (
    clocks_client_told,
    clocks_start,
    opening_hours_set,
    service_levels_ensure_defaults,
    tier_threshold_set,
)
from goodwill.cases.models import Case
from goodwill.organisation.models import Site
from goodwill.timeline.models import Entry

# Chosen so that the stories' tiers agree with what their clients own (Mr T's two cars: VIP; the
# London GT and the Milano necklace: premium; a navigation device: standard).
THRESHOLDS = (("EUR", "15000", "150000"), ("CHF", "15000", "150000"), ("GBP", "13000", "130000"),
              ("USD", "16000", "160000"))


def care_demo_prepare() -> None:
    """Before the stories: the service levels their cases' clocks start from."""
    service_levels_ensure_defaults()


def care_demo_finish(*, now: dt.datetime | None = None) -> int:
    """After the stories: thresholds, the care centre's hours (Monday to Saturday 08:00–20:00)
    and clocks for the imported open cases, counted from when each case opened and replaying the
    answers their history records. Imported clocks
    already past due are marked breached without alerts (they ran out before Goodwill was
    watching); the sweep warns about the ones that come due from now on. Returns how many cases
    got clocks."""
    now = now or timezone.now()
    for currency, premium, vip in THRESHOLDS:
        tier_threshold_set(actor=None, currency=currency, premium_from=Decimal(premium), vip_from=Decimal(vip))
    for site in Site.objects.filter(kind=Site.Kind.CARE_CENTRE):
        opening_hours_set(actor=None, site=site, hours=[(day, dt.time(8), dt.time(20)) for day in range(6)])
    backfilled: list[int] = []
    without = Case.objects.filter(status__in=Case.OPEN_STATUSES, clocks__isnull=True).select_related("client")
    for case in without:
        if clocks_start(case=case, at=case.opened_at):
            backfilled.append(case.pk)
            _replay_answers(case)
    Clock.objects.filter(case_id__in=backfilled, state=Clock.State.RUNNING, due_at__lt=now).update(
        state=Clock.State.BREACHED, breached_at=F("due_at"), warned_at=F("warn_at"),
    )
    return len(backfilled)


def _replay_answers(case: Case) -> None:
    """What the imported history says we told the client: the first answer meets the first
    response, the last one restarts the update clock."""
    told = Entry.objects.filter(case=case, at__gte=case.opened_at).filter(
        Q(kind=Entry.Kind.MESSAGE_OUT) | Q(kind=Entry.Kind.CALL, payload__direction="outbound")
    ).order_by("at").values_list("at", flat=True)
    moments = list(told)
    for at in sorted({moments[0], moments[-1]}) if moments else []:
        clocks_client_told(case=case, at=at)
