"""The clocks on the pages: the case page reads each clock at a glance, the advisor's home shows
each case's most urgent one, the manager's board counts what is late; settings are managers'
only."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from goodwill.care.models import ServiceLevel
from goodwill.care.sweeps import clocks_due
from goodwill.cases.models import Case
from goodwill.cases.services import case_change_status, case_log_call, case_open
from goodwill.clients.models import Client
from goodwill.clients.services import client_create
from goodwill.organisation.models import Site, User

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
MONDAY_10 = dt.datetime(2026, 11, 23, 10, 0, tzinfo=BERLIN)


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


def open_breakdown(advisor: User, client_t: Client, summary: str = "Flat tyre") -> Case:
    return case_open(
        actor=advisor, client=client_t, summary=summary, category="breakdown", opened_at=MONDAY_10
    )


def page(client, url: str, at: dt.datetime) -> str:
    with time_machine.travel(at, tick=False):
        response = client.get(url)
    assert response.status_code == 200
    return response.text


def test_the_case_page_reads_each_clock_at_a_glance(
    client, advisor: User, client_t: Client
) -> None:
    case = open_breakdown(advisor, client_t)
    client.force_login(advisor)
    url = f"/cases/{case.reference}/"
    text = page(client, url, berlin(2026, 11, 23, 10, 5))
    assert "clock clock-ok" in text and "due in 25 min" in text  # first response
    assert "due in 1 h 55 min" in text  # update
    text = page(client, url, berlin(2026, 11, 23, 10, 26))
    assert "clock clock-risk" in text and "due in 4 min" in text
    text = page(client, url, berlin(2026, 11, 23, 11, 5))
    assert "clock clock-breached" in text and "overdue 35 min" in text
    case_log_call(
        actor=advisor,
        case=case,
        direction="outbound",
        duration_seconds=60,
        summary="Called back",
        at=berlin(2026, 11, 23, 11, 6),
    )
    case_change_status(
        actor=advisor, case=case, status="waiting_client", at=berlin(2026, 11, 23, 11, 10)
    )
    text = page(client, url, berlin(2026, 11, 23, 11, 15))
    assert "missed by 36 min" in text  # the first response came late, and stays so
    assert text.count("clock clock-paused") == 2 and ">paused<" in text


def test_a_met_clock_says_met(client, advisor: User, client_t: Client) -> None:
    case = open_breakdown(advisor, client_t)
    case_log_call(
        actor=advisor,
        case=case,
        direction="outbound",
        duration_seconds=60,
        summary="Called back",
        at=berlin(2026, 11, 23, 10, 10),
    )
    client.force_login(advisor)
    assert ">met<" in page(client, f"/cases/{case.reference}/", berlin(2026, 11, 23, 10, 20))


def test_the_advisors_home_shows_each_cases_most_urgent_clock(
    client, advisor: User, client_t: Client
) -> None:
    late = open_breakdown(advisor, client_t, "Late one")
    case_log_call(
        actor=advisor,
        case=late,
        direction="outbound",
        duration_seconds=60,
        summary="Called",
        at=berlin(2026, 11, 23, 10, 5),
    )
    open_breakdown(advisor, client_t, "Fresh one")
    client.force_login(advisor)
    text = page(client, "/", berlin(2026, 11, 23, 10, 20))
    assert "due in 10 min" in text  # the fresh case's first response
    assert "due in 1 h 45 min" in text  # the answered case's next update


def test_the_home_page_query_count_is_pinned(
    client, advisor: User, client_t: Client, django_assert_num_queries
) -> None:
    client.force_login(advisor)
    client.get("/")  # warm the session
    # No case yet: the clocks come in the cases' query; the calls owed to clients in one more.
    with django_assert_num_queries(8):
        page(client, "/", berlin(2026, 11, 23, 10, 20))
    for n in range(12):
        open_breakdown(advisor, client_t, f"Case {n}")
    with django_assert_num_queries(8):
        text = page(client, "/", berlin(2026, 11, 23, 10, 20))
    assert text.count("due in 10 min") == 12


def test_the_case_page_reads_the_clocks_in_one_query(
    client, advisor: User, client_t: Client, django_assert_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case = open_breakdown(advisor, client_t)
    client.force_login(advisor)
    url = f"/cases/{case.reference}/"
    with CaptureQueriesContext(connection) as captured:
        page(client, url, berlin(2026, 11, 23, 10, 5))
    assert sum('"care_clock"' in q["sql"] for q in captured.captured_queries) == 1
    for minute in range(10, 40, 5):
        case_log_call(
            actor=advisor,
            case=case,
            direction="outbound",
            duration_seconds=60,
            summary="News",
            at=berlin(2026, 11, 23, 10, minute),
        )
    with django_assert_num_queries(len(captured)):
        page(client, url, berlin(2026, 11, 23, 10, 45))


@pytest.fixture
def late_and_risky(
    advisor: User,
    backup: User,
    manager: User,
    client_t: Client,
    foreign_dealer: User,
    paris_client: Client,
) -> list[Case]:
    late = open_breakdown(advisor, client_t, "Breached case")
    clocks_due(berlin(2026, 11, 23, 10, 40))
    risky = case_open(
        actor=advisor,
        client=client_t,
        summary="At-risk case",
        category="breakdown",
        opened_at=berlin(2026, 11, 23, 10, 20),
    )
    ok = case_open(
        actor=foreign_dealer,
        client=paris_client,
        summary="Calm case",
        opened_at=berlin(2026, 11, 23, 10, 40),
    )
    return [late, risky, ok]


def test_the_board_counts_open_cases_by_state_per_site_and_tier(
    client, manager: User, late_and_risky: list[Case], django_assert_num_queries
) -> None:
    client.force_login(manager)
    client.get("/")
    with django_assert_num_queries(5):
        text = page(client, "/board/", berlin(2026, 11, 23, 10, 45))
    assert "Breached case" in text and "At-risk case" in text and "Calm case" not in text
    assert "overdue 15 min" in text and "due in 5 min" in text and "Anna Schmid" in text
    assert "Aurelis München" in text and "Aurelis Paris" in text
    assert 'class="stackbar"' in text and "seg seg-breached" in text
    with time_machine.travel(berlin(2026, 11, 23, 10, 45), tick=False):
        board = client.get("/board/").context["board"]
    assert (board.total.on_time, board.total.at_risk, board.total.breached) == (1, 1, 1)
    munich = next(t for t in board.by_site if t.label == "Aurelis München")
    assert (munich.total, munich.at_risk, munich.breached) == (2, 1, 1)


def test_the_board_query_count_does_not_grow(
    client,
    manager: User,
    advisor: User,
    client_t: Client,
    late_and_risky: list[Case],
    django_assert_num_queries,
) -> None:
    for n in range(15):
        open_breakdown(advisor, client_t, f"More {n}")
    client.force_login(manager)
    client.get("/")
    with django_assert_num_queries(5):
        page(client, "/board/", berlin(2026, 11, 23, 11, 45))


def test_the_nav_links_to_the_board_for_managers_only(client, manager: User, advisor: User) -> None:
    client.force_login(manager)
    assert 'href="/board/"' in client.get("/").text
    client.force_login(advisor)
    assert 'href="/board/"' not in client.get("/").text


@pytest.mark.parametrize(
    "url",
    [
        "/board/",
        "/care/service-levels/",
        "/care/service-levels/new/",
        "/care/thresholds/",
        "/care/thresholds/apply/",
        "/care/hours/",
        "/care/hours/DE-MUN-001/",
    ],
)
@pytest.mark.parametrize("persona", ["advisor", "agent", "foreign_dealer"])
def test_the_settings_and_the_board_are_for_managers_only(
    client, request, munich: Site, url: str, persona: str
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == 403
    assert client.post(url, {"tier": "vip", "currency": "EUR"}).status_code == 403


def test_a_manager_changes_a_service_level(client, manager: User) -> None:
    client.force_login(manager)
    level = ServiceLevel.objects.get(tier="vip", category="")
    listing = client.get("/care/service-levels/").text
    assert (
        "VIP" in listing
        and "Breakdown" in listing
        and listing.index("Standard") < listing.index("VIP")
    )
    response = client.post(
        f"/care/service-levels/{level.pk}/",
        {
            "tier": "vip",
            "category": "",
            "first_response_minutes": 45,
            "update_minutes": 180,
            "resolution_minutes": 1200,
            "warn_at_percent": 75,
            "auto_update": "on",
        },
    )
    assert response.status_code == 302
    level.refresh_from_db()
    assert (level.first_response_minutes, level.warn_at_percent, level.auto_update) == (
        45,
        75,
        True,
    )
    clash = client.post(
        "/care/service-levels/new/",
        {
            "tier": "vip",
            "category": "",
            "first_response_minutes": 1,
            "update_minutes": 1,
            "resolution_minutes": 1,
            "warn_at_percent": 80,
        },
    )
    assert clash.status_code == 400 and "already has a service level" in clash.text


def test_a_manager_sets_opening_hours_and_holidays(
    client, manager: User, munich: Site, advisor: User, client_t: Client
) -> None:
    client.force_login(manager)
    response = client.post(
        "/care/hours/DE-MUN-001/",
        {
            "day_0": "08:00-12:00, 13:00-18:00",
            "day_1": "08:00-18:00",
            "day_5": "",
            "holidays": "2026-12-24 Christmas Eve",
        },
    )
    assert response.status_code == 302
    listing = client.get("/care/hours/").text
    assert "08:00-12:00, 13:00-18:00" in listing
    bad = client.post("/care/hours/DE-MUN-001/", {"day_0": "18:00-08:00", "holidays": "tomorrow"})
    assert bad.status_code == 400 and "closes before it opens" in bad.text
    # The Monday lunch break now counts for nothing: 11:50 + 60 min is 13:50.
    case = case_open(
        actor=advisor,
        client=client_t,
        summary="Lunch",
        category="billing",
        opened_at=berlin(2026, 11, 23, 11, 50),
    )
    assert case.clocks.get(kind="first_response").due_at == berlin(2026, 11, 23, 13, 50)


def test_a_manager_sets_a_threshold_and_recomputes(
    client, manager: User, advisor: User, munich: Site
) -> None:
    from decimal import Decimal

    from goodwill.clients.services import product_add

    lena = client_create(actor=advisor, last_name="Vogel", site=munich, advisor=advisor)
    product_add(
        actor=advisor,
        client=lena,
        kind="watch",
        brand="Aurelis",
        model="Tourbillon",
        price=Decimal("40000"),
        currency="CHF",
    )
    client.force_login(manager)
    assert (
        client.post(
            "/care/thresholds/", {"currency": "chf", "premium_from": "15000", "vip_from": "150000"}
        ).status_code
        == 302
    )
    assert "CHF" in client.get("/care/thresholds/").text
    applied = client.post("/care/thresholds/apply/", follow=True)
    assert "1 clients changed tier" in applied.text
    lena.refresh_from_db()
    assert lena.tier == "premium"


def test_the_case_story_tells_of_warnings_and_breaches(
    client, advisor: User, client_t: Client
) -> None:
    case = open_breakdown(advisor, client_t)
    clocks_due(berlin(2026, 11, 23, 10, 25))
    clocks_due(berlin(2026, 11, 23, 10, 31))
    client.force_login(advisor)
    text = page(client, f"/cases/{case.reference}/", berlin(2026, 11, 23, 10, 40))
    assert "First response at risk" in text and "First response overdue" in text


def test_the_hours_list_groups_days_with_the_same_hours() -> None:
    from goodwill.care.forms import week_summary
    from goodwill.care.models import OpeningHours

    rows = [OpeningHours(weekday=d, opens=dt.time(8), closes=dt.time(18)) for d in range(5)]
    rows.append(OpeningHours(weekday=5, opens=dt.time(9), closes=dt.time(12)))
    assert week_summary(rows) == [("Monday – Friday", "08:00-18:00"), ("Saturday", "09:00-12:00")]


@pytest.fixture
def munich_manager(munich: Site) -> User:
    from goodwill.organisation.services import staff_create

    return staff_create(
        username="max",
        password=None,
        first_name="Max",
        last_name="Huber",
        role="manager",
        site=munich,
        language="de",
    )


def test_a_dealer_manager_sets_only_their_own_sites_hours(
    client, munich_manager: User, munich: Site, paris: Site
) -> None:
    client.force_login(munich_manager)
    # Another site's page is not there for them, exactly like a missing one.
    assert client.get("/care/hours/FR-PAR-002/").status_code == 404
    assert client.post("/care/hours/FR-PAR-002/", {"day_0": "08:00-09:00"}).status_code == 404
    assert not paris.opening_hours.exists()
    listing = client.get("/care/hours/").text
    assert "Aurelis München" in listing and "Aurelis Paris" not in listing
    assert client.post("/care/hours/DE-MUN-001/", {"day_0": "08:00-12:00"}).status_code == 302


def test_service_levels_and_thresholds_are_the_brands_managers_only(
    client, munich_manager: User
) -> None:
    from decimal import Decimal

    from django.core.exceptions import PermissionDenied

    from goodwill.care.services import service_level_save, tier_threshold_set

    level = ServiceLevel.objects.get(tier="vip", category="")
    client.force_login(munich_manager)
    listing = client.get("/care/service-levels/")
    assert listing.status_code == 200 and f"/care/service-levels/{level.pk}/" not in listing.text
    for url in (
        "/care/service-levels/new/",
        f"/care/service-levels/{level.pk}/",
        "/care/thresholds/",
        "/care/thresholds/apply/",
    ):
        assert (
            client.post(
                url,
                {
                    "tier": "vip",
                    "category": "",
                    "first_response_minutes": 1,
                    "update_minutes": 1,
                    "resolution_minutes": 1,
                    "warn_at_percent": 80,
                    "currency": "EUR",
                    "premium_from": "1",
                    "vip_from": "2",
                },
            ).status_code
            == 403
        )
    with pytest.raises(PermissionDenied):
        tier_threshold_set(
            actor=munich_manager, currency="EUR", premium_from=Decimal(1), vip_from=Decimal(2)
        )
    with pytest.raises(PermissionDenied):
        service_level_save(
            actor=munich_manager,
            level=level,
            tier="vip",
            category="",
            first_response_minutes=1,
            update_minutes=1,
            resolution_minutes=1,
        )
    level.refresh_from_db()
    assert level.first_response_minutes != 1


def test_an_admin_opens_the_board_and_sets_any_sites_hours(
    client, munich: Site, care_centre: Site
) -> None:
    from goodwill.organisation.services import staff_create

    admin = staff_create(
        username="root", password=None, first_name="Ada", last_name="Admin", role="admin", site=None
    )
    client.force_login(admin)
    assert client.get("/board/").status_code == 200
    assert 'href="/board/"' in client.get("/").text
    assert client.post("/care/hours/DE-MUN-001/", {"day_0": "08:00-12:00"}).status_code == 302
    assert client.get("/care/thresholds/").status_code == 200
