"""What the handover page reads: the leaving person's book and open cases."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from django.db.models import Count, Q
from django.http import Http404

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.clients.selectors import visible_clients
from goodwill.organisation.models import User


@dataclasses.dataclass(frozen=True)
class Book:
    """A staff member's book as the viewer may see it: the clients they advise (each with their
    open cases counted) and the open cases they own."""

    clients: Sequence[Client]
    open_cases: Sequence[Case]


def leaving_get(*, viewer: User, username: str) -> User:
    """The person whose book is handed over: 404 when missing or of a site the viewer does not
    see (as another site's client would be)."""
    person = User.objects.select_related("site").filter(username=username).first()
    if person is None or not viewer.sees_site(person.site_id):
        raise Http404("No such staff member")
    return person


def book_of(*, viewer: User, leaving: User) -> Book:
    """Two queries, whatever the size of the book."""
    open_cases = Count("cases", filter=Q(cases__status__in=Case.OPEN_STATUSES))
    clients = list(
        visible_clients(user=viewer)
        .filter(advisor=leaving)
        .select_related("site")
        .annotate(open_cases=open_cases)
        .order_by("last_name", "first_name", "pk")
    )
    cases = list(
        Case.objects.filter(owner=leaving, status__in=Case.OPEN_STATUSES)
        .filter(client__in=visible_clients(user=viewer))
        .select_related("client", "client__advisor")
        .order_by("opened_at")
    )
    return Book(clients=clients, open_cases=cases)
