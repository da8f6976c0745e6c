"""A message's body as the agent reads it: the client's words first, the quoted history folded."""

from __future__ import annotations

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from goodwill.channels.email import quoting
from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.parsing import sanitize_html


def _without_remote_images(html: str) -> str:
    """Remote images tell the sender when and where the mail was read: blocked until asked for."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src" and not value.startswith("data:"):
            return None
        return value

    return nh3.clean(html, attribute_filter=keep, url_schemes={"http", "https", "mailto", "tel", "cid"},
                     link_rel="noopener noreferrer nofollow")


def render_body(*, inbound: InboundMessage, images: bool) -> tuple[SafeString, SafeString]:
    """(main, quoted) as HTML safe to put in the sandboxed frame."""
    if inbound.body_html:
        # Sanitised when stored; sanitised again here so a stricter rule applies to old mail too.
        html = sanitize_html(inbound.body_html)
        if not images:
            html = _without_remote_images(html)
        main, quoted = quoting.split_html(html)
        return mark_safe(main), mark_safe(quoted)  # noqa: S308  (nh3 output)
    main_text, quoted_text = quoting.split_text(inbound.body_text)
    return (mark_safe(f'<pre class="text">{escape(main_text)}</pre>'),  # noqa: S308  (escaped)
            mark_safe(f'<pre class="text">{escape(quoted_text)}</pre>' if quoted_text else ""))  # noqa: S308
