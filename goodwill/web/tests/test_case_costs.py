"""The case page's "Costs and goodwill" section: opened, it lists the claims with their totals and
the policy; a claim's receipt is chosen among the client's mail attachments on the case; the
approver approves or declines with a reason; managers keep the goodwill policy at /partners/."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client as Browser

from goodwill.assistance.models import ExpenseClaim, GoodwillPolicy
from goodwill.assistance.services import expense_claim_add, goodwill_policy_set
from goodwill.cases.models import Case
from goodwill.channels.email.models import Attachment
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.organisation.models import User


@pytest.fixture(autouse=True)
def _data_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]


@pytest.fixture
def goodwill(manager: User) -> GoodwillPolicy:
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
def receipt(case_t: Case) -> Attachment:
    inbound = email_ingest(
        raw=make_mail(
            subject=f"Taxi [{case_t.reference}]",
            body="Hier die Quittung des Taxis.",
            attachments=[("Taxi-Quittung.pdf", "application/pdf", b"%PDF-1.4 taxi")],
        )
    )
    assert inbound.case_id == case_t.pk
    return inbound.attachments.get()


def _section(client: Browser, case: Case) -> str:
    response = client.get(f"/cases/{case.reference}/forms/costs/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.text


def test_a_claim_with_its_receipt_from_the_clients_mail_is_approved_within_policy(
    client: Browser, advisor: User, case_t: Case, goodwill: GoodwillPolicy, receipt: Attachment
) -> None:
    client.force_login(advisor)
    assert "Costs and goodwill" in client.get(f"/cases/{case_t.reference}/").text
    assert "Taxi-Quittung.pdf" in _section(client, case_t)

    response = client.post(
        f"/cases/{case_t.reference}/claims/",
        {"what": "taxi", "amount": "86.50", "currency": "EUR", "receipt": receipt.pk},
    )

    assert response.status_code == 302
    claim = ExpenseClaim.objects.get()
    assert claim.within_policy and claim.receipt_attachment_id == receipt.pk
    assert claim.receipt_name == "Taxi-Quittung.pdf"
    section = _section(client, case_t)
    assert "within policy" in section and "approved 86.50" in section


def test_a_receipt_from_another_case_cannot_be_chosen(
    client: Browser, advisor: User, case_t: Case, goodwill: GoodwillPolicy
) -> None:
    client.force_login(advisor)

    response = client.post(
        f"/cases/{case_t.reference}/claims/",
        {"what": "taxi", "amount": "86.50", "currency": "EUR", "receipt": 999},
    )

    assert response.status_code == 400
    assert not ExpenseClaim.objects.exists()


def test_the_approver_declines_with_a_reason_from_the_section(
    client: Browser, advisor: User, manager: User, case_t: Case, goodwill: GoodwillPolicy
) -> None:
    claim = expense_claim_add(
        actor=advisor, case=case_t, what="other", amount=Decimal("9000"), currency="EUR"
    )
    client.force_login(advisor)
    assert "Decline and tell the client" not in _section(client, case_t)
    client.force_login(manager)
    assert "Decline and tell the client" in _section(client, case_t)

    client.post(f"/claims/{claim.pk}/decline/", {"reason": ""})
    claim.refresh_from_db()
    assert claim.status == "pending"
    client.post(f"/claims/{claim.pk}/decline/", {"reason": "Covered by the warranty."})

    claim.refresh_from_db()
    assert claim.status == "declined" and claim.decline_reason == "Covered by the warranty."


def test_a_dealer_from_another_network_sees_no_claim(
    client: Browser, foreign_dealer: User, advisor: User, case_t: Case, goodwill: GoodwillPolicy
) -> None:
    claim = expense_claim_add(
        actor=advisor, case=case_t, what="hotel", amount=Decimal("680"), currency="EUR"
    )
    client.force_login(foreign_dealer)

    assert client.get(f"/cases/{case_t.reference}/forms/costs/").status_code == 404
    assert client.post(f"/claims/{claim.pk}/approve/").status_code == 404


def test_managers_set_the_goodwill_policy_and_read_the_totals_at_partners(
    client: Browser, manager: User, advisor: User, case_t: Case, goodwill: GoodwillPolicy
) -> None:
    expense_claim_add(
        actor=advisor, case=case_t, what="taxi", amount=Decimal("86.50"), currency="EUR"
    )
    client.force_login(manager)

    response = client.post(
        "/partners/goodwill/",
        {
            "tier": "premium",
            "category": "breakdown",
            "currency": "EUR",
            "reimburse_limit": "150",
            "service_credit": "100",
            "extra_rental_days": "1",
            "advisor_limit": "300",
            "manager_limit": "1500",
            "brand_limit": "5000",
        },
    )

    assert response.status_code == 302
    assert GoodwillPolicy.objects.get(tier="premium", category="breakdown").advisor_limit == 300
    page = client.get("/partners/").text
    assert "Goodwill policy" in page and "86.50 EUR" in page
    client.force_login(advisor)
    assert client.post("/partners/goodwill/", {}).status_code == 403


def test_the_story_says_how_each_claim_was_decided(
    client: Browser, advisor: User, case_t: Case, goodwill: GoodwillPolicy
) -> None:
    expense_claim_add(
        actor=advisor, case=case_t, what="taxi", amount=Decimal("86.50"), currency="EUR"
    )
    expense_claim_add(
        actor=advisor, case=case_t, what="hotel", amount=Decimal("680"), currency="EUR"
    )
    client.force_login(advisor)

    page = client.get(f"/cases/{case_t.reference}/").text

    assert "Taxi 86.50 EUR: approved at once, within the goodwill policy" in page
    assert "Hotel 680.00 EUR: above the policy, for the site manager to decide" in page
