"""What demo_load tells you at the end: who to sign in as, what to search for, and which weekly
digests tell the stories."""

from __future__ import annotations

import dataclasses
import datetime as dt

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.demo.cast import LOGINS, SITES
from goodwill.experience.models import CaseExperience
from goodwill.insights.selectors import week_name
from goodwill.organisation.models import User
from goodwill.surveys.models import Survey
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


def demo_portal_command() -> str:
    """How to open Steve's own page (story 004: his collection booked from his portal)."""
    steve = story_client(email="steve.marsh@example.com")
    return f"python manage.py portal_link {steve.ref}" if steve is not None else ""


def demo_counts() -> dict[str, int]:
    return {
        "clients": Client.objects.count(),
        "cases": Case.objects.count(),
        "timeline entries": Entry.objects.count(),
        "staff": User.objects.count(),
    }


def _monday(at: dt.datetime) -> dt.date:
    day = at.astimezone(dt.UTC).date()
    return day - dt.timedelta(days=day.weekday())


def demo_digests() -> list[Hint]:
    """The weekly digests where the stories are, as /insights/digest/ addresses. The stories are
    counted back from the day of the load, so their weeks move with it: the flat tyre is among
    the worst stories of the weeks it ran (the last one named here, when it ended), Steve's low
    score in the week he answered; last week's digest (the page's default) has Herr Tauber's
    letter, still open."""
    tauber = "thomas.tauber@example.com"
    tyre = (
        CaseExperience.objects.filter(
            case__client__contact_points__normalized=tauber, case__closed_at__isnull=False
        )
        .order_by("score")
        .first()
    )
    steve = Survey.objects.filter(
        client__contact_points__normalized="steve.marsh@example.com", state=Survey.State.FINAL
    ).first()
    found = [Hint("/insights/digest/", "last week: Herr Tauber's letter among the worst stories")]
    if tyre is not None:
        found.append(
            Hint(
                f"/insights/digest/?week={week_name(_monday(tyre.last_at))}",
                f"Herr Tauber's flat tyre, experience score {tyre.score}, the worst story",
            )
        )
    if steve is not None and steve.final_at is not None:
        found.append(
            Hint(
                f"/insights/digest/?week={week_name(_monday(steve.final_at))}",
                "Steve's low score, called back and won back",
            )
        )
    return found
