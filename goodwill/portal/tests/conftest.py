from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client as Browser
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.clients.models import Client, Product
from goodwill.clients.services import product_add
from goodwill.organisation.models import User
from goodwill.portal.services import portal_link_issue
from goodwill.promises.models import Promise
from goodwill.promises.services import promise_make


def portal_open(client: Client) -> Browser:
    """A browser that opened a fresh link of `client`'s, as they would from their e-mail."""
    browser = Browser(enforce_csrf_checks=True)
    link = portal_link_issue(client=client, actor=None)
    response = browser.get(f"/portal/open/{link.issued_token}/")
    assert response.status_code == 302 and response["Location"] == "/portal/"
    return browser


def post(browser: Browser, url: str, data: dict[str, str]) -> object:
    if "csrftoken" not in browser.cookies:
        browser.get(url)
    return browser.post(url, {**data, "csrfmiddlewaretoken": browser.cookies["csrftoken"].value})


@pytest.fixture
def promise_t(case_t: Case, advisor: User) -> Promise:
    return promise_make(
        actor=advisor,
        case=case_t,
        text="Replacement car delivered to your hotel",
        due_at=timezone.now() + dt.timedelta(days=2),
    )


@pytest.fixture
def paris_product(paris_client: Client, foreign_dealer: User) -> Product:
    return product_add(
        actor=foreign_dealer,
        client=paris_client,
        kind="watch",
        brand="Aurelis",
        model="PARIS-PRODUCT-MARK",
        serial="PX99887766",
    )


@pytest.fixture
def paris_case(paris_client: Client, paris_product: Product, foreign_dealer: User) -> Case:
    case = case_open(
        actor=foreign_dealer,
        client=paris_client,
        product=paris_product,
        summary="PARIS-SUMMARY-MARK strap broken",
        category="warranty_claim",
        channel="email",
    )
    Case.objects.filter(pk=case.pk).update(client_title="PARIS-TITLE-MARK")
    promise_make(
        actor=foreign_dealer,
        case=case,
        text="PARIS-PROMISE-MARK new strap",
        due_at=timezone.now() + dt.timedelta(days=3),
    )
    case.refresh_from_db()
    return case
