"""People change (issue 16, part 6): when an advisor leaves or moves, their whole book moves.

One advisor for each client is the promise made at the sale, so a book is never left without
one: every client the leaving advisor advises gets a named successor, with a handoff note on the
client's timeline and for the successor; their open cases follow through `case_reassign` (the
case's handoff note, the new owner told, the clocks staying on the case); the client hears who
their new advisor is, in their language, once; the successors and the managers are told.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from goodwill.care.services import call_tasks_hand_over
from goodwill.cases.models import Case
from goodwill.cases.services import case_reassign, owner_for, owner_least_busy
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import outbound_queue
from goodwill.channels.outbox.templates import (
    client_context,
    render_message,
    staff_name,
    template_language,
)
from goodwill.clients.models import Client
from goodwill.clients.selectors import client_email
from goodwill.clients.services import (
    can_serve,
    client_advisor_hand_over,
    client_update,
    ensure_visible,
)
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.models import User
from goodwill.organisation.services import backups_hand_over, managers_for
from goodwill.promises.services import promises_hand_over

ONE = "one"
ROUND_ROBIN = "round_robin"
LEAST_BUSY = "least_busy"
RULES = (ONE, ROUND_ROBIN, LEAST_BUSY)


@dataclasses.dataclass(frozen=True)
class HandoverResult:
    """What one handover did: clients whose advisor changed, open cases that changed hands,
    clients told (a re-run does nothing and says so: all zeros)."""

    clients_moved: int
    cases_moved: int
    clients_told: int
    backups_moved: int = 0
    promises_moved: int = 0
    call_tasks_moved: int = 0
    client_backups_moved: int = 0


def may_hand_over(*, actor: User | None, leaving: User) -> bool:
    """A manager of the leaving person's site, a brand-wide manager or an administrator; `None`
    is the system itself (the CLI)."""
    if actor is None or actor.is_superuser or actor.role == User.Role.ADMIN:
        return True
    return actor.role == User.Role.MANAGER and (
        actor.sees_all_clients or (leaving.site_id is not None and actor.sees_site(leaving.site_id))
    )


def successors_for(*, client: Client, leaving: User) -> list[User]:
    """Who may take `client` over: active advisors (then care agents) who can see the client's
    site, the leaving person excepted, ordered for a stable round robin."""
    candidates = User.objects.filter(
        is_active=True, role__in=[User.Role.ADVISOR, User.Role.AGENT]
    ).exclude(pk=leaving.pk)
    people = [
        person
        for person in candidates.filter(Q(site=client.site_id) | Q(team__sites=client.site_id))
        .select_related("site")
        .distinct()
        .order_by("role", "id")
        if can_serve(user=person, site=client.site)
    ]
    advisors = [person for person in people if person.role == User.Role.ADVISOR]
    return advisors or people


def book_plan(
    *, leaving: User, rule: str, clients: Sequence[Client], successor: User | None = None
) -> dict[int, User]:
    """Who takes each client: `one` successor for all, or shared out among the advisors of each
    client's site by `round_robin` (in turn) or `least_busy` (the fewest clients advised and open
    cases owned, counting those given out here, as `cases.services.owner_least_busy` counts open
    cases). A client nobody at their site can take is left out (the page says so)."""
    if rule not in RULES:
        raise ValidationError({"rule": [_("Unknown rule.")]})
    if rule == ONE:
        if successor is None:
            raise ValidationError({"successor": [_("Name the successor.")]})
        return {client.pk: successor for client in clients}
    plan: dict[int, User] = {}
    turn: Counter[int] = Counter()
    load: dict[int, int] = {}
    # Who may take a client depends on their site only: read once a site, not once a client.
    by_site: dict[int, list[User]] = {}
    for client in clients:
        if client.site_id not in by_site:
            by_site[client.site_id] = successors_for(client=client, leaving=leaving)
        people = by_site[client.site_id]
        if not people:
            continue
        if rule == ROUND_ROBIN:
            person = people[turn[client.site_id] % len(people)]
            turn[client.site_id] += 1
        else:
            missing = [p.pk for p in people if p.pk not in load]
            if missing:
                counts = User.objects.filter(pk__in=missing).annotate(
                    advised=Count("clients", distinct=True),
                    owned=Count(
                        "owned_cases",
                        filter=Q(owned_cases__status__in=Case.OPEN_STATUSES),
                        distinct=True,
                    ),
                )
                load.update({row.pk: row.advised + row.owned for row in counts})
            person = min(people, key=lambda p: (load[p.pk], p.pk))
        load[person.pk] = load.get(person.pk, 0) + 1
        plan[client.pk] = person
    return plan


def _told_key(*, client: Client, successor: User) -> str:
    return f"advisor_changed:{client.pk}:{successor.pk}"


def client_told_of_new_advisor(
    *, client: Client, previous: User | None, successor: User, at: dt.datetime | None = None
) -> bool:
    """Tell the client, in their language (English when the brand lacks the template in it),
    who their new advisor is: once per client and new advisor. False when nothing was queued."""
    email = client_email(client=client)
    key = _told_key(client=client, successor=successor)
    if email is None or OutboundMessage.objects.filter(key=key).exists():
        return False
    language = template_language(name="advisor_changed", language=client.language)
    context = client_context(client=client, language=language, previous=staff_name(previous))
    context["advisor"] = staff_name(successor)
    if previous is None:
        context["previous"] = ""
    subject, body = render_message(name="advisor_changed", language=language, context=context)
    outbound_queue(
        key=key,
        purpose=OutboundMessage.Purpose.NOTIFICATION,
        reason=OutboundMessage.Reason.ADVISOR_CHANGED,
        to_address=email,
        to_name=client.name,
        subject=subject,
        body_text=body,
        language=language,
        client=client,
        at=at,
    )
    return True


def _stray_owner(*, case: Case, leaving: User, at: dt.datetime) -> User | None:
    """The new owner of an open case of someone else's client: the owner rules (the client's
    advisor or whoever covers), else the least busy carer of the client's site."""
    owner = owner_for(client=case.client, at=at)
    if owner is None or owner.pk == leaving.pk or not owner.is_active:
        owner = owner_least_busy(site=case.client.site)
    return owner if owner is not None and owner.pk != leaving.pk else None


def book_handover(
    *,
    actor: User | None,
    leaving: User,
    assignments: Mapping[int, User],
    notes: Mapping[int, str] | None = None,
    default_note: str = "",
    successor: User | None = None,
    at: dt.datetime | None = None,
) -> HandoverResult:
    """Hand `leaving`'s book over: each client of `assignments` (client id → successor) gets the
    successor as advisor, with their note (`notes`, else `default_note`) on the client's timeline;
    the leaving person's open cases of those clients go to the successor through `case_reassign`
    with the same note, and their open cases of other clients to the owner rules' choice; each
    client is told once; each successor and the managers are told. Then the leaving person's
    open promises and calls to make for those clients go to the owner of each case now (a call
    outside any case to the client's advisor), each with a timeline note. Once the whole book is
    gone (no client advised, no open case owned), what is left follows too: remaining promises
    and calls go to `successor` (by default, who takes the most clients here), and the
    colleagues and clients who had the leaving person as backup get another. One
    transaction: all or nothing. Idempotent: a client already with their successor, or no
    longer the leaving person's, is left as it is, and a re-run moves, tells and notifies
    nothing."""
    if not may_hand_over(actor=actor, leaving=leaving):
        raise PermissionDenied("Only managers hand a book over.")
    at = at or timezone.now()
    notes = notes or {}
    errors: list[str] = []
    for client_id, successor in assignments.items():
        if successor.pk == leaving.pk:
            errors.append(_("%(name)s is the one leaving.") % {"name": successor})
        if not (notes.get(client_id, "").strip() or default_note.strip()):
            errors.append(_("Write a handoff note for every client."))
    if errors:
        raise ValidationError({"assignments": sorted(set(errors))})
    moved: dict[int, list[Client]] = {}
    cases_moved = told = 0
    with transaction.atomic():
        clients = list(
            Client.objects.select_for_update(of=("self",))
            .select_related("site", "advisor")
            .filter(pk__in=list(assignments))
            .order_by("pk")
        )
        for client in clients:
            ensure_visible(actor=actor, client=client)
            successor = assignments[client.pk]
            if client.advisor_id != leaving.pk:
                continue  # handed over already, or moved by someone else meanwhile
            note = (notes.get(client.pk, "").strip() or default_note).strip()
            client_advisor_hand_over(
                actor=actor, client=client, successor=successor, handoff_note=note, at=at
            )
            client.advisor = successor
            moved.setdefault(successor.pk, []).append(client)
            for case in _open_cases(leaving=leaving, client_ids=[client.pk]):
                case_reassign(actor=actor, case=case, new_owner=successor, handoff_note=note, at=at)
                cases_moved += 1
            told += client_told_of_new_advisor(
                client=client, previous=leaving, successor=successor, at=at
            )
        touched = {client.pk for clients_moved in moved.values() for client in clients_moved}
        for case in _open_cases(leaving=leaving, client_ids=None):
            if case.client.advisor_id == leaving.pk:
                continue  # their client, not handed over yet: it follows the client later
            owner = _stray_owner(case=case, leaving=leaving, at=at)
            if owner is None:
                continue
            touched.add(case.client_id)
            case_reassign(
                actor=actor,
                case=case,
                new_owner=owner,
                handoff_note=default_note.strip()
                or _("%(name)s has left; the case comes to you.") % {"name": leaving},
                at=at,
            )
            cases_moved += 1
        _notify(actor=actor, leaving=leaving, moved=moved, notes=notes, default=default_note, at=at)
        successor = successor or _main_successor(assignments)
        # Part of a book (a few clients moved today): only what belongs to those clients
        # follows them. The whole book gone: everything the person held goes, and whoever
        # they stood in for, or were named backup of, gets another.
        whole_book = _book_empty(leaving)
        scope = None if whole_book else touched
        fallback = successor if whole_book else None
        promises = promises_hand_over(
            actor=actor, leaving=leaving, fallback=fallback, client_ids=scope, at=at
        )
        calls = call_tasks_hand_over(
            actor=actor, leaving=leaving, fallback=fallback, client_ids=scope, at=at
        )
        backups = client_backups = 0
        if whole_book and successor is not None:
            backups = backups_hand_over(leaving=leaving, successor=successor)
        if whole_book:
            client_backups = _client_backups_hand_over(
                actor=actor, leaving=leaving, successor=successor, at=at
            )
    return HandoverResult(
        clients_moved=sum(len(v) for v in moved.values()),
        cases_moved=cases_moved,
        clients_told=told,
        backups_moved=backups,
        promises_moved=promises,
        call_tasks_moved=calls,
        client_backups_moved=client_backups,
    )


def book_handover_rehearse(
    *,
    actor: User | None,
    leaving: User,
    assignments: Mapping[int, User],
    notes: Mapping[int, str] | None = None,
    default_note: str = "",
    successor: User | None = None,
    at: dt.datetime | None = None,
) -> HandoverResult:
    """What `book_handover` with these arguments would move now, without moving anything: it
    runs the handover itself and rolls it back, so the clients, cases, promises, calls to make
    and backups counted are chosen by the very code that moves them, never by a copy that could
    drift from it. Nothing stays: every row is rolled back, and what was to run after the commit
    (the messages to clients, notifications, reactions) is dropped with the savepoint. For its
    moment it takes the locks the handover takes. Refuses what the handover refuses."""
    with transaction.atomic():
        result = book_handover(
            actor=actor,
            leaving=leaving,
            assignments=assignments,
            notes=notes,
            default_note=default_note,
            successor=successor,
            at=at,
        )
        transaction.set_rollback(True)
    return result


def _book_empty(leaving: User) -> bool:
    """Whether the leaving person advises no client and owns no open case any more."""
    return (
        not Client.objects.filter(advisor=leaving).exists()
        and not Case.objects.filter(owner=leaving, status__in=Case.OPEN_STATUSES).exists()
    )


def _client_backups_hand_over(
    *, actor: User | None, leaving: User, successor: User | None, at: dt.datetime
) -> int:
    """Clients for whom the leaving person was the named backup get their advisor's own backup,
    else `successor`, else none (then their advisor's backup covers, as for any client), each
    change on the client's timeline. Only someone who may serve the client's site; a client the
    acting manager cannot see is left to their own site's managers."""
    moved = 0
    clients = (
        Client.objects.select_for_update(of=("self",))
        .select_related("site", "advisor", "advisor__backup")
        .filter(backup_advisor=leaving)
        .order_by("pk")
    )
    for client in clients:
        candidates = [client.advisor.backup if client.advisor else None, successor]
        new = next(
            (
                person
                for person in candidates
                if person is not None
                and person.pk not in (leaving.pk, client.advisor_id)
                and person.is_active
                and can_serve(user=person, site=client.site)
            ),
            None,
        )
        if actor is not None and not can_serve(user=actor, site=client.site):
            continue  # another site's client: theirs to settle, as the clients themselves
        client_update(actor=actor, client=client, backup_advisor=new, at=at)
        moved += 1
    return moved


def _main_successor(assignments: Mapping[int, User]) -> User | None:
    """Who takes the most clients (the first named on a tie): the leaving person's stand-in for
    what belongs to no client."""
    if not assignments:
        return None
    counts = Counter(person.pk for person in assignments.values())
    by_pk = {person.pk: person for person in assignments.values()}
    return by_pk[counts.most_common(1)[0][0]]


def _open_cases(*, leaving: User, client_ids: list[int] | None) -> list[Case]:
    cases = Case.objects.filter(owner=leaving, status__in=Case.OPEN_STATUSES)
    if client_ids is not None:
        cases = cases.filter(client_id__in=client_ids)
    return list(
        cases.select_related("client", "client__site", "client__advisor", "owner").order_by("pk")
    )


def _notify(
    *,
    actor: User | None,
    leaving: User,
    moved: dict[int, list[Client]],
    notes: Mapping[int, str],
    default: str,
    at: dt.datetime,
) -> None:
    """Each successor hears which clients are theirs now, with each client's note; the managers
    of the leaving person's site hear the whole of it. Keyed on the clients moved: told once."""
    if not moved:
        return
    everyone = sorted(client.pk for clients in moved.values() for client in clients)
    digest = hashlib.sha256(",".join(map(str, everyone)).encode()).hexdigest()[:16]
    for clients in moved.values():
        successor = clients[0].advisor
        assert successor is not None
        with translation.override(successor.language):
            title = ngettext(
                "%(count)d client of %(name)s is yours now",
                "%(count)d clients of %(name)s are yours now",
                len(clients),
            ) % {"count": len(clients), "name": leaving}
        body = "\n".join(
            f"{client.name} ({client.ref}): {(notes.get(client.pk, '').strip() or default).strip()}"
            for client in clients
        )
        notify(
            recipient=successor,
            kind=Notification.Kind.BOOK_HANDED_OVER,
            title=title,
            body=body,
            client=clients[0] if len(clients) == 1 else None,
            key=f"book_handover:{leaving.pk}:{successor.pk}:{digest}",
            at=at,
        )
    if leaving.site is None:
        return
    for manager in managers_for(site=leaving.site):
        if actor is not None and manager.pk == actor.pk:
            continue
        with translation.override(manager.language):
            title = ngettext(
                "The book of %(name)s was handed over: %(count)d client",
                "The book of %(name)s was handed over: %(count)d clients",
                len(everyone),
            ) % {"count": len(everyone), "name": leaving}
        body = "\n".join(
            f"{client.name} ({client.ref}) → {client.advisor}"
            for clients in moved.values()
            for client in clients
        )
        notify(
            recipient=manager,
            kind=Notification.Kind.BOOK_HANDED_OVER,
            title=title,
            body=body,
            key=f"book_handover:{leaving.pk}:manager:{manager.pk}:{digest}",
            at=at,
        )
