"""Showing what a stranger's mail named: file names and senders stored before they were
cleaned at intake are cleaned again when shown."""

from __future__ import annotations

from django import template

from goodwill.text import one_line

register = template.Library()


@register.filter(name="one_line")
def one_line_filter(value: object) -> str:
    """One line of visible text: no control character, no bidi override (goodwill.text)."""
    return one_line(str(value or ""))
