"""The languages clients are served in: the contact form, every automatic message and staff's
replies (settings.GOODWILL_CLIENT_LANGUAGES), apart from the staff interface's (LANGUAGES).

Codes are Django's, lower case: "zh-hans" for Simplified Chinese (its locale folder is
`zh_Hans`), so `translation.override(code)` finds both Django's catalogues and ours. What a
browser, a detector or an import says ("zh", "zh-CN", "zh_Hans", "pt-BR") is read with
`client_language` before it is compared with them.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language_info

# Each language by its own name, as a client looks for it in a list (Django's names are lower
# case for some, "español", and "简体中文" reads as a script rather than a language).
OWN_NAMES = {
    "en": "English",
    "fr": "Français",
    "de": "Deutsch",
    "it": "Italiano",
    "es": "Español",
    "pt": "Português",
    "nl": "Nederlands",
    "ja": "日本語",
    "zh-hans": "中文(简体)",
    "ar": "العربية",
}

# Chinese as written in these places is Simplified.
_SIMPLIFIED = {"zh", "zh-cn", "zh-sg", "zh-my", "zh-hans"}


def client_languages() -> tuple[str, ...]:
    """The languages clients may be served in, the brand's order."""
    return tuple(settings.GOODWILL_CLIENT_LANGUAGES)


def client_language(code: str) -> str:
    """`code` as Goodwill writes it ("zh-CN" → "zh-hans", "pt_BR" → "pt" when only "pt" is
    served, "NL" → "nl"); "" for no code. A language not served keeps its own (normalised) code,
    so it can be named to staff rather than swapped."""
    code = code.strip().replace("_", "-").lower()
    if not code:
        return ""
    if code in _SIMPLIFIED or code.startswith("zh-hans-"):
        return "zh-hans"
    served = client_languages()
    if code in served:
        return code
    base = code.split("-", 1)[0]
    return base if base in served and base != "zh" else code


def language_name(code: str) -> str:
    """The language's name in itself ("Nederlands", "العربية"; Django's for a language not in
    OWN_NAMES, "polski"), else the code."""
    if code in OWN_NAMES:
        return OWN_NAMES[code]
    try:
        info = get_language_info(code)
    except KeyError:
        return code
    return str(info.get("name_local") or info.get("name") or code)


def staff_language_name(code: str) -> str:
    """The language's name in the staff member's interface language ("Polish", "polonais"),
    for a sentence on a staff page."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def is_rtl(code: str) -> bool:
    """Whether `code` is written right to left (Arabic, Hebrew, Persian, Urdu…)."""
    try:
        return bool(get_language_info(code)["bidi"])
    except KeyError:
        return False


def html_lang(code: str) -> str:
    """`code` as BCP 47 writes it in `lang` attributes and Content-Language ("zh-Hans",
    "pt-BR")."""
    first, *rest = code.split("-")
    return "-".join(
        [first.lower()]
        + [
            part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part
            for part in rest
        ]
    )


def accepted_language(header: str) -> str | None:
    """The client language a browser's Accept-Language header prefers most ("nl-BE,nl;q=0.9,
    en;q=0.8" → "nl"), or None when it names none of them."""
    served = client_languages()
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(header.split(",")[:20]):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag and quality > 0:
            ranked.append((-quality, position, tag))
    for _quality, _position, tag in sorted(ranked):
        if (code := client_language(tag)) in served:
            return code
    return None


def language_choices(codes: tuple[str, ...] | list[str] | None = None) -> list[tuple[str, str]]:
    """(code, own name) for a <select>, the client languages by default."""
    codes = client_languages() if codes is None else codes
    return [(code, language_name(code)) for code in codes]
