"""News before the client asks: every step they care about reaches them, in their language."""

from __future__ import annotations

from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_change_status, case_open
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.clients.services import client_create
from goodwill.news.services import news_milestone
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry

# How the cases these stories close ended (a person closing a case says so).
SETTLED = OutcomeGiven(done="Settled with the client", done_by="Anna Schmid", fixed=True)


def test_waiting_on_a_partner_is_news_for_the_client(advisor: User, case_t: Case) -> None:
    case_change_status(actor=advisor, case=case_t, status="waiting_partner")
    entry = Entry.objects.get(case=case_t, kind="status_changed")
    message = OutboundMessage.objects.get(key=f"status:{case_t.pk}:{entry.pk}")
    assert message.purpose == "notification" and message.language == "de"
    assert (
        message.to_address == "thomas.lefevre@example.com" and "Herr Lefèvre" in message.body_text
    )
    case_t.refresh_from_db()
    assert case_t.last_sent_to_client_at is not None  # the update clock restarts


def test_a_french_client_hears_in_french(foreign_dealer: User, paris_client: Client) -> None:
    case = case_open(actor=foreign_dealer, client=paris_client, summary="Rayure sur la portière")
    case_change_status(actor=foreign_dealer, case=case, status="resolved", outcome=SETTLED)
    message = OutboundMessage.objects.get(case=case, purpose="notification")
    assert message.language == "fr" and message.subject.startswith("Votre dossier")


def test_internal_steps_are_not_news(advisor: User, case_t: Case) -> None:
    case_change_status(actor=advisor, case=case_t, status="open")
    case_change_status(actor=advisor, case=case_t, status="waiting_client")
    assert not OutboundMessage.objects.filter(case=case_t, purpose="notification").exists()


def test_nothing_is_queued_for_a_client_without_email(advisor: User, munich: Site) -> None:
    phone_only = client_create(
        actor=advisor, last_name="Phoneonly", phone="+49 171 9999999", site=munich
    )
    case = case_open(actor=advisor, client=phone_only, summary="Question")
    case_change_status(actor=advisor, case=case, status="resolved", outcome=SETTLED)
    assert not OutboundMessage.objects.filter(case=case).exists()


def test_a_milestone_tells_the_client_and_writes_the_story(
    client, advisor: User, case_t: Case
) -> None:
    """Story 004: nobody said the car had arrived."""
    client.force_login(advisor)
    response = client.post(
        f"/cases/{case_t.reference}/milestone/",
        {"milestone": "car_arrived", "text": "Ready for collection from Thursday 10:00"},
    )
    assert response.status_code == 302
    message = OutboundMessage.objects.get(case=case_t, purpose="notification")
    assert (
        message.language == "de" and "Ready for collection from Thursday 10:00" in message.body_text
    )
    assert message.body_text.startswith("Guten Tag Herr Lefèvre")
    note = Entry.objects.get(case=case_t, kind="note")
    assert "Ready for collection" in note.body
    assert Entry.objects.filter(case=case_t, kind="message_out").count() == 1


def test_a_milestone_for_a_client_without_email_is_only_recorded(
    advisor: User, munich: Site
) -> None:
    phone_only = client_create(
        actor=advisor, last_name="Phoneonly", phone="+49 171 9999999", site=munich
    )
    case = case_open(actor=advisor, client=phone_only, summary="New car")
    assert news_milestone(actor=advisor, case=case, milestone="car_arrived") is None
    assert Entry.objects.filter(case=case, kind="note").exists()
    assert not OutboundMessage.objects.filter(case=case).exists()


def test_the_automatic_update_when_the_cadence_runs_out(case_t: Case) -> None:
    from goodwill.care.services import cadence_auto_update

    cadence_auto_update(case=case_t)
    message = OutboundMessage.objects.get(case=case_t, key__startswith=f"cadence:{case_t.pk}:")
    assert message.language == "de" and "Anna Schmid" in message.body_text
    case_t.refresh_from_db()
    assert case_t.last_sent_to_client_at is not None


def test_history_recorded_after_the_fact_is_not_news(advisor: User, client_t: Client) -> None:
    import datetime as dt

    from django.utils import timezone

    week_ago = timezone.now() - dt.timedelta(days=7)
    case = case_open(actor=advisor, client=client_t, summary="Imported", opened_at=week_ago)
    case_change_status(
        actor=advisor,
        case=case,
        status="resolved",
        at=week_ago + dt.timedelta(days=2),
        outcome=SETTLED,
    )
    assert not OutboundMessage.objects.filter(case=case, purpose="notification").exists()
