"""Every reaction to every event, in one place: what happens when something happens.

Lower apps announce events (goodwill/events.py); the apps above react. Read a line as "when a
case is opened, the clocks start, a stand-in is noted, and (after commit) whoever looks after the
client is told". `now` runs in the announcer's transaction, in the order listed; `after_commit`
goes through the task queue once the change is committed (it sends or notifies, idempotently).

This is a composition root, like goodwill/urls.py: it may import any app, and no app imports it
(goodwill.events reads it through the setting GOODWILL_REACTIONS).
"""

from __future__ import annotations

from collections.abc import Sequence

from goodwill.availability import reactions as availability
from goodwill.care import reactions as care
from goodwill.cases.events import (
    CaseOpened,
    CaseReassigned,
    CaseStatusChanged,
    ClientChased,
    ClientContacted,
    ClientTold,
)
from goodwill.channels.outbox.events import DeliveryFailed, TemplateBroken
from goodwill.clients.events import ProductAdded
from goodwill.events import Event, Reaction, after_commit, now
from goodwill.news import reactions as news
from goodwill.notifications import reactions as notifications

REACTIONS: dict[type[Event], Sequence[Reaction]] = {
    # clients
    ProductAdded: [now(care.refresh_tier)],
    # cases
    CaseOpened: [
        now(care.start_clocks),
        now(availability.note_stand_in),
        after_commit(notifications.tell_of_new_case),
    ],
    CaseStatusChanged: [
        now(care.follow_status),
        now(care.follow_up_closed_assistance),
        after_commit(news.tell_client_of_status),
    ],
    CaseReassigned: [after_commit(notifications.tell_new_owner)],
    ClientContacted: [after_commit(availability.tell_client_who_covers)],
    ClientChased: [after_commit(notifications.alert_on_chasers)],
    ClientTold: [now(care.client_was_told)],
    # channels.outbox
    DeliveryFailed: [after_commit(notifications.tell_of_failed_delivery)],
    TemplateBroken: [after_commit(notifications.tell_of_broken_template)],
}
