"""How identifiers are normalised, so that "079 123 45 67" and "+41791234567" are the same phone.

The same functions build the search index (clients.services) and read the search box
(clients.selectors.client_search): what is written and what is looked up can never drift apart.
"""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from unidecode import unidecode

_NON_ALNUM = re.compile(r"[^0-9A-Za-z]+")


def phone_e164(raw: str, country: str) -> str:
    """Return the number in E.164, reading national formats with `country`; raise ValidationError."""
    try:
        number = phonenumbers.parse(raw, country.upper() or None)
    except phonenumbers.NumberParseException:
        raise ValidationError(_("“%(value)s” is not a phone number."), params={"value": raw}) from None
    if not phonenumbers.is_possible_number(number):
        raise ValidationError(
            _("“%(value)s” is not a possible phone number (too short or too long)."), params={"value": raw}
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


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
        raise ValidationError(_("“%(value)s” is not an e-mail address."), params={"value": raw}) from None
    return value.lower()


def code_normalized(raw: str) -> str:
    """Plates, VINs, serials and references: upper case, spaces and dashes ignored."""
    return _NON_ALNUM.sub("", raw).upper()


def folded(text: str) -> str:
    """Lower case without accents: "Lefèvre" → "lefevre", "Müller" → "muller"."""
    return unidecode(text).lower()


def name_tokens(*parts: str) -> list[str]:
    """The searchable words of a name: "Jean-Luc O'Brien" → ["jean", "luc", "obrien"]."""
    tokens: list[str] = []
    for part in parts:
        text = folded(part).replace("'", "").replace("’", "")
        tokens.extend(t for t in _NON_ALNUM.sub(" ", text).split() if t)
    return list(dict.fromkeys(tokens))  # unique, in order


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix` (for index range scans)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
