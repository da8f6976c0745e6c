"""Story 000: the client made 11 calls before anyone told him anything. From the second chaser on,
the owner and a manager must hear about it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.cases.services import case_client_contacted, case_log_call
from goodwill.notifications.models import Notification
from goodwill.timeline.models import Entry


def test_it_does_not_count_the_first_contact_after_a_reply(case_t: Case) -> None:
    # Given we called the client back after they opened the case
    case_log_call(
        actor=case_t.owner,
        case=case_t,
        direction="outbound",
        duration_seconds=60,
        summary="Called back",
    )
    # When they write again
    count = case_client_contacted(case=case_t, channel="email")
    # Then it is not a chaser: we had answered their last contact
    assert count == 0
    case_t.refresh_from_db()
    assert case_t.chaser_count == 0


def test_it_counts_asking_again_with_nothing_sent_as_a_chaser(case_t: Case) -> None:
    count = case_client_contacted(case=case_t, channel="phone")
    assert count == 1
    case_t.refresh_from_db()
    assert case_t.chaser_count == 1
    assert Entry.objects.filter(case=case_t, kind=Entry.Kind.CHASER).count() == 1


def test_the_second_chaser_alerts_the_owner_and_a_manager(case_t: Case, manager: object) -> None:
    start = timezone.now()
    case_client_contacted(case=case_t, channel="phone", at=start + dt.timedelta(hours=1))
    assert not Notification.objects.filter(kind=Notification.Kind.CHASER).exists()

    case_client_contacted(case=case_t, channel="phone", at=start + dt.timedelta(hours=2))

    told = set(
        Notification.objects.filter(kind=Notification.Kind.CHASER).values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"anna", "margaux"}


def test_an_inbound_call_on_an_open_case_goes_through_the_chaser_rule(case_t: Case) -> None:
    case_log_call(
        actor=case_t.owner,
        case=case_t,
        direction="inbound",
        duration_seconds=90,
        summary="Any news?",
    )
    case_t.refresh_from_db()
    assert case_t.chaser_count == 1


def test_contact_on_a_closed_case_is_not_a_chaser(case_t: Case) -> None:
    Case.objects.filter(pk=case_t.pk).update(status=Case.Status.CLOSED, closed_at=timezone.now())
    assert case_client_contacted(case=case_t, channel="email") == 0


def test_the_chaser_alert_is_written_in_each_recipients_language(
    case_t: Case, manager: object
) -> None:
    from django.utils import translation

    start = timezone.now()
    # Given a German-speaking client's request (the active language is theirs), when they chase
    # twice
    with translation.override("de"):
        case_client_contacted(case=case_t, channel="web", at=start + dt.timedelta(hours=1))
        case_client_contacted(case=case_t, channel="web", at=start + dt.timedelta(hours=2))
    # Then Anna reads English and Margaux French
    titles = dict(
        Notification.objects.filter(kind=Notification.Kind.CHASER).values_list(
            "recipient__language", "title"
        )
    )
    assert titles["en"].startswith("Thomas Lefèvre has chased 2 times")
    assert "a relancé 2 fois" in titles["fr"]
