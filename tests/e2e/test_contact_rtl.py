"""The contact form in Arabic on a 375-px phone, in a real headless Chromium: laid out right to
left (the brand at the right, the language switcher at the left, labels aligned right), never
scrolling sideways. The screenshot lands in test-artifacts/contact-ar-375.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from goodwill.organisation.models import Site
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_arabic_contact_form_reads_right_to_left_on_a_phone(
    care_centre: Site, page: Page
) -> None:
    page.set_viewport_size({"width": 375, "height": 800})

    response = page.goto("/contact/?lang=ar")

    assert response is not None and response.status == 200
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("راسلونا")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "contact-ar-375.png", full_page=True)
    sideways = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert sideways <= 0
    brand = page.locator(".public-head .brand").bounding_box()
    label = page.get_by_text("الاسم", exact=True).bounding_box()
    form = page.locator("form.contact-form").bounding_box()
    assert brand is not None and label is not None and form is not None
    # The brand starts at the right edge, and so does each label inside the form.
    assert brand["x"] + brand["width"] > 375 * 0.6
    assert label["x"] + label["width"] > form["x"] + form["width"] * 0.7
    assert (
        page.locator(".contact-form textarea").evaluate("el => getComputedStyle(el).direction")
        == "rtl"
    )
