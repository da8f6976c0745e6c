"""Story 004 as Goodwill would run it today: London opens its delivery slots (the handover of a
new car takes an hour, two bays), James sends Steve Marsh a private link to choose his collection
time, and Steve books Saturday at 10:00 through it, on his agenda rather than the salesman's.

Everything goes through the appointments services, Steve's booking through the same one his
link's page calls. James's e-mail (with the link, to move or cancel it) is in the demo's Outbox;
the plan of that Saturday is at /appointments/."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from goodwill.appointments.models import Slot
from goodwill.appointments.services import booking_invite, booking_make, slots_generate
from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.demo.cast import Cast


def appointments_create(*, cast: Cast, steve: Client, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    london, james = cast.sites["london"], cast.staff["james"]
    today = timezone.localtime(now, ZoneInfo(london.timezone)).date()
    slots_generate(
        actor=james,
        site=london,
        kind="delivery",
        first_day=today + dt.timedelta(days=1),
        last_day=today + dt.timedelta(days=21),
        weekdays=range(6),  # Monday to Saturday
        times=[dt.time(9), dt.time(10), dt.time(11, 30), dt.time(14), dt.time(16)],
        minutes=60,
        capacity=2,
        at=now,
    )
    case = Case.objects.filter(client=steve, category="delivery").order_by("-opened_at").first()
    link = booking_invite(
        actor=james,
        client=steve,
        site=london,
        kind="delivery",
        case=case,
        at=now - dt.timedelta(minutes=40),
    )
    saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7 or 7)
    slot = Slot.objects.get(
        site=london,
        kind="delivery",
        starts_at=dt.datetime.combine(saturday, dt.time(10), tzinfo=ZoneInfo(london.timezone)),
    )
    booking_make(client=steve, slot=slot, link=link, at=now - dt.timedelta(minutes=15))
