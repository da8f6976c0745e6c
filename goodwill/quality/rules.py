"""What the automatic checks and the experience score already say about a conversation, put on
the rubric's lines so a reviewer starts from facts. Pure: codes and messages in, flags out."""

from __future__ import annotations

from collections.abc import Iterable

# The default rubric (the data migration writes it; managers edit it at /quality/rubric/).
DEFAULT_RUBRIC: tuple[tuple[str, str, str], ...] = (
    (
        "ownership",
        "Ownership",
        "One person owns the case and says so; the client never has to repeat their story or "
        "chase; promises are recorded and kept.",
    ),
    (
        "empathy",
        "Empathy",
        "The client is heard: their situation acknowledged, no brush-off, no sending them "
        "elsewhere.",
    ),
    (
        "language",
        "Language",
        "In the client's language, with the right form of address, clear and courteous.",
    ),
    (
        "accuracy",
        "Accuracy",
        "What is said is right: no asking for what we already have, no rule of the brand broken.",
    ),
    (
        "next_step",
        "Next step",
        "Every message ends with what happens next and when.",
    ),
)

# A check's finding (checks.rules.Code) → the criterion it speaks to.
CHECK_CRITERION = {
    "brush_off": "empathy",
    "greeting": "language",
    "language": "language",
    "document_on_file": "accuracy",
    "rule": "accuracy",
    "promise_unrecorded": "ownership",
    "no_next_step": "next_step",
}
# An experience reason (experience.rules.FACTORS) → the criterion it speaks to.
REASON_CRITERION = {
    "reassigned": "ownership",
    "many_staff": "ownership",
    "chaser": "ownership",
    "promise_broken": "ownership",
    "document_asked_again": "accuracy",
}


def prefill(
    *, findings: Iterable[tuple[str, str]], reasons: Iterable[tuple[str, str]]
) -> dict[str, list[str]]:
    """Flags by criterion key from the checks' findings and the experience reasons, each
    (code, readable message); the same message is listed once."""
    flags: dict[str, list[str]] = {}
    for mapping, items in ((CHECK_CRITERION, findings), (REASON_CRITERION, reasons)):
        for code, message in items:
            key = mapping.get(code)
            if key is not None and message not in flags.setdefault(key, []):
                flags[key].append(message)
    return {key: messages for key, messages in flags.items() if messages}


def suggested(flags: list[str]) -> int | None:
    """The score a flagged line starts at (the reviewer decides): 2, something went wrong. An
    unflagged line starts blank: the checks cannot tell a 3 from a 5."""
    return 2 if flags else None
