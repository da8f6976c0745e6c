"""What demo_load tells you at the end: who to sign in as, and what to search for."""

from __future__ import annotations

import dataclasses

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.demo.cast import LOGINS, SITES
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


@dataclasses.dataclass(frozen=True)
class LoginRow:
    username: str
    role: str
    site: str
    sees: str


@dataclasses.dataclass(frozen=True)
class Hint:
    query: str
    finds: str


def demo_logins() -> list[LoginRow]:
    names = dict(
        User.objects.filter(username__in=[login.username for login in LOGINS]).values_list(
            "username", "site__name"
        )
    )
    return [
        LoginRow(
            username=login.username,
            role=str(User.Role(login.role).label),
            site=names.get(login.username) or SITES[login.site].name,
            sees=login.sees,
        )
        for login in LOGINS
    ]


def story_client(*, email: str) -> Client | None:
    return Client.objects.filter(contact_points__normalized=email).first()


def demo_hints() -> list[Hint]:
    complaint = (
        Case.objects.filter(
            client__contact_points__normalized="thomas.tauber@example.com",
            category=Case.Category.COMPLAINT,
        )
        .values_list("reference", flat=True)
        .first()
    )
    hints = [
        Hint("M-AR 1500", "Herr Tauber's Veloce S Spider: the flat tyre, eleven calls (story 000)"),
        Hint("lefevre", "Madame Lefèvre, without the accent: three months of e-mails (story 003)"),
        Hint("079 412 35 08", "her Swiss mobile, as she would give it on the phone"),
        Hint("lr21kxt", "Mr Ashworth's overheating Tourismo, typed any old way (story 001)"),
        Hint("jansen", "the Dutch client answered in Italian (story 002; as giulia or chiara)"),
        Hint("LV25 HZM", "Steve's new car, which nobody said had arrived (story 004)"),
    ]
    if complaint:
        hints.insert(
            1, Hint(complaint, "Herr Tauber's letter to the President, now Anna's to answer")
        )
    return hints


def demo_counts() -> dict[str, int]:
    return {
        "clients": Client.objects.count(),
        "cases": Case.objects.count(),
        "timeline entries": Entry.objects.count(),
        "staff": User.objects.count(),
    }
