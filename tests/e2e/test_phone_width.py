"""Every staff page works on a 375-px phone as on a 1280-px screen, in a real headless Chromium:
the page never scrolls sideways (wide tables scroll inside their card), the staff member's name in
the top bar is whole. A screenshot of each page at both widths lands in test-artifacts/widths/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from goodwill.cases.models import Case
from goodwill.cases.services import case_change_status
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.notifications.services import notify
from goodwill.organisation.models import User
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (375, 1280)


def _pages(case: Case, message: OutboundMessage) -> dict[str, str]:
    client = case.client
    return {
        "home": "/",
        "my-clients": "/clients/",
        "client-new": "/clients/new/",
        "client": f"/clients/{client.ref}/",
        "case-new": f"/clients/{client.ref}/cases/new/",
        "case": f"/cases/{case.reference}/",
        "search": "/search/?q=Lef",
        "calls": "/phone/calls/",
        "promises": "/promises/",
        "board": "/board/",
        "service-levels": "/care/service-levels/",
        "thresholds": "/care/thresholds/",
        "hours": "/care/hours/",
        "outbox": "/outbox/",
        "outbox-message": f"/outbox/{message.pk}/",
        "templates": "/outbox/templates/",
        "template-edit": "/outbox/templates/acknowledgement/de/",
        "mail": "/mail/",
        "notifications": "/notifications/",
        "availability": "/me/availability/",
        "partners": "/partners/",
        "partner-new": "/partners/new/",
    }


def test_every_staff_page_fits_a_phone_and_a_desktop(
    case_t: Case, manager: User, advisor: User, page: Page
) -> None:
    # Given a manager with a long name, a case with news sent and a notification waiting
    User.objects.filter(pk=manager.pk).update(first_name="Maximiliane", last_name="Fürstenberg")
    case_change_status(actor=advisor, case=case_t, status=Case.Status.WAITING_PARTNER)
    message = OutboundMessage.objects.filter(case=case_t).first()
    assert message is not None
    notify(recipient=manager, kind="sla_warning", title="Due soon", key="w1", case=case_t)
    page.goto("/login/")
    page.get_by_label("Username").fill(manager.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".userbox")).to_contain_text("Maximiliane Fürstenberg")
    folder = ARTIFACTS / "widths"
    folder.mkdir(parents=True, exist_ok=True)

    problems: list[str] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for name, url in _pages(case_t, message).items():
            response = page.goto(url)
            assert response is not None and response.status == 200, f"{url}: {response}"
            page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
            sideways = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if sideways > 0:
                problems.append(f"{url} at {width} px scrolls {sideways} px sideways")
            name_box = page.locator(".userbox .who-name")
            cut = name_box.evaluate(
                "el => el.scrollWidth > el.clientWidth + 1"
                " || el.getBoundingClientRect().right > window.innerWidth"
            )
            if cut or name_box.inner_text() != "Maximiliane Fürstenberg":
                problems.append(f"{url} at {width} px cuts the name in the top bar")

    assert problems == []
