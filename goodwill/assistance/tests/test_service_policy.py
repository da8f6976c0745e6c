"""Service matched to the client (story 000: "a cheap hotel and a cheap car"): the task form
proposes what the brand's policy gives the client's tier and product value; below it, a
manager approves, and the approval is recorded."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from goodwill.assistance.models import Partner, PartnerTask, ServicePolicy
from goodwill.assistance.rules import is_below_policy
from goodwill.assistance.selectors import case_policy, policy_for
from goodwill.assistance.services import (
    partner_save,
    partner_task_approve,
    partner_task_request,
    service_policy_set,
)
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


def test_the_policy_row_follows_tier_and_product_value(policy: list[ServicePolicy]) -> None:
    assert policy_for(tier="vip", value=Decimal("152000")).car_class == "S"
    assert policy_for(tier="vip", value=Decimal("60000")).car_class == "E"
    assert policy_for(tier="vip", value=None).car_class == "E"
    assert policy_for(tier="standard", value=Decimal("152000")).car_class == "C"
    assert policy_for(tier="premium", value=Decimal("152000")) is None


def test_below_means_a_lower_class_or_fewer_nights() -> None:
    assert is_below_policy(kind="rental", chosen_class="E", policy_class="S")
    assert not is_below_policy(kind="rental", chosen_class="S", policy_class="S")
    assert not is_below_policy(kind="hotel", chosen_class="5", policy_class="4")
    assert is_below_policy(
        kind="hotel", chosen_class="5", policy_class="5", chosen_nights=1, policy_nights=2
    )
    assert not is_below_policy(kind="tow", chosen_class="", policy_class="")


def test_only_brand_managers_set_the_policy(advisor: User) -> None:
    with pytest.raises(Exception, match="managers"):
        service_policy_set(
            actor=advisor,
            tier="vip",
            min_value=Decimal(0),
            car_class="B",
            hotel_class="2",
            transport_class="public",
            nights=0,
        )


def test_the_task_form_proposes_the_policy_for_mr_t(
    client, saturday, advisor: User, case_t: Case, rental: Partner, policy
) -> None:
    client.force_login(advisor)
    response = client.get(f"/cases/{case_t.reference}/partner-tasks/form/", HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    text = response.content.decode()
    assert "Class S (luxury)" in text and "5 stars" in text and "2 nights" in text
    assert "Prestige Rent" in text
    assert case_policy(case=case_t).car_class == "S"


def test_the_policy_class_goes_straight_to_the_partner(
    saturday, advisor: User, case_t: Case, rental: Partner, policy
) -> None:
    task = partner_task_request(
        actor=advisor, case=case_t, partner=rental, title="Replacement car", service_class="S"
    )

    assert task.status == "requested" and not task.below_policy and task.policy_class == "S"
    assert OutboundMessage.objects.filter(purpose="partner", to_address=rental.email).exists()


def test_below_the_policy_an_advisor_needs_a_managers_approval(
    saturday, advisor: User, manager: User, case_t: Case, rental: Partner, policy
) -> None:
    task = partner_task_request(
        actor=advisor, case=case_t, partner=rental, title="Replacement car", service_class="C"
    )

    assert task.status == "approval" and task.below_policy and task.approved_by is None
    assert not OutboundMessage.objects.filter(purpose="partner").exists()
    assert Notification.objects.filter(kind="approval_needed", recipient=manager).exists()
    with pytest.raises(Exception, match="managers"):
        partner_task_approve(actor=advisor, task=task)

    partner_task_approve(actor=manager, task=task)

    task.refresh_from_db()
    assert task.status == "requested" and task.approved_by == manager
    assert task.approved_at is not None
    assert OutboundMessage.objects.filter(purpose="partner", to_address=rental.email).exists()
    entries = Entry.objects.filter(case=case_t, kind="partner_task").order_by("id")
    assert entries[0].payload["policy_class"] == "S" and entries[0].payload["approved_by"] is None
    assert entries[1].actor == manager and entries[1].payload["approved_by"] == manager.pk
    with pytest.raises(ValidationError):
        partner_task_approve(actor=manager, task=task)


def test_a_managers_own_choice_below_the_policy_is_their_approval(
    saturday, manager: User, case_t: Case, rental: Partner, policy
) -> None:
    task = partner_task_request(
        actor=manager, case=case_t, partner=rental, title="Replacement car", service_class="E"
    )

    assert task.status == "requested" and task.below_policy and task.approved_by == manager


def test_the_database_refuses_an_unapproved_task_below_policy_sent_to_the_partner(
    saturday, advisor: User, case_t: Case, rental: Partner, policy
) -> None:
    from django.db import IntegrityError, transaction

    task = partner_task_request(
        actor=advisor, case=case_t, partner=rental, title="Replacement car", service_class="C"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnerTask.objects.filter(pk=task.pk).update(status="requested")


def test_a_rental_needs_a_class_and_a_tow_none(
    saturday, advisor: User, case_t: Case, rental: Partner, tow: Partner
) -> None:
    with pytest.raises(ValidationError) as error:
        partner_task_request(actor=advisor, case=case_t, partner=rental, title="Car")
    assert "service_class" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        partner_task_request(
            actor=advisor, case=case_t, partner=tow, title="Tow", service_class="S"
        )
    assert "service_class" in error.value.message_dict


def test_a_task_asked_from_the_form_without_a_class_gets_the_policys(
    client, saturday, advisor: User, case_t: Case, rental: Partner, manager: User, policy
) -> None:
    hotel = partner_save(
        actor=manager, name="Bayerischer Hof", kind="hotel", classes=["4", "5"], languages=["de"]
    )
    client.force_login(advisor)
    for partner, title in ((rental, "Replacement car"), (hotel, "Hotel near the dealer")):
        response = client.post(
            f"/cases/{case_t.reference}/partner-tasks/", {"partner": partner.pk, "title": title}
        )
        assert response.status_code == 302

    car, room = PartnerTask.objects.filter(case=case_t).order_by("id")
    assert (car.service_class, car.status, car.below_policy) == ("S", "requested", False)
    assert (room.service_class, room.nights, room.status) == ("5", 2, "requested")
