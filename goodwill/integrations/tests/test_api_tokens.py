"""API tokens: made once, kept only as a hash, acting as their user until revoked."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from django.core.management import call_command
from django.test import Client as HttpClient
from django.utils import timezone

from goodwill.integrations.models import ApiToken
from goodwill.integrations.services import api_token_authenticate
from goodwill.integrations.tests.conftest import ApiFor, TokenFor
from goodwill.organisation.models import User
from goodwill.organisation.services import staff_deactivate

pytestmark = pytest.mark.django_db


def test_the_command_prints_the_token_once_and_stores_only_its_hash(agent: User) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "api_token_create",
        "--user",
        agent.username,
        "--scope",
        "write",
        "--days",
        "30",
        stdout=out,
        stderr=err,
    )
    raw = out.getvalue().strip()
    assert raw.startswith("gw_") and len(raw) >= 3 + 43  # 256 bits, base64url
    token = ApiToken.objects.get(user=agent)
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert token.scope == "write"
    assert token.expires_at is not None
    stored = [str(v) for v in ApiToken.objects.values_list().get()]
    assert raw not in stored  # nowhere in the row
    assert raw not in err.getvalue()


def test_the_command_refuses_an_unknown_user(db: None) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("api_token_create", "--user", "nobody", stdout=io.StringIO())


def test_the_page_shows_a_new_token_once_then_lists_it_with_its_last_use(
    agent: User, api_for: ApiFor
) -> None:
    browser = HttpClient()
    browser.force_login(agent)
    made = browser.post("/me/api-tokens/", {"name": "CRM sync", "scope": "read"})
    assert made.status_code == 200
    assert "no-cache" in made["Cache-Control"] or "no-store" in made["Cache-Control"]
    raw = made.context["made"]
    assert raw.startswith("gw_") and raw in made.content.decode()

    assert api_for(raw).get("/api/v1/clients").status_code == 200

    page = browser.get("/me/api-tokens/")
    assert raw not in page.content.decode()  # never again
    assert "CRM sync" in page.content.decode()
    assert page.context["tokens"][0].last_used_at is not None


def test_a_revoked_token_stops_working(agent: User, token_for: TokenFor, api_for: ApiFor) -> None:
    raw = token_for(agent)
    token = ApiToken.objects.get(user=agent)
    browser = HttpClient()
    browser.force_login(agent)
    assert browser.post(f"/me/api-tokens/{token.pk}/revoke/").status_code == 302
    answer = api_for(raw).get("/api/v1/clients")
    assert answer.status_code == 401
    assert answer.json() == {"detail": "Unauthorized"}


def test_nobody_revokes_another_persons_token(
    agent: User, manager: User, token_for: TokenFor
) -> None:
    token_for(agent)
    token = ApiToken.objects.get(user=agent)
    browser = HttpClient()
    browser.force_login(manager)
    assert browser.post(f"/me/api-tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_expired_token_stops_working(agent: User, token_for: TokenFor) -> None:
    raw = token_for(agent, days=1)
    assert api_token_authenticate(raw=raw) is not None
    later = timezone.now() + dt.timedelta(days=1, seconds=1)
    assert api_token_authenticate(raw=raw, now=later) is None


def test_a_deactivated_persons_tokens_stop_working(
    agent: User, manager: User, token_for: TokenFor, api_for: ApiFor
) -> None:
    raw = token_for(agent)
    staff_deactivate(actor=manager, user=agent)
    assert api_for(raw).get("/api/v1/clients").status_code == 401


def test_last_use_is_written_at_most_once_a_minute(
    agent: User, token_for: TokenFor, django_assert_num_queries: object
) -> None:
    raw = token_for(agent)
    start = timezone.now()
    assert api_token_authenticate(raw=raw, now=start) is not None
    for seconds in (1, 30, 59):
        api_token_authenticate(raw=raw, now=start + dt.timedelta(seconds=seconds))
    assert ApiToken.objects.get().last_used_at == start
    api_token_authenticate(raw=raw, now=start + dt.timedelta(seconds=61))
    assert ApiToken.objects.get().last_used_at == start + dt.timedelta(seconds=61)


@pytest.mark.parametrize(
    "header",
    ["", "Bearer", "Bearer gw_wrong", "Basic Zm9vOmJhcg==", "Bearer " + "gw_" + "x" * 5000],
)
def test_a_missing_or_bad_token_is_401(db: None, header: str) -> None:
    answer = HttpClient(headers={"Authorization": header} if header else {}).get("/api/v1/clients")
    assert answer.status_code == 401
    assert answer["Content-Type"].startswith("application/json")


def test_a_session_alone_does_not_open_the_versioned_api(agent: User) -> None:
    browser = HttpClient()
    browser.force_login(agent)
    assert browser.get("/api/v1/clients").status_code == 401
