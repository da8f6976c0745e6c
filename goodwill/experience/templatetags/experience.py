"""The experience score's badge colour, for any page that shows a score."""

from __future__ import annotations

from django import template

from goodwill.experience.selectors import band

register = template.Library()


@register.filter(name="experience_band")
def experience_band(score: int | None) -> str:
    """ "good", "fair" or "poor" (the CSS class score-<band>)."""
    return band(score if isinstance(score, int) else None)
