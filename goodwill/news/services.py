"""News before the client asks (stories 000 and 004): every step the client cares about is sent to
them, by name, in their language, through the outbox. Nothing here keeps state of its own: the
outbox's idempotency keys say what was already sent, and queueing restarts the update clock."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from goodwill.cases.models import Case
from goodwill.cases.wording import client_status
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import outbound_queue
from goodwill.channels.outbox.templates import (
    case_context,
    render_message,
    staff_name,
    template_language,
)
from goodwill.clients.selectors import client_email
from goodwill.clients.services import ensure_visible
from goodwill.organisation.models import User
from goodwill.timeline import services as timeline

# Steps the client is told of, recorded by staff on the case page (story 004: "nobody told me
# the car had arrived").
MILESTONES: dict[str, object] = {
    "part_ordered": gettext_lazy("We have ordered the part."),
    "part_arrived": gettext_lazy("The part has arrived."),
    "car_arrived": gettext_lazy("Your car has arrived at the dealer."),
    "work_started": gettext_lazy("Work on your car has started."),
    "ready": gettext_lazy("Everything is ready for you."),
    "other": gettext_lazy("Here is the latest news."),
}


def is_client_news(*, old: str, new: str) -> bool:
    """Which status changes the client hears of: waiting on a partner ("we ordered the part"),
    resolved, closed without having been resolved, and a closed case taken up again. The rest
    (new → open, waiting on the client) is our own bookkeeping or already said in a message."""
    done = (Case.Status.RESOLVED, Case.Status.CLOSED)
    if new in (Case.Status.WAITING_PARTNER, Case.Status.RESOLVED):
        return True
    if new == Case.Status.CLOSED:
        return old != Case.Status.RESOLVED
    return old in done and new in Case.OPEN_STATUSES


# A change back-dated further than this is history being recorded (an import, the demo's stories),
# not news: the client is not written to about it now.
HISTORY = dt.timedelta(hours=1)


def is_history(at: dt.datetime | None) -> bool:
    return at is not None and at < timezone.now() - HISTORY


def _language(case: Case, *, template: str = "case_update") -> str:
    """The client's language, or English when the brand has no `template` in it (the message
    records the language it went in)."""
    return template_language(name=template, language=case.language or case.client.language)


def news_status_changed(
    *,
    case: Case,
    entry_id: int,
    old: str,
    new: str,
    actor: User | None = None,
    at: dt.datetime | None = None,
) -> OutboundMessage | None:
    """Queue the `status_changed` message to the client when the change is theirs to know and they
    have an e-mail address; once per timeline entry (key status:{case}:{entry})."""
    if not is_client_news(old=old, new=new) or is_history(at):
        return None
    email = client_email(client=case.client)
    if email is None:
        return None
    language = _language(case, template="status_changed")
    subject, body = render_message(
        name="status_changed", language=language, context=case_context(case=case, language=language)
    )
    return outbound_queue(
        key=f"status:{case.pk}:{entry_id}",
        purpose=OutboundMessage.Purpose.NOTIFICATION,
        reason=OutboundMessage.Reason.STATUS_NEWS,
        to_address=email,
        to_name=case.client.name,
        subject=subject,
        body_text=body,
        language=language,
        client=case.client,
        case=case,
        actor=actor,
        at=at,
    )


def _update(
    *,
    case: Case,
    key: str,
    text: str,
    actor: User | None,
    at: dt.datetime | None,
    reason: str,
) -> OutboundMessage | None:
    email = client_email(client=case.client)
    if email is None:
        return None
    language = _language(case)
    subject, body = render_message(
        name="case_update",
        language=language,
        context=case_context(case=case, language=language, update=text),
    )
    return outbound_queue(
        key=key,
        purpose=OutboundMessage.Purpose.NOTIFICATION,
        reason=reason,
        to_address=email,
        to_name=case.client.name,
        subject=subject,
        body_text=body,
        language=language,
        client=case.client,
        case=case,
        actor=actor,
        at=at,
    )


@transaction.atomic
def news_milestone(
    *, actor: User, case: Case, milestone: str, text: str = "", at: dt.datetime | None = None
) -> OutboundMessage | None:
    """Record a step the client cares about ("your car has arrived") and tell them at once, in
    their language, with the `case_update` template. The step is noted on the timeline even when
    the client has no e-mail address (then None is returned: call them)."""
    ensure_visible(actor=actor, client=case.client)
    at = at or timezone.now()
    text = text.strip()
    if milestone not in MILESTONES:
        raise ValidationError({"milestone": [_("Unknown milestone.")]})
    if milestone == "other" and not text:
        raise ValidationError({"text": [_("Say what happened.")]})
    if case.status not in Case.OPEN_STATUSES:
        raise ValidationError({"milestone": [_("The case is closed.")]})
    with translation.override(_language(case)):
        update = " ".join(
            p for p in (str(MILESTONES[milestone]) if milestone != "other" else "", text) if p
        )
    entry = timeline.record_note(
        client=case.client,
        case=case,
        actor=actor,
        at=at,
        text=_("Milestone: %(update)s") % {"update": update},
    )
    return _update(
        case=case,
        key=f"milestone:{case.pk}:{entry.pk}",
        text=update,
        actor=actor,
        at=at,
        reason=OutboundMessage.Reason.MILESTONE,
    )


def news_cadence_update(
    *, case: Case, key: str, at: dt.datetime | None = None
) -> OutboundMessage | None:
    """The automatic "here is where we are" when the update cadence ran out (care's hook): the
    case's status in the client's words, and that their advisor is on it."""
    language = _language(case)
    with translation.override(language):
        text = _(
            "Your case is in hand: %(status)s. %(advisor)s is following it and will write as soon "
            "as there is more."
        ) % {
            "status": client_status(status=case.status, language=language),
            "advisor": staff_name(case.owner),
        }
    return _update(
        case=case, key=key, text=text, actor=None, at=at, reason=OutboundMessage.Reason.CADENCE
    )
