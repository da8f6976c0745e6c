"""One client's link never shows another's anything: every portal page, with Mr. T's session,
says nothing of the Paris client's case, product or promise, and their case is a 404."""

from __future__ import annotations

import pytest

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.portal.tests.conftest import portal_open
from goodwill.promises.models import Promise

MARKS = (b"PARIS-PRODUCT-MARK", b"PARIS-TITLE-MARK", b"PARIS-PROMISE-MARK", b"PX99887766")
PAGES = ["/portal/", "/portal/cases/{own}/", "/portal/settings/", "/portal/link/"]


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_another_clients_anything(
    page: str, client_t: Client, case_t: Case, promise_t: Promise, paris_case: Case
) -> None:
    browser = portal_open(client_t)

    response = browser.get(page.format(own=case_t.reference))

    assert response.status_code == 200
    assert not [mark for mark in MARKS if mark in response.content]
    assert paris_case.reference.encode() not in response.content


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_clients_case_in_the_address_is_a_404(
    method: str, client_t: Client, case_t: Case, paris_case: Case
) -> None:
    browser = portal_open(client_t)
    browser.get("/portal/")
    url = f"/portal/cases/{paris_case.reference}/"

    if method == "get":
        response = browser.get(url)
    else:
        response = browser.post(
            url, {"text": "hello", "csrfmiddlewaretoken": browser.cookies["csrftoken"].value}
        )

    assert response.status_code == 404
    assert not paris_case.timeline.filter(kind="message_in").exists()


def test_each_client_sees_their_own(client_t: Client, case_t: Case, paris_case: Case) -> None:
    paris = portal_open(paris_case.client).get("/portal/")

    assert b"PARIS-TITLE-MARK" in paris.content and b"PARIS-PROMISE-MARK" in paris.content
    assert case_t.reference.encode() not in paris.content
    assert b"GT Spyder" not in paris.content
