"""The inbox: what needs me, unread first, with a badge on every page and a copy by e-mail."""

from __future__ import annotations

import pytest

from goodwill.cases.models import Case
from goodwill.cases.services import case_open, case_reassign
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.models import User


def test_the_inbox_lists_unread_first_and_marks_read(client, advisor: User, case_t: Case) -> None:
    old = notify(recipient=advisor, kind="chaser", title="Mr T chased twice", key="n1", case=case_t)
    new = notify(
        recipient=advisor, kind="promise_due", title="Promise due at 17:00", key="n2", case=case_t
    )
    assert old is not None and new is not None
    client.force_login(advisor)
    page = client.get("/notifications/").text
    assert page.index("Promise due at 17:00") < page.index("Mr T chased twice")

    assert f'action="/notifications/{new.pk}/"' in page  # a form: works without JavaScript
    assert client.get(f"/notifications/{new.pk}/").status_code == 405  # a GET changes nothing
    new.refresh_from_db()
    assert new.read_at is None
    opened = client.post(f"/notifications/{new.pk}/")
    assert opened.status_code == 302 and opened.url == f"/cases/{case_t.reference}/"
    new.refresh_from_db()
    assert new.read_at is not None
    Notification.objects.filter(pk=new.pk).update(read_at=None)

    assert client.post(f"/notifications/{old.pk}/read/").status_code == 302
    old.refresh_from_db()
    assert old.read_at is not None
    page = client.get("/notifications/").text
    assert (
        page.index("Promise due at 17:00")
        < page.index("Read recently")
        < page.index("Mr T chased twice")
    )

    assert client.post("/notifications/read/").status_code == 302
    assert not Notification.objects.filter(recipient=advisor, read_at__isnull=True).exists()


def test_nobody_marks_someone_elses_notification_read(
    client, advisor: User, backup: User, case_t: Case
) -> None:
    mine = notify(
        recipient=advisor, kind="chaser", title="Mine", key="n3", case=case_t, route=False
    )
    assert mine is not None
    client.force_login(backup)
    client.post(f"/notifications/{mine.pk}/read/")
    assert client.post(f"/notifications/{mine.pk}/").status_code == 404
    mine.refresh_from_db()
    assert mine.read_at is None
    assert "Mine" not in client.get("/notifications/").text


def test_every_page_shows_the_unread_badge_in_one_query(
    client, django_assert_num_queries, advisor: User, case_t: Case
) -> None:
    for n in range(3):
        notify(recipient=advisor, kind="chaser", title=f"Chased {n}", key=f"badge{n}", case=case_t)
    client.force_login(advisor)
    page = client.get("/").text
    assert '<span class="count"' in page and ">3</span>" in page
    client.post("/notifications/read/")
    assert '<span class="count"' not in client.get("/").text


def test_the_inbox_page_costs_a_fixed_number_of_queries(
    client, django_assert_num_queries, advisor: User, case_t: Case
) -> None:
    for n in range(20):
        notify(recipient=advisor, kind="chaser", title=f"Chased {n}", key=f"q{n}", case=case_t)
    client.force_login(advisor)
    client.post("/notifications/read/")
    for n in range(20):
        notify(recipient=advisor, kind="promise_due", title=f"Due {n}", key=f"d{n}", case=case_t)
    with django_assert_num_queries(5):  # session, user with their site, unread, read, badge
        client.get("/notifications/")


def test_a_notification_is_copied_by_email_once(advisor: User, case_t: Case) -> None:
    User.objects.filter(pk=advisor.pk).update(email="anna.schmid@aurelis-muenchen.example")
    advisor.refresh_from_db()
    notify(recipient=advisor, kind="sla_warning", title="Due soon", key="mail1", case=case_t)
    notify(recipient=advisor, kind="sla_warning", title="Due soon", key="mail1", case=case_t)
    mail = OutboundMessage.objects.get(key="staff:mail1")
    assert mail.purpose == "staff" and mail.to_address == "anna.schmid@aurelis-muenchen.example"
    assert "Due soon" in mail.subject and f"/cases/{case_t.reference}/" in mail.body_text


def test_no_email_copy_without_an_address(advisor: User, case_t: Case) -> None:
    notify(recipient=advisor, kind="sla_warning", title="Due soon", key="mail2", case=case_t)
    assert not OutboundMessage.objects.filter(key="staff:mail2").exists()


def test_the_advisor_and_the_selling_advisor_are_told_of_a_new_case(
    agent: User, advisor: User, backup: User, client_t: Client, car
) -> None:
    """Story 000: the selling advisor never knew. Here a care agent opens the case: the client's
    advisor and whoever sold the car hear of it at once, in the app and by e-mail."""
    User.objects.filter(pk=backup.pk).update(email="jonas.weber@aurelis-muenchen.example")
    backup.refresh_from_db()
    car.selling_advisor = backup
    car.save(update_fields=["selling_advisor"])

    case = case_open(
        actor=agent,
        client=client_t,
        product=car,
        summary="Flat tyre on holiday",
        category="breakdown",
    )

    told = Notification.objects.filter(case=case, kind="case_opened")
    assert sorted(n.recipient.username for n in told) == ["anna", "jonas"]
    assert all("Flat tyre on holiday" in n.title for n in told)
    mail = OutboundMessage.objects.get(key=f"staff:case_opened:{case.pk}:{backup.pk}")
    assert mail.to_address == "jonas.weber@aurelis-muenchen.example"


def test_whoever_opens_the_case_is_not_told_of_it(advisor: User, case_t: Case) -> None:
    assert not Notification.objects.filter(case=case_t).exists()


def test_the_new_owner_is_told_of_a_handover(advisor: User, agent: User, case_t: Case) -> None:
    case_reassign(
        actor=advisor, case=case_t, new_owner=agent, handoff_note="Hotel booked, tyre Tuesday"
    )
    told = Notification.objects.get(case=case_t, kind="case_assigned")
    assert told.recipient == agent and told.body == "Hotel booked, tyre Tuesday"


def test_links_in_staff_mail_use_the_public_url(
    advisor: User, case_t: Case, settings: pytest.FixtureRequest
) -> None:
    settings.GOODWILL_PUBLIC_URL = "https://care.aurelis.example"  # type: ignore[attr-defined]
    User.objects.filter(pk=advisor.pk).update(email="anna.schmid@aurelis-muenchen.example")
    advisor.refresh_from_db()

    notify(recipient=advisor, kind="sla_warning", title="Due soon", key="mail3", case=case_t)

    mail = OutboundMessage.objects.get(key="staff:mail3")
    assert f"https://care.aurelis.example/cases/{case_t.reference}/" in mail.body_text
    assert "https://care.aurelis.example/notifications/" in mail.body_text
    assert ":8000" not in mail.body_text
