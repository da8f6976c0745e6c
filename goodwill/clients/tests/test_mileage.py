"""A car's mileage, recorded by staff on the client page: bad input gets a clear message,
never a 500; another site's dealer records nothing; the API shows the latest reading."""

from __future__ import annotations

import datetime as dt

from django.test import Client as Browser

from goodwill.clients.models import Client, MileageReading, Product
from goodwill.organisation.models import User


def _post(browser: Browser, client: Client, car: Product, km: str, day: str) -> str:
    response = browser.post(
        f"/clients/{client.ref}/products/{car.pk}/mileage/", {"km": km, "read_on": day}, follow=True
    )
    assert response.status_code == 200
    return response.content.decode()


def test_staff_record_the_mileage_and_the_page_and_api_show_it(
    client_t: Client, car: Product, advisor: User
) -> None:
    browser = Browser()
    browser.force_login(advisor)
    page = _post(browser, client_t, car, "42500", "2025-05-01")
    assert "Mileage recorded." in page and "42,500 km" in page
    reading = MileageReading.objects.get(product=car)
    assert reading.source == "staff" and reading.actor == advisor
    product = browser.get(f"/api/clients/{client_t.ref}").json()["products"][0]
    assert product["mileage_km"] == 42500 and product["mileage_read_on"] == "2025-05-01"


def test_bad_mileage_gets_a_clear_message(client_t: Client, car: Product, advisor: User) -> None:
    browser = Browser()
    browser.force_login(advisor)
    assert "cannot be negative" in _post(browser, client_t, car, "-5", "2025-05-01")
    assert "whole number of km" in _post(browser, client_t, car, "lots", "2025-05-01")
    assert "as a date" in _post(browser, client_t, car, "100", "someday")
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()  # noqa: DTZ011
    assert "cannot be in the future" in _post(browser, client_t, car, "100", tomorrow)
    assert not MileageReading.objects.exists()


def test_another_sites_dealer_records_nothing(
    client_t: Client, car: Product, foreign_dealer: User
) -> None:
    browser = Browser()
    browser.force_login(foreign_dealer)
    response = browser.post(
        f"/clients/{client_t.ref}/products/{car.pk}/mileage/",
        {"km": "1000", "read_on": "2025-05-01"},
    )
    assert response.status_code == 404
    assert not MileageReading.objects.exists()


def test_only_a_car_has_a_mileage(client_t: Client, advisor: User) -> None:
    import pytest
    from django.core.exceptions import ValidationError

    from goodwill.clients.services import mileage_record, product_add

    watch = product_add(actor=advisor, client=client_t, kind="watch", brand="A", model="W")
    with pytest.raises(ValidationError):
        mileage_record(actor=advisor, product=watch, km=10, read_on=dt.date(2025, 1, 1))


def test_a_reading_too_far_since_the_previous_gets_a_clear_message(
    client_t: Client, car: Product, advisor: User
) -> None:
    browser = Browser()
    browser.force_login(advisor)
    assert "Mileage recorded." in _post(browser, client_t, car, "42500", "2025-05-01")
    assert "2,000 km a day" in _post(browser, client_t, car, "99000", "2025-05-10")
    assert MileageReading.objects.filter(product=car).count() == 1


def test_each_reading_is_on_the_clients_story_with_the_one_before(
    client_t: Client, car: Product, advisor: User
) -> None:
    from goodwill.clients.services import mileage_record
    from goodwill.timeline.models import Entry

    browser = Browser()
    browser.force_login(advisor)
    _post(browser, client_t, car, "42500", "2025-05-01")
    mileage_record(actor=None, product=car, km=43900, read_on=dt.date(2025, 6, 1), source="client")
    first, second = Entry.objects.filter(
        client=client_t, kind=Entry.Kind.CLIENT_CHANGED, payload__has_key="read_on"
    ).order_by("pk")
    assert first.actor == advisor and "by" not in first.payload
    assert first.payload["changes"] == {"mileage_km": ["", "42500"]}
    assert second.actor is None and second.payload["by"] == "client"
    assert second.payload["changes"] == {"mileage_km": ["42500", "43900"]}
    assert second.payload["product"] == car.pk
    page = browser.get(f"/clients/{client_t.ref}/").content.decode()
    assert f"{car.brand} {car.model}" in page
    assert "Mileage (km): 42500 → 43900" in page
