"""Which language a client writes in, from their messages.

lingua is restricted to the brand's languages (settings.GOODWILL_BRAND_LANGUAGES): a detector that
can only answer with languages we serve is both faster and less often wrong. It is built once per
process, lazily (the models load on first use, ~20 ms each; preloading them all would cost memory in
every web process that never reads mail).

Calibrated on `bench/data/signals.jsonl` (309 messages in ten languages, a third of them under
four words; `bench/bench_signals.py`). What it taught:

* lingua's top guess among the brand's languages is right far more often than its confidence
  says: on short messages a right answer comes at 0.33 ("Und?") and a wrong one at 0.57
  ("Bedankt!" as German). A fixed 0.80 cut-off threw away most short messages, right or wrong.
* A language is only ever found if it is among the detector's languages: Japanese and Arabic were
  read as German because the brand's list lacked them. Codes are the brand's ("zh-hans"), mapped
  to lingua's ("zh") here, and the answer is given back in the brand's code.
* Writing systems settle Japanese (kana), Arabic and Chinese (Han without kana) at any length.
* The few courtesy words a short message is made of ("merci", "danke", "bedankt") are where
  lingua errs most (a lone "merci" is Italian to it): a short message made of such words is
  read from a word list first.

`detect_language` gives the language of one message; whether a message says enough to *learn*
the language a client writes in is `is_evidence` (at least four words and 20 letters, or ten
characters of a script without spaces).
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

# What a message must hold to teach us the language its writer uses (client_writes_in_learn):
# "ok thanks" or "merci" is the language of one message, not of a person.
MIN_LETTERS = 20
MIN_WORDS = 4
MIN_CJK = 10
# lingua's top guess is taken from this confidence (ten languages: chance is 0.10). Calibrated on
# the labelled set: lingua's right answers all came at 0.33 or more; the two below were wrong
# ("Merci" as Italian at 0.24), and the word list reads those first anyway.
MIN_CONFIDENCE = 0.30

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def _listed(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words short messages are made of, which say one language among the brand's (lower case).
# Words shared by two of them ("dank", "super", "top", "ok") are left out on purpose.
_COURTESY: dict[str, frozenset[str]] = {
    "en": _listed("thanks thank thx cheers hello hi news update any please yes"),
    "fr": _listed("merci bonjour bonsoir salut nouvelles nouveau oui svp parfait"),
    "de": _listed("danke dankeschön hallo neuigkeiten neues gibt bitte ja nein und"),
    "it": _listed("grazie ciao buongiorno novità aggiornamenti sì perfetto"),
    "es": _listed("gracias hola novedades noticias vale sí genial"),
    "pt": _listed("obrigado obrigada olá novidades notícias sim ótimo valeu"),
    "nl": _listed("bedankt dankjewel hoi nieuws alvast graag prima"),
}
# A message of at most this many words is read from the courtesy words first.
COURTESY_WORDS = 5
# Words of no language in particular: a message made only of them has none ("ok", "OK!").
_NEUTRAL = _listed("ok okay oké okey okk top super bye")

_lock = threading.Lock()
_detectors: dict[tuple[str, ...], Any] = {}


def _primary(code: str) -> str:
    """The language subtag of a brand code: "zh-hans" → "zh", "pt-br" → "pt"."""
    return code.lower().replace("_", "-").split("-", 1)[0]


def _detector(codes: tuple[str, ...]) -> Any:
    detector = _detectors.get(codes)
    if detector is not None:
        return detector
    with _lock:
        if codes not in _detectors:
            from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

            languages = {
                Language.from_iso_code_639_1(getattr(IsoCode639_1, _primary(code).upper()))
                for code in codes
                if hasattr(IsoCode639_1, _primary(code).upper())
            }
            if len(languages) < 2:
                return None
            _detectors[codes] = LanguageDetectorBuilder.from_languages(*languages).build()
        return _detectors[codes]


def _allowed(allowed: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(sorted({c.lower() for c in (allowed or settings.GOODWILL_BRAND_LANGUAGES)}))


def _brand_code(primary: str, codes: tuple[str, ...]) -> str | None:
    """The brand's code for a language subtag ("zh" → "zh-hans"), if the brand serves it."""
    return next((code for code in codes if _primary(code) == primary), None)


def _by_script(sample: str, codes: tuple[str, ...]) -> str | None:
    """Japanese, Arabic or Chinese, told by their writing system whatever the length."""
    if _KANA.search(sample):
        return _brand_code("ja", codes)
    if _ARABIC.search(sample):
        return _brand_code("ar", codes)
    if _HAN.search(sample):
        return _brand_code("zh", codes) or _brand_code("ja", codes)
    return None


def _by_courtesy_words(words: list[str], codes: tuple[str, ...]) -> str | None:
    """The one brand language whose courtesy words a short message uses, else None."""
    said = {w.lower() for w in words}
    found = {
        code
        for code in codes
        if (listed := _COURTESY.get(_primary(code))) is not None and said & listed
    }
    return found.pop() if len(found) == 1 else None


def is_evidence(text: str) -> bool:
    """Whether `text` says enough to learn the language its writer uses (not "ok thanks")."""
    sample = text[:4000]
    if len(_HAN.findall(sample)) + len(_KANA.findall(sample)) >= MIN_CJK:
        return True
    if len(_ARABIC.findall(sample)) >= MIN_LETTERS:
        return True
    words = _WORD.findall(sample)
    return len(words) >= MIN_WORDS and sum(len(w) for w in words) >= MIN_LETTERS


def detect_language(text: str, allowed: Iterable[str] | None = None) -> str | None:
    """The code of the language `text` is written in, among `allowed` (default: the brand's
    languages), or None when it says nothing we can rely on ("ok", a signature, a number)."""
    sample = text[:4000]
    words = _WORD.findall(sample)
    if not words:
        return None
    if all(w.lower() in _NEUTRAL for w in words):
        return None
    codes = _allowed(allowed)
    if len(codes) == 1:
        return codes[0]
    if found := _by_script(sample, codes):
        return found
    if len(words) <= COURTESY_WORDS and (found := _by_courtesy_words(words, codes)):
        return found
    return _top_language(sample, codes, MIN_CONFIDENCE)


def _top_language(sample: str, codes: tuple[str, ...], confidence: float) -> str | None:
    """lingua's top language for `sample` among `codes` when it is at least `confidence` sure,
    in the brand's code."""
    detector = _detector(codes)
    if detector is None:
        return None
    values = detector.compute_language_confidence_values(sample)
    if not values or values[0].value < confidence:
        return None
    return _brand_code(str(values[0].language.iso_code_639_1.name.lower()), codes)


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
    for spoken in _country_languages(country.upper()):
        if found := _brand_code(_primary(spoken), codes):
            return found
    return None


def language_chain(
    *,
    text: str,
    known: str = "",
    phone: str = "",
    address: str = "",
    site_languages: Sequence[str] = (),
) -> tuple[str, str]:
    """(language, why) to answer a contact in, never a fixed default: the detector's answer for
    words enough to tell (`is_evidence`), else the language the client is known by, else the
    language of their few words, else the country of their number, else of their address, else
    the site's language."""
    detected = detect_language(text)
    if detected and is_evidence(text):
        return detected, "detected"
    if known:
        return known, "known"
    if detected:
        return detected, "guessed"
    for source, country in (("phone", phone_country(phone)), ("address", address_country(address))):
        if country and (spoken := country_language(country)):
            return spoken, source
    return (site_languages[0] if site_languages else settings.LANGUAGE_CODE), "site"
