"""The client tells us their car's mileage in the portal: their own car only; a reading that
cannot be true is refused with the reason, in their language's page, never a 500."""

from __future__ import annotations

from goodwill.clients.models import Client, MileageReading, Product
from goodwill.portal.tests.conftest import portal_open


def _send(browser, car: Product, km: str, day: str):  # type: ignore[no-untyped-def]
    browser.get("/portal/")
    return browser.post(
        f"/portal/products/{car.pk}/mileage/",
        {"km": km, "read_on": day, "csrfmiddlewaretoken": browser.cookies["csrftoken"].value},
    )


def test_the_client_records_the_mileage_of_their_car(client_t: Client, car: Product) -> None:
    browser = portal_open(client_t)
    response = _send(browser, car, "31000", "2025-06-01")
    assert response.status_code == 302 and response["Location"] == "/portal/?mileage=1"
    reading = MileageReading.objects.get(product=car)
    assert reading.source == "client" and reading.actor is None and reading.km == 31000
    page = browser.get("/portal/?mileage=1").content.decode()
    assert "31,000 km" in page or "31.000 km" in page


def test_a_reading_that_cannot_be_true_is_refused_with_the_reason(
    client_t: Client, car: Product
) -> None:
    browser = portal_open(client_t)
    for km in ("-5", "lots", ""):
        response = _send(browser, car, km, "2025-06-01")
        assert response.status_code == 400
        assert 'role="alert"' in response.content.decode()
    assert not MileageReading.objects.exists()


def test_another_clients_car_is_not_found(
    client_t: Client, paris_client: Client, car: Product
) -> None:
    browser = portal_open(paris_client)
    assert _send(browser, car, "1000", "2025-06-01").status_code == 404
    assert not MileageReading.objects.exists()


def test_a_reading_too_far_for_the_days_since_is_refused_not_a_500(
    client_t: Client, car: Product
) -> None:
    browser = portal_open(client_t)
    assert _send(browser, car, "31000", "2025-06-01").status_code == 302
    response = _send(browser, car, "999999", "2025-06-03")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page and "km" in page and "2.000" in page  # his German
    assert MileageReading.objects.filter(product=car).count() == 1
