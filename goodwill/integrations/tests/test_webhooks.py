"""Webhooks out: recorded after the action, posted by the worker to a real receiver, signed,
retried with growing pauses, replayed by hand; the receiver's verify() refuses forgeries and
replays."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client as HttpClient
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.cases.services import case_change_status, case_open
from goodwill.clients.models import Client
from goodwill.integrations.models import WebhookDelivery, WebhookEndpoint
from goodwill.integrations.services import (
    WEBHOOK_BACKOFF,
    webhook_endpoint_create,
    webhook_endpoint_set_active,
)
from goodwill.integrations.sweeps import webhooks_due
from goodwill.integrations.verify import InvalidSignature, sign, verify
from goodwill.organisation.models import User
from goodwill.promises.services import promise_make

pytestmark = pytest.mark.django_db


class Receiver:
    """A webhook receiver on 127.0.0.1: answers with the statuses queued, then 200."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.answers: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers.items()), body))
                status = receiver.answers.pop(0) if receiver.answers else 200
                answer = b"boom" * 1000 if status >= 500 else b'{"ok":true}'
                self.send_response(status)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings: Any) -> Iterator[Receiver]:
    settings.GOODWILL_WEBHOOK_ALLOW_PRIVATE = True  # the receiver is on loopback
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def endpoint(manager: User, receiver: Receiver) -> WebhookEndpoint:
    return webhook_endpoint_create(
        actor=manager,
        url=receiver.url,
        events=["case.opened", "case.status_changed", "case.closed", "promise.made"],
    )


def test_a_new_case_is_posted_signed_and_verified_by_the_receiver(
    endpoint: WebhookEndpoint, receiver: Receiver, agent: User, client_t: Client
) -> None:
    case = case_open(actor=agent, client=client_t, summary="Flat tyre", channel="phone")
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.status == "pending" and not receiver.received  # recorded, not yet sent

    assert webhooks_due(timezone.now()) == 1

    ((headers, body),) = receiver.received
    verify(endpoint.secret, headers["X-Goodwill-Signature"], body)
    assert headers["X-Goodwill-Delivery"] == str(delivery.uuid)
    assert headers["X-Goodwill-Event"] == "case.opened"
    payload = json.loads(body)
    assert payload["id"] == str(delivery.uuid)
    assert payload["data"]["case"] == case.reference
    assert payload["data"]["client"] == client_t.ref
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.response_status == 200
    assert delivery.response_body == '{"ok":true}'
    assert webhooks_due(timezone.now()) == 0  # delivered once


def test_a_failing_receiver_is_tried_again_after_a_pause_then_succeeds(
    endpoint: WebhookEndpoint, receiver: Receiver, agent: User, client_t: Client
) -> None:
    case_open(actor=agent, client=client_t, summary="Flat tyre", channel="phone")
    receiver.answers = [500]
    now = timezone.now()

    assert webhooks_due(now) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and delivery.attempts == 1
    assert delivery.response_status == 500
    assert len(delivery.response_body) == 2048  # the first 2 KB of the answer
    assert delivery.next_attempt_at == now + dt.timedelta(minutes=1)

    assert webhooks_due(now + dt.timedelta(seconds=30)) == 0  # not yet
    assert webhooks_due(now + dt.timedelta(seconds=61)) == 1
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 2
    first, second = receiver.received
    assert first[0]["X-Goodwill-Delivery"] == second[0]["X-Goodwill-Delivery"]  # idempotency


def test_a_receiver_failing_every_time_is_given_up_after_the_back_off(
    endpoint: WebhookEndpoint, receiver: Receiver, agent: User, client_t: Client
) -> None:
    case_open(actor=agent, client=client_t, summary="Flat tyre", channel="phone")
    receiver.answers = [503] * 10
    now = timezone.now()
    pauses = []
    for _ in range(len(WEBHOOK_BACKOFF)):
        assert webhooks_due(now) == 1
        delivery = WebhookDelivery.objects.get()
        pauses.append(delivery.next_attempt_at - now)
        now = delivery.next_attempt_at
    assert pauses == list(WEBHOOK_BACKOFF)  # 1 min, 5, 30, 2 h, 12 h
    assert webhooks_due(now) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and delivery.attempts == len(WEBHOOK_BACKOFF) + 1
    assert webhooks_due(now + dt.timedelta(days=7)) == 0


def test_a_manager_replays_a_delivery_by_hand_from_the_log(
    endpoint: WebhookEndpoint,
    receiver: Receiver,
    agent: User,
    manager: User,
    client_t: Client,
) -> None:
    case_open(actor=agent, client=client_t, summary="Flat tyre", channel="phone")
    webhooks_due(timezone.now())
    delivery = WebhookDelivery.objects.get()
    browser = HttpClient()
    browser.force_login(manager)
    log = browser.get(f"/integrations/webhooks/{endpoint.pk}/")
    assert log.status_code == 200 and str(delivery.uuid) in log.content.decode()

    answer = browser.post(f"/integrations/webhooks/deliveries/{delivery.pk}/replay/")
    assert answer.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == "pending"
    assert webhooks_due(timezone.now()) == 1
    assert len(receiver.received) == 2
    delivery.refresh_from_db()
    assert delivery.status == "delivered"


def test_the_receivers_verify_refuses_forgeries_and_replays(
    endpoint: WebhookEndpoint, receiver: Receiver, agent: User, client_t: Client
) -> None:
    case_open(actor=agent, client=client_t, summary="Flat tyre", channel="phone")
    webhooks_due(timezone.now())
    ((headers, body),) = receiver.received
    header = headers["X-Goodwill-Signature"]
    sent_at = verify(endpoint.secret, header, body)

    with pytest.raises(InvalidSignature):  # the same delivery, captured and replayed later
        verify(endpoint.secret, header, body, now=sent_at + 301)
    with pytest.raises(InvalidSignature):
        verify(endpoint.secret, header, body.replace(b"Flat", b"Flat"[::-1]) + b" ")
    with pytest.raises(InvalidSignature):
        verify("whsec_someone_else", header, body)
    with pytest.raises(InvalidSignature):
        verify(endpoint.secret, "v1=abc", body)
    # An old timestamp signed afresh with a guessed secret is no better.
    old = int(time.time()) - 3600
    with pytest.raises(InvalidSignature):
        verify(endpoint.secret, sign(endpoint.secret, body, old), body)


def test_events_go_only_to_endpoints_subscribed_and_active(
    endpoint: WebhookEndpoint,
    manager: User,
    receiver: Receiver,
    advisor: User,
    case_t: Case,
) -> None:
    only_promises = webhook_endpoint_create(
        actor=manager, url=receiver.url + "/promises", events=["promise.made"]
    )
    promise_make(
        actor=advisor, case=case_t, text="Call back", due_at=timezone.now() + dt.timedelta(hours=1)
    )
    case_change_status(actor=None, case=case_t, status="closed")
    assert sorted(
        WebhookDelivery.objects.filter(endpoint=endpoint).values_list("event", flat=True)
    ) == [
        "case.closed",
        "case.opened",
        "case.status_changed",
        "promise.made",
    ]
    assert list(only_promises.deliveries.values_list("event", flat=True)) == ["promise.made"]

    webhook_endpoint_set_active(actor=manager, endpoint=only_promises, active=False)
    case_open(actor=advisor, client=case_t.client, summary="Another", channel="phone")
    promise_make(
        actor=advisor,
        case=Case.objects.get(summary="Another"),
        text="Call back",
        due_at=timezone.now() + dt.timedelta(hours=1),
    )
    assert only_promises.deliveries.count() == 1  # paused: nothing recorded


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hooks",
        "http://localhost/hooks",
        "http://10.1.2.3/hooks",
        "http://192.168.0.10/hooks",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hooks",
        "http://[::ffff:127.0.0.1]/hooks",
        "ftp://example.com/hooks",
        "file:///etc/passwd",
        "https://user:pass@example.com/hooks",
        "not a url",
    ],
)
def test_private_addresses_and_other_schemes_are_refused(manager: User, url: str) -> None:
    with pytest.raises(ValidationError):
        webhook_endpoint_create(actor=manager, url=url, events=["case.opened"])


def test_a_public_address_is_taken(manager: User) -> None:
    endpoint = webhook_endpoint_create(
        actor=manager, url="https://93.184.216.34/hooks", events=["case.opened"]
    )
    assert endpoint.secret.startswith("whsec_")


def test_a_name_that_comes_to_point_inward_is_not_posted_to(
    manager: User, agent: User, client_t: Client, settings: Any, receiver: Receiver
) -> None:
    endpoint = webhook_endpoint_create(actor=manager, url=receiver.url, events=["case.opened"])
    settings.GOODWILL_WEBHOOK_ALLOW_PRIVATE = False  # as in production
    case_open(actor=agent, client=client_t, summary="Flat tyre", channel="phone")
    webhooks_due(timezone.now())
    delivery = endpoint.deliveries.get()
    assert delivery.status == "pending" and "private" in delivery.last_error
    assert not receiver.received


def test_only_the_brands_managers_manage_webhooks(
    advisor: User, manager: User, receiver: Receiver
) -> None:
    browser = HttpClient()
    browser.force_login(advisor)
    assert browser.get("/integrations/webhooks/").status_code == 403
    with pytest.raises(PermissionDenied):
        webhook_endpoint_create(actor=advisor, url=receiver.url, events=["case.opened"])

    browser.force_login(manager)
    answer = browser.post(
        "/integrations/webhooks/",
        {"url": receiver.url, "events": ["case.opened", "promise.kept"], "description": "CRM"},
    )
    endpoint = WebhookEndpoint.objects.get()
    assert (
        answer.status_code == 302 and answer["Location"] == f"/integrations/webhooks/{endpoint.pk}/"
    )
    assert endpoint.events == ["case.opened", "promise.kept"]
    refused = browser.post(
        "/integrations/webhooks/", {"url": "gopher://x", "events": ["case.opened"]}
    )
    assert refused.status_code == 400
    unknown = browser.post("/integrations/webhooks/", {"url": receiver.url, "events": ["nope"]})
    assert unknown.status_code == 400


def test_a_delivery_is_recorded_only_once_the_action_commits(
    endpoint: WebhookEndpoint,
    agent: User,
    client_t: Client,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.GOODWILL_REACTIONS_EAGER = False  # as in production
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case_open(actor=agent, client=client_t, summary="Flat tyre", channel="phone")
        assert not WebhookDelivery.objects.exists()  # a case that may still roll back
    for callback in callbacks * 2:  # the commit, and a retried task
        callback()
    assert WebhookDelivery.objects.filter(event="case.opened").count() == 1


def test_a_delivery_another_worker_took_over_is_not_posted_twice(
    endpoint: WebhookEndpoint, receiver: Receiver, agent: User, client_t: Client
) -> None:
    from goodwill.integrations.services import webhook_claim_due, webhook_deliver

    case_open(actor=agent, client=client_t, summary="Flat tyre", channel="phone")
    now = timezone.now()
    (slow,) = webhook_claim_due(now=now)
    # This worker stalls past its lease; a second one takes the delivery and posts it.
    later = now + dt.timedelta(minutes=5)
    (taken,) = webhook_claim_due(now=later)
    assert webhook_deliver(delivery=taken, now=later) == "delivered"
    assert webhook_deliver(delivery=slow, now=later) == "sending"  # left alone
    assert len(receiver.received) == 1
