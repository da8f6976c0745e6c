"""The case page reads ten queries, whatever the case holds and whoever looks at it."""

import datetime as dt

import pytest
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.cases.services import case_add_note, case_log_call
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import case_write_message
from goodwill.organisation.models import User
from goodwill.organisation.services import staff_set_away
from goodwill.promises.services import promise_make
from goodwill.timeline.selectors import PAGE_SIZE
from goodwill.timeline.services import record_message_in

# The session; the staff member with their site; the case with its client, product and site;
# the people it names with their backups and whom it may go to; one page of its story with the
# story's length; how the messages on it were delivered; the reply template; the unread badge;
# the service-level clocks; the promises.
CASE_PAGE_QUERIES = 10


@pytest.fixture
def full_case(case_t: Case, advisor: User, backup: User, agent: User) -> Case:
    """Mr. T's case with a story over two pages: notes, a call, his e-mail, replies (one never
    delivered), a promise, and his advisor away with a backup."""
    for n in range(PAGE_SIZE):
        case_add_note(actor=agent if n % 2 else advisor, case=case_t, text=f"Note {n}")
    case_log_call(
        actor=advisor, case=case_t, direction="inbound", duration_seconds=90, summary="He called"
    )
    record_message_in(
        client=case_t.client,
        case=case_t,
        subject="Any news?",
        body="Where is my car?",
        sender="thomas.lefevre@example.com",
        channel="email",
        extra={"inbound_id": 1},
    )
    for n in range(3):
        case_write_message(
            actor=advisor, case=case_t, subject=f"News {n}", body="Dear Mr Lefèvre", key=f"n{n}"
        )
    OutboundMessage.objects.filter(subject="News 0").update(
        status="failed", last_error="550 unknown user"
    )
    promise_make(
        actor=advisor, case=case_t, text="Car ready", due_at=timezone.now() + dt.timedelta(days=2)
    )
    today = timezone.localdate()
    staff_set_away(
        actor=advisor,
        user=advisor,
        away_from=today,
        away_until=today + dt.timedelta(days=3),
        backup=backup,
    )
    return case_t


def test_a_new_case_page_reads_ten_queries(
    client, advisor: User, case_t: Case, django_assert_num_queries
) -> None:
    client.force_login(advisor)
    url = f"/cases/{case_t.reference}/"
    client.get(url)
    with django_assert_num_queries(CASE_PAGE_QUERIES):
        page = client.get(url).text
    assert case_t.reference in page and "Flat tyre on holiday" in page


def test_a_full_case_page_reads_the_same_ten_queries(
    client, advisor: User, backup: User, full_case: Case, django_assert_num_queries
) -> None:
    client.force_login(advisor)
    url = f"/cases/{full_case.reference}/"
    client.get(url)
    with django_assert_num_queries(CASE_PAGE_QUERIES):
        page = client.get(url).text
    assert "Not delivered: 1 message" in page and "Car ready" in page and "Any news?" in page
    assert f"backup: {backup}" in page and "1 / 2" in page
    with django_assert_num_queries(CASE_PAGE_QUERIES):
        older = client.get(url, {"page": 2}).text
    assert "Note 0" in older and "2 / 2" in older


def test_the_care_centre_and_a_dealer_read_it_in_as_many_queries(
    client, agent: User, advisor: User, full_case: Case, django_assert_num_queries
) -> None:
    for reader in (agent, advisor):
        client.force_login(reader)
        client.get(f"/cases/{full_case.reference}/")
        with django_assert_num_queries(CASE_PAGE_QUERIES):
            assert client.get(f"/cases/{full_case.reference}/").status_code == 200


def test_a_page_past_the_end_shows_the_last_one(client, advisor: User, full_case: Case) -> None:
    client.force_login(advisor)
    assert "2 / 2" in client.get(f"/cases/{full_case.reference}/", {"page": 9}).text
