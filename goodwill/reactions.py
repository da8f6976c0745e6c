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
from goodwill.clients.events import MileageRecorded, ProductAdded, ProductDelivered
from goodwill.events import Event, Reaction, after_commit, now
from goodwill.integrations import reactions as webhooks
from goodwill.journeys import reactions as journeys
from goodwill.journeys.events import JourneyStageReached
from goodwill.news import reactions as news
from goodwill.notifications import reactions as notifications
from goodwill.promises.events import PromiseBroken, PromiseKept, PromiseMade
from goodwill.recalls import reactions as recalls
from goodwill.surveys import reactions as surveys
from goodwill.surveys.events import SurveyAnswered

REACTIONS: dict[type[Event], Sequence[Reaction]] = {
    # clients
    ProductAdded: [now(care.refresh_tier), now(journeys.start_for_product)],
    MileageRecorded: [now(journeys.replan_for_product)],
    ProductDelivered: [now(journeys.reach_delivery)],
    # cases
    CaseOpened: [
        now(care.start_clocks),
        now(availability.note_stand_in),
        now(journeys.start_for_case),
        after_commit(notifications.tell_of_new_case),
        after_commit(webhooks.case_opened),
    ],
    CaseStatusChanged: [
        now(care.follow_status),
        now(care.follow_up_closed_assistance),
        now(surveys.schedule_after_close),
        # Part of the same fact: a campaign's case closed as fixed fixes its vehicles.
        now(recalls.fix_on_close),
        now(journeys.end_with_case),
        after_commit(news.tell_client_of_status),
        after_commit(webhooks.case_status_changed),
    ],
    CaseReassigned: [after_commit(notifications.tell_new_owner)],
    ClientContacted: [
        after_commit(availability.tell_client_who_covers),
        after_commit(webhooks.message_in),
    ],
    ClientChased: [after_commit(notifications.alert_on_chasers)],
    ClientTold: [now(care.client_was_told), after_commit(webhooks.message_out)],
    # promises
    PromiseMade: [after_commit(webhooks.promise_made)],
    PromiseKept: [after_commit(webhooks.promise_kept)],
    PromiseBroken: [after_commit(webhooks.promise_broken)],
    # channels.outbox
    DeliveryFailed: [after_commit(notifications.tell_of_failed_delivery)],
    TemplateBroken: [after_commit(notifications.tell_of_broken_template)],
    # journeys: the recommendation survey after a delivery (stages marked `survey_hook`)
    JourneyStageReached: [
        now(journeys.survey_after_delivery),
        after_commit(webhooks.journey_stage_reached),
    ],
    # surveys
    SurveyAnswered: [after_commit(webhooks.survey_answered)],
}
