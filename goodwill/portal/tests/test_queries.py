"""The portal's overview reads a fixed number of queries, however much the client holds."""

from __future__ import annotations

from typing import Any

from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.clients.models import Client, Product
from goodwill.organisation.models import User
from goodwill.portal.tests.conftest import portal_open
from goodwill.promises.models import Promise


def test_the_overview_takes_the_same_queries_for_one_case_or_five(
    client_t: Client,
    case_t: Case,
    car: Product,
    promise_t: Promise,
    advisor: User,
    django_assert_num_queries: Any,
) -> None:
    browser = portal_open(client_t)
    browser.get("/portal/")
    # The session, the link, products, their covers, open promises, cases, appointments to
    # come, quotes waiting for a decision, a pending survey.
    with django_assert_num_queries(9):
        assert browser.get("/portal/").status_code == 200

    for n in range(4):
        case_open(actor=advisor, client=client_t, product=car, summary=f"Question {n}")

    with django_assert_num_queries(9):
        assert browser.get("/portal/").status_code == 200
