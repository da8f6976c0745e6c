"""Writes to promises: made and kept by staff; reminded and broken by the clock
(promises.sweeps)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from goodwill.cases.models import Case
from goodwill.clients.services import ensure_visible
from goodwill.events import announce
from goodwill.organisation.models import User
from goodwill.promises.events import PromiseKept, PromiseMade
from goodwill.promises.models import Promise
from goodwill.timeline import services as timeline

# Reminded this long before the due time, or a tenth of the promise's span when that is longer
# (a promise made for next week deserves more warning than half an hour)...
REMIND_LEAD = dt.timedelta(minutes=30)
# ...but never in the first half of the span: a reminder right after promising is noise.
MAX_LEAD_SHARE = 0.5
# A promise further out than this is a plan, not a promise.
LONGEST_PROMISE = dt.timedelta(days=366)


def remind_time(*, made_at: dt.datetime, due_at: dt.datetime) -> dt.datetime:
    span = due_at - made_at
    lead = min(max(REMIND_LEAD, span / 10), span * MAX_LEAD_SHARE)
    return due_at - lead


@transaction.atomic
def promise_make(
    *, actor: User, case: Case, text: str, due_at: dt.datetime, at: dt.datetime | None = None
) -> Promise:
    """Record what was promised to the client and by when. Anyone who may see the case may record
    one; it must fall due in the future, on a case still open. The clock does the rest: a reminder
    shortly before, and a broken promise (owner and managers told) if nobody marks it kept in
    time."""
    ensure_visible(actor=actor, client=case.client)
    at = at or timezone.now()
    errors: dict[str, list[str]] = {}
    text = text.strip()
    if not text:
        errors["text"] = [_("Say what was promised, in the client's words if you can.")]
    elif len(text) > Promise._meta.get_field("text").max_length:  # type: ignore[operator]
        errors["text"] = [_("Keep the promise under 300 characters.")]
    if timezone.is_naive(due_at):
        errors["due_at"] = [_("Give the time with its time zone.")]
    elif due_at <= at:
        errors["due_at"] = [_("A promise falls due in the future.")]
    elif due_at - at > LONGEST_PROMISE:
        errors["due_at"] = [_("Promise something within a year.")]
    if case.status not in Case.OPEN_STATUSES:
        errors["case"] = [_("The case is closed: reopen it before promising anything.")]
    if errors:
        raise ValidationError(errors)
    promise = Promise.objects.create(
        case=case,
        made_by=actor,
        site_id=case.site_id,
        text=text,
        due_at=due_at,
        made_at=at,
        remind_at=remind_time(made_at=at, due_at=due_at),
    )
    timeline.record_promise_made(promise=promise, actor=actor, at=at)
    announce(PromiseMade(promise=promise, at=at))
    return promise


@transaction.atomic
def promise_keep(*, actor: User, promise: Promise, at: dt.datetime | None = None) -> Promise:
    """Mark a promise kept. Only an open promise, and only before it falls due: after that it is
    broken, whatever happens next (the sweep records it)."""
    ensure_visible(actor=actor, client=promise.case.client)
    at = at or timezone.now()
    if at > promise.due_at:
        raise ValidationError(
            {
                "promise": [
                    _("This promise fell due on %(due)s: it is broken.")
                    % {
                        "due": formats.date_format(
                            timezone.localtime(promise.due_at), "SHORT_DATETIME_FORMAT"
                        )
                    }
                ]
            }
        )
    # Conditional update: a click racing the sweep (or a double click) changes the row only once.
    changed = Promise.objects.filter(pk=promise.pk, status=Promise.Status.OPEN).update(
        status=Promise.Status.KEPT, resolved_at=at, resolved_by=actor
    )
    if not changed:
        promise.refresh_from_db(fields=["status", "resolved_at", "resolved_by"])
        raise ValidationError(
            {
                "promise": [
                    _("This promise is already %(status)s.")
                    % {"status": promise.get_status_display().lower()}
                ]
            }
        )
    promise.status, promise.resolved_at, promise.resolved_by = Promise.Status.KEPT, at, actor
    timeline.record_promise_kept(promise=promise, actor=actor, at=at)
    announce(PromiseKept(promise=promise, at=at))
    return promise


@transaction.atomic
def promises_hand_over(
    *,
    actor: User | None,
    leaving: User,
    fallback: User | None,
    client_ids: Collection[int] | None = None,
    at: dt.datetime | None = None,
) -> int:
    """The open promises `leaving` made pass to whoever owns each case now (a handover moves the
    cases first), else to `fallback`: someone must keep the client's word, and the reminder and
    the broken-promise notice go to whoever holds it. Each move is written on the case's timeline
    (who made it, who keeps it). Only to someone who sees the case's site; a re-run finds none
    left. `client_ids`: only the promises to these clients (a handover of part of a book).
    Returns how many moved."""
    at = at or timezone.now()
    moved = 0
    promises = (
        Promise.objects.select_for_update(of=("self",))
        .filter(made_by=leaving, status=Promise.Status.OPEN)
        .select_related("case", "case__client", "case__owner")
        .order_by("pk")
    )
    if client_ids is not None:
        promises = promises.filter(case__client_id__in=list(client_ids))
    for promise in promises:
        keeper: User | None = promise.case.owner
        if keeper is None or keeper.pk == leaving.pk or not keeper.is_active:
            keeper = fallback
        if keeper is None or keeper.pk == leaving.pk or not keeper.sees_site(promise.site_id):
            continue
        if not Promise.objects.filter(
            pk=promise.pk, made_by=leaving, status=Promise.Status.OPEN
        ).update(made_by=keeper):
            continue
        timeline.record_note(
            client=promise.case.client,
            case=promise.case,
            actor=actor,
            text=_("Promise “%(text)s” made by %(leaving)s is kept by %(keeper)s now.")
            % {"text": promise.text, "leaving": leaving, "keeper": keeper},
            at=at,
        )
        moved += 1
    return moved
