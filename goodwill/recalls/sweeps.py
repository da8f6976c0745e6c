"""The campaigns' clock: owners of a launched campaign not told yet (the launch's task stopped,
vehicles imported after the launch), bookings made through the links, and one reminder to those
who have not booked after the campaign's days.

Each owner is claimed in their own transaction (the vehicles still without a case, or not yet
reminded), so any number of workers may run this and one killed at any line leaves nothing half
done."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Exists, F, OuterRef

from goodwill.appointments.models import Booking
from goodwill.recalls.models import Campaign, CampaignVehicle
from goodwill.recalls.services import bookings_found, campaign_remind_owner, campaign_tell_due

# Owners told a sweep at most per campaign; the launch's task tells the rest at once.
TELL_BATCH = 200
REMIND_BATCH = 500


def campaigns_due(now: dt.datetime) -> int:
    """Tell, link bookings and remind, for every launched campaign. Returns the work done."""
    done = 0
    for campaign in Campaign.objects.filter(status=Campaign.Status.LAUNCHED).order_by("pk"):
        done += campaign_tell_due(campaign=campaign, at=now, limit=TELL_BATCH)
        done += bookings_found(campaign=campaign)
        done += reminders_due(campaign=campaign, now=now)
    return done


def reminders_due(*, campaign: Campaign, now: dt.datetime) -> int:
    """Remind owners told `reminder_days` ago whose vehicles are neither booked nor fixed (the
    partial index campaign_vehicle_to_remind); a booking on the case since counts as booked."""
    booked = Booking.objects.filter(
        case_id=OuterRef("case_id"),
        status=Booking.Status.BOOKED,
        slot__kind=campaign.appointment_kind,
    )
    due = (
        CampaignVehicle.objects.filter(
            campaign=campaign,
            told_at__isnull=False,
            told_at__lte=now - dt.timedelta(days=campaign.reminder_days),
            reminded_at__isnull=True,
            booking__isnull=True,
            fixed_at__isnull=True,
        )
        .exclude(Exists(booked))
        .order_by(F("told_at").asc(), "pk")
        .values_list("pk", "client_id")[:REMIND_BATCH]
    )
    owners: dict[int, list[int]] = defaultdict(list)
    for pk, client_id in due:
        owners[client_id].append(pk)
    return sum(
        campaign_remind_owner(campaign=campaign, client_id=client_id, vehicle_ids=ids, at=now)
        for client_id, ids in owners.items()
    )
