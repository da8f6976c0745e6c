"""The integrations' stories: a token for a persona, and a client that carries only it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client as HttpClient

from goodwill.integrations.services import api_token_create
from goodwill.organisation.models import User

TokenFor = Callable[..., str]
ApiFor = Callable[[str], HttpClient]


@pytest.fixture(autouse=True)
def _vault(settings: Any, tmp_path: Path) -> None:
    """Documents go to a fresh DATA_DIR per test."""
    settings.DATA_DIR = tmp_path


@pytest.fixture
def token_for(db: None) -> TokenFor:
    def make(user: User, scope: str = "read", days: int | None = None) -> str:
        _token, raw = api_token_create(actor=user, user=user, name="tests", scope=scope, days=days)
        return raw

    return make


@pytest.fixture
def api_for() -> ApiFor:
    """A test client with only the Authorization header: no session, no cookie."""

    def make(raw: str) -> HttpClient:
        return HttpClient(headers={"Authorization": f"Bearer {raw}"})

    return make
