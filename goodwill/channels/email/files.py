"""Serving what strangers sent us without letting it run in our origin."""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

# Served with their own type (inline viewers of these cannot run script); anything else is bytes.
SAFE_TYPES = frozenset(
    {
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "text/plain",
        "text/csv",
    }
)
_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()+-]+")


def safe_filename(name: str, *, fallback: str = "attachment") -> str:
    """An ASCII file name that cannot climb directories, hide its extension or start a dotfile:
    "../../.htaccess" → "htaccess", "invoice\u202egpj.exe" → "invoicegpj.exe"."""
    # Bidi overrides, zero-width and control characters are format (Cf) or control (Cc) characters.
    kept = "".join(
        ch
        for ch in unicodedata.normalize("NFKC", name)
        if unicodedata.category(ch) not in {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}
    )
    base = re.split(r"[/\\]", kept)[-1]
    ascii_name = _UNSAFE.sub("_", anyascii(base)).strip(" ._")
    ascii_name = re.sub(r"_+", "_", ascii_name)
    if len(ascii_name) > 120:
        stem, dot, ext = ascii_name.rpartition(".")
        ascii_name = f"{stem[:110]}.{ext[:8]}" if dot and len(ext) <= 8 else ascii_name[:120]
    return ascii_name or fallback


def served_type(content_type: str) -> str:
    value = content_type.split(";", 1)[0].strip().lower()
    return value if value in SAFE_TYPES else "application/octet-stream"
