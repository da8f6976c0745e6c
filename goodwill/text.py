"""Text that strangers wrote, made safe to show on one line: names, subjects, file names.

Pure standard library (no Django), so the header tests can run it under any interpreter.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Control characters (NUL, CR, LF, ESC…) and line or paragraph separators: they break a line,
# a header or a terminal, so they become a space.
_AS_SPACE = frozenset({"Cc", "Zl", "Zp"})
# Invisible format characters (bidi overrides such as U+202E, zero-width spaces and joiners, the
# byte order mark, tag characters) and lone surrogates (undecodable bytes): they reorder or hide
# what is shown, or cannot be stored, so they go.
_DROPPED = frozenset({"Cf", "Cs"})


def one_line(value: str, *, limit: int | None = None) -> str:
    """`value` as one line of visible text: control characters and line breaks become spaces,
    invisible format characters (Unicode category Cf) are dropped, runs of spaces become one and
    the ends are trimmed. "invoice\u202egpj.exe" reads "invoicegpj.exe", its real extension.
    `limit` cuts the result to that many characters."""
    if not value.isprintable():  # cheap test first: most names and subjects pass it
        kept: list[str] = []
        for ch in value:
            category = unicodedata.category(ch)
            if category in _DROPPED:
                continue
            kept.append(" " if category in _AS_SPACE else ch)
        value = "".join(kept)
    value = _SPACES.sub(" ", value).strip()
    if limit is not None and len(value) > limit:
        value = value[:limit].rstrip()
    return value


# Codecs Python has that no mail should make us run: punycode (and idna, built on it) decodes in
# quadratic time, so one declared part could hold a worker for minutes; the escape codecs turn
# plain bytes into any character at all; "undefined" always fails.
_REFUSED_CODECS = frozenset(
    {"punycode", "idna", "unicode-escape", "raw-unicode-escape", "undefined", "mbcs", "oem"}
)


def text_codec(charset: str | None) -> str | None:
    """The Python codec for a MIME charset when it is a text encoding we decode; None when the
    charset is unknown, not a text encoding (base64, zlib…) or refused (punycode…)."""
    name = (charset or "").strip().strip('"').strip().lower()
    if not name or len(name) > 40:
        return None
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED_CODECS:
        return None
    return info.name
