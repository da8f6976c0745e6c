"""Writes to cases. One owner from start to end; every change lands on the client's timeline."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from goodwill.cases.events import (
    CaseOpened,
    CaseReassigned,
    CaseStatusChanged,
    ClientChased,
    ClientContacted,
    ClientTold,
)
from goodwill.cases.models import Case, Outcome
from goodwill.cases.rules import case_owner
from goodwill.clients.models import Client, Product
from goodwill.clients.services import (
    ensure_can_own,
    ensure_visible,
    identifier_add_case,
    reference_next,
)
from goodwill.events import announce
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import route_to
from goodwill.timeline import services as timeline


def _next_reference(year: int) -> str:
    return reference_next(
        series=f"case-{year}",
        render=lambda n: f"GW-{year}-{n:09d}",
        taken=lambda ref: Case.objects.filter(reference=ref).exists(),
    )


def _lock(case: Case) -> None:
    """Re-read the case's status and owner under a row lock, so two people acting at once are
    recorded one after the other (A → B, then B → C), never both from A."""
    current = (
        Case.objects.select_for_update().values("status", "owner_id", "closed_at").get(pk=case.pk)
    )
    case.status, case.owner_id, case.closed_at = (
        current["status"],
        current["owner_id"],
        current["closed_at"],
    )


def owner_for(
    *, client: Client, at: dt.datetime | None = None, actor: User | None = None
) -> User | None:
    """Who owns a new case of `client` by default: their advisor, or while the advisor is away the
    person covering (route_to), provided that person may serve the client; else the advisor. An
    advisor opening a case themselves keeps it, away or not: they are evidently at work."""
    advisor = client.advisor
    if advisor is None or (actor is not None and actor.pk == advisor.pk):
        return advisor
    return case_owner(
        proposed=route_to(user=advisor, at=at), advisor=advisor, site_id=client.site_id
    )


CARERS = (User.Role.AGENT, User.Role.MANAGER)


def owner_least_busy(*, site: Site, roles: tuple[str, ...] = CARERS) -> User | None:
    """The one least-busy rule: of `site`'s active staff in `roles`, taken role by role (care
    agents before managers), the one with the fewest open cases."""
    load = Count("owned_cases", filter=Q(owned_cases__status__in=Case.OPEN_STATUSES))
    for role in roles:
        person = (
            User.objects.filter(is_active=True, site=site, role=role)
            .annotate(load=load)
            .order_by("load", "id")
            .first()
        )
        if person is not None:
            return person
    return None


def case_open(
    *,
    actor: User | None,
    client: Client,
    summary: str,
    category: str = Case.Category.INFORMATION,
    channel: str = Case.Channel.PHONE,
    product: Product | None = None,
    owner: User | None = None,
    language: str | None = None,
    priority: int = 3,
    opened_at: dt.datetime | None = None,
) -> Case:
    """Open a case. The owner defaults to the client's advisor, their single point of contact;
    the product's selling advisor is recorded so they can be told."""
    ensure_visible(actor=actor, client=client)
    errors: dict[str, list[str]] = {}
    if not summary.strip():
        errors["summary"] = [_("Say in a few words what the case is about.")]
    elif len(summary.strip()) > Case._meta.get_field("summary").max_length:  # type: ignore[operator]
        errors["summary"] = [_("Keep the summary under 300 characters; put the details in a note.")]
    if category not in Case.Category.values:
        errors["category"] = [_("Unknown category.")]
    if channel not in Case.Channel.values:
        errors["channel"] = [_("Unknown channel.")]
    if priority not in (1, 2, 3):
        errors["priority"] = [_("Priority is 1 (urgent), 2 (high) or 3 (normal).")]
    if product is not None and product.client_id != client.pk:
        errors["product"] = [_("This product belongs to another client.")]
    if errors:
        raise ValidationError(errors)
    # While the advisor is away, the person covering for them takes the case
    # (notifications.services.route_to).
    owner = owner or owner_for(client=client, at=opened_at, actor=actor) or actor
    if owner is None:
        raise ValidationError(
            {"owner": [_("The client has no advisor: choose who owns the case.")]}
        )
    ensure_can_own(user=owner, client=client, field="owner")
    opened_at = opened_at or timezone.now()
    # Every refusal is above, before the transaction: nested in the caller's (the intake's), the
    # writes need no savepoint, as nothing raised from here is handled to carry on.
    with transaction.atomic(savepoint=False):
        case = Case.objects.create(
            # The year the client sees on the date of their call, not UTC's.
            reference=_next_reference(timezone.localtime(opened_at).year),
            client=client,
            product=product,
            summary=summary.strip(),
            category=category,
            channel=channel,
            priority=priority,
            language=language or client.language,
            owner=owner,
            selling_advisor=product.selling_advisor if product else None,
            site=client.site,
            opened_at=opened_at,
            last_activity_at=opened_at,
            # A case opens because the client got in touch: their next contact with nothing sent
            # back in between is a chaser.
            last_client_contact_at=opened_at,
        )
        identifier_add_case(client=client, reference=case.reference)
        timeline.record_case_opened(case=case, actor=actor, at=opened_at)
        # The advisor and the selling advisor hear of it, a backup covering tells the client who
        # looks after them, the service-level clocks start.
        announce(CaseOpened(case=case, actor=actor, at=opened_at))
    return case


@dataclasses.dataclass(frozen=True)
class OutcomeGiven:
    """How a case ended, as the person closing it says: what was done, by whom, what it cost
    (optional, with its currency) and whether it fixed the client's problem."""

    done: str
    done_by: str
    fixed: bool | None  # None: not said, which is refused
    cost: Decimal | None = None
    currency: str = ""


def _outcome_errors(outcome: OutcomeGiven) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not outcome.done.strip():
        errors["done"] = [_("Say what was done for the client.")]
    if not outcome.done_by.strip():
        errors["done_by"] = [_("Say who did it: a colleague, a partner, a workshop.")]
    elif len(outcome.done_by.strip()) > 200:
        errors["done_by"] = [_("Keep who did it under 200 characters.")]
    if outcome.fixed is None:
        errors["fixed"] = [_("Say whether it fixed the client's problem.")]
    if outcome.cost is not None:
        if outcome.cost < 0:
            errors["cost"] = [_("A cost cannot be negative.")]
        currency = outcome.currency.strip()
        if len(currency) != 3 or not currency.isalpha():
            errors["currency"] = [_("Give the cost's currency, three letters like EUR.")]
    return errors


def case_change_status(
    *,
    actor: User | None,
    case: Case,
    status: str,
    at: dt.datetime | None = None,
    outcome: OutcomeGiven | None = None,
) -> Case:
    """Closing is a status, never a deletion. Resolved and closed cases record when they closed.
    `at` back-dates the change (imports, demo stories); it defaults to now.

    A person closing an open case (resolved or closed) says how it ended (`outcome`): it is
    refused without one. Only the system closes without (actor None: an import, a migration);
    a resolved case then closed needs no second outcome."""
    ensure_visible(actor=actor, client=case.client)
    if status not in Case.Status.values:
        raise ValidationError({"status": [_("Unknown status “%(status)s”.") % {"status": status}]})
    closing = status in Case.CLOSED_STATUSES and case.status not in Case.CLOSED_STATUSES
    if outcome is not None:
        if errors := _outcome_errors(outcome):
            raise ValidationError(errors)
    elif closing and actor is not None:
        raise ValidationError(
            {
                "done": [
                    _(
                        "Say how the case ended before closing it: what was done, by whom, and "
                        "whether it fixed the problem."
                    )
                ]
            }
        )
    # Refused above, before the transaction: nested, the writes need no savepoint.
    with transaction.atomic(savepoint=False):
        return _status_set(actor=actor, case=case, status=status, at=at, outcome=outcome)


def _status_set(
    *,
    actor: User | None,
    case: Case,
    status: str,
    at: dt.datetime | None,
    outcome: OutcomeGiven | None = None,
) -> Case:
    _lock(case)
    old = case.status
    if old == status:
        return case
    case.status = status
    if status in (Case.Status.RESOLVED, Case.Status.CLOSED):
        case.closed_at = case.closed_at or at or timezone.now()
    else:
        case.closed_at = None
    case.save(update_fields=["status", "closed_at"])
    entry = timeline.record_status_changed(case=case, actor=actor, old=old, new=status, at=at)
    if outcome is not None and status in Case.CLOSED_STATUSES:
        _outcome_record(actor=actor, case=case, outcome=outcome, at=at or timezone.now())
    announce(
        CaseStatusChanged(case=case, actor=actor, old=old, new=status, entry_id=entry.pk, at=at)
    )
    return case


def _outcome_record(
    *, actor: User | None, case: Case, outcome: OutcomeGiven, at: dt.datetime
) -> Outcome:
    cost = outcome.cost.quantize(Decimal("0.01")) if outcome.cost is not None else None
    currency = outcome.currency.strip().upper() if cost is not None else ""
    row = Outcome.objects.create(
        case=case,
        done=outcome.done.strip(),
        done_by=outcome.done_by.strip(),
        cost=cost,
        currency=currency,
        fixed=bool(outcome.fixed),
        recorded_by=actor,
        recorded_at=at,
    )
    timeline.record_case_outcome(
        case=case,
        actor=actor,
        done=row.done,
        done_by=row.done_by,
        cost=str(cost) if cost is not None else None,
        currency=currency,
        fixed=row.fixed,
        at=at,
    )
    return row


@transaction.atomic
def case_reassign(
    *,
    actor: User | None,
    case: Case,
    new_owner: User,
    handoff_note: str,
    at: dt.datetime | None = None,
) -> Case:
    """A case changes hands only with a handoff note, so the next owner never asks the client
    again."""
    ensure_visible(actor=actor, client=case.client)
    if not handoff_note.strip():
        raise ValidationError({"handoff_note": [_("Write a handoff note for the new owner.")]})
    _lock(case)
    ensure_can_own(user=new_owner, client=case.client, field="new_owner")
    if new_owner.pk == case.owner_id:
        raise ValidationError(
            {"new_owner": [_("%(name)s already owns this case.") % {"name": new_owner}]}
        )
    old_owner = case.owner
    case.owner = new_owner
    case.save(update_fields=["owner"])
    entry = timeline.record_case_reassigned(
        case=case,
        actor=actor,
        old_owner=old_owner,
        new_owner=new_owner,
        handoff_note=handoff_note.strip(),
        at=at,
    )
    announce(
        CaseReassigned(
            case=case, actor=actor, handoff_note=handoff_note.strip(), entry_id=entry.pk, at=at
        )
    )
    return case


@transaction.atomic
def case_client_title_set(
    *, actor: User | None, case: Case, title: str, at: dt.datetime | None = None
) -> Case:
    """Write the title the client reads for this case, in their words and language (empty: the
    phrase of its category again). The internal summary is untouched and never sent."""
    ensure_visible(actor=actor, client=case.client)
    title = " ".join(title.split())
    if len(title) > Case._meta.get_field("client_title").max_length:  # type: ignore[operator]
        raise ValidationError({"title": [_("Keep the title under 200 characters.")]})
    old = case.client_title
    if title == old:
        return case
    case.client_title = title
    case.save(update_fields=["client_title"])
    timeline.record_client_title_changed(case=case, actor=actor, old=old, new=title, at=at)
    return case


def case_answered(*, actor: User | None, case: Case, at: dt.datetime | None) -> None:
    """Answering a new case opens it."""
    if case.status == Case.Status.NEW:
        case_change_status(actor=actor, case=case, status=Case.Status.OPEN, at=at)


@transaction.atomic
def case_add_note(
    *, actor: User | None, case: Case, text: str, at: dt.datetime | None = None
) -> None:
    ensure_visible(actor=actor, client=case.client)
    if not text.strip():
        raise ValidationError({"text": [_("The note is empty.")]})
    timeline.record_note(client=case.client, case=case, actor=actor, text=text.strip(), at=at)


@transaction.atomic
def case_log_call(
    *,
    actor: User | None,
    case: Case,
    direction: str,
    duration_seconds: int,
    summary: str,
    at: dt.datetime | None = None,
) -> None:
    ensure_visible(actor=actor, client=case.client)
    errors: dict[str, list[str]] = {}
    if direction not in ("inbound", "outbound"):
        errors["direction"] = [_("A call is inbound or outbound.")]
    if duration_seconds < 0:
        errors["duration"] = [_("A call cannot last less than nothing.")]
    if not summary.strip():
        errors["summary"] = [_("Summarise the call for whoever reads the story next.")]
    if errors:
        raise ValidationError(errors)
    timeline.record_call(
        client=case.client,
        case=case,
        actor=actor,
        direction=direction,
        duration_seconds=duration_seconds,
        summary=summary.strip(),
        at=at,
    )
    if direction == "outbound":
        case_told(case=case, at=at or timezone.now())
        case_answered(actor=actor, case=case, at=at)
    else:
        case_client_contacted(case=case, channel="phone", at=at)


def case_priority_raise(
    *, case: Case, priority: int, reason: str, at: dt.datetime | None = None
) -> bool:
    """Raise the case's priority to `priority` (1 urgent, 2 high, 3 normal), never lower it: what
    the client just said (a complaint, anger, despair) cannot make a case less pressing. The
    change goes on the timeline with its reason. Returns whether it rose."""
    current = (
        Case.objects.select_for_update()
        .filter(pk=case.pk, priority__gt=priority)
        .values_list("priority", flat=True)
        .first()
    )
    if current is None:
        return False
    Case.objects.filter(pk=case.pk).update(priority=priority)
    case.priority = priority
    timeline.record_priority_raised(case=case, old=current, new=priority, reason=reason, at=at)
    return True


def case_told(*, case: Case, at: dt.datetime) -> None:
    """We told the client something about the case (a reply, news, a call we made): it resets the
    chaser rule, and the care clocks hear of it (first response met, update cadence restarted)."""
    if case.last_sent_to_client_at is None or case.last_sent_to_client_at < at:
        Case.objects.filter(pk=case.pk).update(
            last_sent_to_client_at=Greatest(
                Coalesce(F("last_sent_to_client_at"), Value(at)), Value(at)
            )
        )
        case.last_sent_to_client_at = at
    announce(ClientTold(case=case, at=at))


# No savepoint when nested: it raises no error a caller handles (only the database's), so a
# failure ends the caller's transaction anyway; on PostgreSQL a savepoint is two round trips.
@transaction.atomic(savepoint=False)
def case_client_contacted(
    *,
    case: Case,
    channel: str,
    at: dt.datetime | None = None,
    asks_for_news: bool = True,
    quote: str = "",
) -> int:
    """The client reached us about this case (a message, a call, the web form).

    It is a *chaser* when it asks for news (`asks_for_news`: what the intake's signals read in a
    message; a call, which has no words, is taken to) while the case is open and we have sent
    them nothing since their previous contact: the client had to ask again. A thank-you or an
    invoice sent in is a contact, never a chaser. Chasers are counted on the case and recorded on
    the timeline with the client's words (`quote`); from the second one the owner and the
    managers are alerted, so it cannot go unnoticed. Returns the case's chaser count (0 when this
    contact was not a chaser)."""
    at = at or timezone.now()
    current = (
        Case.objects.select_for_update()
        .values("status", "chaser_count", "last_client_contact_at", "last_sent_to_client_at")
        .get(pk=case.pk)
    )
    previous, sent = current["last_client_contact_at"], current["last_sent_to_client_at"]
    is_chaser = (
        asks_for_news
        and current["status"] in Case.OPEN_STATUSES
        and previous is not None
        and previous < at  # the contact that opened the case is not a chaser
        and (sent is None or sent < previous)
    )
    count = current["chaser_count"] + (1 if is_chaser else 0)
    case.chaser_count, case.last_client_contact_at = count, max(previous or at, at)
    Case.objects.filter(pk=case.pk).update(
        chaser_count=count, last_client_contact_at=case.last_client_contact_at
    )
    # A client writing while their advisor is away hears who covers (once per absence).
    announce(ClientContacted(case=case, channel=channel, at=at))
    if not is_chaser:
        return 0
    timeline.record_chaser(case=case, channel=channel, count=count, at=at, quote=quote)
    # From the second chaser the owner and the managers are alerted.
    announce(ClientChased(case=case, channel=channel, count=count, at=at, quote=quote))
    return count


def case_record_imported(
    *,
    client: Client,
    summary: str,
    owner: User,
    opened_at: dt.datetime,
    status: str = Case.Status.OPEN,
    closed_at: dt.datetime | None = None,
    category: str = Case.Category.INFORMATION,
    channel: str = Case.Channel.EMAIL,
    product: Product | None = None,
    source_key: str | None = None,
) -> Case:
    """A case brought over from another helpdesk as it stood there: history, not news. It gets
    a reference and its `case_opened` entry at its own time like any case, but no event is
    announced: no service-level clock starts and nobody is told of a case that may have closed
    years ago. The owner is the caller's, decided by the live rule (intake.services.case_owner);
    it must be able to serve the client's site, as for case_open."""
    errors: dict[str, list[str]] = {}
    if status not in Case.Status.values:
        errors["status"] = [_("Unknown status.")]
    if category not in Case.Category.values:
        errors["category"] = [_("Unknown category.")]
    if channel not in Case.Channel.values:
        errors["channel"] = [_("Unknown channel.")]
    if product is not None and product.client_id != client.pk:
        errors["product"] = [_("This product belongs to another client.")]
    if errors:
        raise ValidationError(errors)
    ensure_can_own(user=owner, client=client, field="owner")
    closed = status in (Case.Status.RESOLVED, Case.Status.CLOSED)
    closed_at = max(closed_at or opened_at, opened_at) if closed else None
    with transaction.atomic(savepoint=False):
        case = Case.objects.create(
            reference=_next_reference(timezone.localtime(opened_at).year),
            client=client,
            product=product,
            summary=summary.strip()[:300],
            category=category,
            channel=channel,
            status=status,
            language=client.language,
            owner=owner,
            selling_advisor=product.selling_advisor if product else None,
            site=client.site,
            opened_at=opened_at,
            closed_at=closed_at,
            last_activity_at=opened_at,
            source_key=source_key,
        )
        identifier_add_case(client=client, reference=case.reference)
        timeline.record_case_opened(case=case, actor=None, at=opened_at)
    return case
