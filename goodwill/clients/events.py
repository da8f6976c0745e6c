"""What happens in the client book, announced for the apps above (goodwill/reactions.py)."""

from __future__ import annotations

import dataclasses

from goodwill.clients.models import Client, Product
from goodwill.events import Event
from goodwill.organisation.models import User


@dataclasses.dataclass(frozen=True, kw_only=True)
class ProductAdded(Event):
    """The client owns something more: what they own sets their tier."""

    client: Client
    product: Product


@dataclasses.dataclass(frozen=True, kw_only=True)
class MileageRecorded(Event):
    """A product's mileage was read: the journeys plan its next service from the readings."""

    product: Product


@dataclasses.dataclass(frozen=True, kw_only=True)
class ProductDelivered(Event):
    """Staff gave (or corrected) the day a product was handed to the client, after it was added:
    its order journey reaches its delivery on that day."""

    product: Product
    actor: User | None
