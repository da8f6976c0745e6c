"""A message's body as the agent reads it: the client's words first, the quoted history folded."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from goodwill.channels.email import quoting
from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.parsing import sanitize_html


def render_body(*, inbound: InboundMessage, images: bool) -> tuple[SafeString, SafeString]:
    """(main, quoted) as HTML safe to put in the sandboxed frame."""
    if inbound.body_html:
        # Sanitised when stored; sanitised again here so a stricter rule applies to old mail too.
        html = sanitize_html(inbound.body_html, images=images)
        main, quoted = quoting.split_html(html)
        return mark_safe(main), mark_safe(quoted)  # noqa: S308  (nh3 output)
    main_text, quoted_text = quoting.split_text(inbound.body_text)
    return (
        mark_safe(f'<pre class="text">{escape(main_text)}</pre>'),  # noqa: S308  (escaped)
        mark_safe(f'<pre class="text">{escape(quoted_text)}</pre>' if quoted_text else ""),  # noqa: S308  (escaped)
    )
