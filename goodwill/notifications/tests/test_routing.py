"""Whoever is away, their alerts reach the person covering for them, and nobody is told twice."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import managers_for, route_to


def test_it_routes_to_the_backup_while_someone_is_away(advisor: User, backup: User) -> None:
    today = timezone.localdate()
    User.objects.filter(pk=advisor.pk).update(
        away_from=today, away_until=today + dt.timedelta(days=3)
    )
    advisor.refresh_from_db()

    assert route_to(user=advisor) == backup
    assert route_to(user=advisor, at=timezone.now() + dt.timedelta(days=10)) == advisor


def test_it_ends_a_loop_of_people_who_are_all_away(advisor: User, backup: User) -> None:
    today = timezone.localdate()
    User.objects.filter(pk__in=[advisor.pk, backup.pk]).update(away_from=today, away_until=today)
    User.objects.filter(pk=backup.pk).update(backup=advisor)
    advisor.refresh_from_db()

    assert route_to(user=advisor) in {advisor, backup}


def test_it_notifies_once_per_key(case_t: Case, advisor: User) -> None:
    first = notify(recipient=advisor, kind="sla_warning", title="Due soon", key="k1", case=case_t)
    second = notify(recipient=advisor, kind="sla_warning", title="Due soon", key="k1", case=case_t)

    assert first is not None and second is None
    assert Notification.objects.filter(key="k1").count() == 1


def test_a_notification_meant_for_someone_away_says_so(
    case_t: Case, advisor: User, backup: User
) -> None:
    today = timezone.localdate()
    User.objects.filter(pk=advisor.pk).update(away_from=today, away_until=today)
    advisor.refresh_from_db()

    sent = notify(recipient=advisor, kind="sla_warning", title="Due soon", key="k2", case=case_t)

    assert sent is not None
    assert sent.recipient == backup and sent.intended_for == advisor


def test_managers_of_a_dealer_without_its_own_are_the_care_centres(
    munich: Site, manager: User
) -> None:
    assert managers_for(site=munich) == [manager]


def test_a_selling_advisor_at_another_dealer_is_not_told_of_the_clients_case(
    client_t: Client, advisor: User, foreign_dealer: User
) -> None:
    from goodwill.cases.services import case_open
    from goodwill.clients.services import product_add

    # Given a Munich client's watch sold by Pierre in Paris
    watch = product_add(
        actor=advisor,
        client=client_t,
        kind="watch",
        brand="Aurelis",
        model="Tourbillon",
        serial="W-777",
        selling_advisor=foreign_dealer,
    )
    # When a case opens about it
    case = case_open(actor=advisor, client=client_t, product=watch, summary="Stopped at night")
    # Then Pierre, who cannot open the client's page, hears nothing of it; the notification is
    # refused
    assert case.selling_advisor == foreign_dealer
    assert not Notification.objects.filter(recipient=foreign_dealer).exists()
    assert (
        notify(recipient=foreign_dealer, kind="case_opened", title="x", key="k", case=case) is None
    )
    assert not Notification.objects.filter(recipient=foreign_dealer).exists()
