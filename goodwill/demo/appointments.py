"""Story 004 as Goodwill would run it today: London opens its delivery slots (the handover of a
new car takes an hour, two bays), James e-mails Steve Marsh the private link to his client page,
and Steve books his collection himself there, Saturday at 10:00, on his agenda rather than the
salesman's.

Everything goes through the services: the slots through the appointments', Steve's booking
through the portal's (`portal_book`, what his page's button calls, which calls the same
`booking_make` as the /book/<token>/ page). James's e-mail with the link is in the demo's Outbox;
opening it (or `manage.py portal_link <Steve's reference>`) shows the booking under "Your
appointments", to move or cancel; the plan of that Saturday is at /appointments/."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from goodwill.appointments.models import Slot
from goodwill.appointments.services import slots_generate
from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.demo.cast import Cast
from goodwill.portal.services import portal_book, portal_link_send


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
    portal_link_send(client=steve, actor=james, at=now - dt.timedelta(minutes=40))
    saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7 or 7)
    slot = Slot.objects.get(
        site=london,
        kind="delivery",
        starts_at=dt.datetime.combine(saturday, dt.time(10), tzinfo=ZoneInfo(london.timezone)),
    )
    # As Steve would from his page: the slot he chose, at his dealer, on his delivery case.
    portal_book(
        client=steve,
        site=london,
        kind="delivery",
        slot_id=slot.pk,
        case=case,
        at=now - dt.timedelta(minutes=15),
    )
