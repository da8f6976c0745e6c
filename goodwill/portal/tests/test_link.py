"""A private link opens one client's portal: stored hashed, expiring, revocable; a tampered,
expired or revoked one is a 404 that starts no session."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.test import Client as Browser
from django.utils import timezone

from goodwill.clients.models import Client
from goodwill.organisation.models import User
from goodwill.portal.models import PortalLink
from goodwill.portal.services import portal_link_issue, portal_links_revoke
from goodwill.portal.tests.conftest import portal_open
from goodwill.portal.views import SESSION_KEY


def test_a_link_is_256_random_bits_of_which_only_the_hash_is_kept(client_t: Client) -> None:
    link = portal_link_issue(client=client_t, actor=None)
    token = link.issued_token
    assert token is not None and len(token) >= 43

    stored = PortalLink.objects.filter(pk=link.pk).values().get()
    assert stored["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(stored)
    assert stored["expires_at"] - stored["created_at"] == dt.timedelta(days=30)


def test_opening_the_link_starts_a_session_and_takes_the_token_out_of_the_address(
    client_t: Client,
) -> None:
    browser = Browser()
    link = portal_link_issue(client=client_t, actor=None)

    opened = browser.get(f"/portal/open/{link.issued_token}/")

    assert opened.status_code == 302 and opened["Location"] == "/portal/"
    assert opened["Referrer-Policy"] == "same-origin"
    assert "no-store" in opened["Cache-Control"]
    home = browser.get("/portal/")
    assert home.status_code == 200
    assert "no-store" in home["Cache-Control"] and home["X-Robots-Tag"] == "noindex"
    assert home["Content-Language"] == "de"
    link.refresh_from_db()
    assert link.last_used_at is not None


@pytest.mark.parametrize("spoil", ["tampered", "truncated", "expired", "revoked", "long"])
def test_a_bad_link_is_a_404_and_starts_no_session(client_t: Client, spoil: str) -> None:
    link = portal_link_issue(client=client_t, actor=None)
    token = link.issued_token or ""
    if spoil == "tampered":
        token = token[:-1] + ("A" if token[-1] != "A" else "B")
    elif spoil == "truncated":
        token = token[:20]
    elif spoil == "long":
        token = token * 4
    elif spoil == "expired":
        PortalLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    elif spoil == "revoked":
        portal_links_revoke(client=client_t, actor=None)
    browser = Browser()

    assert browser.get(f"/portal/open/{token}/").status_code == 404
    assert SESSION_KEY not in browser.session
    assert browser.get("/portal/")["Location"] == "/portal/link/"


def test_revoking_ends_a_session_already_open(client_t: Client, advisor: User) -> None:
    browser = portal_open(client_t)
    assert browser.get("/portal/").status_code == 200

    assert portal_links_revoke(client=client_t, actor=advisor) == 1

    assert browser.get("/portal/")["Location"] == "/portal/link/"
    assert SESSION_KEY not in browser.session


def test_expiry_ends_a_session_already_open(client_t: Client) -> None:
    browser = portal_open(client_t)
    now = timezone.now()
    PortalLink.objects.filter(client=client_t).update(
        created_at=now - dt.timedelta(days=31), expires_at=now - dt.timedelta(seconds=1)
    )

    assert browser.get("/portal/settings/")["Location"] == "/portal/link/"


def test_signing_out_ends_the_session(client_t: Client) -> None:
    browser = portal_open(client_t)
    browser.get("/portal/")

    left = browser.post(
        "/portal/logout/", {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value}
    )

    assert left.status_code == 302
    assert browser.get("/portal/")["Location"] == "/portal/link/"


def test_the_portal_refuses_a_post_without_csrf(client_t: Client) -> None:
    browser = portal_open(client_t)

    assert browser.post("/portal/settings/", {"language": "en"}).status_code == 403
