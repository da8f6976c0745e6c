"""Writes of the phone channel: the telephony webhook's events, and the agent's summary of a
call."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from goodwill.care.services import call_tasks_called, callback_after_missed_call
from goodwill.cases.models import Case
from goodwill.channels.phone import selectors
from goodwill.channels.phone.models import Call, WebhookReceipt
from goodwill.clients.models import Client
from goodwill.clients.services import can_serve, ensure_visible
from goodwill.db import delete_oldest
from goodwill.intake.services import Inbound, intake_receive
from goodwill.organisation.access import OtherSite
from goodwill.organisation.models import User
from goodwill.timeline import services as timeline

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class CallEvent:
    """One webhook event, whatever the provider's format (phone.webhook reads them)."""

    provider: str
    call_id: str
    kind: str  # ringing | answered | ended
    from_number: str
    to_number: str = ""
    direction: str = Call.Direction.INBOUND
    agent: str = ""  # username or staff code
    at: dt.datetime | None = None
    duration_seconds: int | None = None
    # Ended without anyone answering (busy, no answer, cancelled).
    unanswered: bool = False

    @property
    def key(self) -> str:
        return f"{self.provider}:{self.call_id}:{self.kind}"


@transaction.atomic
def call_event_receive(
    *, event: CallEvent, signature: str, now: dt.datetime | None = None
) -> Call | None:
    """Act on one telephony event, exactly once.

    The receipt is written in the same transaction as the effect: a replayed request (same
    signature), a provider's retry of the same event (same call and event) or two deliveries racing
    each other hit a unique constraint, and change nothing; None is returned for them. Events only
    move a call forward (ringing → answered → ended or missed), so one arriving late is harmless.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            WebhookReceipt.objects.create(
                signature=signature, event_key=event.key[:200], received_at=now
            )
    except IntegrityError:
        return None
    at = event.at or now
    call = _call_for(event=event, at=at)
    agent = _agent(event.agent)
    if event.kind == "ringing":
        _ring(call=call, agent=agent)
    elif event.kind == "answered":
        _answer(call=call, agent=agent, at=at)
    else:
        _end(
            call=call,
            agent=agent,
            at=at,
            duration=event.duration_seconds,
            unanswered=event.unanswered,
        )
    return call


def _call_for(*, event: CallEvent, at: dt.datetime) -> Call:
    """The call the event is about, locked; created by whichever of its events comes first."""
    started = at
    if event.kind == "ended" and event.duration_seconds:
        started = at - dt.timedelta(seconds=event.duration_seconds)
    # get_or_create re-reads after losing a race on call_unique_per_provider.
    call, created = Call.objects.get_or_create(
        provider=event.provider,
        call_id=event.call_id,
        defaults={
            "from_number": _e164(event.from_number),
            "to_number": _e164(event.to_number),
            "direction": event.direction,
            "started_at": started,
        },
    )
    if not created:
        call = Call.objects.select_for_update().get(pk=call.pk)
    return call


def _e164(raw: str) -> str:
    return (selectors.number_e164(raw) or raw.strip())[:40]


def _agent(reference: str) -> User | None:
    if not reference:
        return None
    agent = User.objects.filter(Q(username=reference) | Q(code=reference), is_active=True).first()
    if agent is None:
        log.warning(
            "phone webhook: no active staff member %r; the call stays unassigned", reference
        )
    return agent


def _identify(call: Call) -> None:
    """Who is calling (or being called), and which of their open cases the call is most likely
    about."""
    if call.client_id is None:
        number = call.from_number if call.direction == Call.Direction.INBOUND else call.to_number
        call.client = selectors.client_for_number(number=number)
    if call.client is not None and (
        call.case is None or call.case.status not in Case.OPEN_STATUSES
    ):
        call.case = selectors.latest_open_case(client=call.client)


def _ring(*, call: Call, agent: User | None) -> None:
    _identify(call)
    if agent is not None and call.agent_id is None:
        call.agent = agent
    call.save()


def _answer(*, call: Call, agent: User | None, at: dt.datetime) -> None:
    if call.state == Call.State.RINGING:
        call.state = Call.State.ANSWERED
        call.answered_at = max(at, call.started_at)
    if agent is not None:
        call.agent = agent  # whoever picked up, even if it rang for someone else first
    _identify(call)
    call.save()


def _end(
    *, call: Call, agent: User | None, at: dt.datetime, duration: int | None, unanswered: bool
) -> None:
    """The call is over: an inbound call is a client contact and goes through the intake; a call
    we made goes on the client's timeline with its duration."""
    if call.state in Call.DONE_STATES:
        return
    if agent is not None and call.agent_id is None:
        call.agent = agent
    call.ended_at = max(at, call.started_at)
    if duration is None:
        duration = (
            int((call.ended_at - call.answered_at).total_seconds()) if call.answered_at else 0
        )
    answered = not unanswered and (call.answered_at is not None or duration > 0)
    call.state = Call.State.ENDED if answered else Call.State.MISSED
    call.duration_seconds = max(duration, 0) if answered else 0
    if call.direction == Call.Direction.INBOUND and selectors.number_e164(call.from_number):
        # The client tried to reach us (a missed call too): the one intake decides who they are,
        # which case it is about, who owns it and who is told.
        agent = call.agent
        done = intake_receive(
            inbound=Inbound(
                channel=Case.Channel.PHONE,
                at=call.started_at,
                phone=call.from_number,
                call_direction=call.direction,
                call_seconds=call.duration_seconds or 0,
                call_missed=not answered,
                call_agent=agent,
            )
        )
        call.client, call.case, call.entry = done.client, done.case, done.entry
        call.save()
        if not answered:
            # Nobody picked up: a client with an open case (the intake found one) or a top-tier
            # client is called back within their tier's minutes.
            callback_after_missed_call(
                case=done.case,
                had_open_case=not done.new_case,
                call_key=f"{call.provider}:{call.call_id}",
                number=call.from_number,
                at=call.ended_at,
            )
        return
    _identify(call)
    client: Client | None = call.client
    if client is not None:
        actor = (
            call.agent
            if call.agent is not None and can_serve(user=call.agent, site=client.site)
            else None
        )
        call.entry = timeline.record_call(
            client=client,
            case=call.case,
            actor=actor,
            direction=call.direction,
            duration_seconds=call.duration_seconds,
            summary="",
            at=call.started_at,
            missed=not answered,
        )
        if answered and call.direction == Call.Direction.OUTBOUND:
            # We reached the client: the calls we owed them are made.
            call_tasks_called(client=client, actor=actor, at=call.ended_at)
    call.save()


def _attach_late(*, call: Call, actor: User) -> None:
    _identify(call)
    client = call.client
    if client is None:
        return
    if not can_serve(user=actor, site=client.site):
        call.client, call.case = (
            None,
            None,
        )  # not the agent's to file: the summary stays on the call
        return
    call.entry = timeline.record_call(
        client=client,
        case=call.case,
        actor=actor,
        direction=call.direction,
        duration_seconds=call.duration_seconds or 0,
        summary="",
        at=call.started_at,
        missed=call.state == Call.State.MISSED,
    )


@transaction.atomic
def call_summarise(*, actor: User, call: Call, summary: str, at: dt.datetime | None = None) -> Call:
    """The agent's summary of a call, for whoever reads the story next.

    The call's timeline entry was written when the call ended and entries are never updated, so the
    summary is recorded as a note on the same client and case, by the agent, at the time it is
    written. A second summary replaces the call's and adds a second note: both stay in the story.

    A new caller's call belonged to nobody when it ended; if the agent has since put the caller in
    the book (the pop's "create client"), the call goes on their story now, at the time it rang.
    """
    text = summary.strip()
    if not text:
        raise ValidationError(
            {"summary": [_("Summarise the call for whoever reads the story next.")]}
        )
    call = (
        Call.objects.select_for_update(of=("self",))
        .select_related("client", "client__site", "case")
        .get(pk=call.pk)
    )
    if call.client is not None:
        ensure_visible(actor=actor, client=call.client)
    elif call.agent_id != actor.pk and not actor.sees_all_clients:
        raise OtherSite("This call was for someone else.")
    elif call.state in Call.DONE_STATES:
        _attach_late(call=call, actor=actor)
    at = at or timezone.now()
    call.summary, call.summarised_at = text, at
    call.save(update_fields=["summary", "summarised_at", "client", "case", "entry"])
    if call.client is not None:
        timeline.record_note(client=call.client, case=call.case, actor=actor, text=text, at=at)
    return call


def webhook_receipts_prune(*, before: dt.datetime, limit: int = 1000) -> int:
    """Forget receipts older than `before`, a batch at a time; returns how many.

    A replayed request is refused by its timestamp after five minutes, whatever the receipts say;
    they are kept longer only for providers that retry an event signed anew, which they do within
    hours. Deleting is harmless to repeat, so any number of workers may run this at once."""
    return delete_oldest(
        WebhookReceipt.objects.filter(received_at__lt=before), order="received_at", limit=limit
    )


@transaction.atomic
def call_take(*, actor: User, call: Call) -> bool:
    """A care-centre agent says they picked up a call that rang for nobody in particular.
    The first one wins; returns whether it was them."""
    if not (actor.site is not None and actor.site.is_brand_wide):
        raise PermissionDenied("Only the care centre takes unassigned calls.")
    taken = Call.objects.filter(pk=call.pk, agent__isnull=True).update(agent=actor)
    return taken == 1
