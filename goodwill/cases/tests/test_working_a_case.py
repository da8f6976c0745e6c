"""Working a case: one owner, every change on the timeline, nothing ever deleted."""

import pytest
from django.core.exceptions import ValidationError

from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_change_status, case_open, case_reassign
from goodwill.channels.outbox.services import case_write_message
from goodwill.clients.models import Client
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry

# How the cases these stories close ended (a person closing a case says so).
SETTLED = OutcomeGiven(done="Settled with the client", done_by="Anna Schmid", fixed=True)


def test_a_case_opened_by_the_care_centre_is_owned_by_the_clients_advisor(
    agent: User, advisor: User, client_t: Client, car
) -> None:
    case = case_open(
        actor=agent, client=client_t, product=car, summary="Flat tyre", category="breakdown"
    )
    assert case.owner == advisor
    assert case.selling_advisor == advisor
    assert case.status == "new" and case.reference.startswith(f"GW-{case.opened_at.year}-")
    opened = Entry.objects.get(case=case, kind="case_opened")
    assert opened.actor == agent and opened.client == client_t


def test_references_are_unique_and_skip_imported_ones(advisor: User, client_t: Client) -> None:
    first = case_open(actor=advisor, client=client_t, summary="One")
    year = first.opened_at.year
    Case.objects.filter(pk=first.pk).update(reference=f"GW-{year}-000000002")  # as if imported
    second = case_open(actor=advisor, client=client_t, summary="Two")
    assert second.reference == f"GW-{year}-000000003"


def test_the_case_page_records_a_note_a_call_and_a_message(
    client, advisor: User, case_t: Case
) -> None:
    client.force_login(advisor)
    url = f"/cases/{case_t.reference}/"
    assert (
        client.post(url + "note/", {"text": "Hotel Adler booked for two nights"}).status_code == 302
    )
    assert (
        client.post(
            url + "call/",
            {
                "direction": "outbound",
                "duration_minutes": "4.5",
                "summary": "Told him the tyre arrives tomorrow",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            url + "message/", {"subject": "Your car", "body": "Dear Mr Lefèvre, ..."}
        ).status_code
        == 302
    )
    kinds = list(Entry.objects.filter(case=case_t).values_list("kind", flat=True))
    assert {"note", "call", "message_out", "status_changed"} <= set(kinds)
    call = Entry.objects.get(case=case_t, kind="call")
    assert call.payload == {"direction": "outbound", "duration_seconds": 270}
    message = Entry.objects.get(case=case_t, kind="message_out")
    assert (
        message.payload["to"] == "thomas.lefevre@example.com"
        and message.payload["purpose"] == "reply"
    )
    case_t.refresh_from_db()
    assert case_t.status == "open"  # answering a new case opens it
    page = client.get(url).text
    assert "Hotel Adler booked" in page and "in outbox" in page


def test_a_status_change_is_audited_and_closing_keeps_the_case(advisor: User, case_t: Case) -> None:
    case_change_status(actor=advisor, case=case_t, status="closed", outcome=SETTLED)
    assert case_t.closed_at is not None
    change = Entry.objects.get(case=case_t, kind="status_changed")
    assert change.payload["changes"]["status"] == ["new", "closed"] and change.actor == advisor
    case_change_status(actor=advisor, case=case_t, status="open")
    assert case_t.closed_at is None
    assert Case.objects.filter(pk=case_t.pk).exists()


def test_reassigning_needs_a_handoff_note(client, advisor: User, agent: User, case_t: Case) -> None:
    with pytest.raises(ValidationError):
        case_reassign(actor=advisor, case=case_t, new_owner=agent, handoff_note="  ")
    client.force_login(advisor)
    refused = client.post(
        f"/cases/{case_t.reference}/reassign/", {"new_owner": agent.pk, "handoff_note": ""}
    )
    assert refused.status_code == 400 and "This field is required" in refused.text
    case_reassign(
        actor=advisor, case=case_t, new_owner=agent, handoff_note="Hotel booked, tyre Tuesday"
    )
    case_t.refresh_from_db()
    assert case_t.owner == agent
    handoff = Entry.objects.get(case=case_t, kind="case_reassigned")
    assert handoff.body == "Hotel booked, tyre Tuesday"


def test_a_message_needs_an_email_address(advisor: User, munich) -> None:
    from goodwill.clients.services import client_create

    no_email = client_create(
        actor=advisor, last_name="Phoneonly", phone="+49 171 9999999", site=munich
    )
    case = case_open(actor=advisor, client=no_email, summary="Question")
    with pytest.raises(ValidationError) as error:
        case_write_message(actor=advisor, case=case, subject="", body="Hello")
    assert "no e-mail address" in str(error.value)


def test_another_dealer_cannot_see_or_touch_the_case(
    client, foreign_dealer: User, case_t: Case
) -> None:
    client.force_login(foreign_dealer)
    assert client.get(f"/cases/{case_t.reference}/").status_code == 404
    assert client.post(f"/cases/{case_t.reference}/note/", {"text": "x"}).status_code == 404
    assert not Entry.objects.filter(case=case_t, kind="note").exists()


def test_nothing_can_be_deleted(client, advisor: User, case_t: Case) -> None:
    client.force_login(advisor)
    assert client.delete(f"/cases/{case_t.reference}/").status_code == 405
    assert client.get(f"/cases/{case_t.reference}/note/").status_code == 405
    admin = User.objects.create_superuser("root", "root@example.com", "pw-long-enough-1")
    client.force_login(admin)
    assert client.get(f"/admin/cases/case/{case_t.pk}/delete/").status_code == 403
    entry = Entry.objects.filter(case=case_t).first()
    assert client.get(f"/admin/timeline/entry/{entry.pk}/delete/").status_code == 403


def test_the_advisor_home_lists_my_open_cases_oldest_first(
    client, advisor: User, client_t: Client
) -> None:
    import datetime as dt

    old = case_open(
        actor=advisor,
        client=client_t,
        summary="Oldest worry",
        opened_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
    )
    new = case_open(actor=advisor, client=client_t, summary="Newest worry")
    client.force_login(advisor)
    page = client.get("/").text
    assert page.index(old.summary) < page.index(new.summary)
    assert "Thomas Lefèvre" in page
