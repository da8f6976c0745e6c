"""Showing what a stranger's mail named: file names and senders stored before they were
cleaned at intake are cleaned again when shown; a message that claims to continue another case
says so, with the button that moves it there."""

from __future__ import annotations

from typing import Any

from django import template

from goodwill.channels.email.models import InboundMessage
from goodwill.organisation.models import User
from goodwill.text import one_line

register = template.Library()


@register.filter(name="one_line")
def one_line_filter(value: object) -> str:
    """One line of visible text: no control character, no bidi override (goodwill.text)."""
    return one_line(str(value or ""))


@register.simple_tag
def claim_state(entry: Any, user: Any) -> dict[str, Any] | None:
    """For a message that claims to continue another case (intake_thread): its reference,
    whether it moved there already (one query, only for such a message), and whether `user`
    may move it (they see the claimed case's site; the service checks again)."""
    payload = getattr(entry, "payload", None)
    claim = payload.get("claim") if isinstance(payload, dict) else None
    if not isinstance(claim, dict) or not claim.get("reference"):
        return None
    inbound_id = payload.get("inbound_id") if isinstance(payload, dict) else None
    now_on = (
        InboundMessage.objects.filter(pk=inbound_id).values_list("case_id", flat=True).first()
        if inbound_id
        else None
    )
    moved = now_on is not None and now_on != entry.case_id
    sees = isinstance(user, User) and user.sees_site(claim.get("site_id"))
    return {"reference": claim["reference"], "moved": moved, "can_move": sees and not moved}
