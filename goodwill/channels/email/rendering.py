"""A message's body as the agent reads it: the client's words first, the quoted history folded.

Nothing is sanitised here: the HTML was made safe when the message was taken in (body.prepare),
and a page only chooses the stored copy (with or without remote images) and folds the history.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from goodwill.channels.email import body, quoting
from goodwill.channels.email.models import InboundMessage


@dataclass(frozen=True)
class Shown:
    main: SafeString
    quoted: SafeString
    cut_chars: int  # the length of the body when only its first body.MAX_CHARS are shown
    cut_depth: int  # the deepest nesting, when parts deeper than body.MAX_DEPTH are flattened


def render_body(*, inbound: InboundMessage, images: bool) -> Shown:
    """The body as HTML safe to put in the sandboxed frame, and what the limits left out."""
    cut = inbound.body_cut if isinstance(inbound.body_cut, dict) else {}
    if inbound.body_html:
        blocked = inbound.body_html_blocked
        html = blocked if blocked and not images else inbound.body_html
        main, quoted = quoting.split_html(html)
        return Shown(
            mark_safe(main),  # noqa: S308  (sanitised by nh3 at intake)
            mark_safe(quoted),  # noqa: S308  (sanitised by nh3 at intake)
            int(cut.get("chars", 0)),
            int(cut.get("depth", 0)),
        )
    text = inbound.body_text
    cut_chars = len(text) if len(text) > body.MAX_CHARS else 0
    main_text, quoted_text = quoting.split_text(text[: body.MAX_CHARS])
    return Shown(
        mark_safe(f'<pre class="text">{escape(main_text)}</pre>'),  # noqa: S308  (escaped)
        mark_safe(f'<pre class="text">{escape(quoted_text)}</pre>' if quoted_text else ""),  # noqa: S308  (escaped)
        cut_chars,
        0,
    )
