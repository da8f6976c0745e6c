"""Goodwill by policy (issue 12, part 4): a client's costs become lines on the case; within the
policy for their tier and the case's category they are approved at once and the client is told
in their language; above it they wait for the first role whose limit covers them, with a clock."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from goodwill.assistance.models import ExpenseClaim, GoodwillPolicy
from goodwill.assistance.selectors import goodwill_totals
from goodwill.assistance.services import (
    expense_claim_add,
    expense_claim_approve,
    expense_claim_decline,
    goodwill_policy_set,
)
from goodwill.assistance.sweeps import expense_claims_due
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.notifications.models import Notification
from goodwill.organisation.access import OtherSite
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry

NOW = dt.datetime(2026, 6, 5, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def goodwill(manager: User) -> GoodwillPolicy:
    """A VIP's costs are reimbursed up to €300 a case without asking; above it an advisor may
    approve up to €500, a site manager €2,000, the brand €10,000."""
    return goodwill_policy_set(
        actor=manager,
        tier="vip",
        reimburse_limit=Decimal("300"),
        service_credit=Decimal("250"),
        extra_rental_days=2,
        advisor_limit=Decimal("500"),
        manager_limit=Decimal("2000"),
        brand_limit=Decimal("10000"),
    )


@pytest.fixture
def site_manager(munich: Site) -> User:
    return User.objects.create_user(
        username="franz",
        first_name="Franz",
        last_name="Maier",
        role=User.Role.MANAGER,
        site=munich,
        language="de",
    )


def _claim(actor: User, case: Case, amount: str, what: str = "taxi") -> ExpenseClaim:
    return expense_claim_add(
        actor=actor,
        case=case,
        what=what,
        amount=Decimal(amount),
        currency="EUR",
        receipt_attachment_id=41,
        receipt_name="Quittung Taxi.pdf",
        at=NOW,
    )


def _told(case: Case) -> list[OutboundMessage]:
    return list(
        OutboundMessage.objects.filter(case=case, reason=OutboundMessage.Reason.CLAIM_DECISION)
    )


def test_a_taxi_within_policy_is_approved_at_once_and_the_client_told_in_german(
    advisor: User, case_t: Case, goodwill: GoodwillPolicy
) -> None:
    claim = _claim(advisor, case_t, "86.50")

    assert claim.status == ExpenseClaim.Status.APPROVED
    assert claim.within_policy and claim.due_at is None and claim.decided_at == NOW
    assert claim.receipt_name == "Quittung Taxi.pdf"
    (message,) = _told(case_t)
    assert message.language == "de"
    assert "wir erstatten Ihnen Ihre Auslagen (Taxi) über 86,50 EUR" in message.body_text
    assert "Guten Tag Herr Lefèvre" in message.body_text
    entry = Entry.objects.get(case=case_t, kind=Entry.Kind.EXPENSE_CLAIM)
    assert entry.payload["within_policy"] is True


def test_the_policy_counts_what_the_case_already_had_approved(
    advisor: User, case_t: Case, goodwill: GoodwillPolicy
) -> None:
    _claim(advisor, case_t, "250")

    second = _claim(advisor, case_t, "86.50")

    assert second.status == ExpenseClaim.Status.PENDING
    assert not second.within_policy
    assert second.approver_role == "advisor"


def test_above_policy_it_waits_for_the_manager_with_a_clock_and_approval_tells_the_client(
    advisor: User, case_t: Case, goodwill: GoodwillPolicy, site_manager: User
) -> None:
    claim = _claim(advisor, case_t, "680", what="hotel")

    assert claim.status == ExpenseClaim.Status.PENDING
    assert claim.approver_role == "manager"
    assert claim.due_at == NOW + dt.timedelta(hours=24)
    assert Notification.objects.filter(
        recipient=site_manager, kind=Notification.Kind.APPROVAL_NEEDED, case=case_t
    ).exists()
    assert _told(case_t) == []
    # An advisor's limit does not cover it.
    with pytest.raises(PermissionDenied):
        expense_claim_approve(actor=advisor, claim=claim)

    expense_claim_approve(actor=site_manager, claim=claim, at=NOW + dt.timedelta(hours=2))

    claim.refresh_from_db()
    assert claim.status == ExpenseClaim.Status.APPROVED and claim.decided_by == site_manager
    assert not claim.within_policy
    (message,) = _told(case_t)
    assert "680,00 EUR in voller Höhe" in message.body_text
    with pytest.raises(ValidationError):
        expense_claim_approve(actor=site_manager, claim=claim)


def test_each_role_gets_what_its_limit_covers(
    advisor: User, case_t: Case, goodwill: GoodwillPolicy
) -> None:
    assert _claim(advisor, case_t, "450").approver_role == "advisor"
    assert _claim(advisor, case_t, "1500").approver_role == "manager"
    assert _claim(advisor, case_t, "9000").approver_role == "brand"
    assert _claim(advisor, case_t, "25000").approver_role == "brand"


def test_a_decline_needs_a_reason_which_the_client_reads(
    advisor: User, case_t: Case, goodwill: GoodwillPolicy, manager: User
) -> None:
    claim = _claim(advisor, case_t, "1240", what="other")

    with pytest.raises(ValidationError):
        expense_claim_decline(actor=manager, claim=claim, reason="  ")
    expense_claim_decline(
        actor=manager, claim=claim, reason="Der Reifen wurde auf Garantie ersetzt.", at=NOW
    )

    claim.refresh_from_db()
    assert claim.status == ExpenseClaim.Status.DECLINED and claim.decided_by == manager
    (message,) = _told(case_t)
    assert "bedauern" in message.body_text
    assert "Der Reifen wurde auf Garantie ersetzt." in message.body_text


def test_without_a_policy_nothing_is_automatic_and_the_brand_decides(
    advisor: User, case_t: Case
) -> None:
    claim = _claim(advisor, case_t, "20")

    assert claim.status == ExpenseClaim.Status.PENDING and claim.approver_role == "brand"


def test_only_the_brands_managers_set_the_policy_and_limits_go_up_the_ladder(
    advisor: User, site_manager: User, manager: User
) -> None:
    with pytest.raises(PermissionDenied):
        goodwill_policy_set(actor=advisor, tier="vip", reimburse_limit=Decimal("1"))
    with pytest.raises(PermissionDenied):
        goodwill_policy_set(actor=site_manager, tier="vip", reimburse_limit=Decimal("1"))
    with pytest.raises(ValidationError):
        goodwill_policy_set(
            actor=manager,
            tier="vip",
            reimburse_limit=Decimal("1"),
            advisor_limit=Decimal("900"),
            manager_limit=Decimal("100"),
        )


def test_the_sweep_alerts_once_when_a_claim_waits_past_its_clock(
    advisor: User, case_t: Case, goodwill: GoodwillPolicy, site_manager: User
) -> None:
    claim = _claim(advisor, case_t, "680", what="hotel")

    assert expense_claims_due(NOW + dt.timedelta(hours=23)) == 0
    assert expense_claims_due(NOW + dt.timedelta(hours=25)) == 1
    assert expense_claims_due(NOW + dt.timedelta(hours=26)) == 0

    overdue = Notification.objects.filter(case=case_t, key__startswith="claim_overdue:")
    assert {n.recipient_id for n in overdue} == {site_manager.pk, advisor.pk}
    claim.refresh_from_db()
    assert claim.overdue_alerted_at == NOW + dt.timedelta(hours=25)


def test_totals_per_site_and_tier_for_a_period(
    advisor: User, case_t: Case, goodwill: GoodwillPolicy, manager: User, munich: Site
) -> None:
    _claim(advisor, case_t, "86.50")
    declined = _claim(advisor, case_t, "1240", what="other")
    expense_claim_decline(actor=manager, claim=declined, reason="Garantie.", at=NOW)
    _claim(advisor, case_t, "680", what="hotel")

    with time_machine.travel(NOW, tick=False):
        (row,) = goodwill_totals(
            user=manager, start=NOW - dt.timedelta(days=1), end=NOW + dt.timedelta(days=1)
        )

    assert row["site"] == munich.name and row["tier"] == "vip" and row["currency"] == "EUR"
    assert row["claims"] == 3 and row["within_policy"] == 1
    assert row["claimed"] == Decimal("2006.50")
    assert row["approved"] == Decimal("86.50")
    assert row["pending"] == Decimal("680")
    assert row["declined"] == Decimal("1240")
    assert goodwill_totals(user=manager, start=NOW, end=NOW) == []


def test_a_dealer_from_another_network_cannot_claim_on_the_case(
    foreign_dealer: User, case_t: Case, goodwill: GoodwillPolicy
) -> None:
    with pytest.raises(OtherSite):
        _claim(foreign_dealer, case_t, "10")
    assert not ExpenseClaim.objects.exists()
