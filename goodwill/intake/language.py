"""Which language a client writes in, from their messages.

lingua is restricted to the brand's languages (settings.GOODWILL_BRAND_LANGUAGES): a detector that
can only answer with languages we serve is both faster and less often wrong. It is built once per
process, lazily (the models load on first use, ~20 ms each; preloading them all would cost memory in
every web process that never reads mail).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable, Sequence
from typing import Any

from babel.core import get_global
from django.conf import settings

from goodwill.clients.normalize import phone_country

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


def _allowed(allowed: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(sorted({c.lower() for c in (allowed or settings.GOODWILL_BRAND_LANGUAGES)}))


def detect_language(text: str, allowed: Iterable[str] | None = None) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, among `allowed` (default: the
    brand's languages), or None when the text is too short or the answer too uncertain to act on."""
    sample = text[:4000]
    words = _WORD.findall(sample)
    if len(words) < MIN_WORDS or sum(len(w) for w in words) < MIN_LETTERS:
        return None
    return _top_language(sample, _allowed(allowed), MIN_CONFIDENCE)


def _top_language(sample: str, codes: tuple[str, ...], confidence: float) -> str | None:
    """lingua's top language for `sample` among `codes` when it is at least `confidence` sure
    (the only one allowed, without asking)."""
    if len(codes) == 1:
        return codes[0]
    detector = _detector(codes)
    if detector is None:
        return None
    values = detector.compute_language_confidence_values(sample)
    if not values or values[0].value < confidence:
        return None
    return str(values[0].language.iso_code_639_1.name.lower())


# Below the cut-offs above, lingua's top answer is still taken as a guess from this confidence: a
# short "Mijn auto start niet" is plainly Dutch, a lone "merci" (Italian at 0.31) is no evidence.
GUESS_CONFIDENCE = 0.5


def guess_language(text: str, allowed: Iterable[str] | None = None) -> str | None:
    """lingua's best guess for a text too short for `detect_language`, when it is at least
    GUESS_CONFIDENCE sure; None for a text with no word at all."""
    sample = text[:4000]
    if not _WORD.search(sample):
        return None
    return _top_language(sample, _allowed(allowed), GUESS_CONFIDENCE)


# Generic or misleading top-level domains: they say nothing of where the writer lives.
_GENERIC_TLDS = frozenset({"com", "net", "org", "info", "biz", "io", "co", "me", "tv", "eu"})


def address_country(address: str) -> str:
    """The country an e-mail address's domain names ("pierre@exemple.fr" → "FR"), else ""."""
    tld = address.rsplit(".", 1)[-1].lower() if "@" in address and "." in address else ""
    if len(tld) != 2 or tld in _GENERIC_TLDS:
        return ""
    return "GB" if tld == "uk" else tld.upper()


@functools.cache
def _country_languages(country: str) -> tuple[str, ...]:
    spoken = get_global("territory_languages").get(country, {})
    ranked = sorted(
        (
            (info.get("official_status") != "official", -info.get("population_percent", 0), code)
            for code, info in spoken.items()
            if info.get("official_status") in ("official", "de_facto_official")
        )
    )
    return tuple(code for _official, _share, code in ranked)


def country_language(country: str, allowed: Iterable[str] | None = None) -> str | None:
    """The most spoken official language of `country` among `allowed`, else None."""
    codes = _allowed(allowed)
    return next((c for c in _country_languages(country.upper()) if c in codes), None)


def language_chain(
    *,
    text: str,
    known: str = "",
    phone: str = "",
    address: str = "",
    site_languages: Sequence[str] = (),
) -> tuple[str, str]:
    """(language, why) to answer a contact in, never a fixed default: the detector's answer
    (above its cut-offs), else the language the client is known by, else the detector's best
    guess, else the country of their number, else of their address, else the site's language."""
    if detected := detect_language(text):
        return detected, "detected"
    if known:
        return known, "known"
    if guessed := guess_language(text):
        return guessed, "guessed"
    for source, country in (("phone", phone_country(phone)), ("address", address_country(address))):
        if country and (spoken := country_language(country)):
            return spoken, source
    return (site_languages[0] if site_languages else settings.LANGUAGE_CODE), "site"
