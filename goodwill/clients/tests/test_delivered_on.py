"""The day a product was handed to the client: staff set it on the client page and systems
through /api/v1; a day ahead of today or before the sale gets a clear message, never a 500;
another site's dealer changes nothing; the change is on the client's story."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as Browser
from django.utils import timezone

from goodwill.clients.models import Client, Product
from goodwill.clients.services import product_add
from goodwill.integrations.services import api_token_create
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


def _post(browser: Browser, client: Client, car: Product, day: str) -> str:
    response = browser.post(
        f"/clients/{client.ref}/products/{car.pk}/delivered/", {"delivered_on": day}, follow=True
    )
    assert response.status_code == 200
    return response.content.decode()


def _api(user: User, scope: str = "write") -> Browser:
    _token, raw = api_token_create(actor=user, user=user, name="dms", scope=scope)
    return Browser(headers={"Authorization": f"Bearer {raw}"})


def test_staff_set_the_delivery_day_and_the_page_api_and_story_show_it(
    client_t: Client, car: Product, advisor: User
) -> None:
    browser = Browser()
    browser.force_login(advisor)
    page = _post(browser, client_t, car, "2022-03-15")
    assert "Delivery day saved." in page
    car.refresh_from_db()
    assert car.delivered_on == dt.date(2022, 3, 15)
    entry = Entry.objects.filter(client=client_t, kind=Entry.Kind.CLIENT_CHANGED).latest("id")
    assert entry.payload["changes"]["delivered_on"] == ["", "2022-03-15"]
    assert entry.actor == advisor
    (product,) = _api(advisor, "read").get(f"/api/v1/clients/{client_t.ref}").json()["products"]
    assert product["id"] == car.pk and product["delivered_on"] == "2022-03-15"
    # Cleared again with an empty day
    assert "Delivery day saved." in _post(browser, client_t, car, "")
    car.refresh_from_db()
    assert car.delivered_on is None


def test_a_bad_delivery_day_gets_a_clear_message(
    client_t: Client, car: Product, advisor: User
) -> None:
    browser = Browser()
    browser.force_login(advisor)
    tomorrow = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    assert "cannot be in the future" in _post(browser, client_t, car, tomorrow)
    assert "before it was sold" in _post(browser, client_t, car, "2021-12-24")
    assert "as a date" in _post(browser, client_t, car, "last spring")
    car.refresh_from_db()
    assert car.delivered_on is None
    assert not Entry.objects.filter(
        client=client_t, kind=Entry.Kind.CLIENT_CHANGED, payload__changes__has_key="delivered_on"
    ).exists()


def test_another_sites_dealer_changes_nothing(
    client_t: Client, car: Product, foreign_dealer: User
) -> None:
    browser = Browser()
    browser.force_login(foreign_dealer)
    response = browser.post(
        f"/clients/{client_t.ref}/products/{car.pk}/delivered/", {"delivered_on": "2022-03-15"}
    )
    assert response.status_code == 404
    response = _api(foreign_dealer).put(
        f"/api/v1/clients/{client_t.ref}/products/{car.pk}/delivered_on",
        {"delivered_on": "2022-03-15"},
        content_type="application/json",
    )
    assert response.status_code == 404
    car.refresh_from_db()
    assert car.delivered_on is None


def test_a_write_token_sets_the_day_a_read_token_cannot(
    client_t: Client, car: Product, advisor: User
) -> None:
    url = f"/api/v1/clients/{client_t.ref}/products/{car.pk}/delivered_on"
    body: dict[str, Any] = {"delivered_on": "2022-03-15"}
    assert _api(advisor, "read").put(url, body, content_type="application/json").status_code == 403
    response = _api(advisor).put(url, body, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {"id": car.pk, "delivered_on": "2022-03-15"}
    ahead = {"delivered_on": (timezone.localdate() + dt.timedelta(days=3)).isoformat()}
    refused = _api(advisor).put(url, ahead, content_type="application/json")
    assert refused.status_code == 422
    assert "cannot be in the future" in refused.content.decode()
    car.refresh_from_db()
    assert car.delivered_on == dt.date(2022, 3, 15)


def test_adding_a_product_delivered_in_the_future_is_refused_too(
    client_t: Client, advisor: User
) -> None:
    with pytest.raises(ValidationError) as refused:
        product_add(
            actor=advisor,
            client=client_t,
            kind="car",
            brand="Aurelis",
            model="Tourismo",
            delivered_on=timezone.localdate() + dt.timedelta(days=7),
        )
    assert "delivered_on" in refused.value.message_dict
