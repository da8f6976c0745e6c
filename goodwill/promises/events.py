"""What happens to a promise, announced for the apps above (reactions: goodwill/reactions.py)."""

from __future__ import annotations

import dataclasses

from goodwill.events import Event
from goodwill.promises.models import Promise


@dataclasses.dataclass(frozen=True, kw_only=True)
class PromiseMade(Event):
    promise: Promise


@dataclasses.dataclass(frozen=True, kw_only=True)
class PromiseKept(Event):
    promise: Promise


@dataclasses.dataclass(frozen=True, kw_only=True)
class PromiseBroken(Event):
    """The promise fell due with nobody marking it kept (promises.sweeps)."""

    promise: Promise
