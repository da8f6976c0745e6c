"""Helpers for the phone channel's tests: a configured secret and a signed webhook poster."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client as HttpClient
from django.test.client import Client

from goodwill.http import webhook_sign as sign

SECRET = "s3cret-shared-with-the-telephony-provider"
URL = "/api/phone/events"

Poster = Callable[..., Any]


@pytest.fixture(autouse=True)
def _webhook_secret(settings: Any) -> None:
    settings.GOODWILL_PHONE_WEBHOOK_SECRET = SECRET


def signed_headers(
    body: bytes, *, secret: str = SECRET, timestamp: int | None = None
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "X-Goodwill-Timestamp": ts,
        "X-Goodwill-Signature": sign(secret=secret, timestamp=ts, body=body),
    }


@pytest.fixture
def post_event(client: Client) -> Poster:
    """Post a generic JSON event, signed; `twilio=True` sends form fields instead."""

    def post(
        payload: dict[str, Any],
        *,
        twilio: bool = False,
        http: HttpClient | None = None,
        headers: dict[str, str] | None = None,
        **sign_args: Any,
    ) -> Any:
        if twilio:
            body, content_type = urlencode(payload).encode(), "application/x-www-form-urlencoded"
        else:
            body, content_type = json.dumps(payload).encode(), "application/json"
        return (http or client).post(
            URL,
            data=body,
            content_type=content_type,
            headers=headers if headers is not None else signed_headers(body, **sign_args),
        )

    return post
