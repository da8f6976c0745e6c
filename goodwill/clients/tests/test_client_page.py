"""The client's whole story on one page, and nothing of another dealer's clients."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from goodwill.cases.services import case_add_note, case_log_call, case_open
from goodwill.clients.models import Client
from goodwill.organisation.models import User
from goodwill.timeline import services as timeline
from goodwill.timeline.selectors import PAGE_SIZE


def test_the_page_shows_who_they_are_what_they_own_and_their_story(
    client, advisor: User, client_t: Client, car, case_t
) -> None:
    client.force_login(advisor)
    page = client.get(f"/clients/{client_t.ref}/")
    assert page.status_code == 200
    for expected in [
        "Thomas Lefèvre",
        "Herr Lefèvre",
        "VIP",
        "Anna Schmid",
        "Jonas Weber",
        "thomas.lefevre@example.com",
        "+49 171 2345678",
        "GT Spyder",
        "M-AB 1234",
        "ZAR12345678901234",
        "152,000",
        "Insurance",
        "active",
        "Flat tyre on holiday",
        "Case opened",
    ]:
        assert expected in page.text, expected


def test_another_dealers_client_is_a_404_like_a_missing_one(
    client, foreign_dealer: User, client_t: Client
) -> None:
    client.force_login(foreign_dealer)
    foreign = client.get(f"/clients/{client_t.ref}/")
    missing = client.get("/clients/CL-9999999/")
    assert foreign.status_code == missing.status_code == 404
    assert "Lefèvre" not in foreign.text


def test_the_care_centre_sees_every_client(
    client, agent: User, client_t: Client, paris_client: Client
) -> None:
    client.force_login(agent)
    assert client.get(f"/clients/{client_t.ref}/").status_code == 200
    assert client.get(f"/clients/{paris_client.ref}/").status_code == 200


def test_the_timeline_spans_cases_newest_first_and_filters(
    client, advisor: User, client_t: Client, case_t
) -> None:
    other = case_open(
        actor=advisor, client=client_t, summary="Service booking", category="service_booking"
    )
    case_add_note(actor=advisor, case=case_t, text="Hotel booked: Hotel Adler")
    case_log_call(
        actor=advisor,
        case=other,
        direction="outbound",
        duration_seconds=120,
        summary="Booked for Monday",
    )
    client.force_login(advisor)
    everything = client.get(f"/clients/{client_t.ref}/").text
    assert everything.index("Booked for Monday") < everything.index("Hotel booked")
    only_first = client.get(f"/clients/{client_t.ref}/", {"case": case_t.pk}).text
    assert "Hotel booked" in only_first and "Booked for Monday" not in only_first
    only_calls = client.get(
        f"/clients/{client_t.ref}/", {"kind": "call"}, headers={"HX-Request": "true"}
    ).text
    assert (
        "Booked for Monday" in only_calls
        and "Hotel booked" not in only_calls
        and "<html" not in only_calls
    )


def test_the_timeline_is_paged(client, advisor: User, client_t: Client, case_t) -> None:
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    for n in range(PAGE_SIZE + 5):
        timeline.record_note(
            client=client_t,
            case=case_t,
            actor=advisor,
            text=f"Note number {n:03d}",
            at=start + dt.timedelta(hours=n),
        )
    client.force_login(advisor)
    first = client.get(f"/clients/{client_t.ref}/").text
    assert "Note number 034" in first and "Note number 000" not in first
    second = client.get(f"/clients/{client_t.ref}/", {"page": 2}).text
    assert "Note number 000" in second


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_client_page_query_count_does_not_grow_with_the_story(
    client, advisor: User, client_t: Client, car, case_t
) -> None:
    client.force_login(advisor)
    url = f"/clients/{client_t.ref}/"
    before = _queries(client, url)
    for n in range(40):
        extra = case_open(actor=advisor, client=client_t, summary=f"Case {n}", product=car)
        case_add_note(actor=advisor, case=extra, text="note")
    assert _queries(client, url) == before
    # 12, plus the documents the client sent (one grouped query), plus their relationship health
    # and "Before the next sale" (the last purchase, the cases, the promises: experience), plus
    # the survey card (the client's surveys and their detractor calls).
    assert before <= 19, before


def test_the_case_page_and_search_query_counts_are_fixed(
    client, advisor: User, client_t: Client, car, case_t
) -> None:
    client.force_login(advisor)
    case_url = f"/cases/{case_t.reference}/"
    case_before = _queries(client, case_url)
    search_before = _queries(client, "/search/?q=lefevre")
    for n in range(20):
        case_add_note(actor=advisor, case=case_t, text=f"note {n}")
    assert _queries(client, case_url) == case_before
    assert _queries(client, "/search/?q=lefevre") == search_before
    # Search: 4, plus the unread badge every page header shows since the inbox came. The case
    # page: 12, plus its survey card and its quotes.
    assert case_before <= 14 and search_before <= 5, (case_before, search_before)


def test_my_clients_lists_the_advisors_book_only(
    client, advisor: User, backup: User, client_t: Client, munich
) -> None:
    from goodwill.clients.services import client_create

    client_create(actor=backup, last_name="Zeller", site=munich)
    client.force_login(advisor)
    page = client.get("/clients/").text
    assert "Lefèvre, Thomas" in page and "Zeller" not in page
    assert "Lefèvre" not in client.get("/clients/", {"tier": "standard"}).text
    assert client.get("/clients/", {"page": "x", "tier": "bogus"}).status_code == 200


def test_the_home_page_query_count_does_not_grow_with_the_book(
    client, advisor: User, client_t: Client, munich
) -> None:
    from goodwill.clients.services import client_create

    client.force_login(advisor)
    before = _queries(client, "/")
    for n in range(15):
        other = client_create(actor=advisor, last_name=f"Client {n}", site=munich)
        case_open(actor=advisor, client=other, summary=f"Question {n}")
    assert _queries(client, "/") == before
