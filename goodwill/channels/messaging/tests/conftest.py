"""Helpers for the messaging channel's tests: a configured secret, a signed webhook poster, and
a fake provider: a real HTTP server on loopback that answers like Twilio's Messages.json."""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode

import pytest
from django.test.client import Client

from goodwill.http import webhook_sign as sign

SECRET = "s3cret-shared-with-the-messaging-provider"
INBOUND = "/channels/messaging/inbound"
STATUS = "/channels/messaging/status"
ACCOUNT, TOKEN = "AC0123456789abcdef", "the-auth-token"

Poster = Callable[..., Any]


@pytest.fixture(autouse=True)
def _webhook_secret(settings: Any) -> None:
    settings.GOODWILL_MESSAGING_WEBHOOK_SECRET = SECRET


def signed_headers(
    body: bytes, *, secret: str = SECRET, timestamp: int | None = None
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "X-Goodwill-Timestamp": ts,
        "X-Goodwill-Signature": sign(secret=secret, timestamp=ts, body=body),
    }


@pytest.fixture
def post_form(client: Client) -> Poster:
    """Post Twilio-style form fields to one of the webhooks, signed unless headers are given."""

    def post(
        url: str,
        fields: dict[str, str] | None = None,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        **sign_args: Any,
    ) -> Any:
        data = body if body is not None else urlencode(fields or {}).encode()
        return client.post(
            url,
            data=data,
            content_type="application/x-www-form-urlencoded",
            headers=headers if headers is not None else signed_headers(data, **sign_args),
        )

    return post


class FakeProvider:
    """Records each POST (path, form fields, Authorization) and answers like Twilio: 201 with
    the new message's `sid`, or the status and body set in `answer`."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.answer: tuple[int, dict[str, Any]] | None = None
        self.location = ""  # sent as Location with the answer (a redirect)
        self.count = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length).decode()
                provider.count += 1
                provider.requests.append(
                    {
                        "path": self.path,
                        "auth": self.headers.get("Authorization", ""),
                        "form": {k: v[0] for k, v in parse_qs(raw).items()},
                    }
                )
                status, body = provider.answer or (
                    201,
                    {"sid": f"SM{provider.count:032d}", "status": "queued"},
                )
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if provider.location:
                    self.send_header("Location", provider.location)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # what a followed redirect would send
                provider.requests.append(
                    {"path": self.path, "auth": self.headers.get("Authorization", ""), "form": {}}
                )
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/2010-04-01"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def basic_auth(self) -> str:
        return "Basic " + base64.b64encode(f"{ACCOUNT}:{TOKEN}".encode()).decode()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider(settings: Any) -> Iterator[FakeProvider]:
    fake = FakeProvider()
    settings.GOODWILL_MESSAGING_API_URL = fake.url
    settings.GOODWILL_MESSAGING_ACCOUNT_SID = ACCOUNT
    settings.GOODWILL_MESSAGING_AUTH_TOKEN = TOKEN
    settings.GOODWILL_MESSAGING_SMS_FROM = "+4930123456"
    settings.GOODWILL_MESSAGING_WHATSAPP_FROM = "whatsapp:+4930123457"
    settings.GOODWILL_MESSAGING_STATUS_CALLBACK_URL = "https://care.example.com" + STATUS
    try:
        yield fake
    finally:
        fake.close()
