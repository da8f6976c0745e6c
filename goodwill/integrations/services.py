"""Writes of the integrations: API tokens made, used and revoked; webhook endpoints; deliveries
recorded, posted, retried and replayed."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
import secrets
import socket
import time
import urllib.error
import urllib.request
import uuid
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from goodwill.integrations.models import ApiToken, WebhookDelivery, WebhookEndpoint
from goodwill.integrations.verify import sign
from goodwill.integrations.webhook_events import WEBHOOK_EVENTS
from goodwill.organisation.models import User

TOKEN_PREFIX = "gw_"  # noqa: S105  (what a token begins with, not a secret)
# Last use is written at most this often: a busy integration must not write on every request.
LAST_USED_EVERY = dt.timedelta(minutes=1)
LONGEST_TOKEN_DAYS = 3650

WEBHOOK_TIMEOUT_SECONDS = 10
# The pause after the 1st, 2nd… failed attempt; after the last, the delivery has failed.
WEBHOOK_BACKOFF = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=12),
)
# Longer than an attempt can take: a claim older than this is a worker that died.
WEBHOOK_LEASE = dt.timedelta(seconds=3 * WEBHOOK_TIMEOUT_SECONDS)
RESPONSE_KEPT = 2048


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def can_manage_webhooks(user: User) -> bool:
    """Webhooks carry what happens across every site: brand-wide managers and admins only."""
    return user.is_active and (
        user.is_superuser
        or (user.role in (User.Role.MANAGER, User.Role.ADMIN) and user.sees_all_clients)
    )


@transaction.atomic
def api_token_create(
    *,
    actor: User | None,
    user: User,
    name: str,
    scope: str = ApiToken.Scope.READ,
    days: int | None = None,
    at: dt.datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token for `user`, and the token itself, which is never stored and cannot be shown
    again. Staff make tokens for themselves only (the CLI, run by whoever runs the server, for
    anyone active)."""
    if actor is not None and actor.pk != user.pk:
        raise PermissionDenied(_("You can only make tokens for yourself."))
    at = at or timezone.now()
    errors: dict[str, list[str]] = {}
    name = name.strip()
    if not name:
        errors["name"] = [_("Name the token after what will use it.")]
    elif len(name) > ApiToken._meta.get_field("name").max_length:  # type: ignore[operator]
        errors["name"] = [_("Keep the name under 100 characters.")]
    if scope not in ApiToken.Scope.values:
        errors["scope"] = [_("Choose read or write.")]
    if days is not None and not 0 < days <= LONGEST_TOKEN_DAYS:
        errors["days"] = [
            _("A token lasts from 1 to %(days)s days.") % {"days": LONGEST_TOKEN_DAYS}
        ]
    if not user.is_active:
        errors["user"] = [_("This person's account is deactivated.")]
    if errors:
        raise ValidationError(errors)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)  # 256 random bits
    token = ApiToken.objects.create(
        user=user,
        name=name,
        scope=scope,
        token_hash=token_hash(raw),
        hint=raw[:10],
        created_at=at,
        expires_at=at + dt.timedelta(days=days) if days else None,
    )
    return token, raw


def api_token_revoke(*, actor: User, token: ApiToken, at: dt.datetime | None = None) -> None:
    """A token stops working at once; only its own user revokes it here (admins deactivate)."""
    if token.user_id != actor.pk:
        raise PermissionDenied(_("This is not your token."))
    at = at or timezone.now()
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=at)


def api_token_authenticate(*, raw: str, now: dt.datetime | None = None) -> ApiToken | None:
    """The token `raw` names, with its user, if it may be used now: not revoked, not expired,
    its user active. Its last use is written at most once a minute (a conditional UPDATE, so
    parallel requests write it once)."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    now = now or timezone.now()
    token = (
        ApiToken.objects.select_related("user", "user__site")
        .filter(token_hash=token_hash(raw), revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or token.last_used_at <= now - LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_EVERY)
        ).update(last_used_at=now)
        token.last_used_at = now
    return token


# Webhook endpoints


def _address_refused(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def url_problem(url: str, *, resolve: bool = True) -> str | None:
    """Why Goodwill must not post to `url`, or None: only http(s), and no private, loopback or
    link-local address (the server's own network is not the outside world) unless the setting
    GOODWILL_WEBHOOK_ALLOW_PRIVATE says so. Checked again before every post: a name may come to
    point elsewhere."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return _("This is not a web address.")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _("Only http:// and https:// addresses can receive webhooks.")
    if parts.username or parts.password:
        return _("Put no user name or password in the address; the signature proves the sender.")
    if settings.GOODWILL_WEBHOOK_ALLOW_PRIVATE:
        return None
    host = parts.hostname
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        if not resolve:
            return None
        try:
            found = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return _("The host %(host)s cannot be found.") % {"host": host}
        addresses = [str(info[4][0]) for info in found]
    if any(_address_refused(address) for address in addresses):
        return _("%(host)s is a private, loopback or link-local address.") % {"host": host}
    return None


def _events_checked(events: list[str]) -> list[str]:
    unknown = [event for event in events if event not in WEBHOOK_EVENTS]
    if unknown or not events:
        raise ValidationError({"events": [_("Choose at least one of the listed events.")]})
    return [event for event in WEBHOOK_EVENTS if event in events]


@transaction.atomic
def webhook_endpoint_create(
    *,
    actor: User,
    url: str,
    events: list[str],
    description: str = "",
    at: dt.datetime | None = None,
) -> WebhookEndpoint:
    """A new endpoint, with a new secret to share with its receiver."""
    if not can_manage_webhooks(actor):
        raise PermissionDenied(_("Only the brand's managers manage webhooks."))
    url = url.strip()
    problem = url_problem(url) if len(url) <= 500 else _("The address is too long.")
    if problem:
        raise ValidationError({"url": [problem]})
    return WebhookEndpoint.objects.create(
        url=url,
        description=description.strip()[:200],
        secret="whsec_" + secrets.token_urlsafe(32),
        events=_events_checked(events),
        created_by=actor,
        created_at=at or timezone.now(),
    )


def webhook_endpoint_set_active(*, actor: User, endpoint: WebhookEndpoint, active: bool) -> None:
    """Pause or resume an endpoint: while paused nothing is recorded for it."""
    if not can_manage_webhooks(actor):
        raise PermissionDenied(_("Only the brand's managers manage webhooks."))
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=active)
    endpoint.active = active


def webhook_record(
    *, event: str, key: str, data: dict[str, Any], at: dt.datetime | None = None
) -> int:
    """Record `event` for every active endpoint subscribed to it; the worker posts it. Nothing is
    sent here, so the action that caused it never waits for a receiver. Once per endpoint and
    key: a reaction run twice records nothing more. Returns how many were recorded."""
    if event not in WEBHOOK_EVENTS:
        raise ValueError(f"unknown webhook event {event!r}: add it to webhook_events.py")
    at = at or timezone.now()
    endpoints = [e for e in WebhookEndpoint.objects.filter(active=True) if event in e.events]
    rows = []
    for endpoint in endpoints:
        delivery_id = uuid.uuid4()
        payload = {
            "id": str(delivery_id),
            "event": event,
            "created_at": at.isoformat(),
            "data": data,
        }
        rows.append(
            WebhookDelivery(
                uuid=delivery_id,
                endpoint=endpoint,
                event=event,
                event_key=key[:200],
                payload=json.loads(json.dumps(payload, cls=DjangoJSONEncoder)),
                next_attempt_at=at,
                created_at=at,
            )
        )
    created = WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=True)
    return len(created)


# Deliveries


def _claimable(now: dt.datetime) -> Q:
    # Due, or being sent by a worker whose lease ran out (it died mid-post).
    return Q(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now) | Q(
        status=WebhookDelivery.Status.SENDING, claimed_until__lt=now
    )


def webhook_claim_due(*, now: dt.datetime, limit: int = 20) -> list[WebhookDelivery]:
    """Claim up to `limit` due deliveries for this worker: SKIP LOCKED lets workers take
    different rows side by side; the conditional UPDATE never lets two take the same one."""
    claim = uuid.uuid4().hex
    with transaction.atomic():
        ids = list(
            WebhookDelivery.objects.filter(_claimable(now))
            .order_by("next_attempt_at", "id")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        if not ids:
            return []
        WebhookDelivery.objects.filter(_claimable(now), pk__in=ids).update(
            status=WebhookDelivery.Status.SENDING,
            claimed_by=claim,
            claimed_until=now + WEBHOOK_LEASE,
        )
    return list(
        WebhookDelivery.objects.filter(claimed_by=claim, status=WebhookDelivery.Status.SENDING)
        .select_related("endpoint")
        .order_by("id")
    )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # A redirect could lead anywhere (the server's own network): a 3xx is an answer, not a hop.
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


# No proxies from the environment: the address checked must be the address connected to.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def _post(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> tuple[int | None, str, str]:
    """(status, first 2 KB of the answer, error) of one post."""
    problem = url_problem(endpoint.url)
    if problem:
        return None, "", problem
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    request = urllib.request.Request(  # noqa: S310  (http/https only: url_problem)
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Goodwill-Webhooks/1",
            "X-Goodwill-Event": delivery.event,
            "X-Goodwill-Delivery": str(delivery.uuid),
            "X-Goodwill-Signature": sign(endpoint.secret, body, int(time.time())),
        },
    )
    try:
        with _opener.open(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:
            return response.status, _kept(response.read(RESPONSE_KEPT)), ""
    except urllib.error.HTTPError as error:
        answer = _kept(error.read(RESPONSE_KEPT)) if error.fp else ""
        return error.code, answer, f"HTTP {error.code}"
    except (OSError, ValueError) as error:  # refused, timed out, TLS, a malformed answer
        return None, "", str(error)[:500] or type(error).__name__


def _kept(raw: bytes) -> str:
    return raw[:RESPONSE_KEPT].decode("utf-8", "replace").replace("\x00", "")


def webhook_deliver(*, delivery: WebhookDelivery, now: dt.datetime | None = None) -> str:
    """Post one claimed delivery and record the answer; returns the new status. A 2xx is
    delivered; anything else is tried again after WEBHOOK_BACKOFF, then failed for good."""
    now = now or timezone.now()
    # A batch is claimed at once but posted one by one, each up to the timeout: renew the lease
    # before each post, and leave alone a delivery whose lease ran out (another worker has it).
    renewed = WebhookDelivery.objects.filter(
        pk=delivery.pk, claimed_by=delivery.claimed_by, status=WebhookDelivery.Status.SENDING
    ).update(claimed_until=max(now, timezone.now()) + WEBHOOK_LEASE)
    if not renewed:
        return WebhookDelivery.Status.SENDING
    status_code, answer, error = _post(delivery.endpoint, delivery)
    attempts = delivery.attempts + 1
    fields: dict[str, Any] = {
        "attempts": attempts,
        "last_attempt_at": now,
        "response_status": status_code,
        "response_body": answer,
        "last_error": error,
        "claimed_by": "",
        "claimed_until": None,
    }
    if status_code is not None and 200 <= status_code < 300:
        fields.update(status=WebhookDelivery.Status.DELIVERED, delivered_at=now, last_error="")
    elif attempts > len(WEBHOOK_BACKOFF):
        fields.update(status=WebhookDelivery.Status.FAILED)
    else:
        fields.update(
            status=WebhookDelivery.Status.PENDING,
            next_attempt_at=now + WEBHOOK_BACKOFF[attempts - 1],
        )
    # Only the claim's holder records: a worker whose lease ran out leaves the row to the next.
    WebhookDelivery.objects.filter(pk=delivery.pk, claimed_by=delivery.claimed_by).update(**fields)
    for name, value in fields.items():
        setattr(delivery, name, value)
    return str(fields["status"])


def webhook_replay(
    *, actor: User, delivery: WebhookDelivery, at: dt.datetime | None = None
) -> None:
    """Post a delivery again now, by hand (the receiver was fixed): with the same delivery id,
    so a receiver that did act on it already can tell, and a fresh signature. Its attempts start
    again."""
    if not can_manage_webhooks(actor):
        raise PermissionDenied(_("Only the brand's managers manage webhooks."))
    changed = WebhookDelivery.objects.filter(
        pk=delivery.pk,
        status__in=[WebhookDelivery.Status.DELIVERED, WebhookDelivery.Status.FAILED],
    ).update(
        status=WebhookDelivery.Status.PENDING,
        attempts=0,
        next_attempt_at=at or timezone.now(),
        claimed_by="",
        claimed_until=None,
    )
    if not changed:
        raise ValidationError({"delivery": [_("This delivery is being sent already.")]})
    delivery.refresh_from_db()
