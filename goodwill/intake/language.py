"""Which language a client writes in, from their messages.

lingua is restricted to the brand's languages (settings.GOODWILL_BRAND_LANGUAGES): a detector that
can only answer with languages we serve is both faster and less often wrong. It is built once per
process, lazily (the models load on first use, ~20 ms each; preloading them all would cost memory in
every web process that never reads mail).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import Any

from django.conf import settings

# Below this many letters, or this confidence, a message says nothing reliable about its language:
# "ok thanks", "merci", a signature. Measured: "ok thanks" comes out English at 0.64, "merci"
# Italian at 0.31.
MIN_LETTERS = 20
MIN_WORDS = 4
MIN_CONFIDENCE = 0.80

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_lock = threading.Lock()
_detectors: dict[tuple[str, ...], Any] = {}


def _detector(codes: tuple[str, ...]) -> Any:
    detector = _detectors.get(codes)
    if detector is not None:
        return detector
    with _lock:
        if codes not in _detectors:
            from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

            languages = [
                Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
                for code in codes
                if hasattr(IsoCode639_1, code.upper())
            ]
            if len(languages) < 2:
                return None
            _detectors[codes] = LanguageDetectorBuilder.from_languages(*languages).build()
        return _detectors[codes]


def detect_language(text: str, allowed: Iterable[str] | None = None) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, among `allowed` (default: the
    brand's languages), or None when the text is too short or the answer too uncertain to act on."""
    codes = tuple(sorted({c.lower() for c in (allowed or settings.GOODWILL_BRAND_LANGUAGES)}))
    sample = text[:4000]
    words = _WORD.findall(sample)
    if len(words) < MIN_WORDS or sum(len(w) for w in words) < MIN_LETTERS:
        return None
    if len(codes) == 1:
        return codes[0]
    detector = _detector(codes)
    if detector is None:
        return None
    values = detector.compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return str(values[0].language.iso_code_639_1.name.lower())
