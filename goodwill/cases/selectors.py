"""Reads of cases: the case page, and the lists on the advisor's home."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet
from django.http import Http404

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.organisation.access import holds_site, site_scoped
from goodwill.organisation.models import Site, User


def case_get(*, user: User, reference: str, handover: bool = False) -> Case:
    """The case by reference, or 404 when it is missing or its client belongs to another site;
    with its client, product and site, and the people it names (owner, selling advisor, the
    client's advisor), each with their backup. With `handover`, also `case.handover`: whom the
    case may be handed to (active staff of its site and of the care centre, but the owner), by name.

    Two queries: the case joined to three tables, then the people. One query joining the eight
    tables cost PostgreSQL 5-40 ms of planning a visit, for under 0.5 ms of execution."""
    cases = _scoped(Case.objects.filter(reference=reference), user)
    try:
        case = cases.select_related("client", "product", "site").get()
    except Case.DoesNotExist:
        raise Http404("No such case") from None
    client = case.client
    if client.site_id == case.site_id:  # always: Case.site copies the client's site
        client.site = case.site
    named: set[int] = {
        pk for pk in (case.owner_id, case.selling_advisor_id, client.advisor_id) if pk is not None
    }
    # Their backups come as rows of the same query (a join would read every column twice).
    wanted = Q(pk__in=named) | Q(pk__in=User.objects.filter(pk__in=named).values("backup_id"))
    people = User.objects.all()
    if handover:
        # Whoever may own it (clients.rules.serves_site): its site's staff, the members of a team
        # holding its site, the care centre.
        people = people.annotate(in_team=holds_site(case.site_id))
        wanted |= Q(is_active=True) & (
            Q(site_id=case.site_id) | Q(site__kind=Site.Kind.CARE_CENTRE) | Q(in_team=True)
        )
    people = (
        people.filter(wanted)
        .annotate(site_kind=F("site__kind"))
        .order_by("first_name", "last_name")
    )
    by_id = {person.pk: person for person in people}
    for pk in named:
        person = by_id[pk]
        if person.backup_id is not None:
            person.backup = by_id[person.backup_id]
    case.owner = by_id[case.owner_id]
    if case.selling_advisor_id is not None:
        case.selling_advisor = by_id[case.selling_advisor_id]
    if client.advisor_id is not None:
        client.advisor = by_id[client.advisor_id]
    if handover:
        case.handover = [  # type: ignore[attr-defined]
            person
            for person in by_id.values()
            if person.is_active
            and person.pk != case.owner_id
            and (
                person.site_id == case.site_id
                or person.site_kind == Site.Kind.CARE_CENTRE
                or getattr(person, "in_team", False)
            )
        ]
    return case


def _scoped[M: (Case, Client)](queryset: QuerySet[M], user: User) -> QuerySet[M]:
    """Only rows of sites the user may see: ownership alone never shows another dealer's client.
    (Case.site is always the client's site.)"""
    return site_scoped(queryset, user=user)


def open_cases_for_owner(*, user: User, limit: int = 50) -> list[Case]:
    """The owner's open cases, oldest first: the ones waiting longest come first."""
    cases = _scoped(Case.objects.filter(owner=user, status__in=Case.OPEN_STATUSES), user)
    return list(cases.select_related("client", "product").order_by("opened_at")[:limit])


def open_cases_count_for_owner(*, user: User) -> int:
    return _scoped(Case.objects.filter(owner=user, status__in=Case.OPEN_STATUSES), user).count()


def clients_latest_activity(*, user: User, limit: int = 15) -> list[Client]:
    clients = _scoped(Client.objects.filter(advisor=user, last_activity_at__isnull=False), user)
    return list(clients.order_by("-last_activity_at")[:limit])


def book_size(*, user: User) -> int:
    return _scoped(Client.objects.filter(advisor=user), user).count()


def open_cases_in_scope_count(*, user: User, cap: int = 1000) -> int:
    """How many open cases the user may see, counted up to `cap` + 1: enough to say "1,000+"
    without counting a brand's every open case on each visit to the home page."""
    cases = _scoped(Case.objects.filter(status__in=Case.OPEN_STATUSES), user)
    return cases.order_by()[: cap + 1].count()


def open_cases_in_scope(*, user: User, limit: int = 50) -> list[Case]:
    """For care agents and managers: every open case they may see, oldest first
    (served by the partial indexes case_open_oldest and case_site_open)."""
    cases = _scoped(Case.objects.filter(status__in=Case.OPEN_STATUSES), user)
    return list(cases.select_related("client", "owner").order_by("opened_at")[:limit])


def client_open_cases(*, client: Client) -> list[Case]:
    return list(
        Case.objects.filter(client=client, status__in=Case.OPEN_STATUSES)
        .select_related("owner", "product")
        .order_by("opened_at")
    )


def client_cases_for_filter(*, client: Client) -> list[tuple[int, str, str]]:
    """(id, reference, summary) of every case, for the timeline's case filter."""
    return list(
        Case.objects.filter(client=client)
        .order_by("-opened_at")
        .values_list("id", "reference", "summary")
    )
