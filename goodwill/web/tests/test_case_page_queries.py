"""The case page reads ten queries, whatever the case holds and whoever looks at it; the forms
of "Work the case" come apart, each when its section is opened."""

import datetime as dt

import pytest
from django.utils import timezone

from goodwill.assistance.services import partner_save, partner_task_request
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
# story's length; how the messages on it were delivered; the unread badge; the service-level
# clocks; the calls we owe the client; the survey; the promises; the partner tasks; the
# appointments; the quotes (their photos and videos one query more, once there are quotes). (The
# reply template is read by the reply form, which comes apart.)
CASE_PAGE_QUERIES = 14


@pytest.fixture
def full_case(case_t: Case, advisor: User, backup: User, agent: User, manager: User) -> Case:
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
    tow = partner_save(
        actor=manager, name="Huber", kind="tow", site=case_t.site, email="h@x.example"
    )
    partner_task_request(actor=advisor, case=case_t, partner=tow, title="Tow to the dealer")
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


def test_the_forms_come_when_their_section_is_opened(
    client, advisor: User, backup: User, full_case: Case
) -> None:
    client.force_login(advisor)
    url = f"/cases/{full_case.reference}/"
    page = client.get(url).text
    assert f'action="{url}note/"' not in page  # the note form is not on the page yet
    for name in ("message", "call", "note", "status", "reassign"):
        assert f'hx-get="{url}forms/{name}/"' in page
    note = client.get(f"{url}forms/note/", headers={"HX-Request": "true"})
    assert note.status_code == 200 and "<html" not in note.text
    assert f'action="{url}note/"' in note.text and 'name="text"' in note.text
    reply = client.get(f"{url}forms/message/", headers={"HX-Request": "true"}).text
    assert f'action="{url}message/preview/"' in reply and 'name="nonce"' in reply
    handover = client.get(f"{url}forms/reassign/", headers={"HX-Request": "true"}).text
    assert f'action="{url}reassign/"' in handover and str(backup) in handover
    assert "HX-Request" in note.headers["Vary"]


def test_without_script_a_form_opens_on_the_case_page(
    client, advisor: User, full_case: Case
) -> None:
    client.force_login(advisor)
    url = f"/cases/{full_case.reference}/"
    page = client.get(f"{url}forms/status/").text
    assert "<html" in page and f'action="{url}status/"' in page and "Any news?" in page
    assert '<details class="action" open><summary>Change the status' in page


def test_an_unknown_form_or_another_sites_case_is_not_found(
    client, advisor: User, full_case: Case, django_user_model
) -> None:
    client.force_login(advisor)
    assert client.get(f"/cases/{full_case.reference}/forms/delete/").status_code == 404
    assert client.get("/cases/GW-2026-999999999/forms/note/").status_code == 404
