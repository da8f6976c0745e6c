"""A client asks for a new link with their e-mail address: it goes to that address in their
language through the outbox; the answer is the same for an unknown address; asking is limited
per address and per connection."""

from __future__ import annotations

import re

import pytest
from django.test import Client as Browser

from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.portal.tests.conftest import post

LINK = re.compile(r"https?://\S+/portal/open/([\w-]+)/")


def _ask(email: str, ip: str = "203.0.113.7") -> str:
    browser = Browser(enforce_csrf_checks=True, REMOTE_ADDR=ip)
    response = post(browser, "/portal/link/", {"email": email})
    assert response.status_code == 200  # type: ignore[attr-defined]
    return response.content.decode()  # type: ignore[attr-defined]


def test_a_known_address_gets_a_link_in_the_clients_language(client_t: Client) -> None:
    _ask("Thomas.Lefevre@example.com")

    message = OutboundMessage.objects.get(reason="portal_link")
    assert message.to_address == "thomas.lefevre@example.com" and message.language == "de"
    assert message.client_id == client_t.pk and message.case_id is None
    assert "Kundenseite" in message.subject
    token = LINK.search(message.body_text)
    assert token is not None
    browser = Browser()
    assert browser.get(f"/portal/open/{token.group(1)}/").status_code == 302
    assert browser.get("/portal/").status_code == 200


def test_the_answer_says_nothing_of_whether_the_address_is_known(client_t: Client) -> None:
    known = _ask("thomas.lefevre@example.com", ip="203.0.113.8")
    unknown = _ask("nobody@example.com", ip="203.0.113.9")

    assert known.replace("thomas.lefevre@example.com", "") == unknown.replace(
        "nobody@example.com", ""
    )
    assert OutboundMessage.objects.filter(reason="portal_link").count() == 1


@pytest.mark.django_db
def test_asking_again_and_again_for_one_address_is_limited(client_t: Client) -> None:
    for n in range(6):
        _ask("thomas.lefevre@example.com", ip=f"198.51.100.{n}")

    assert OutboundMessage.objects.filter(reason="portal_link").count() == 3


def test_asking_for_many_addresses_from_one_connection_is_limited(client_t: Client) -> None:
    for n in range(10):
        _ask(f"someone{n}@example.com", ip="192.0.2.50")

    _ask("thomas.lefevre@example.com", ip="192.0.2.50")

    assert not OutboundMessage.objects.filter(reason="portal_link").exists()
