"""What surveys announce, for the apps above (reactions: goodwill/reactions.py)."""

from __future__ import annotations

import dataclasses

from goodwill.events import Event
from goodwill.surveys.models import Survey


@dataclasses.dataclass(frozen=True, kw_only=True)
class SurveyAnswered(Event):
    """A client's answer became final (their submit, the portal, or the score left alone)."""

    survey: Survey
