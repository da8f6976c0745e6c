"""Reading a message the way the checks need it: folded for matching (case and accents ignored),
cut into sentences, and the dates people write ("tomorrow", "by Friday", "entro venerdì",
"12. Dezember", "15/01/2027") read as days.

Pure functions: text and a day in, values out. Every position returned is an offset into the
original text, so a finding can point at what the advisor wrote.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

# Apostrophes and dashes people type in several shapes.
_SAME = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Lower case without accents ("Chère Mme Lefèvre" → "chere mme lefevre"), for matching."""
    return fold_with_map(text)[0]


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset of the original character it
    came from (folding may change lengths: "ß" → "ss")."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text.translate(_SAME)):
        decomposed = unicodedata.normalize("NFKD", char)
        for part in decomposed:
            if unicodedata.combining(part):
                continue
            for folded in part.casefold():
                out.append(folded)
                where.append(index)
    return "".join(out), where


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase as a pattern on folded text: whole words, any run of spaces between them."""
    words = fold(phrase).split()
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words) + r"(?!\w)")


@dataclasses.dataclass(frozen=True)
class Span:
    start: int
    end: int


class Folded:
    """A text folded once, searched many times; matches come back as spans of the original."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self._where = fold_with_map(text)

    def span(self, start: int, end: int) -> Span:
        if not self._where:
            return Span(0, 0)
        first = self._where[min(start, len(self._where) - 1)]
        last = self._where[max(min(end, len(self._where)) - 1, 0)] + 1
        return Span(first, last)

    def find(self, pattern: re.Pattern[str]) -> Iterable[Span]:
        for match in pattern.finditer(self.folded):
            yield self.span(match.start(), match.end())

    def contains(self, phrase: str) -> bool:
        return bool(phrase.strip()) and phrase_pattern(phrase).search(self.folded) is not None


# Not after "12." (a German day, "am 12. Dezember").
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\d\.)\s+|\n\s*\n|\n(?=\s*[-*•])")


def sentences(text: str) -> list[tuple[Span, str]]:
    """The sentences of a text, with where each stands (a blank line ends one too)."""
    found: list[tuple[Span, str]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            found.append((Span(start, match.start()), text[start : match.start()]))
        start = match.end()
    if text[start:].strip():
        found.append((Span(start, len(text)), text[start:]))
    return found


# --- dates -------------------------------------------------------------------------------------

_TODAY = (
    r"today|tonight|this (?:afternoon|evening)|aujourd'hui|ce soir|cet apres-midi|heute|"
    r"oggi|stasera|hoy|esta tarde|vandaag|vanavond|hoje"
)
# "morgen" is also the German morning ("guten Morgen"), "mañana" the Spanish one ("por la mañana").
_TOMORROW = r"tomorrow|demain|(?<!guten )(?<!goede)morgen|domani|(?<!la )manana|amanha"
_AFTER_TOMORROW = (
    r"the day after tomorrow|apres-demain|apres demain|ubermorgen|dopodomani|pasado manana|"
    r"overmorgen|depois de amanha"
)
_WEEKDAY_NAMES = (
    "monday tuesday wednesday thursday friday saturday sunday",
    "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "montag dienstag mittwoch donnerstag freitag samstag sonntag",
    "lunedi martedi mercoledi giovedi venerdi sabato domenica",
    "lunes martes miercoles jueves viernes sabado domingo",
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "segunda-feira terca-feira quarta-feira quinta-feira sexta-feira sabado domingo",
)
WEEKDAYS = {name: day for names in _WEEKDAY_NAMES for day, name in enumerate(names.split())}
_MONTH_NAMES = (
    "january february march april may june july august september october november december",
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
    "januar februar marz april mai juni juli august september oktober november dezember",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "januari februari maart april mei juni juli augustus september oktober november december",
    "janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro",
)
MONTHS = {
    name: month for names in _MONTH_NAMES for month, name in enumerate(names.split(), start=1)
}
# Short forms written after a day ("12 Dec", "3 janv."); only English names come first
# ("December 12").
MONTHS = {**{name[:3]: month for name, month in MONTHS.items() if len(name) > 4}, **MONTHS}
_ENGLISH_MONTHS = _MONTH_NAMES[0].split()

_WEEKDAY = "|".join(sorted(map(re.escape, WEEKDAYS), key=len, reverse=True))
_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_MONTH_FIRST = "|".join(sorted(_ENGLISH_MONTHS, key=len, reverse=True))
_WITHIN = (
    r"(?:within|in)\s+(?P<w1>\d{1,2})\s+(?:working\s+|business\s+)?days?|"
    r"(?:sous|d'ici|dans)\s+(?P<w2>\d{1,2})\s+jours|"
    r"(?:innerhalb\s+von|in)\s+(?P<w3>\d{1,2})\s+(?:werk)?tagen|"
    r"(?:entro|tra|fra)\s+(?P<w4>\d{1,2})\s+giorni|"
    r"(?:en|dentro\s+de|em)\s+(?P<w5>\d{1,2})\s+dias|"
    r"binnen\s+(?P<w6>\d{1,2})\s+(?:werk)?dagen"
)
_DATES = re.compile(
    rf"(?<!\w)(?:"
    rf"(?P<after>{_AFTER_TOMORROW})|"
    rf"(?P<tomorrow>{_TOMORROW})|"
    rf"(?P<today>{_TODAY})|"
    rf"(?P<within>{_WITHIN})|"
    rf"(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}}))|"
    r"(?P<num>(?P<nd>\d{1,2})(?:/(?P<nm>\d{1,2})(?:/(?P<ny>\d{4}|\d{2}))?|"
    r"\.(?P<nm2>\d{1,2})\.(?P<ny2>\d{4}|\d{2})?|-(?P<nm3>\d{1,2})-(?P<ny3>\d{4})))|"
    rf"(?P<dm>(?P<dd>\d{{1,2}})(?:st|nd|rd|th|er|e)?\.?\s+(?:of\s+|de\s+)?(?P<dmonth>{_MONTH})\.?"
    rf"(?:\s+(?:de\s+)?(?P<dy>\d{{4}}))?)|"
    rf"(?P<md>(?P<mmonth>{_MONTH_FIRST})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<my>\d{{4}}))?)|"
    rf"(?P<weekday>{_WEEKDAY})"
    rf")(?!\w)"
)
_BETWEEN = re.compile(r"[,\s]*(?:(?:the|le|den|il|el|o|de)\s+)?")
_TIME = re.compile(
    r"(?<![\d.:/])(\d{1,2})(?:[:h](\d{2})|\s?(am|pm)|\s?uhr|h(?!\w))(?![\d/])", re.IGNORECASE
)


@dataclasses.dataclass(frozen=True)
class DateSeen:
    """A day written in a text: where, as written, and which day it means."""

    span: Span
    written: str
    day: dt.date


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _without_year(today: dt.date, month: int, day: int) -> dt.date | None:
    """A day and month without a year: the one nearest today ("1 December" written on the 4th
    is past; "3 January" written in December is next year's)."""
    candidates = [
        found
        for year in (today.year - 1, today.year, today.year + 1)
        if (found := _day(year, month, day)) is not None
    ]
    return min(candidates, key=lambda found: abs(found - today), default=None)


def _meaning(match: re.Match[str], today: dt.date) -> dt.date | None:
    if match.group("after"):
        return today + dt.timedelta(days=2)
    if match.group("tomorrow"):
        return today + dt.timedelta(days=1)
    if match.group("today"):
        return today
    if match.group("within"):
        number = next(match[f"w{n}"] for n in range(1, 7) if match[f"w{n}"])
        return today + dt.timedelta(days=int(number))
    if match.group("iso"):
        return _day(int(match["iy"]), int(match["im"]), int(match["id"]))
    if match.group("num"):
        day = int(match["nd"])
        month = int(match["nm"] or match["nm2"] or match["nm3"])
        if written_year := match["ny"] or match["ny2"] or match["ny3"]:
            year = int(written_year)
            return _day(year + 2000 if year < 100 else year, month, day)
        return _without_year(today, month, day)
    if match.group("dm"):
        month = MONTHS[match["dmonth"]]
        if match["dy"]:
            return _day(int(match["dy"]), month, int(match["dd"]))
        return _without_year(today, month, int(match["dd"]))
    if match.group("md"):
        month = MONTHS[match["mmonth"]]
        if match["my"]:
            return _day(int(match["my"]), month, int(match["md_d"]))
        return _without_year(today, month, int(match["md_d"]))
    if match.group("weekday"):
        # "by Friday" said on a Friday means next week's.
        ahead = (WEEKDAYS[match["weekday"]] - today.weekday()) % 7 or 7
        return today + dt.timedelta(days=ahead)
    raise AssertionError(match.lastgroup)  # pragma: no cover - every alternative is named above


def read_dates(text: str, *, today: dt.date) -> list[DateSeen]:
    """Every day written in `text`, in order, in any of the brand's languages."""
    folded = Folded(text)
    seen: list[DateSeen] = []
    matches = list(_DATES.finditer(folded.folded))
    for index, match in enumerate(matches):
        following = matches[index + 1] if index + 1 < len(matches) else None
        # "Friday 11 December", "vendredi, le 11 décembre": the date says which Friday.
        if (
            match.group("weekday")
            and following is not None
            and not following.group("weekday")
            and _BETWEEN.fullmatch(folded.folded[match.end() : following.start()])
        ):
            continue
        day = _meaning(match, today)
        if day is None:
            continue
        span = folded.span(match.start(), match.end())
        seen.append(DateSeen(span=span, written=text[span.start : span.end], day=day))
    return seen


def read_time(text: str) -> dt.time | None:
    """A time of day written in `text` ("at 10:30", "vers 14h", "um 9 Uhr", "3 pm"), if any."""
    for match in _TIME.finditer(text):
        hour, minute = int(match[1]), int(match[2] or 0)
        if (match[3] or "").lower() == "pm" and hour < 12:
            hour += 12
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    return None
