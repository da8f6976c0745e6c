"""Background tasks of campaigns (django.tasks, run by the worker's queue consumer)."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from goodwill.recalls.models import Campaign
from goodwill.recalls.services import campaign_tell_due


@task
def tell(campaign_id: int) -> None:
    """Tell every owner of a launched campaign; the sweep campaigns_due catches what this
    misses (a worker stopped midway)."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is not None:
        campaign_tell_due(campaign=campaign, at=timezone.now())
