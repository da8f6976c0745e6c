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


@dataclasses.dataclass(frozen=True, kw_only=True)
class TemplateBroken(Event):
    """A stored template could not render: the built-in words went out instead. `version` tells
    one text of the template from the next, so managers hear once per broken version."""

    template: str  # its name ("acknowledgement")
    language: str
    problem: str
    version: str
