"""Staff send the link from the client page, or revoke every link; support prints one."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.test import Client as Browser

from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.organisation.models import User
from goodwill.portal.models import PortalLink


def test_the_advisor_sends_the_portal_link_from_the_client_page(
    client_t: Client, advisor: User
) -> None:
    browser = Browser()
    browser.force_login(advisor)

    assert b"Send portal link" in browser.get(f"/clients/{client_t.ref}/").content
    sent = browser.post(f"/clients/{client_t.ref}/portal/send/")

    assert sent.status_code == 302
    message = OutboundMessage.objects.get(reason="portal_link")
    assert message.actor == advisor and "/portal/open/" in message.body_text
    assert PortalLink.objects.get(client=client_t).created_by == advisor


def test_a_dealer_of_another_network_cannot_send_or_revoke(
    client_t: Client, foreign_dealer: User
) -> None:
    browser = Browser()
    browser.force_login(foreign_dealer)

    assert browser.post(f"/clients/{client_t.ref}/portal/send/").status_code == 404
    assert browser.post(f"/clients/{client_t.ref}/portal/revoke/").status_code == 404
    assert not OutboundMessage.objects.filter(reason="portal_link").exists()


def test_revoking_from_the_client_page(client_t: Client, advisor: User) -> None:
    browser = Browser()
    browser.force_login(advisor)
    browser.post(f"/clients/{client_t.ref}/portal/send/")

    browser.post(f"/clients/{client_t.ref}/portal/revoke/")

    assert not PortalLink.objects.filter(client=client_t, revoked_at__isnull=True).exists()


def test_support_prints_a_link_that_opens_the_portal(client_t: Client) -> None:
    out = StringIO()
    call_command("portal_link", client_t.ref, stdout=out)
    url = out.getvalue().strip()

    assert url.startswith("http") and "/portal/open/" in url
    browser = Browser()
    assert browser.get(url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])).status_code == 302
