"""Every event a webhook endpoint may subscribe to, in one list.

To announce a new one (a survey answered, a journey stage reached): add its name and label here,
and a reaction in goodwill/reactions.py that calls `integrations.services.webhook_record` with
the event's name, a key naming what happened once, and its data (references and statuses: the
receiver reads the rest through /api/v1/ with a token, under that token's isolation).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

WEBHOOK_EVENTS: dict[str, Promise] = {
    "case.opened": _("A case was opened"),
    "case.closed": _("A case was closed"),
    "case.status_changed": _("A case's status changed"),
    "promise.made": _("A promise was made to a client"),
    "promise.kept": _("A promise was kept"),
    "promise.broken": _("A promise was broken"),
    "message.in": _("A client contacted us about a case"),
    "message.out": _("We told a client something about a case"),
    "survey.answered": _("A client answered a survey"),
    "journey.stage_reached": _("A client's journey reached a stage"),
}


def event_choices() -> list[tuple[str, Promise]]:
    return list(WEBHOOK_EVENTS.items())
