"""A client saying they already sent something ("I already sent it", "je vous l'ai déjà
envoyé"): a per-language phrase match on the folded text, for the intake to find the document
on file for the advisor (story 003)."""

from __future__ import annotations

import re

from goodwill.clients.normalize import folded

PHRASES: dict[str, tuple[str, ...]] = {
    "en": (
        "already sent", "already send", "sent it already", "sent you it already",
        "already attached", "already provided", "already gave you", "sent it before",
        "sent it twice", "sent it three times", "have sent it", "already uploaded",
    ),
    "fr": (
        "deja envoye", "deja transmis", "deja fourni", "deja joint", "deja envoyee",
        "deja envoyes", "deja adresse", "deja donne", "envoye plusieurs fois",
    ),
    "de": (
        "bereits geschickt", "schon geschickt", "bereits gesendet", "schon gesendet",
        "bereits zugeschickt", "schon zugeschickt", "bereits ubermittelt", "schon ubermittelt",
        "bereits eingereicht", "bereits angehangt", "schon angehangt",
    ),
    "it": ("gia inviato", "gia mandato", "gia spedito", "gia allegato", "gia fornito"),
    "es": ("ya envie", "ya lo envie", "ya se lo envie", "ya mande", "ya lo mande", "ya adjunte"),
    "nl": ("al gestuurd", "al opgestuurd", "al verstuurd", "al verzonden", "al bijgevoegd"),
    "pt": ("ja enviei", "ja mandei", "ja lhe enviei", "ja anexei"),
}  # fmt: skip
_PATTERN = re.compile(
    r"(?<![a-z])(?:"
    + "|".join(
        re.escape(phrase)
        for phrase in sorted(
            {p for phrases in PHRASES.values() for p in phrases}, key=len, reverse=True
        )
    )
    + r")(?![a-z])"
)


def says_already_sent(text: str) -> bool:
    """Whether the client says they already sent us something."""
    return _PATTERN.search(folded(text)) is not None
