"""A small story set over two weeks (2026-W46 and W47), set up through the services with time
frozen: Mr. T's flat tyre at the Munich dealer (answered, chased, a complaint, a promise kept and
one broken, goodwill approved) and a Paris client's strap left unanswered (a clock breached)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
import time_machine

from goodwill.assistance.models import GoodwillPolicy
from goodwill.assistance.services import expense_claim_add
from goodwill.care.sweeps import clocks_due
from goodwill.cases.models import Case
from goodwill.cases.services import (
    OutcomeGiven,
    case_change_status,
    case_client_contacted,
    case_open,
)
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import outbound_queue
from goodwill.clients.models import Client, Product
from goodwill.experience.sweeps import experience_catch_up
from goodwill.insights.services import summaries_rebuild
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import staff_create
from goodwill.promises.services import promise_keep, promise_make
from goodwill.promises.sweeps import promises_due
from goodwill.timeline.services import record_message_in

W46 = dt.date(2026, 11, 9)
W47 = dt.date(2026, 11, 16)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)


def scores_all(now: dt.datetime) -> None:
    """The experience sweep run until every case's story is scored, as the worker would."""
    experience_catch_up(now)


@pytest.fixture
def munich_manager(munich: Site) -> User:
    return staff_create(
        username="max", password=None, first_name="Max", last_name="Huber", role="manager",
        site=munich, email="max@example.com",
    )  # fmt: skip


@dataclass
class Stories:
    tyre: Case
    strap: Case
    older: Case


@pytest.fixture
def stories(
    advisor: User, foreign_dealer: User, client_t: Client, car: Product, paris_client: Client
) -> Stories:
    return build_stories(
        advisor=advisor,
        foreign_dealer=foreign_dealer,
        client_t=client_t,
        car=car,
        paris_client=paris_client,
    )


def build_stories(
    *, advisor: User, foreign_dealer: User, client_t: Client, car: Product, paris_client: Client
) -> Stories:
    with time_machine.travel(at(W46, 10), tick=False):
        older = case_open(
            actor=advisor,
            client=client_t,
            product=car,
            summary="Service",
            category="service_booking",
        )
    with time_machine.travel(at(W47, 9), tick=False):
        tyre = case_open(
            actor=advisor,
            client=client_t,
            product=car,
            summary="Flat tyre on holiday",
            category="breakdown",
            channel="phone",
        )
        strap = case_open(
            actor=foreign_dealer,
            client=paris_client,
            summary="Strap broken <script>",
            category="warranty_claim",
            channel="email",
        )
    with time_machine.travel(at(W47, 10, 30), tick=False):
        outbound_queue(
            key="tyre-reply",
            purpose=OutboundMessage.Purpose.REPLY,
            reason=OutboundMessage.Reason.STAFF_REPLY,
            to_address="thomas.lefevre@example.com",
            subject="Your tyre",
            body_text="The tow truck is on its way.",
            client=client_t,
            case=tyre,
            actor=advisor,
        )
    day2 = W47 + dt.timedelta(days=1)
    with time_machine.travel(at(day2, 9), tick=False):
        case_client_contacted(case=tyre, channel="phone")
        case_client_contacted(case=tyre, channel="phone", at=at(day2, 9, 30))
        record_message_in(
            client=client_t,
            case=tyre,
            subject="Still waiting",
            body="This is unacceptable.",
            sender="thomas.lefevre@example.com",
            channel="email",
            extra={"signal": {"kind": "complaint", "mood": "angry", "score": 0.9}},
        )
        kept = promise_make(actor=advisor, case=tyre, text="A call by 5", due_at=at(day2, 17))
        promise_make(actor=advisor, case=tyre, text="A car by noon", due_at=at(day2, 12))
        promise_keep(actor=advisor, promise=kept)
        GoodwillPolicy.objects.create(
            tier="vip",
            category="",
            currency="EUR",
            reimburse_limit=Decimal("500"),
            advisor_limit=Decimal("500"),
            manager_limit=Decimal("2000"),
            brand_limit=Decimal("10000"),
        )
        expense_claim_add(
            actor=advisor, case=tyre, what="taxi", amount=Decimal("80.00"), currency="EUR"
        )
    promises_due(at(day2, 13))
    clocks_due(at(W47 + dt.timedelta(days=6), 12))
    with time_machine.travel(at(W47 + dt.timedelta(days=3), 15), tick=False):
        case_change_status(
            actor=foreign_dealer,
            case=strap,
            status="resolved",
            outcome=OutcomeGiven(done="Strap replaced", done_by="Workshop", fixed=True),
        )
    scores_all(at(W47 + dt.timedelta(days=6), 12))
    summaries_rebuild()
    return Stories(tyre=tyre, strap=strap, older=older)
