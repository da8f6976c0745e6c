"""The stories of issue #3, told through the phone channel."""

from __future__ import annotations

import datetime as dt

from django.test import Client as HttpClient
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.phone.models import Call
from goodwill.channels.phone.services import call_summarise
from goodwill.channels.phone.tests.conftest import Poster
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import staff_create
from goodwill.timeline.models import Entry


def test_story_000_the_eleventh_agent_knows_him_by_name_and_what_the_ten_before_heard(
    post_event: Poster, care_centre: Site, case_t: Case
) -> None:
    # Given Mr. T, who calls eleven times about his flat tyre and each time reaches someone else
    agents = [
        staff_create(
            username=f"agent{n}",
            password=None,
            first_name="Agent",
            last_name=f"No. {n}",
            role="agent",
            site=care_centre,
        )
        for n in range(11)
    ]
    start = timezone.now() + dt.timedelta(minutes=1)
    for n, agent in enumerate(agents[:10]):
        at = start + dt.timedelta(minutes=10 * n)
        for event, offset in (("ringing", 0), ("answered", 5), ("ended", 65)):
            post_event(
                {
                    "event": event,
                    "call_id": f"t-{n}",
                    "from": "+49 171 2345678",
                    "agent": agent.username,
                    "at": (at + dt.timedelta(seconds=offset)).isoformat(),
                    "duration_seconds": 60,
                }
            )
        call_summarise(
            actor=agent,
            call=Call.objects.get(call_id=f"t-{n}"),
            summary=f"Call {n + 1}: file still being looked for",
            at=at + dt.timedelta(minutes=2),
        )

    # When he calls the eleventh time
    post_event(
        {
            "event": "ringing",
            "call_id": "t-10",
            "from": "+49 171 2345678",
            "agent": agents[10].username,
        }
    )
    http = HttpClient()
    http.force_login(agents[10])
    html = http.get("/phone/pop/", headers={"HX-Request": "true"}).content.decode()

    # Then the agent sees his name, not a file number, and that he has chased again and again
    assert "Herr Lefèvre" in html and case_t.reference in html
    case_t.refresh_from_db()
    assert case_t.chaser_count == 10  # we never wrote back: every call was a chaser
    assert f"chased {case_t.chaser_count} times" in html
    # And the last thing said to him is on the screen before she picks up
    assert "Call 10: file still being looked for" in html
    assert Entry.objects.filter(case=case_t, kind="call").count() == 10


def test_story_002_a_caller_from_abroad_is_not_answered_pronto(
    post_event: Poster, agent: User, client
) -> None:
    # Given Chiara, whose screen speaks Italian, and a number nobody knows, from the Netherlands
    post_event({"event": "ringing", "call_id": "nl-1", "from": "+31 6 12345678", "agent": "chiara"})
    client.force_login(agent)
    session = client.session
    session["language"] = "it"
    session.save()

    html = client.get("/phone/pop/", headers={"HX-Request": "true"}).content.decode()

    # Then before she picks up she knows the caller is in the Netherlands and likely speaks Dutch
    assert "Paesi Bassi (+31)" in html and "probabilmente olandese" in html
