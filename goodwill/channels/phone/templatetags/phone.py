"""How a line of the client's story reads in the screen pop."""

from babel import UnknownLocaleError
from babel.lists import format_list
from django import template
from django.utils import translation

from goodwill.clients.normalize import phone_display
from goodwill.timeline.models import Entry
from goodwill.timeline.templatetags.timeline import entry_line

register = template.Library()


@register.filter
def pop_line(entry: Entry) -> str:
    """Like the timeline's line, without reading the entry's body: notes and calls say it in their
    summary (their first line), and a message's body can run to pages the pop never shows."""
    if entry.kind in (Entry.Kind.NOTE, Entry.Kind.CALL, Entry.Kind.MESSAGE_IN, Entry.Kind.MESSAGE_OUT):
        return entry.summary
    return entry_line(entry)


@register.filter
def phone_number(e164: str) -> str:
    """"+41794123508" → "+41 79 412 35 08"."""
    return phone_display(e164) if e164.startswith("+") else e164


@register.filter
def kind_label(entry: Entry) -> str:
    """entry.get_kind_display() without its cost: it builds a dict of all 17 kinds, translating each
    label to hash it, for every entry shown."""
    try:
        return str(Entry.Kind(entry.kind).label)
    except ValueError:
        return entry.kind


@register.filter
def or_list(names: list[str]) -> str:
    """["German", "French", "Italian"] → "German, French, or Italian", in the reader's language."""
    try:
        return format_list(names, style="or", locale=(translation.get_language() or "en").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return ", ".join(names)
