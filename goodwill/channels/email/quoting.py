"""Telling what the client wrote from the history their mail program quoted below it.

Used twice: language detection reads only the new text, and the message view folds the history
away behind a <details>, so an agent reads the answer, not the thread, and can still open it.
"""

from __future__ import annotations

import re

# A line that starts the quoted history in plain text.
_TEXT_MARKERS = re.compile(
    r"^(?:"
    r"On\s.{0,200}\swrote:\s*$"  # Gmail, Apple Mail (en)
    r"|Le\s.{0,200}\sa\s[ée]crit\s?:\s*$"  # fr
    r"|Am\s.{0,200}\sschrieb\s.{0,200}:\s*$"  # de
    r"|Il\s.{0,200}\sha\sscritto:\s*$"  # it
    r"|Op\s.{0,200}\sschreef\s.{0,200}:\s*$"  # nl
    r"|El\s.{0,200}\sescribi[óo]:\s*$"  # es
    r"|-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Messaggio originale"
    r"|Oorspronkelijk bericht|Mensaje original)\s*-{2,}\s*$"  # Outlook
    r"|_{10,}\s*$"  # Outlook's line before From:/Sent:
    r"|(?:From|De|Von|Da|Van):\s.+\n(?:Sent|Envoyé|Gesendet|Inviato|Verzonden|Enviado|Date):\s"
    r")",
    re.IGNORECASE | re.MULTILINE,
)

_HTML_MARKERS = re.compile(
    r"<(?:div|blockquote)[^>]*class=\"[^\"]*gmail_quote[^\"]*\""
    r"|<blockquote[^>]*type=\"cite\""
    r"|<div[^>]*id=\"(?:divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)\""
    r"|<hr[^>]*id=\"stopSpelling\""
    r"|<blockquote",
    re.IGNORECASE,
)


def split_text(text: str) -> tuple[str, str]:
    """(what the client wrote, the quoted history) of a plain-text body."""
    cut = len(text)
    marker = _TEXT_MARKERS.search(text)
    if marker:
        cut = marker.start()
    # A final block of "> " lines, with at most blank lines after it, is history too.
    lines = text[:cut].splitlines(keepends=True)
    end = len(lines)
    while end and (lines[end - 1].strip() == "" or lines[end - 1].lstrip().startswith(">")):
        end -= 1
    if any(line.lstrip().startswith(">") for line in lines[end:]):
        cut = sum(len(line) for line in lines[:end])
        # the attribution line just above the quote ("Anna wrote:") belongs to the history
        head = text[:cut].rstrip("\n")
        last = head.rsplit("\n", 1)[-1]
        if last.rstrip().endswith(":") and len(last) < 300:
            cut = len(head) - len(last)
    return text[:cut].rstrip(), text[cut:].strip("\n")


def split_html(value: str) -> tuple[str, str]:
    """(new part, quoted history) of sanitised HTML, cut at the first quoting marker."""
    marker = _HTML_MARKERS.search(value)
    if not marker or marker.start() == 0:
        return value, ""
    return value[: marker.start()], value[marker.start() :]
