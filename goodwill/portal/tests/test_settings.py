"""The client sets their language, how we reach them and marketing consent from the portal."""

from __future__ import annotations

from goodwill.clients.models import Client
from goodwill.portal.tests.conftest import portal_open, post
from goodwill.timeline.models import Entry


def test_the_client_changes_language_channel_and_consent(client_t: Client) -> None:
    browser = portal_open(client_t)

    saved = post(
        browser,
        "/portal/settings/",
        {"language": "fr", "preferred_channel": "phone", "marketing_consent": "on"},
    )

    assert saved.status_code == 302  # type: ignore[attr-defined]
    client_t.refresh_from_db()
    assert client_t.language == "fr" and client_t.preferred_channel == "phone"
    assert client_t.marketing_consent and client_t.marketing_consent_at is not None
    entry = Entry.objects.filter(client=client_t, kind=Entry.Kind.CLIENT_CHANGED).latest("id")
    assert entry.actor is None and entry.payload["by"] == "client"
    assert entry.payload["changes"]["language"] == ["de", "fr"]
    page = browser.get("/portal/")
    assert page["Content-Language"] == "fr"


def test_withdrawing_consent_is_recorded(client_t: Client) -> None:
    Client.objects.filter(pk=client_t.pk).update(marketing_consent=True)
    browser = portal_open(client_t)

    post(browser, "/portal/settings/", {"language": "de", "preferred_channel": "email"})

    client_t.refresh_from_db()
    assert not client_t.marketing_consent and client_t.marketing_consent_at is not None


def test_an_unknown_language_is_refused(client_t: Client) -> None:
    browser = portal_open(client_t)

    refused = post(browser, "/portal/settings/", {"language": "xx", "preferred_channel": "email"})

    assert refused.status_code == 400  # type: ignore[attr-defined]
    client_t.refresh_from_db()
    assert client_t.language == "de"
