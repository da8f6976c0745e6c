"""Times are shown in the staff member's site time zone."""

import datetime as dt

from conftest import PASSWORD
from goodwill.cases.services import case_open
from goodwill.clients.models import Client
from goodwill.organisation.models import User


def test_times_follow_the_site_time_zone(client, advisor: User, client_t: Client) -> None:
    case = case_open(
        actor=advisor,
        client=client_t,
        summary="Summer breakdown",
        opened_at=dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC),
    )
    client.post("/login/", {"username": advisor.username, "password": PASSWORD})
    page = client.get(f"/cases/{case.reference}/").text
    assert "01/07/2026 14:00" in page  # Munich is UTC+2 in summer


def test_the_thread_forgets_the_time_zone_after_the_request(client, advisor: User) -> None:
    from django.utils import timezone

    client.post("/login/", {"username": advisor.username, "password": PASSWORD})
    client.get("/")
    assert timezone.get_current_timezone_name() == "Europe/Zurich"
