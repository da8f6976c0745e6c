"""The only writers of the timeline: one function per kind of entry.

Each call also moves the client's (and case's) "last activity" forward, which the advisor's
home page sorts by.

What an entry of a kind holds (its summary, body, channel and payload) is a pure function beside
its writer (`case_opened_entry` beside `record_case_opened`, …): the bulk import
(imports.services, through `record_imported`) builds its entries with the same functions, so an
imported message reads exactly as a live one.

The timeline sits low in the layers (docs/architecture.md): every app above it tells its story
here, so it imports none of them. What it needs of a client, a case, a product or a promise is
spelled out by the small protocols below, which those models satisfy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Protocol, TypedDict

from django.db.models import F, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from goodwill.db import bulk_insert
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


class Story(Protocol):
    """A client or a case: a row whose last activity the story moves forward."""

    @property
    def pk(self) -> Any: ...

    last_activity_at: Any


class ClientLike(Story, Protocol):
    @property
    def name(self) -> str: ...


class CaseLike(Story, Protocol):
    @property
    def client(self) -> Any: ...
    @property
    def reference(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def channel(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def owner_id(self) -> Any: ...


class ProductLike(Protocol):
    @property
    def pk(self) -> Any: ...
    @property
    def client(self) -> Any: ...

    brand: str
    model: str

    @property
    def identifier(self) -> Any: ...


class CoverLike(Protocol):
    @property
    def pk(self) -> Any: ...
    @property
    def product(self) -> Any: ...

    product_id: Any
    kind: str
    starts_on: dt.date
    ends_on: dt.date


class PromiseLike(Protocol):
    @property
    def pk(self) -> Any: ...
    @property
    def case(self) -> Any: ...

    text: str
    due_at: dt.datetime
    made_by_id: Any


class PartnerTaskLike(Protocol):
    @property
    def pk(self) -> Any: ...
    @property
    def case(self) -> Any: ...
    @property
    def partner(self) -> Any: ...

    title: str
    kind: str
    status: str
    service_class: str
    eta: dt.datetime | None


class EntryFields(TypedDict):
    """An entry's own content, without its client, case, actor and time."""

    kind: str
    summary: str
    body: str
    channel: str
    payload: dict[str, Any]


def _touch(story: Story, at: dt.datetime) -> None:
    """Move a client's or case's last activity to `at` unless it is later already.

    Greatest() keeps back-dated entries (imports, demo data) from moving activity backwards.
    Activity only ever moves forward, so when the row in hand (read in this transaction) is at
    `at` or later already, the UPDATE would change nothing: several entries of one event skip it."""
    if story.last_activity_at is not None and story.last_activity_at >= at:
        return
    type(story)._default_manager.filter(pk=story.pk).update(  # type: ignore[attr-defined]
        last_activity_at=Greatest(Coalesce(F("last_activity_at"), Value(at)), Value(at))
    )
    story.last_activity_at = at


def _write(
    *,
    client: ClientLike,
    kind: str,
    actor: User | None,
    case: CaseLike | None = None,
    at: dt.datetime | None = None,
    summary: str = "",
    body: str = "",
    channel: str = "",
    payload: dict[str, Any] | None = None,
) -> Entry:
    at = at or timezone.now()
    entry = Entry.objects.create(
        client_id=client.pk,
        case_id=case.pk if case is not None else None,
        kind=kind,
        actor=actor,
        at=at,
        summary=summary[:300],
        body=body,
        channel=channel,
        payload=payload or {},
    )
    _touch(client, at)
    if case is not None:
        _touch(case, at)
    return entry


def record_client_created(
    *, client: ClientLike, actor: User | None, at: dt.datetime | None = None
) -> Entry:
    return _write(
        client=client, kind=Entry.Kind.CLIENT_CREATED, actor=actor, at=at, summary=client.name
    )


def record_client_changed(
    *,
    client: ClientLike,
    actor: User | None,
    changes: dict[str, tuple[Any, Any]],
    at: dt.datetime | None = None,
    payload: dict[str, Any] | None = None,
) -> Entry:
    """`changes` maps a field to (before, after); both are kept so the audit shows what it was.
    `payload` adds who made it when not staff (`{"by": "client"}`: the client on the portal)."""
    summary = ", ".join(sorted(changes))
    payload = {
        **(payload or {}),
        "changes": {field: [str(old), str(new)] for field, (old, new) in changes.items()},
    }
    return _write(
        client=client,
        kind=Entry.Kind.CLIENT_CHANGED,
        actor=actor,
        at=at,
        summary=summary,
        payload=payload,
    )


def record_texts_stopped(
    *,
    client: ClientLike,
    channel: str,
    field: str,
    before: dt.datetime | None,
    after: dt.datetime | None,
    word: str,
    number: str,
    at: dt.datetime | None = None,
) -> Entry:
    """The client texted an opt-out word (STOP…: `after` is set) or an opt-in word (START…:
    `after` is None) on `channel`: a change of the client made by them, as
    `record_client_changed` keeps it, with their word as its body."""
    return _write(
        client=client,
        kind=Entry.Kind.CLIENT_CHANGED,
        actor=None,
        at=at,
        summary=field,
        body=word,
        channel=channel,
        payload={
            "changes": {
                field: [before.isoformat() if before else "", after.isoformat() if after else ""]
            },
            "by": "client",
            "texts": "stopped" if after is not None else "allowed",
            "word": word,
            "number": number,
        },
    )


def record_advisor_handed_over(
    *,
    client: ClientLike,
    actor: User | None,
    old_advisor: User | None,
    new_advisor: User,
    handoff_note: str,
    at: dt.datetime | None = None,
) -> Entry:
    """The client's book changed hands (people.services.book_handover): a change of advisor, as
    `record_client_changed` keeps it, with the handoff note for the new advisor as its body."""
    return _write(
        client=client,
        kind=Entry.Kind.CLIENT_CHANGED,
        actor=actor,
        at=at,
        summary="advisor",
        body=handoff_note,
        payload={
            "changes": {"advisor": [str(old_advisor or ""), str(new_advisor)]},
            "handover": True,
        },
    )


def record_product_added(
    *, product: ProductLike, actor: User | None, at: dt.datetime | None = None
) -> Entry:
    return _write(
        client=product.client,
        kind=Entry.Kind.PRODUCT_ADDED,
        actor=actor,
        at=at,
        summary=f"{product.brand} {product.model} {product.identifier}".strip(),
        payload={"product_id": product.pk},
    )


def record_cover_added(
    *, cover: CoverLike, actor: User | None, at: dt.datetime | None = None
) -> Entry:
    return _write(
        client=cover.product.client,
        kind=Entry.Kind.COVER_ADDED,
        actor=actor,
        at=at,
        summary=f"{cover.kind} {cover.starts_on:%Y-%m-%d} – {cover.ends_on:%Y-%m-%d}",
        payload={
            "product_id": cover.product_id,
            "cover_id": cover.pk,
            "kind": cover.kind,
            "starts_on": cover.starts_on.isoformat(),
            "ends_on": cover.ends_on.isoformat(),
        },
    )


def case_opened_entry(
    *, summary: str, channel: str, owner_id: Any, category: str, reference: str
) -> EntryFields:
    return {
        "kind": Entry.Kind.CASE_OPENED,
        "summary": summary,
        "body": "",
        "channel": channel,
        "payload": {"owner_id": owner_id, "category": category, "reference": reference},
    }


def record_case_opened(
    *, case: CaseLike, actor: User | None, at: dt.datetime | None = None
) -> Entry:
    return _write(
        client=case.client,
        case=case,
        actor=actor,
        at=at,
        **case_opened_entry(
            summary=case.summary,
            channel=case.channel,
            owner_id=case.owner_id,
            category=case.category,
            reference=case.reference,
        ),
    )


def record_status_changed(
    *, case: CaseLike, actor: User | None, old: str, new: str, at: dt.datetime | None = None
) -> Entry:
    return _write(
        client=case.client,
        case=case,
        kind=Entry.Kind.STATUS_CHANGED,
        actor=actor,
        at=at,
        summary=f"{old} → {new}",
        payload={"changes": {"status": [old, new]}},
    )


def record_case_reassigned(
    *,
    case: CaseLike,
    actor: User | None,
    old_owner: User,
    new_owner: User,
    handoff_note: str,
    at: dt.datetime | None = None,
) -> Entry:
    return _write(
        client=case.client,
        case=case,
        kind=Entry.Kind.CASE_REASSIGNED,
        actor=actor,
        at=at,
        summary=f"{old_owner} → {new_owner}",
        body=handoff_note,
        payload={
            "changes": {"owner": [old_owner.pk, new_owner.pk]},
            "owner_names": [str(old_owner), str(new_owner)],
        },
    )


def record_client_title_changed(
    *, case: CaseLike, actor: User | None, old: str, new: str, at: dt.datetime | None = None
) -> Entry:
    """Staff rewrote the title the client reads (an internal note, with the change)."""
    return _write(
        client=case.client,
        case=case,
        kind=Entry.Kind.NOTE,
        actor=actor,
        at=at,
        summary=f"Client-facing title: {new or '—'}"[:300],
        payload={"changes": {"client_title": [old, new]}},
    )


def record_priority_raised(
    *, case: CaseLike, old: int, new: int, reason: str, at: dt.datetime | None = None
) -> Entry:
    """What the client said raised the case's priority (an internal note, with the change)."""
    return _write(
        client=case.client,
        case=case,
        kind=Entry.Kind.NOTE,
        actor=None,
        at=at,
        summary=f"Priority {old} → {new}: {reason}"[:300],
        payload={"changes": {"priority": [old, new]}, "reason": reason},
    )


def record_note(
    *,
    client: ClientLike,
    case: CaseLike | None,
    actor: User | None,
    text: str,
    at: dt.datetime | None = None,
) -> Entry:
    return _write(
        client=client,
        case=case,
        kind=Entry.Kind.NOTE,
        actor=actor,
        at=at,
        summary=text.splitlines()[0] if text else "",
        body=text,
    )


def call_entry(
    *, direction: str, duration_seconds: int, summary: str, missed: bool = False
) -> EntryFields:
    """A call's summary is the first line of what was said about it; `missed`: the phone rang
    and nobody answered (the phone channel's webhook)."""
    payload: dict[str, Any] = {"direction": direction, "duration_seconds": duration_seconds}
    if missed:
        payload["missed"] = True
    return {
        "kind": Entry.Kind.CALL,
        "summary": summary.splitlines()[0] if summary else "",
        "body": summary,
        "channel": "phone",
        "payload": payload,
    }


def record_call(
    *,
    client: ClientLike,
    case: CaseLike | None,
    actor: User | None,
    direction: str,
    duration_seconds: int,
    summary: str,
    at: dt.datetime | None = None,
    missed: bool = False,
) -> Entry:
    return _write(
        client=client,
        case=case,
        actor=actor,
        at=at,
        **call_entry(
            direction=direction, duration_seconds=duration_seconds, summary=summary, missed=missed
        ),
    )


def message_out_entry(
    *,
    subject: str,
    body: str,
    to: str,
    channel: str = "email",
    status: str = "outbox",
    extra: dict[str, Any] | None = None,
) -> EntryFields:
    return {
        "kind": Entry.Kind.MESSAGE_OUT,
        "summary": subject,
        "body": body,
        "channel": channel,
        "payload": {"to": to, "status": status, **(extra or {})},
    }


def record_message_out(
    *,
    case: CaseLike,
    actor: User | None,
    subject: str,
    body: str,
    to: str,
    channel: str = "email",
    at: dt.datetime | None = None,
    status: str = "outbox",
    extra: dict[str, Any] | None = None,
) -> Entry:
    """A message to the client, as queued ("outbox"). Entries are never updated: the delivery
    status shown beside it is read from the OutboundMessage named by `extra` (outbound_id,
    message_id, language, purpose)."""
    return _write(
        client=case.client,
        case=case,
        actor=actor,
        at=at,
        **message_out_entry(
            subject=subject, body=body, to=to, channel=channel, status=status, extra=extra
        ),
    )


def message_in_entry(
    *, subject: str, body: str, sender: str, channel: str, extra: dict[str, Any] | None = None
) -> EntryFields:
    """`extra` adds what the channel knows (an e-mail's message_id, in_reply_to, inbound_id,
    attachments, language) to the payload."""
    return {
        "kind": Entry.Kind.MESSAGE_IN,
        "summary": subject,
        "body": body,
        "channel": channel,
        "payload": {"from": sender, **(extra or {})},
    }


def record_message_in(
    *,
    client: ClientLike,
    case: CaseLike | None,
    subject: str,
    body: str,
    sender: str,
    channel: str,
    at: dt.datetime | None = None,
    extra: dict[str, Any] | None = None,
) -> Entry:
    return _write(
        client=client,
        case=case,
        actor=None,
        at=at,
        **message_in_entry(subject=subject, body=body, sender=sender, channel=channel, extra=extra),
    )


def record_chaser(
    *, case: CaseLike, channel: str, count: int, at: dt.datetime | None = None, quote: str = ""
) -> Entry:
    """The client asked again while we had sent them nothing since their last contact; `quote`:
    what they said (nothing for a call)."""
    return _write(
        client=case.client,
        case=case,
        kind=Entry.Kind.CHASER,
        actor=None,
        at=at,
        channel=channel,
        summary=f"Chaser #{count}",
        body=quote,
        payload={"count": count},
    )


def record_sla_warning(
    *, case: CaseLike, clock_kind: str, due_at: dt.datetime, at: dt.datetime | None = None
) -> Entry:
    """A service-level clock reached its warning point (care.sweeps.clocks_due)."""
    return _write(
        client=case.client,
        case=case,
        kind=Entry.Kind.SLA_WARNING,
        actor=None,
        at=at,
        summary=f"{clock_kind.replace('_', ' ')} at risk",
        payload={"clock": clock_kind, "due_at": due_at.isoformat()},
    )


def record_sla_breached(
    *, case: CaseLike, clock_kind: str, due_at: dt.datetime, at: dt.datetime | None = None
) -> Entry:
    """A service-level clock ran out before we did what it counts (care.sweeps.clocks_due)."""
    return _write(
        client=case.client,
        case=case,
        kind=Entry.Kind.SLA_BREACHED,
        actor=None,
        at=at,
        summary=f"{clock_kind.replace('_', ' ')} overdue",
        payload={"clock": clock_kind, "due_at": due_at.isoformat()},
    )


def record_check_override(
    *,
    client: ClientLike,
    case: CaseLike | None,
    actor: User,
    reason: str,
    findings: list[dict[str, str]],
    outbound_id: int | None = None,
    at: dt.datetime | None = None,
) -> Entry:
    """Someone sent a message despite checks that block (checks.services.reply_send): who, why,
    and which findings (code, message, the words found) they overrode."""
    return _write(
        client=client,
        case=case,
        kind=Entry.Kind.CHECK_OVERRIDE,
        actor=actor,
        at=at,
        summary="; ".join(finding["message"] for finding in findings),
        body=reason,
        payload={"reason": reason, "findings": findings, "outbound_id": outbound_id},
    )


def record_document_added(
    *,
    client: ClientLike,
    case: CaseLike | None,
    actor: User | None,
    document_id: int,
    filename: str,
    source: str,
    at: dt.datetime | None = None,
) -> Entry:
    """A document joined the client's vault (documents.services.document_store)."""
    return _write(
        client=client,
        case=case,
        kind=Entry.Kind.DOCUMENT_ADDED,
        actor=actor,
        at=at,
        summary=filename,
        payload={"document_id": document_id, "source": source},
    )


def record_document_asked(
    *,
    client: ClientLike,
    case: CaseLike | None,
    actor: User | None,
    kinds: list[str],
    document_ids: list[int],
    outbound_id: int | None = None,
    at: dt.datetime | None = None,
) -> Entry:
    """A message asked the client for a kind of document already on file (counted for the
    insight dashboards: documents.selectors.asked_again_counts)."""
    return _write(
        client=client,
        case=case,
        kind=Entry.Kind.DOCUMENT_ASKED,
        actor=actor,
        at=at,
        summary=", ".join(kinds),
        payload={"kinds": kinds, "document_ids": document_ids, "outbound_id": outbound_id},
    )


def record_document_found(
    *,
    client: ClientLike,
    case: CaseLike | None,
    document_id: int,
    filename: str,
    at: dt.datetime | None = None,
) -> Entry:
    """The client says they already sent something: the document on file found for the
    advisor."""
    return _write(
        client=client,
        case=case,
        kind=Entry.Kind.DOCUMENT_FOUND,
        actor=None,
        at=at,
        summary=filename,
        payload={"document_id": document_id},
    )


def record_promise_made(
    *, promise: PromiseLike, actor: User | None, at: dt.datetime | None = None
) -> Entry:
    return _write(
        client=promise.case.client,
        case=promise.case,
        kind=Entry.Kind.PROMISE_MADE,
        actor=actor,
        at=at,
        summary=promise.text,
        payload={"promise_id": promise.pk, "due_at": promise.due_at.isoformat()},
    )


def record_promise_kept(
    *, promise: PromiseLike, actor: User | None, at: dt.datetime | None = None
) -> Entry:
    return _write(
        client=promise.case.client,
        case=promise.case,
        kind=Entry.Kind.PROMISE_KEPT,
        actor=actor,
        at=at,
        summary=promise.text,
        payload={"promise_id": promise.pk, "due_at": promise.due_at.isoformat()},
    )


def record_promise_broken(*, promise: PromiseLike, at: dt.datetime | None = None) -> Entry:
    """Nobody breaks a promise on purpose: the clock does, so the entry has no actor."""
    return _write(
        client=promise.case.client,
        case=promise.case,
        kind=Entry.Kind.PROMISE_BROKEN,
        actor=None,
        at=at,
        summary=promise.text,
        payload={
            "promise_id": promise.pk,
            "due_at": promise.due_at.isoformat(),
            "made_by": promise.made_by_id,
        },
    )


def record_case_outcome(
    *,
    case: CaseLike,
    actor: User | None,
    done: str,
    done_by: str,
    cost: str | None,
    currency: str,
    fixed: bool,
    at: dt.datetime | None = None,
) -> Entry:
    """How the case ended (cases.models.Outcome), written with its close."""
    return _write(
        client=case.client,
        case=case,
        kind=Entry.Kind.CASE_OUTCOME,
        actor=actor,
        at=at,
        summary=done[:300],
        body=done if len(done) > 300 else "",
        payload={"done_by": done_by, "cost": cost, "currency": currency, "fixed": fixed},
    )


def record_call_task(
    *,
    case: CaseLike | None,
    client: ClientLike,
    task_id: int,
    task_kind: str,
    assignee: User,
    due_at: dt.datetime,
    reason: str,
    at: dt.datetime | None = None,
) -> Entry:
    """A call the brand owes the client (care.models.CallTask): nobody decided it, a missed call
    or a close did, so the entry has no actor. `case` None: a call owed outside any case."""
    return _write(
        client=client,
        case=case,
        kind=Entry.Kind.CALL_TASK,
        actor=None,
        at=at,
        summary=reason[:300],
        payload={
            "task_id": task_id,
            "task_kind": task_kind,
            "assignee": assignee.pk,
            "due_at": due_at.isoformat(),
        },
    )


def record_call_task_done(
    *,
    case: CaseLike | None,
    client: ClientLike,
    task_id: int,
    task_kind: str,
    actor: User | None,
    late: bool,
    at: dt.datetime | None = None,
) -> Entry:
    return _write(
        client=client,
        case=case,
        kind=Entry.Kind.CALL_TASK_DONE,
        actor=actor,
        at=at,
        summary="",
        payload={"task_id": task_id, "task_kind": task_kind, "late": late},
    )


def _task_payload(task: PartnerTaskLike, **extra: Any) -> dict[str, Any]:
    return {
        "task_id": task.pk,
        "partner": task.partner.name,
        "kind": task.kind,
        "status": task.status,
        "service_class": task.service_class,
        "eta": task.eta.isoformat() if task.eta is not None else None,
        **extra,
    }


def record_partner_task(
    *,
    task: PartnerTaskLike,
    actor: User | None,
    at: dt.datetime | None = None,
    extra: dict[str, Any] | None = None,
) -> Entry:
    """A task asked of a partner (requested, waiting for a manager's approval, approved): the
    policy's class and the chosen one travel in `extra` when they differ."""
    return _write(
        client=task.case.client,
        case=task.case,
        kind=Entry.Kind.PARTNER_TASK,
        actor=actor,
        at=at,
        summary=f"{task.title} · {task.partner.name}",
        payload=_task_payload(task, **(extra or {})),
    )


def record_partner_update(
    *, task: PartnerTaskLike, actor: User | None, old: str, at: dt.datetime | None = None
) -> Entry:
    """A task's status or ETA changed; no actor when the partner gave it through their link."""
    return _write(
        client=task.case.client,
        case=task.case,
        kind=Entry.Kind.PARTNER_UPDATE,
        actor=actor,
        at=at,
        summary=f"{task.title} · {task.partner.name}: {old} → {task.status}",
        payload=_task_payload(task, changes={"status": [old, task.status]}),
    )


def record_partner_alert(
    *, task: PartnerTaskLike, reason: str, at: dt.datetime | None = None
) -> Entry:
    """The clock found a partner late (`reason`: "not_accepted" or "eta_passed")."""
    return _write(
        client=task.case.client,
        case=task.case,
        kind=Entry.Kind.PARTNER_ALERT,
        actor=None,
        at=at,
        summary=f"{task.title} · {task.partner.name}: {reason.replace('_', ' ')}",
        payload=_task_payload(task, reason=reason),
    )


class SlotLike(Protocol):
    @property
    def pk(self) -> Any: ...

    kind: str
    starts_at: dt.datetime
    site_id: Any


class BookingLike(Protocol):
    @property
    def pk(self) -> Any: ...
    @property
    def client(self) -> Any: ...
    @property
    def case(self) -> Any: ...
    @property
    def slot(self) -> SlotLike: ...


def booking_entry(booking: BookingLike, **extra: Any) -> dict[str, Any]:
    """What an appointment entry holds: the kind and start (UTC) in the summary, the slot in
    the payload (with the slot before a move in `extra`)."""
    slot = booking.slot
    return {
        "summary": f"{slot.kind} · {slot.starts_at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC",
        "payload": {
            "booking_id": booking.pk,
            "slot_id": slot.pk,
            "site_id": slot.site_id,
            "kind": slot.kind,
            "starts_at": slot.starts_at.isoformat(),
            **extra,
        },
    }


def _booking(
    booking: BookingLike, kind: str, actor: User | None, at: dt.datetime | None, **extra: Any
) -> Entry:
    return _write(
        client=booking.client,
        case=booking.case,
        kind=kind,
        actor=actor,
        at=at,
        **booking_entry(booking, **extra),
    )


def record_booking_made(
    *, booking: BookingLike, actor: User | None, at: dt.datetime | None = None
) -> Entry:
    """An appointment booked; no actor when the client booked through their link."""
    return _booking(booking, Entry.Kind.BOOKING_MADE, actor, at)


def record_booking_moved(
    *,
    booking: BookingLike,
    old_starts_at: dt.datetime,
    actor: User | None,
    at: dt.datetime | None = None,
) -> Entry:
    """An appointment moved to another slot; the start before and after in `changes`."""
    changes = {"starts_at": [old_starts_at.isoformat(), booking.slot.starts_at.isoformat()]}
    return _booking(booking, Entry.Kind.BOOKING_MOVED, actor, at, changes=changes)


def record_booking_cancelled(
    *, booking: BookingLike, actor: User | None, at: dt.datetime | None = None
) -> Entry:
    """An appointment cancelled, its place given back."""
    return _booking(booking, Entry.Kind.BOOKING_CANCELLED, actor, at)


class SurveyLike(Protocol):
    @property
    def pk(self) -> Any: ...
    @property
    def client(self) -> Any: ...
    @property
    def case(self) -> Any: ...

    kind: str
    score: int | None
    effort: int | None
    comment: str


def survey_entry(survey: SurveyLike, **extra: Any) -> dict[str, Any]:
    """What a survey entry holds: the kind and score in the summary ("satisfaction 2/5"), the
    client's comment as the body, the rest in the payload."""
    top = 5 if survey.kind == "satisfaction" else 10
    score = "" if survey.score is None else f" {survey.score}/{top}"
    return {
        "summary": f"{survey.kind}{score}",
        "body": survey.comment,
        "payload": {
            "survey_id": survey.pk,
            "survey_kind": survey.kind,
            "score": survey.score,
            "effort": survey.effort,
            **extra,
        },
    }


def journey_stage_entry(
    *, journey_id: int, journey: str, stage: str, title: str, source: str, late: bool = False
) -> dict[str, Any]:
    """What a journey entry holds (goodwill.journeys): the stage reached (or late) in the summary,
    which journey, stage and source (feed, api, staff, time) in the payload."""
    return {
        "summary": f"{journey}: {title}"[:300],
        "payload": {
            "journey_id": journey_id,
            "journey": journey,
            "stage": stage,
            "source": source,
            "late": late,
        },
    }


def record_survey_sent(*, survey: SurveyLike, at: dt.datetime | None = None) -> Entry:
    """A survey e-mailed to the client (goodwill.surveys); nobody sent it by hand."""
    return _write(
        client=survey.client,
        case=survey.case,
        kind=Entry.Kind.SURVEY_SENT,
        actor=None,
        at=at,
        summary=survey.kind,
        channel="email",
        payload={"survey_id": survey.pk, "survey_kind": survey.kind},
    )


def record_survey_answered(
    *,
    survey: SurveyLike,
    channel: str,
    signal: Mapping[str, Any] | None,
    detractor: bool,
    at: dt.datetime | None = None,
) -> Entry:
    """The client's answer, once final: the score, effort and comment; the comment's meaning
    and mood (intake.signals) and whether it calls for a call back."""
    return _write(
        client=survey.client,
        case=survey.case,
        kind=Entry.Kind.SURVEY_ANSWERED,
        actor=None,
        at=at,
        channel=channel,
        **survey_entry(survey, signal=dict(signal or {}), detractor=detractor),
    )


def record_survey_outcome(
    *,
    survey: SurveyLike,
    actor: User | None,
    recovered: bool,
    offered: str,
    at: dt.datetime | None = None,
) -> Entry:
    """How the call to an unhappy client went: won back or not, and what was offered."""
    return _write(
        client=survey.client,
        case=survey.case,
        kind=Entry.Kind.SURVEY_OUTCOME,
        actor=actor,
        at=at,
        summary=offered[:300],
        body=offered if len(offered) > 300 else "",
        payload={"survey_id": survey.pk, "recovered": recovered},
    )


class QuoteLike(Protocol):
    @property
    def pk(self) -> Any: ...
    @property
    def client(self) -> Any: ...
    @property
    def case(self) -> Any: ...

    title: str
    amount: Any
    currency: str
    status: str
    valid_until: dt.date
    client_comment: str


def quote_entry(quote: QuoteLike) -> dict[str, Any]:
    """What a quote entry holds: its work and amount in the summary, the quote in the payload,
    the client's comment (a decline's reason) as the body."""
    return {
        "summary": f"{quote.title} · {quote.amount} {quote.currency}",
        "body": quote.client_comment,
        "payload": {
            "quote_id": quote.pk,
            "amount": str(quote.amount),
            "currency": quote.currency,
            "valid_until": quote.valid_until.isoformat(),
            "status": quote.status,
        },
    }


def record_quote_drafted(*, quote: QuoteLike, actor: User, at: dt.datetime | None = None) -> Entry:
    """A quote drafted by staff on a case: not shown to the client until it is sent."""
    return _write(
        client=quote.client,
        case=quote.case,
        kind=Entry.Kind.QUOTE_DRAFTED,
        actor=actor,
        at=at,
        **quote_entry(quote),
    )


def record_quote_sent(*, quote: QuoteLike, actor: User, at: dt.datetime | None = None) -> Entry:
    """A quote sent to the client, to approve or decline in their portal."""
    return _write(
        client=quote.client,
        case=quote.case,
        kind=Entry.Kind.QUOTE_SENT,
        actor=actor,
        at=at,
        **quote_entry(quote),
    )


def record_quote_decided(
    *, quote: QuoteLike, actor: User | None, at: dt.datetime | None = None
) -> Entry:
    """The client approved or declined a quote (no actor: they decided in their portal)."""
    kind = Entry.Kind.QUOTE_APPROVED if quote.status == "approved" else Entry.Kind.QUOTE_DECLINED
    return _write(
        client=quote.client, case=quote.case, kind=kind, actor=actor, at=at, **quote_entry(quote)
    )


def record_recall(
    *,
    case: CaseLike,
    campaign: str,
    event: str,
    vehicles: Iterable[str],
    summary: str,
    actor: User | None,
    at: dt.datetime | None = None,
) -> Entry:
    """A recall or service campaign on the client's case (recalls.services): `event` is
    "affected" (the case opened for these vehicles, or more of them found later), "reminded" or
    "fixed"; the campaign's code and the VINs or serials in the payload."""
    return _write(
        client=case.client,
        case=case,
        kind=Entry.Kind.RECALL,
        actor=actor,
        at=at,
        summary=summary,
        payload={"campaign": campaign, "event": event, "vehicles": list(vehicles)},
    )


def record_journey_stage(
    *,
    client: ClientLike,
    case: CaseLike | None,
    actor: User | None,
    at: dt.datetime | None = None,
    **fields: Any,
) -> Entry:
    """A client's journey reached a stage, or a stage is late against its date (`late`); no
    actor when a feed or the clock moved it."""
    return _write(
        client=client,
        case=case,
        kind=Entry.Kind.JOURNEY_STAGE,
        actor=actor,
        at=at,
        **journey_stage_entry(**fields),
    )


def record_imported(*, rows: Iterable[Mapping[str, Any]]) -> int:
    """Write entries brought over from another system, in bulk; return how many were new.

    Each row maps Entry attnames (client_id, case_id, kind, at, actor_id, summary, body, channel,
    payload, source_key) to values, the entry's own content built by its kind's *_entry function
    as the live writer builds it; `source_key` is required and a row whose key is already
    present is skipped, so an import can run twice and change nothing. Rows are plain mappings,
    not Entry objects: Entry() plus get_db_prep_save cost 48 µs a row, over two minutes for the
    2.4 million messages of the 100k-client dataset. It does not move last_activity_at: the
    importer sets it once per client and case. Call it inside a transaction.
    """
    kinds = frozenset(Entry.Kind.values)
    table: list[tuple[Any, ...]] = []
    append = table.append
    for row in rows:
        if row["kind"] not in kinds or not row["source_key"]:
            raise ValueError(f"record_imported: bad kind or missing source_key in {row!r:.200}")
        get = row.get
        append(
            (
                row["client_id"],
                get("case_id"),
                row["kind"],
                row["at"],
                get("actor_id"),
                get("summary", "")[:300],
                get("body", ""),
                get("channel", ""),
                get("payload") or {},
                row["source_key"],
            )
        )
    return bulk_insert(
        model=Entry,
        columns=(
            "client_id",
            "case_id",
            "kind",
            "at",
            "actor_id",
            "summary",
            "body",
            "channel",
            "payload",
            "source_key",
        ),
        rows=table,
    )


class ClaimLike(Protocol):
    @property
    def pk(self) -> Any: ...
    @property
    def case(self) -> Any: ...

    what: str
    amount: Any
    currency: str
    status: str
    within_policy: bool
    approver_role: str
    decline_reason: str
    receipt_name: str


def record_expense_claim(
    *, claim: ClaimLike, actor: User | None, at: dt.datetime | None = None
) -> Entry:
    """A cost the client asks back, claimed or decided (its status says which): approved within
    the policy, waiting for an approver, approved or declined by them (with the reason)."""
    return _write(
        client=claim.case.client,
        case=claim.case,
        kind=Entry.Kind.EXPENSE_CLAIM,
        actor=actor,
        at=at,
        summary=f"{claim.what} {claim.amount} {claim.currency}: {claim.status}"
        + (" (within policy)" if claim.within_policy else ""),
        body=claim.decline_reason,
        payload={
            "claim_id": claim.pk,
            "what": claim.what,
            "amount": str(claim.amount),
            "currency": claim.currency,
            "status": claim.status,
            "within_policy": claim.within_policy,
            "approver_role": claim.approver_role,
            "receipt": claim.receipt_name,
        },
    )
