"""Journeys run themselves (issue 15): a journey starts on an event, each stage reached tells the
client in their language before they could ask, plans the call that follows and announces
itself; a stage late against its date alerts the owner (journeys.sweeps).

The rules, in one place:

* A journey starts once per product (a car on order, a watch bought, any other product: years of
  ownership) and once per case (a repair, an assistance case); `journey_start` is idempotent.
* A stage is reached once (`JourneyStep`), a stage that comes back once per occurrence (the
  anniversary once a year; the service by age or estimated mileage, whichever first); a feed
  re-run, a double click or two workers change nothing the second time. A stage reported
  earlier than the one reached is recorded, never moves the journey back.
* News goes out for a stage with a message, unless it is history (recorded more than an hour
  late), a touchpoint held by the suppression list (journeys.suppression), or the client has no
  e-mail address (staff are shown why on the case page).
* A time stage more than a week past its date when it comes due (an old purchase, a journey
  started late) is passed silently: nobody is wished a happy first year in its third.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from goodwill.appointments.models import Booking
from goodwill.appointments.models import Kind as AppointmentKind
from goodwill.appointments.services import booking_invite
from goodwill.care.business_time import next_business_day_end
from goodwill.care.services import call_task_plan, site_schedule
from goodwill.cases.models import Case
from goodwill.channels.outbox.defaults import NAMES
from goodwill.channels.outbox.models import MessageTemplate, OutboundMessage
from goodwill.channels.outbox.services import client_notice_queue
from goodwill.channels.outbox.templates import (
    TemplateError,
    case_context,
    check_template,
    client_context,
    render_string,
    template_language,
)
from goodwill.clients.models import Client, Identifier, MileageReading, Product
from goodwill.clients.normalize import code_normalized
from goodwill.clients.selectors import client_email, client_time_zone
from goodwill.clients.services import ensure_visible
from goodwill.events import announce
from goodwill.journeys.defaults import DEFAULT_JOURNEYS, PHRASES
from goodwill.journeys.events import JourneyStageReached
from goodwill.journeys.models import (
    DeliveryPlan,
    Journey,
    JourneyKind,
    JourneyStep,
    JourneyTemplate,
    Stage,
)
from goodwill.journeys.suppression import suppressed_reason
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.models import User
from goodwill.organisation.services import managers_for
from goodwill.timeline import services as timeline

log = logging.getLogger("goodwill.journeys")

# News recorded later than this is history (the demo's back-dated stories, an import): recorded,
# not sent. The same rule as news.services.HISTORY.
HISTORY = dt.timedelta(hours=1)
# A time stage found due later than this is passed without a word (see the module docstring).
GRACE = dt.timedelta(days=7)
# The order journey's stage that is the handover (journey_delivered, journey_start_for_product).
DELIVERED = "delivered"
# A car or a watch bought this long ago starts no order journey: it is owned, not awaited.
ORDER_WINDOW = dt.timedelta(days=120)
# A mileage estimate further ahead than this is no estimate (a reading of 1 km in a year): the
# stage comes by age alone.
MILEAGE_HORIZON_DAYS = 3660
# Two occurrences of a stage that comes back are never closer than this (a reading that says
# the next service is due within a day must not remind the client at every sweep).
REPEAT_GAP = dt.timedelta(days=30)


# ---- the plans, edited by a brand manager ----


def can_edit_journeys(user: User) -> bool:
    """The brand's managers set journeys (PRODUCT.md: the care manager "sets … journeys")."""
    return user.is_superuser or user.role in (User.Role.MANAGER, User.Role.ADMIN)


def journeys_ensure_defaults() -> int:
    """The default plans, for every kind that has none yet (a manager's plan is never touched).
    Returns how many plans were added. Run by the data migration, the demo and the tests."""
    added = 0
    for kind, (name, stages) in DEFAULT_JOURNEYS.items():
        template, created = JourneyTemplate.objects.get_or_create(
            kind=kind, defaults={"name": name}
        )
        if not created:
            continue
        added += 1
        Stage.objects.bulk_create(
            Stage(template=template, position=(i + 1) * 10, **fields)
            for i, fields in enumerate(stages)
        )
    return added


def _message_known(name: str) -> bool:
    return name in NAMES or MessageTemplate.objects.filter(name=name).exists()


@transaction.atomic
def stage_save(
    *,
    actor: User,
    stage: Stage,
    title: str,
    feel: str = "",
    spoilers: str = "",
    checklist: str = "",
    message: str = "",
    text: str = "",
    role: str = Stage.Role.ADVISOR,
    anchor: str = Stage.Anchor.PREVIOUS,
    due_days: int = 0,
    advance: str = Stage.Advance.REPORTED,
    touchpoint: bool = False,
    booking_kind: str = "",
    repeat_months: int = 0,
    repeat_km: int = 0,
) -> Stage:
    """Save a stage as a manager typed it. The message must be a known template (or none); the
    brand's own words are a template of the outbox's sandbox, refused with the reason when they
    name anything but journey_stage's placeholders: they are rendered for every client."""
    if not can_edit_journeys(actor):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    title = title.strip()
    if not title:
        errors["title"] = [_("Name the stage.")]
    if message and not _message_known(message):
        errors["message"] = [_("Unknown message template.")]
    if text.strip() and (problem := check_template(text, name="journey_stage")):
        errors["text"] = [_("The text does not read: %(problem)s") % {"problem": problem}]
    if role not in Stage.Role.values:
        errors["role"] = [_("Choose who does it.")]
    if anchor not in Stage.Anchor.values:
        errors["anchor"] = [_("Choose from when the days count.")]
    if advance not in Stage.Advance.values:
        errors["advance"] = [_("Choose how the stage is reached.")]
    if not 0 <= due_days <= 3660:
        errors["due_days"] = [_("Between 0 and 3660 days.")]
    if booking_kind and booking_kind not in AppointmentKind.values:
        errors["booking_kind"] = [_("Choose a kind of appointment.")]
    if not 0 <= repeat_months <= 120:
        errors["repeat_months"] = [_("Between 0 and 120 months.")]
    if not 0 <= repeat_km <= 1_000_000:
        errors["repeat_km"] = [_("Between 0 and 1,000,000 km.")]
    if (repeat_months or repeat_km) and advance != Stage.Advance.TIME:
        errors["advance"] = [_("A stage that comes back is reached on its date.")]
    if errors:
        raise ValidationError(errors)
    stage.title = title[:100]
    stage.feel, stage.spoilers, stage.checklist = feel.strip(), spoilers.strip(), checklist.strip()
    stage.message, stage.text = message, text.replace("\r\n", "\n").strip()
    stage.role, stage.anchor, stage.due_days, stage.advance = role, anchor, due_days, advance
    stage.touchpoint, stage.booking_kind = touchpoint, booking_kind
    stage.repeat_months, stage.repeat_km = repeat_months, repeat_km
    stage.save()
    JourneyTemplate.objects.filter(pk=stage.template_id).update(
        updated_at=timezone.now(), updated_by=actor
    )
    return stage


@transaction.atomic
def stage_add(*, actor: User, template: JourneyTemplate, code: str, title: str) -> Stage:
    """A new stage at the end of the plan (a brand-defined invitation); edited like the others."""
    if not can_edit_journeys(actor):
        raise PermissionDenied
    code = code.strip().lower()
    errors: dict[str, list[str]] = {}
    if not code or not code.replace("_", "").isalnum() or not code.isascii() or len(code) > 30:
        errors["code"] = [_("Letters, digits and underscores, up to 30.")]
    elif template.stages.filter(code=code).exists():
        errors["code"] = [_("The plan has this stage already.")]
    if not title.strip():
        errors["title"] = [_("Name the stage.")]
    if errors:
        raise ValidationError(errors)
    last = template.stages.order_by("-position").values_list("position", flat=True).first() or 0
    return Stage.objects.create(
        template=template, position=last + 10, code=code, title=title.strip()[:100], message=""
    )


# ---- journeys ----


def _add_months(when: dt.datetime, months: int) -> dt.datetime:
    """The same day `months` later (the 29th of February: the 28th in a common year)."""
    index = when.month - 1 + months
    year, month = when.year + index // 12, index % 12 + 1
    for day in (when.day, 30, 29, 28):
        try:
            return when.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


# Above this a day since the handover, a first reading is a used car's odometer, not a new
# car's distance (55,000 km a year).
NEW_CAR_MAX_KM_A_DAY = 150


def _mileage_date(
    product: Product | None, km_from: dt.datetime | None, step_km: int
) -> dt.date | None:
    """When the product's estimated mileage will have grown by `step_km` since `km_from` (since
    zero at its handover when None), from the rate of its readings; None without a rate."""
    if product is None or not step_km:
        return None
    readings = list(
        MileageReading.objects.filter(product_id=product.pk)
        .order_by("read_on", "km")
        .values_list("read_on", "km")
    )
    if not readings:
        return None
    origin = product.delivered_on or product.purchase_date
    if len(readings) == 1 or readings[0][0] == readings[-1][0]:
        # One day of readings: counted from zero at the handover (a new car), when known and
        # when that makes a rate a car is driven at. Otherwise the car came with its odometer
        # (a used car): the reading is where it starts, and the rate waits for the next one.
        if origin is None or origin >= readings[-1][0]:
            return None
        since_new = readings[-1][1] / max((readings[-1][0] - origin).days, 1)
        if since_new > NEW_CAR_MAX_KM_A_DAY:
            return None
        readings.insert(0, (origin, 0))
    (first_on, first_km), (last_on, last_km) = readings[0], readings[-1]
    rate = (last_km - first_km) / max((last_on - first_on).days, 1)  # km a day
    if rate <= 0:
        return None

    def estimate(day: dt.date) -> float:
        return last_km + rate * (day - last_on).days

    base = estimate(timezone.localdate(km_from)) if km_from is not None else 0.0
    days = (base + step_km - last_km) / rate
    if days > MILEAGE_HORIZON_DAYS:  # so far ahead it says nothing (and no date holds it)
        return None
    return last_on + dt.timedelta(days=max(days, 0))


def _at_noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())


def _plan(
    *,
    journey: Journey,
    furthest: Stage,
    furthest_at: dt.datetime,
    now: dt.datetime,
    reached: tuple[int, int, dt.datetime] | None = None,
) -> tuple[Stage | None, dt.datetime | None, int]:
    """The journey's next stage, when it is due and which time of it (an anniversary's second
    year): the first stage after the furthest reached, or the next time of a recurring stage
    already reached, whichever is due first. `reached`: (stage id, occurrence, at) of a step
    being recorded, not yet in the table. A stage that recurs with mileage is due when the
    age or the estimated mileage says so, whichever comes first; a date from the mileage
    already past is due now, not passed over."""
    product = journey.product
    candidates: list[tuple[dt.datetime, int, Stage, int]] = []
    stages = list(Stage.objects.filter(template_id=journey.template_id).order_by("position"))
    following = next((st for st in stages if st.position > furthest.position), None)
    if following is not None:
        base = journey.started_at if following.anchor == Stage.Anchor.START else furthest_at
        due = base + dt.timedelta(days=following.due_days)
        # Counted from the mileage at the journey's start (a used car is not new).
        if (day := _mileage_date(product, journey.started_at, following.repeat_km)) is not None:
            due = min(due, max(_at_noon(day), now))
        candidates.append((due, following.position, following, 1))
    steps: dict[int, list[tuple[int, dt.datetime]]] = {}
    for stage_id, occurrence, at in JourneyStep.objects.filter(journey_id=journey.pk).values_list(
        "stage_id", "occurrence", "at"
    ):
        steps.setdefault(stage_id, []).append((occurrence, at))
    if reached is not None:
        steps.setdefault(reached[0], []).append((reached[1], reached[2]))
    for stage in stages:
        if not (stage.repeat_months or stage.repeat_km) or stage.pk not in steps:
            continue
        times = sorted(steps[stage.pk], key=lambda pair: pair[0])
        (_first, first_at), (last, last_at) = times[0], times[-1]
        dates: list[dt.datetime] = []
        if stage.repeat_months:
            dates.append(_add_months(first_at, stage.repeat_months * last))
        if (day := _mileage_date(product, last_at, stage.repeat_km)) is not None:
            dates.append(max(_at_noon(day), now))
        if dates:
            # Never sooner than REPEAT_GAP after the last time it was reached.
            due = max(min(dates), last_at + REPEAT_GAP)
            candidates.append((due, stage.position, stage, last + 1))
    if not candidates:
        return None, None, 1
    due, _position, stage, occurrence = min(candidates, key=lambda c: (c[0], c[1]))
    return stage, due, occurrence


def _template(kind: str) -> JourneyTemplate | None:
    return JourneyTemplate.objects.filter(kind=kind, active=True).first()


@transaction.atomic
def journey_start(
    *,
    kind: str,
    client: Client,
    product: Product | None = None,
    case: Case | None = None,
    at: dt.datetime | None = None,
    actor: User | None = None,
    from_stage: str = "",
) -> Journey | None:
    """Start `client`'s journey of `kind` at its first stage (told as any stage is), once per
    product and per case: the journey already there is returned. None when the brand has no
    active plan of that kind. `from_stage`: the stage it starts at when the first ones are
    already behind the client (a car added already delivered starts at "delivered")."""
    template = _template(kind)
    if template is None:
        return None
    at = at or timezone.now()
    existing = Journey.objects.filter(template=template)
    if product is not None and (found := existing.filter(product=product).first()):
        return found
    if case is not None and (found := existing.filter(case=case).first()):
        return found
    first = template.stages.filter(code=from_stage).first() if from_stage else None
    first = first or template.stages.order_by("position").first()
    if first is None:
        return None
    journey = Journey(
        template=template,
        client=client,
        product=product,
        case=case,
        started_at=at,
        stage=first,
        stage_at=at,
    )
    journey.next_stage, journey.next_due_at, journey.next_occurrence = _plan(
        journey=journey, furthest=first, furthest_at=at, now=at, reached=(first.pk, 1, at)
    )
    journey.state = Journey.State.ACTIVE if journey.next_stage else Journey.State.DONE
    journey.save()
    _reached(journey=journey, stage=first, source=JourneyStep.Source.START, at=at, actor=actor)
    return journey


def journey_attach_case(*, journey: Journey, case: Case) -> None:
    """The journey's news and calls follow on `case` (a delivery case opened for its product)."""
    if journey.case_id is None:
        Journey.objects.filter(pk=journey.pk, case__isnull=True).update(case=case)
        journey.case = case


@transaction.atomic
def journey_reach(
    *,
    journey: Journey,
    stage: Stage,
    source: str,
    at: dt.datetime | None = None,
    actor: User | None = None,
    quiet: bool = False,
    occurrence: int = 1,
) -> JourneyStep | None:
    """`stage` happened at `at` (a feed, the API, a staff click, its date). Once per stage and
    `occurrence` (a recurring stage comes back: the sweep reaches its next time): None when it
    was already recorded. A later stage moves the journey on (the stages between are simply
    passed); an earlier one is only recorded. `quiet`: passed without a word or a call (a time
    stage long gone, see the module docstring)."""
    if actor is not None:
        ensure_visible(actor=actor, client=journey.client)
    if stage.template_id != journey.template_id:
        raise ValidationError({"stage": [_("This stage is another journey's.")]})
    at = at or timezone.now()
    if JourneyStep.objects.filter(journey=journey, stage=stage, occurrence=occurrence).exists():
        return None
    current = Stage.objects.get(pk=journey.stage_id)
    forward = stage.position > current.position
    again = stage.pk == journey.next_stage_id and occurrence == journey.next_occurrence
    if forward or again:
        furthest, furthest_at = (stage, at) if forward else (current, journey.stage_at)
        nxt, due, nxt_occurrence = _plan(
            journey=journey,
            furthest=furthest,
            furthest_at=furthest_at,
            now=at,
            reached=(stage.pk, occurrence, at),
        )
        # Conditional: of two workers (or a click and the feed) moving it, one moves it.
        claim = Journey.objects.filter(pk=journey.pk, stage_id=current.pk)
        if not forward:
            claim = claim.filter(next_stage_id=stage.pk, next_occurrence=occurrence)
        moved = claim.update(
            stage=furthest,
            stage_at=furthest_at,
            next_stage=nxt,
            next_due_at=due,
            next_occurrence=nxt_occurrence,
            late_at=None,
            state=Journey.State.ACTIVE if nxt is not None else Journey.State.DONE,
        )
        if not moved:
            return None
        journey.refresh_from_db()
    return _reached(
        journey=journey,
        stage=stage,
        source=source,
        at=at,
        actor=actor,
        quiet=quiet,
        occurrence=occurrence,
    )


def journeys_replan_for_product(*, product: Product, at: dt.datetime | None = None) -> int:
    """A new mileage reading: the product's journeys under way plan their next stage again
    (a service may come sooner). Returns how many journeys changed."""
    at = at or timezone.now()
    changed = 0
    for journey in Journey.objects.filter(
        product=product, state=Journey.State.ACTIVE
    ).select_related("stage", "product"):
        nxt, due, occurrence = _plan(
            journey=journey, furthest=journey.stage, furthest_at=journey.stage_at, now=at
        )
        if (nxt and nxt.pk, due, occurrence) == (
            journey.next_stage_id,
            journey.next_due_at,
            journey.next_occurrence,
        ):
            continue
        # Conditional: a sweep that moved the journey meanwhile planned it already.
        changed += Journey.objects.filter(
            pk=journey.pk, stage_id=journey.stage_id, next_stage_id=journey.next_stage_id
        ).update(
            next_stage=nxt,
            next_due_at=due,
            next_occurrence=occurrence,
            late_at=None,
            state=Journey.State.ACTIVE if nxt is not None else Journey.State.DONE,
        )
    return changed


def _reached(
    *,
    journey: Journey,
    stage: Stage,
    source: str,
    at: dt.datetime,
    actor: User | None,
    quiet: bool = False,
    occurrence: int = 1,
) -> JourneyStep | None:
    try:
        with transaction.atomic():
            step = JourneyStep.objects.create(
                journey=journey,
                stage=stage,
                occurrence=occurrence,
                at=at,
                source=source,
                actor=actor,
            )
    except IntegrityError:  # recorded meanwhile by another worker
        return None
    note = (
        _("Passed: its date was long gone.")
        if quiet
        else _tell(journey, stage, at, source, occurrence)
    )
    if stage.call_after and not quiet:
        _plan_call(journey, stage, at)
    if note:
        step.note = note[:200]
        step.save(update_fields=["note"])
    timeline.record_journey_stage(
        client=journey.client,
        case=journey.case,
        actor=actor,
        at=at,
        journey_id=journey.pk,
        journey=journey.template.name,
        stage=stage.code,
        title=stage.title,
        source=source,
    )
    announce(JourneyStageReached(journey=journey, stage=stage, at=at))
    return step


def owner_of(journey: Journey) -> User | None:
    """Who answers for the journey: the case's owner, else the client's advisor."""
    if journey.case is not None:
        return journey.case.owner
    return journey.client.advisor


def _booking_link(journey: Journey, stage: Stage, at: dt.datetime, language: str) -> dict[str, str]:
    owner = owner_of(journey)
    if not stage.booking_kind or owner is None:
        return {}
    client = journey.client
    site = journey.product.site if journey.product and journey.product.site else client.site
    try:
        link = booking_invite(
            actor=owner,
            client=client,
            site=site,
            kind=stage.booking_kind,
            case=journey.case,
            at=at,
            send=False,
        )
    except (PermissionDenied, ValidationError) as error:
        log.warning("journey %s: no booking link at %s: %s", journey.pk, stage.code, error)
        return {}
    with translation.override(language), timezone.override(client_time_zone(client=client)):
        expires = formats.date_format(timezone.localtime(link.expires_at), "DATE_FORMAT")
    url = settings.GOODWILL_PUBLIC_URL + reverse("booking-page", args=[link.issued_token])
    return {"link": url, "expires": expires}


def is_anniversary(stage: Stage) -> bool:
    """A stage that counts the years of the journey: a year after its start, then every twelve
    months by age alone (a service comes back by mileage too, or asks for a booking). Known by
    its recurrence, not its code, which a brand may rename."""
    return (
        stage.repeat_months == 12
        and not stage.repeat_km
        and not stage.booking_kind
        and stage.anchor == Stage.Anchor.START
        and stage.due_days in (365, 366)
    )


def stage_words(*, stage: Stage, language: str, occurrence: int = 1) -> str:
    """What happened, in the client's `language` (English when the brand has no words in it),
    else the stage's title. The anniversary's later years count the years (whatever the
    brand calls the stage: see `is_anniversary`)."""
    if occurrence > 1 and is_anniversary(stage):
        phrases = PHRASES["anniversary"]
        words = phrases.get(language) or phrases["en"]
        return words.format(years=occurrence)
    phrases = PHRASES.get(stage.code, {})
    return phrases.get(language) or phrases.get("en") or stage.title


def _tell(journey: Journey, stage: Stage, at: dt.datetime, source: str, occurrence: int) -> str:
    """Queue the stage's message; return why none went, for the page ("" when it went)."""
    if not stage.message:
        return ""
    # A feed reports what happened hours ago and is still news; a back-dated record is not.
    fed = source in (JourneyStep.Source.FEED, JourneyStep.Source.API)
    if at < timezone.now() - (GRACE if fed else HISTORY):
        return _("History: not sent.")
    client = journey.client
    if stage.touchpoint and (why := suppressed_reason(client=client, at=at)):
        return _("Held: %(why)s") % {"why": why}
    email = client_email(client=client)
    if email is None:
        return _("No e-mail address: call the client with the news.")
    case = journey.case
    language = template_language(
        name=stage.message, language=client.language or (case.language if case else "")
    )
    words = stage_words(stage=stage, language=language, occurrence=occurrence)
    link = _booking_link(journey, stage, at, language)
    extra = {"stage": words, "update": words, "link": "", "expires": "", **link}
    context = (
        case_context(case=case, language=language, **extra)
        if case is not None
        else client_context(client=client, language=language, **extra)
    )
    if stage.text:
        try:
            own = render_string(stage.text, context, name="journey_stage").strip()
        except TemplateError as error:  # checked when saved; a hand-edited row is skipped
            log.warning("journey stage %s text cannot render: %s", stage.pk, error)
            own = ""
        context["update"] = f"{words}\n\n{own}" if own else words
    client_notice_queue(
        name=stage.message,
        language=language,
        context=context,
        # Once per stage, and per year of a recurring one.
        key=f"journey:{journey.pk}:{stage.pk}" + (f":{occurrence}" if occurrence > 1 else ""),
        reason=OutboundMessage.Reason.JOURNEY_STAGE,
        client=client,
        to_address=email,
        case=case,
        at=at,
    )
    return ""


def delivery_booking(*, journey: Journey) -> Booking | None:
    """The client's delivery appointment still booked for the journey's case (or for them)."""
    bookings = Booking.objects.filter(
        client_id=journey.client_id,
        status=Booking.Status.BOOKED,
        slot__kind=AppointmentKind.DELIVERY,
    ).select_related("slot", "slot__site")
    if journey.case_id is not None:
        bookings = bookings.filter(Q(case_id=journey.case_id) | Q(case__isnull=True))
    return bookings.order_by("-slot__starts_at").first()


def _plan_call(
    journey: Journey, stage: Stage, at: dt.datetime, *, after: dt.datetime | None = None
) -> None:
    """The call the day after (story 004): the advisor, else the case's owner, else the site's
    manager, by the end of the next business day, with its clock (care.CallTask); one per
    journey, whether planned when the delivery day was planned (the day after its appointment)
    or when it happened. A journey without a case (a car sold and delivered without one) still
    gets its call: the task hangs on the client. A stage long past (a car recorded or imported
    weeks after its delivery) gets none: "how did it go?" a month later is no care."""
    if (after or at) < timezone.now() - GRACE:
        return
    case = journey.case
    client = journey.client
    advisor = client.advisor
    assignee: User | None = advisor if advisor is not None and advisor.is_active else None
    if assignee is None and case is not None:
        assignee = case.owner
    if assignee is None:
        assignee = next(iter(managers_for(site=client.site)), None)
    if assignee is None:
        log.warning("journey %s: nobody to make the call after %s", journey.pk, stage.code)
        return
    site_id = assignee.site_id or (case.site_id if case is not None else client.site_id)
    due = next_business_day_end(site_schedule(site_id=site_id), after or at)
    with translation.override(assignee.language):
        reason = _("%(stage)s yesterday: call the client to ask how it went.") % {
            "stage": stage.title
        }
    call_task_plan(
        case=case,
        client=client,
        assignee=assignee,
        due_at=due,
        reason=reason,
        source_key=f"journey:{journey.pk}:call",
        at=at,
    )


def journey_late(*, journey: Journey, now: dt.datetime) -> bool:
    """The next stage is past its date and nobody reported it: the owner, their backup (routed)
    and the site's managers are told, once (claimed by a conditional update)."""
    claimed = Journey.objects.filter(
        pk=journey.pk, late_at__isnull=True, next_stage_id=journey.next_stage_id
    ).update(late_at=now)
    if not claimed or journey.next_stage is None or journey.next_due_at is None:
        return False
    stage = journey.next_stage
    client = journey.client
    owner = owner_of(journey)
    people = [p for p in [owner, *managers_for(site=client.site)] if p is not None]
    for person in dict.fromkeys(people):
        with translation.override(person.language):
            title = _("%(client)s: “%(stage)s” is late (due %(due)s)") % {
                "client": client.name,
                "stage": stage.title,
                "due": formats.date_format(
                    timezone.localtime(journey.next_due_at), "SHORT_DATE_FORMAT"
                ),
            }
        notify(
            recipient=person,
            kind=Notification.Kind.SLA_BREACHED,
            title=title,
            body=_("Find out and tell the client before they have to ask."),
            case=journey.case,
            client=client,
            at=now,
            key=f"journey_late:{journey.pk}:{stage.pk}:{person.pk}",
        )
    timeline.record_journey_stage(
        client=client,
        case=journey.case,
        actor=None,
        at=now,
        journey_id=journey.pk,
        journey=journey.template.name,
        stage=stage.code,
        title=_("%(stage)s is late") % {"stage": stage.title},
        source=JourneyStep.Source.TIME,
        late=True,
    )
    return True


# ---- starting on events (journeys.reactions) ----


def _order_kind(product: Product) -> str:
    if product.kind == Product.Kind.CAR:
        return JourneyKind.CAR_ORDER
    if product.kind == Product.Kind.WATCH:
        return JourneyKind.WATCH
    return JourneyKind.OWNERSHIP


def _happened_at(day: dt.date, at: dt.datetime) -> dt.datetime:
    """When a day's event is recorded: now when it is today (its news is news), noon of that
    day when it is gone (history)."""
    return at if day >= timezone.localdate(at) else _at_noon(day)


def _order_journeys(product_id: int) -> QuerySet[Journey]:
    """The product's order journey under way (not the years of ownership)."""
    return Journey.objects.filter(product_id=product_id, state=Journey.State.ACTIVE).exclude(
        template__kind=JourneyKind.OWNERSHIP
    )


def journey_start_for_product(*, product: Product, at: dt.datetime | None = None) -> Journey | None:
    """A product ordered, sold or imported with its date: a car or a watch handed over (or
    ordered) within ORDER_WINDOW starts its order journey; anything older, or any other
    product, the years of ownership (from its purchase date). Without a date, nothing: there is
    nothing to count from.

    Where the order journey starts is what the client already lived: a car added with its
    delivery date starts at "delivered" on that day (never "your car has been ordered" to
    someone who has driven it for months), a watch at its purchase day; the stages whose date
    is long gone pass without a word (the sweep's GRACE), and what is still ahead (the day
    after, the first service, the anniversary) comes on time."""
    day = product.delivered_on or product.purchase_date
    if day is None:
        return None
    at = at or timezone.now()
    kind = _order_kind(product)
    if kind != JourneyKind.OWNERSHIP and at - _at_noon(day) > ORDER_WINDOW:
        kind = JourneyKind.OWNERSHIP
    if kind == JourneyKind.OWNERSHIP:
        # Ownership counts from the purchase.
        start = _at_noon(product.purchase_date or day)
        return journey_start(kind=kind, client=product.client, product=product, at=start)
    # Added the day it happened: its news is news now; an earlier day is history.
    when = _happened_at(day, at)
    if kind == JourneyKind.CAR_ORDER and product.delivered_on is not None:
        return journey_start(
            kind=kind, client=product.client, product=product, at=when, from_stage=DELIVERED
        )
    if kind == JourneyKind.WATCH:
        return journey_start(kind=kind, client=product.client, product=product, at=when)
    # A car on order: its journey starts when it is recorded (its first news is now).
    return journey_start(kind=kind, client=product.client, product=product, at=at)


def journey_delivered(
    *, product: Product, actor: User | None = None, at: dt.datetime | None = None
) -> JourneyStep | None:
    """Staff gave the day the product was handed over, after it was added (a car on order
    delivered, a day corrected): its order journey under way follows that day.

    - Not yet at its delivery: it reaches it on that day. Given the same day, it is news (its
      message goes); a day gone is recorded as history, and what follows is planned from it
      (the day after, the first service), a stage long gone passing without a word.
    - At its delivery on another day: the step moves to the new day, and the next stage is
      planned again from it.
    - Further on: left as it is; what came after the delivery has happened.

    Returns the step reached or moved, None when nothing changed."""
    day = product.delivered_on
    if day is None:
        return None
    at = at or timezone.now()
    journey = (
        _order_journeys(product.pk)
        .select_related("stage", "template", "client", "case", "product")
        .first()
    )
    if journey is None:
        return None
    delivered = Stage.objects.filter(template_id=journey.template_id, code=DELIVERED).first()
    if delivered is None:  # a plan a brand manager wrote without a delivery
        return None
    when = _happened_at(day, at)
    if journey.stage.position < delivered.position:
        return journey_reach(
            journey=journey, stage=delivered, source=JourneyStep.Source.STAFF, at=when, actor=actor
        )
    if journey.stage_id != delivered.pk:
        return None
    step = JourneyStep.objects.filter(journey=journey, stage=delivered, occurrence=1).first()
    if step is None or timezone.localdate(step.at) == day:
        return None  # the same day again: the time recorded (a feed's 19:43) stands
    # A journey that started at its delivery (a car added already delivered) counts its service
    # and anniversary from that day: they move with it.
    if journey.started_at == step.at:
        journey.started_at = when
    nxt, due, occurrence = _plan(journey=journey, furthest=delivered, furthest_at=when, now=at)
    # Conditional: a sweep that moved the journey on meanwhile wins; the delivery stays history.
    moved = Journey.objects.filter(pk=journey.pk, stage_id=delivered.pk).update(
        started_at=journey.started_at,
        stage_at=when,
        next_stage=nxt,
        next_due_at=due,
        next_occurrence=occurrence,
        late_at=None,
        state=Journey.State.ACTIVE if nxt is not None else Journey.State.DONE,
    )
    if not moved:
        return None
    step.at = when
    step.save(update_fields=["at"])
    return step


def journey_start_for_case(*, case: Case, at: dt.datetime | None = None) -> Journey | None:
    """A case of a kind: an assistance case starts the assistance journey, a warranty claim or
    a service booking a repair; a delivery case joins its product's order journey."""
    if case.category in Case.ASSISTANCE_CATEGORIES:
        return journey_start(kind=JourneyKind.ASSISTANCE, client=case.client, case=case, at=at)
    if case.category in (Case.Category.WARRANTY_CLAIM, Case.Category.SERVICE_BOOKING):
        return journey_start(kind=JourneyKind.REPAIR, client=case.client, case=case, at=at)
    if case.category == Case.Category.DELIVERY and case.product_id is not None:
        journey = _order_journeys(case.product_id).first()
        if journey is not None:
            journey_attach_case(journey=journey, case=case)
        return journey
    return None


def journeys_end_with_case(*, case: Case, at: dt.datetime | None = None) -> int:
    """A repair's or an assistance's journey is its case's: once the case is resolved or closed,
    nothing more of it is planned, no stage of it is late, and no word goes out for it (the
    close is told to the client by the case's own news, and an assistance case's follow-up call
    is care's). An order journey a delivery case joined goes on: the car is still the client's.
    Returns how many journeys ended."""
    if case.status not in Case.CLOSED_STATUSES:
        return 0
    return Journey.objects.filter(
        case=case,
        state=Journey.State.ACTIVE,
        template__kind__in=[JourneyKind.ASSISTANCE, JourneyKind.REPAIR],
    ).update(state=Journey.State.DONE, next_stage=None, next_due_at=None, late_at=None)


# ---- the delivery day ----


def delivery_preferences(*, client: Client) -> str:
    """What the client's profile says about how they like to be treated, for the plan."""
    parts = [
        _("Address as: %(name)s") % {"name": client.greeting_name},
        _("Language: %(language)s") % {"language": client.language},
        _("Prefers: %(channel)s") % {"channel": client.get_preferred_channel_display()},
    ]
    return "\n".join(parts)


@transaction.atomic
def delivery_plan_save(
    *,
    actor: User,
    journey: Journey,
    host: User | None,
    place: str,
    prepared: str,
    preferences: str,
    at: dt.datetime | None = None,
) -> DeliveryPlan:
    """The delivery-day plan on the journey: who hands over, where, what is prepared, what the
    client likes. Written on the timeline as a note."""
    ensure_visible(actor=actor, client=journey.client)
    if host is not None and not host.is_active:
        raise ValidationError({"host": [_("Choose someone who is still here.")]})
    at = at or timezone.now()
    plan, _created = DeliveryPlan.objects.update_or_create(
        journey=journey,
        defaults={
            "host": host,
            "place": place.strip()[:200],
            "prepared": prepared.strip(),
            "preferences": preferences.strip(),
            "updated_at": at,
        },
    )
    timeline.record_note(
        client=journey.client,
        case=journey.case,
        actor=actor,
        at=at,
        text=_("Delivery-day plan: %(host)s, %(place)s.\n%(prepared)s")
        % {"host": host or "—", "place": plan.place or "—", "prepared": plan.prepared},
    )
    # The delivery is booked: the call the day after it is planned now, with its clock.
    booking = delivery_booking(journey=journey)
    if booking is not None and booking.slot.starts_at > at:
        delivered = Stage.objects.filter(template_id=journey.template_id, call_after=True).first()
        if delivered is not None:
            _plan_call(journey, delivered, at, after=booking.slot.starts_at)
    return plan


# ---- the feed ----


@dataclasses.dataclass(frozen=True)
class FeedRow:
    """One row of a factory or logistics feed, as read (journeys.feed)."""

    line: int
    code: str
    stage: str
    at: dt.datetime | None
    problem: str = ""


@dataclasses.dataclass(frozen=True)
class FeedResult:
    line: int
    code: str
    stage: str
    outcome: str  # "moved", "already", "kept aside"
    reason: str = ""


def feed_apply(
    *, rows: list[FeedRow], source: str, dry_run: bool = False, actor: User | None = None
) -> list[FeedResult]:
    """Apply a feed's rows: each VIN or serial's journey reaches the stage named. A bad row is
    kept aside with its reason, never stops the others; a row already applied says so. The
    products are read in one query for the whole feed."""
    codes = {row.code for row in rows if row.code}
    # Through the search index (normalised VINs and serials), then the owners' products.
    owners = Identifier.objects.filter(
        kind__in=[Identifier.Kind.VIN, Identifier.Kind.SERIAL], value__in=codes
    ).values("client_id")
    products: dict[str, list[Product]] = {}
    for product in Product.objects.filter(client_id__in=owners):
        for code in {code_normalized(product.vin), code_normalized(product.serial)} & codes:
            products.setdefault(code, []).append(product)
    journeys: dict[int, list[Journey]] = {}
    product_ids = [p.pk for found in products.values() for p in found]
    for journey in Journey.objects.filter(product_id__in=product_ids).select_related(
        "template", "client", "case", "product"
    ):
        journeys.setdefault(journey.product_id or 0, []).append(journey)
    return [_feed_row(row, products, journeys, source, dry_run, actor) for row in rows]


def _feed_row(
    row: FeedRow,
    products: dict[str, list[Product]],
    journeys: dict[int, list[Journey]],
    source: str,
    dry_run: bool,
    actor: User | None,
) -> FeedResult:
    def aside(reason: str) -> FeedResult:
        return FeedResult(row.line, row.code, row.stage, "kept aside", reason)

    if row.problem:
        return aside(row.problem)
    found = products.get(row.code, [])
    if not found:
        return aside(_("No product with this VIN or serial."))
    if len(found) > 1:
        return aside(_("Several products carry this VIN or serial."))
    candidates = journeys.get(found[0].pk, [])
    for journey in candidates:
        stage = Stage.objects.filter(template_id=journey.template_id, code=row.stage).first()
        if stage is None:
            continue
        if JourneyStep.objects.filter(journey=journey, stage=stage).exists():
            return FeedResult(row.line, row.code, row.stage, "already")
        if dry_run:
            return FeedResult(row.line, row.code, row.stage, "moved", _("Dry run: not applied."))
        step = journey_reach(journey=journey, stage=stage, source=source, at=row.at, actor=actor)
        return FeedResult(row.line, row.code, row.stage, "moved" if step else "already")
    if not candidates:
        return aside(_("This product has no journey."))
    return aside(_("Its journey has no stage “%(stage)s”.") % {"stage": row.stage})
