"""How identifiers are normalised, so that "079 123 45 67" and "+41791234567" are the same phone.

The same functions build the search index (clients.services) and read the search box
(clients.selectors.client_search): what is written and what is looked up can never drift apart.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

_NON_ALNUM = re.compile(r"[^0-9A-Za-z]+")
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_DIAERESIS = "\u0308"
# Greek letter pairs that sound as one (ELOT 743, the spelling of Greek passports); anyascii
# reads letter by letter and would write "Papadopoylos" where the passport says "Papadopoulos".
_GREEK_OU = re.compile(r"ου(?!\u0308)")
_GREEK_VOWEL_Y = re.compile(r"([αεη])υ(?!\u0308)(?=([θκξπσςτφχψ]|\b)?)")
_GREEK_NG = re.compile(r"γ([γξχ])")


def phone_e164(raw: str, country: str) -> str:
    """Return the number in E.164, reading national formats with `country`; raise
    ValidationError."""
    return phonenumbers.format_number(
        _phone_parsed(raw, country), phonenumbers.PhoneNumberFormat.E164
    )


def phone_read(raw: str, country: str) -> tuple[str, str]:
    """The number in E.164 and as shown (phone_display of it), read once: parsing is most of the
    cost of a phone number, paid per client by the import. Raises ValidationError."""
    number = _phone_parsed(raw, country)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    # What phone_display(e164) would show: E.164 has no extension, so neither does the display.
    number.extension = None
    return e164, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _phone_parsed(raw: str, country: str) -> phonenumbers.PhoneNumber:
    try:
        number = phonenumbers.parse(raw, country.upper() or None)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _("“%(value)s” is not a phone number."), params={"value": raw}
        ) from None
    if not phonenumbers.is_possible_number(number):
        raise ValidationError(
            _("“%(value)s” is not a possible phone number (too short or too long)."),
            params={"value": raw},
        )
    return number


def phone_display(e164: str) -> str:
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_country(e164: str) -> str:
    """The ISO country of a number (e.g. "CH"), or "" when unknown."""
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164, None)) or ""
    except phonenumbers.NumberParseException:
        return ""


def email_normalized(raw: str) -> str:
    value = raw.strip()
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationError(
            _("“%(value)s” is not an e-mail address."), params={"value": raw}
        ) from None
    return value.lower()


def code_normalized(raw: str) -> str:
    """Plates, VINs, serials and references: upper case, spaces and dashes ignored."""
    return _NON_ALNUM.sub("", raw).upper()


def folded(text: str) -> str:
    """Lower case ASCII without accents: "Lefèvre" → "lefevre", "Müller" → "muller", "Straße" →
    "strasse", "Ægir" → "aegir", "Дмитрий" → "dmitriy", "Παπαδόπουλος" → "papadopoulos".

    Search (clients.selectors) and the index (clients.services) both fold with this: a change
    here needs the name identifiers rebuilt (as migration clients 0004 does)."""
    if text.isascii():
        return text.lower()
    if _GREEK.search(text):
        text = _greek_digraphs(text)
    return anyascii(text).lower()


def _greek_digraphs(text: str) -> str:
    # Accents and breathings go; the diaeresis stays, as it says two vowels are not one sound.
    text = "".join(
        ch
        for ch in unicodedata.normalize("NFD", text.lower())
        if ch == _DIAERESIS or not unicodedata.combining(ch)
    )
    text = _GREEK_OU.sub("ou", text)
    # αυ, ευ, ηυ: av, ev, iv, but af, ef, if before a voiceless consonant or at the end of a word.
    text = _GREEK_VOWEL_Y.sub(lambda m: anyascii(m[1]) + ("f" if m[2] is not None else "v"), text)
    text = _GREEK_NG.sub(lambda m: "n" + anyascii(m[1]), text)
    return unicodedata.normalize("NFC", text)


def display_name(first_name: str, last_name: str) -> str:
    """A client's name as shown (Client.name), which is also how their name identifiers read."""
    return f"{first_name} {last_name}".strip()


def name_tokens(*parts: str) -> list[str]:
    """The searchable words of a name: "Jean-Luc O'Brien" → ["jean", "luc", "obrien"]."""
    tokens: list[str] = []
    for part in parts:
        text = folded(part).replace("'", "").replace("’", "")
        tokens.extend(t for t in _NON_ALNUM.sub(" ", text).split() if t)
    return list(dict.fromkeys(tokens))  # unique, in order


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix` (for index range
    scans)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
