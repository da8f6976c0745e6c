"""Service matched to the client: the classes of each kind of service, in order, and whether a
choice falls below what the brand's policy says. Pure functions: the task form proposes with them
and the services decide with them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# Each ladder from the lowest class to the highest.
CAR_CLASSES: tuple[tuple[str, object], ...] = (
    ("B", _("Class B (compact)")),
    ("C", _("Class C (mid-size)")),
    ("E", _("Class E (executive)")),
    ("S", _("Class S (luxury)")),
)
HOTEL_CLASSES: tuple[tuple[str, object], ...] = (
    ("2", _("2 stars")),
    ("3", _("3 stars")),
    ("4", _("4 stars")),
    ("5", _("5 stars")),
)
TRANSPORT_CLASSES: tuple[tuple[str, object], ...] = (
    ("public", _("Public transport")),
    ("taxi", _("Taxi")),
    ("chauffeur", _("Chauffeur")),
)
# Which ladder a task of each kind climbs; other kinds (a tow, a warranty claim) have no class.
LADDERS: dict[str, tuple[tuple[str, object], ...]] = {
    "rental": CAR_CLASSES,
    "hotel": HOTEL_CLASSES,
    "taxi": TRANSPORT_CLASSES,
}


def class_codes(kind: str) -> tuple[str, ...]:
    return tuple(code for code, _label in LADDERS.get(kind, ()))


def rank(kind: str, code: str) -> int | None:
    """Where `code` stands on the ladder of `kind` (0 the lowest), None when it is not on it."""
    codes = class_codes(kind)
    return codes.index(code) if code in codes else None


def is_below_policy(
    *,
    kind: str,
    chosen_class: str,
    policy_class: str,
    chosen_nights: int | None = None,
    policy_nights: int | None = None,
) -> bool:
    """A choice is below the policy when its class stands lower on the kind's ladder than the
    policy's, or (a hotel) it gives fewer nights. No policy class: nothing to be below."""
    chosen, policy = rank(kind, chosen_class), rank(kind, policy_class)
    if policy is not None and (chosen is None or chosen < policy):
        return True
    return (
        kind == "hotel"
        and policy_nights is not None
        and chosen_nights is not None
        and chosen_nights < policy_nights
    )
