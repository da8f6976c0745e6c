"""What happens to what Goodwill sends, announced for the apps above (goodwill/reactions.py)."""

from __future__ import annotations

import dataclasses

from goodwill.channels.outbox.models import OutboundMessage
from goodwill.events import Event


@dataclasses.dataclass(frozen=True, kw_only=True)
class DeliveryFailed(Event):
    """A message to a client will never arrive (given up, or refused for good)."""

    message: OutboundMessage
    reason: str
