"""The receiver's side of Goodwill's webhooks: is this delivery really from Goodwill, and fresh?

Standard library only, so a receiver may copy this file as it is (docs/webhooks.md):

    from verify import InvalidSignature, verify
    try:
        verify(secret, request.headers["X-Goodwill-Signature"], raw_body)
    except InvalidSignature:
        return 400

The header is `t=<unix time>,v1=<hex HMAC-SHA256 of "<t>." + body with the endpoint's secret>`.
"""

from __future__ import annotations

import hashlib
import hmac
import time


class InvalidSignature(ValueError):
    """The delivery is not Goodwill's (wrong secret, altered body) or is too old to trust."""


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The X-Goodwill-Signature header for `body` sent at `timestamp`."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify(
    secret: str, header: str, body: bytes, tolerance: int = 300, now: float | None = None
) -> int:
    """The delivery's timestamp when `header` signs `body` with `secret` and was made within
    `tolerance` seconds of now; else InvalidSignature. The timestamp is inside the signature, so
    a captured delivery replayed later is refused: keep the delivery id (X-Goodwill-Delivery) to
    act on each one once within the tolerance too."""
    timestamp: int | None = None
    signatures: list[str] = []
    for part in (header or "").split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isascii() and value.isdecimal():
            timestamp = int(value)
        elif key == "v1":
            signatures.append(value)
    if timestamp is None or not signatures:
        raise InvalidSignature("The signature header is malformed.")
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        raise InvalidSignature("The signature is too old (or from the future): a replay?")
    expected = sign(secret, body, timestamp).partition(",v1=")[2]
    # Several v1 values may be sent while a secret is being changed: one must match.
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise InvalidSignature("The signature does not match the body.")
    return timestamp
