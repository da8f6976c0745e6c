"""How a line of the client's story reads in the screen pop."""

from babel import UnknownLocaleError
from babel.lists import format_list
from django import template
from django.utils import timezone, translation

from goodwill.clients.models import Cover, Product
from goodwill.clients.normalize import phone_display
from goodwill.timeline.models import Entry

register = template.Library()


@register.filter
def said_in_summary(entry: Entry) -> bool:
    """Notes, calls and messages say it in their summary (their first line): the pop reads that
    rather than the timeline's line (web's entry_line), never a body that can run to pages."""
    return entry.kind in (
        Entry.Kind.NOTE,
        Entry.Kind.CALL,
        Entry.Kind.MESSAGE_IN,
        Entry.Kind.MESSAGE_OUT,
    )


@register.filter
def phone_number(e164: str) -> str:
    """ "+41794123508" → "+41 79 412 35 08"."""
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
        return format_list(
            names, style="or", locale=(translation.get_language() or "en").replace("-", "_")
        )
    except (ValueError, UnknownLocaleError):
        return ", ".join(names)


@register.filter
def live_covers(product: Product) -> list[Cover]:
    """The product's covers running today (read from the prefetched covers: no query)."""
    today = timezone.localdate()
    return [c for c in product.covers.all() if c.starts_on <= today <= c.ends_on]
