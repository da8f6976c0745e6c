"""The pages people use: managers keep the directory at /partners/; staff ask a partner from the
case page and follow the task there; another dealer sees nothing."""

from __future__ import annotations

import pytest

from goodwill.assistance.models import Partner, PartnerTask
from goodwill.assistance.services import partner_task_request
from goodwill.cases.models import Case
from goodwill.organisation.models import Site, User


def test_a_manager_adds_a_partner_to_the_directory(client, manager: User, munich: Site) -> None:
    client.force_login(manager)
    response = client.post(
        "/partners/new/",
        {
            "name": "Hotel Bayerischer Hof",
            "kind": "hotel",
            "site": munich.pk,
            "region": "München",
            "email": "concierge@bayerischerhof.example",
            "phone": "+49 89 21200",
            "languages": "de, en",
            "hours": "24/7",
            "classes": "5",
            "accept_minutes": "20",
            "arrive_minutes": "60",
            "active": "on",
        },
    )

    assert response.status_code == 302
    partner = Partner.objects.get(name="Hotel Bayerischer Hof")
    assert partner.languages == ["de", "en"] and partner.classes == ["5"]
    assert partner.site == munich and partner.language == "de"
    page = client.get("/partners/?kind=hotel")
    assert page.status_code == 200 and b"Hotel Bayerischer Hof" in page.content


def test_a_class_the_kind_does_not_have_is_refused(client, manager: User) -> None:
    client.force_login(manager)
    response = client.post(
        "/partners/new/",
        {
            "name": "Taxi Blitz",
            "kind": "taxi",
            "classes": "S",
            "accept_minutes": "5",
            "arrive_minutes": "20",
            "languages": "de",
        },
    )

    assert response.status_code == 400
    assert not Partner.objects.filter(name="Taxi Blitz").exists()


def test_the_directory_is_the_managers(client, advisor: User) -> None:
    client.force_login(advisor)

    assert client.get("/partners/").status_code == 403
    assert client.post("/partners/new/", {"name": "X"}).status_code == 403


def test_the_advisor_asks_a_tow_from_the_case_page_and_follows_it_there(
    client, saturday, advisor: User, case_t: Case, tow: Partner
) -> None:
    client.force_login(advisor)
    page = client.get(f"/cases/{case_t.reference}/")
    assert b"Partner tasks" in page.content and b"Ask a partner" in page.content

    response = client.post(
        f"/cases/{case_t.reference}/partner-tasks/",
        {"partner": tow.pk, "title": "Tow to the dealer", "details": "A8, Holzkirchen"},
    )

    assert response.status_code == 302
    task = PartnerTask.objects.get(case=case_t)
    assert task.status == "requested" and task.partner == tow and task.requested_by == advisor
    page = client.get(f"/cases/{case_t.reference}/")
    assert b"Tow to the dealer" in page.content and b"Abschleppdienst Huber" in page.content


def test_another_dealer_sees_no_task_and_cannot_approve_one(
    client, saturday, advisor: User, foreign_dealer: User, case_t: Case, tow: Partner
) -> None:
    task = partner_task_request(actor=advisor, case=case_t, partner=tow, title="Tow")
    client.force_login(foreign_dealer)

    assert client.post(f"/partner-tasks/{task.pk}/approve/").status_code == 404
    assert client.post(f"/partner-tasks/{task.pk}/renew/").status_code == 404
    assert client.get(f"/cases/{case_t.reference}/partner-tasks/form/").status_code == 404
    assert (
        client.post(f"/cases/{case_t.reference}/partner-tasks/", {"partner": tow.pk}).status_code
        == 404
    )


def test_a_partner_of_another_site_cannot_be_asked(
    saturday, advisor: User, foreign_dealer: User, case_t: Case, paris: Site
) -> None:
    from django.core.exceptions import ValidationError

    from goodwill.assistance.services import partner_save

    # A Paris manager's own partner, and a Munich case.
    paris_manager = User.objects.create(username="paris-mgr", role="manager", site=paris)
    paris_tow = partner_save(actor=paris_manager, name="Dépannage Paris", kind="tow", site=paris)
    with pytest.raises(ValidationError):
        partner_task_request(actor=advisor, case=case_t, partner=paris_tow, title="Tow")


def test_the_partner_phones_and_the_advisor_enters_their_eta(
    client, saturday, advisor: User, case_t: Case, tow: Partner
) -> None:
    from goodwill.channels.outbox.models import OutboundMessage
    from goodwill.timeline.models import Entry

    task = partner_task_request(actor=advisor, case=case_t, partner=tow, title="Tow")
    client.force_login(advisor)
    assert b"The partner called" in client.get(f"/cases/{case_t.reference}/").content

    client.post(f"/partner-tasks/{task.pk}/update/", {"status": "accepted"})
    client.post(f"/partner-tasks/{task.pk}/update/", {"status": "on_the_way", "eta_minutes": "20"})

    task.refresh_from_db()
    assert task.status == "on_the_way" and task.eta is not None
    entries = Entry.objects.filter(case=case_t, kind="partner_update")
    assert entries.count() == 2 and {e.actor for e in entries} == {advisor}
    assert OutboundMessage.objects.filter(reason="partner_update").count() == 2
