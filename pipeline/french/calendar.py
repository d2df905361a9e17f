"""The period in the "Calendrier" cell of a "fiche action": "1er janvier 2023 au 31 décembre
2025", "premier trimestre 2023", "année scolaire 2022/2023", "avant le 15 janvier 2023",
"dès décembre 2022", "2023-2025"...

`parse_period` returns the first explicit period of the text, or None. It never guesses: a cell
saying "tout au long de l'année", "rentrée" or "fin 2023" has no explicit period, and a date
the text itself doubts ("21 juin 2023?") makes the answer None rather than a later date.

Every phrasing is a named regex below with its own reader. All of them are tried over the whole
text and the leftmost, then longest, reading wins, so "1er janvier 2023 au 31 décembre 2025"
is one range and never the single day or the month it starts with."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from pipeline.french.lexicon import MONTH_ABBREVIATIONS, MONTH_NAMES, ORDINAL_WORDS, fold, month_number, ordinal_number

__all__ = ["CalendarParseError", "PRECISIONS", "Period", "exact_date", "parse_period"]

PRECISIONS = ("day", "month", "quarter", "semester", "school_year", "year")

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

# Group naming the unit ("trimestre", or the "T" of "T1 2023") -> (precision, parts in a year).
_PARTS_OF_YEAR = {"quarter_unit": ("quarter", 4), "semester_unit": ("semester", 2)}
_PART_OF_YEAR_UNIT = r"(?:(?P<quarter_unit>trimestre)|(?P<semester_unit>semestre))"
_SHORT_PART_OF_YEAR_UNIT = r"(?:(?P<quarter_unit>T)|(?P<semester_unit>S))"

# School years run from September to August.
_SCHOOL_YEAR_FIRST_MONTH = 9


def _accent_tolerant(word: str) -> str:
    """Regex matching `word` whatever accents were typed or left out ("decembre", "Août")."""
    variants = {"e": "[eéèêë]", "a": "[aàâ]", "u": "[uûùü]", "i": "[iîï]", "o": "[oô]", "c": "[cç]"}
    return "".join(variants.get(letter, re.escape(letter)) for letter in fold(word))


def _alternatives(words) -> str:
    # Longest first, so that "juillet" is never read as a shorter word that prefixes it.
    return "|".join(_accent_tolerant(w) for w in sorted(words, key=len, reverse=True))



# ---------------------------------------------------------------------------------------------
# Grammar: building blocks take a prefix so one pattern can hold a start and an end date.
# [0-9] rather than \d: \d also accepts Arabic-Indic and other Unicode digits.
# ---------------------------------------------------------------------------------------------

_NOT_AFTER_LETTER = r"(?<![a-zà-ÿ])"
_NOT_BEFORE_LETTER = r"(?![a-zà-ÿ])"
_APOSTROPHE = r"['’]"
# "1er", "1 ^{er}" (the annexes' markup for a superscript), "1ᵉʳ"; the PDF text layer also
# puts a detached superscript in front of its number: "er 1 janvier 2023".
_FIRST_SUFFIX = r"(?:\s*(?:\^\s*\{?\s*er\s*\}?|ᵉʳ|er)" + _NOT_BEFORE_LETTER + ")"
_DETACHED_FIRST_SUFFIX = r"(?:" + _NOT_AFTER_LETTER + r"(?:er|ᵉʳ)\s+)"


def _day(p: str) -> str:
    return (
        rf"{_DETACHED_FIRST_SUFFIX}?(?<![0-9])"
        rf"(?P<{p}day>premier|3[01]|[12][0-9]|0?[1-9])(?![0-9]){_FIRST_SUFFIX}?"
    )


def _month(p: str) -> str:
    names = _alternatives(MONTH_NAMES)
    abbreviations = _alternatives(MONTH_ABBREVIATIONS)
    return rf"{_NOT_AFTER_LETTER}(?P<{p}month>{names}|(?:{abbreviations})\.?){_NOT_BEFORE_LETTER}"


def _year(p: str) -> str:
    return rf"(?<![0-9])(?P<{p}year>(?:19|20|21)[0-9]{{2}})(?![0-9])"


def _numeric_date(p: str) -> str:
    """01/09/2024, 1.9.2024, 01-09-2024 (day first, as in French) and ISO 2024-09-01."""
    day_first = (
        rf"(?<![0-9])(?P<{p}nday>[0-3]?[0-9])(?P<{p}nsep>[/.\-])(?P<{p}nmonth>[01]?[0-9])"
        rf"(?P={p}nsep)(?P<{p}nyear>(?:19|20|21)[0-9]{{2}})(?![0-9])"
    )
    iso = (
        rf"(?<![0-9])(?P<{p}isoyear>(?:19|20|21)[0-9]{{2}})-(?P<{p}isomonth>[01][0-9])"
        rf"-(?P<{p}isoday>[0-3][0-9])(?![0-9])"
    )
    return rf"(?:{day_first}|{iso})"


def _full_date(p: str) -> str:
    return rf"(?:{_numeric_date(p)}|{_day(p)}\s+{_month(p)}\s+{_year(p)})"


def _start_date_maybe_partial(p: str) -> str:
    """The start of a day range may leave out what the end says: "du 3 au 7 juillet 2023"."""
    return rf"(?:{_numeric_date(p)}|{_day(p)}(?:\s+{_month(p)}(?:\s+{_year(p)})?)?)"


_RANGE_LEAD = rf"(?P<lead>{_NOT_AFTER_LETTER}(?:du|de|entre(?:\s+le)?|les)\s+|{_NOT_AFTER_LETTER}d{_APOSTROPHE}\s*)?"
_RANGE_CONNECTOR = (
    rf"(?:\s*(?P<dash>[-–—])\s*|\s+(?:au|à|a|et(?:\s+le)?|jusqu{_APOSTROPHE}\s*(?:au|à|en))\s+)"
)
_YEAR_RANGE_CONNECTOR = rf"(?:\s*[-–—/]\s*|\s+(?:au|à|a|jusqu{_APOSTROPHE}\s*(?:en|à))\s+)"
_ORDINAL = (
    rf"(?:{_DETACHED_FIRST_SUFFIX}?(?<![0-9])(?P<ordinal_number>[1-4])(?![0-9])"
    r"(?:\s*(?:\^\s*\{?\s*(?:ère|er|re|ème|e|nde|nd)\s*\}?|ᵉʳ|ʳᵉ|ᵉ|ère|ème|eme|er|re|nde|nd|e))?"
    rf"|{_NOT_AFTER_LETTER}(?P<ordinal_word>{_alternatives(ORDINAL_WORDS)})){_NOT_BEFORE_LETTER}"
)
_OF_THE_YEAR = rf"(?:(?:de\s+l{_APOSTROPHE}\s*ann[ée]e|de|d{_APOSTROPHE}|en)\s*)?"
_OPEN_START_LEAD = (
    rf"{_NOT_AFTER_LETTER}(?:d[èe]s|[àa]\s+partir|[àa]\s+compter|depuis)"
    rf"(?:\s+d[eu]{_NOT_BEFORE_LETTER}|\s*d{_APOSTROPHE})?\s*"
    rf"(?:l[ae]\s+|l{_APOSTROPHE}\s*)?(?:rentr[ée]e\s+(?:de\s+|d{_APOSTROPHE}\s*)?)?"
)
_OPEN_END_LEAD = (
    rf"{_NOT_AFTER_LETTER}(?:avant\s+(?:le\s+)?|jusqu{_APOSTROPHE}\s*au\s+|au\s+plus\s+tard\s+le\s+)"
)
_UNTIL_MONTH_OR_YEAR_LEAD = (
    rf"{_NOT_AFTER_LETTER}jusqu{_APOSTROPHE}\s*(?:en|à|a)\s+(?:(?:la\s+)?fin\s+(?:de\s+|d{_APOSTROPHE}\s*)?)?"
)
# A year printed inside a reference number ("2023/007093") or right before an amount or a
# percentage ("2000 €") is not a date.
_NOT_AFTER_NUMBER = r"(?<![0-9][/.\-])"
_NOT_BEFORE_NUMBER = r"(?![/.\-][0-9])(?!\s*(?:€|euros?|k€|M€|%))"

DAY_RANGE_RE = re.compile(
    rf"{_RANGE_LEAD}{_start_date_maybe_partial('s_')}{_RANGE_CONNECTOR}{_full_date('e_')}", re.I
)
MONTH_RANGE_RE = re.compile(
    rf"{_RANGE_LEAD}{_month('s_')}(?:\s+{_year('s_')})?{_RANGE_CONNECTOR}{_month('e_')}\s+{_year('e_')}", re.I
)
YEAR_RANGE_RE = re.compile(
    rf"{_RANGE_LEAD}{_NOT_AFTER_NUMBER}{_year('s_')}{_YEAR_RANGE_CONNECTOR}{_year('e_')}{_NOT_BEFORE_NUMBER}", re.I
)
SCHOOL_YEAR_RE = re.compile(
    rf"{_NOT_AFTER_LETTER}ann[ée]e\s+scolaire\s+{_year('s_')}\s*[-–/]\s*(?P<e_year>[0-9]{{4}}|[0-9]{{2}})(?![0-9])",
    re.I,
)
PART_OF_YEAR_RE = re.compile(
    rf"{_ORDINAL}\s*{_PART_OF_YEAR_UNIT}{_NOT_BEFORE_LETTER}\s*{_OF_THE_YEAR}{_year('')}", re.I
)
SHORT_PART_OF_YEAR_RE = re.compile(  # "T1 2023", "S2 2023"
    rf"(?<![a-zà-ÿ0-9]){_SHORT_PART_OF_YEAR_UNIT}(?P<ordinal_number>[1-4])\s*[-/]?\s*{_year('')}", re.I
)
OPEN_START_RE = re.compile(
    rf"{_OPEN_START_LEAD}(?:{_full_date('')}|{_month('m_')}\s+{_year('m_')}|{_year('y_')}{_NOT_BEFORE_NUMBER})",
    re.I,
)
OPEN_END_RE = re.compile(rf"{_OPEN_END_LEAD}{_full_date('')}", re.I)
UNTIL_MONTH_OR_YEAR_RE = re.compile(
    rf"{_UNTIL_MONTH_OR_YEAR_LEAD}(?:{_month('')}\s+)?{_year('')}{_NOT_BEFORE_NUMBER}", re.I
)
SINGLE_DAY_RE = re.compile(rf"{_full_date('')}", re.I)
WHOLE_DATE_RE = re.compile(rf"\s*(?:le\s+)?{_full_date('')}\s*", re.I)
MONTH_RE = re.compile(rf"{_month('')}\s+{_year('')}", re.I)
YEAR_RE = re.compile(rf"{_NOT_AFTER_NUMBER}{_year('')}{_NOT_BEFORE_NUMBER}", re.I)

# Words before a date that make it vague: "fin 2023", "mi-mars 2023", "avant juin 2023",
# "après le 15 mars", "début de l'année 2023". A single year after "année scolaire" is
# ambiguous too: 2022-2023 or 2023-2024?
VAGUE_BEFORE_RE = re.compile(
    rf"(?:{_NOT_AFTER_LETTER}(?:fin|d[ée]but|mi|avant|apr[èe]s|au[-\s]del[àa])(?:\s*-\s*|\s+)"
    rf"(?:(?:de|du|d{_APOSTROPHE}|la|le|l{_APOSTROPHE})\s*)*(?:ann[ée]e\s+)?"
    rf"|ann[ée]e\s+scolaire\s+)$",
    re.I,
)
VAGUE_LOOKBEHIND_CHARS = 40
# "21 juin 2023?" — the text itself doubts the date.
DOUBTED_RE = re.compile(r"\s*\?")


class CalendarParseError(ValueError):
    """A date or period that looks like one but cannot be read (31/02/2023, "mi-mars 2023")."""


class _DoubtedDate(CalendarParseError):
    """The text marks the date as uncertain."""


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None
    precision: str  # one of PRECISIONS
    span: tuple[int, int]  # where in the parsed text the period was read


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def parse_period(text: str) -> Period | None:
    """The first explicit period in `text`, or None when there is none."""
    unreadable_spans: list[tuple[int, int]] = []
    for match, read in _candidates(text):
        if any(start <= match.start() and match.end() <= end for start, end in unreadable_spans):
            continue  # a fragment of a date we could not read is no better
        try:
            _refuse_vague_or_doubted(text, match)
            period = read(match)
        except _DoubtedDate:
            return None  # the first period is in doubt: a later one would be a guess
        except CalendarParseError:
            unreadable_spans.append(match.span())
            continue
        if period is not None:
            return period
    return None


def exact_date(text: str) -> date | None:
    """One full date and nothing else: "15 janvier 2023", "le 1er mars 2023", "01/09/2024"; None
    for anything else (like every date reader of pipeline.french)."""
    match = WHOLE_DATE_RE.fullmatch(text)
    if match is None:
        return None
    try:
        return _date_from(match, "")
    except CalendarParseError:
        return None


def _month_of(name: str) -> int:
    number = month_number(name)
    if number is None:
        raise CalendarParseError(f"not a month: {name!r}")
    return number


# ---------------------------------------------------------------------------------------------
# Candidate selection
# ---------------------------------------------------------------------------------------------

Reader = Callable[[re.Match], "Period | None"]


def _candidates(text: str) -> list[tuple[re.Match, Reader]]:
    """Every reading of every phrasing, leftmost first, then longest first."""
    found = [
        (match, read, order)
        for order, (pattern, read) in enumerate(_READINGS)
        for match in pattern.finditer(text)
    ]
    found.sort(key=lambda item: (item[0].start(), -(item[0].end() - item[0].start()), item[2]))
    return [(match, read) for match, read, _ in found]


def _refuse_vague_or_doubted(text: str, match: re.Match) -> None:
    before = text[max(0, match.start() - VAGUE_LOOKBEHIND_CHARS):match.start()]
    if VAGUE_BEFORE_RE.search(before):
        raise CalendarParseError(f"vague date: {text[match.start():match.end()]!r}")
    if DOUBTED_RE.match(text, match.end()):
        raise _DoubtedDate(f"doubted date: {match.group(0)!r}")


# ---------------------------------------------------------------------------------------------
# Readers: one per phrasing. They return None when the match is not that phrasing after all
# and raise CalendarParseError when it is, but with an impossible date.
# ---------------------------------------------------------------------------------------------


def _read_day_range(match: re.Match) -> Period | None:
    end = _date_from(match, "e_")
    has_start_month = match.group("s_month") or match.group("s_nmonth") or match.group("s_isomonth")
    # "Mesure 12 - 15 janvier 2023": a bare number and a dash, without "du", is not a range.
    if not has_start_month and match.group("dash") and not match.group("lead"):
        return None
    start = _start_date_completed_by(match, end)
    return _ordered_period(start, end, "day", match)


def _read_month_range(match: re.Match) -> Period:
    end_year = int(match.group("e_year"))
    end = _month_end(end_year, _month_of(match.group("e_month")))
    start_month = _month_of(match.group("s_month"))
    if match.group("s_year"):
        start = _make_date(int(match.group("s_year")), start_month, 1)
    else:
        # "de septembre à juin 2024": the start is the latest such month before the end.
        start = _make_date(end_year, start_month, 1)
        if start > end:
            start = _make_date(end_year - 1, start_month, 1)
    return _ordered_period(start, end, "month", match)


def _read_year_range(match: re.Match) -> Period:
    start = _make_date(int(match.group("s_year")), 1, 1)
    end = _make_date(int(match.group("e_year")), 12, 31)
    return _ordered_period(start, end, "year", match)


def _read_school_year(match: re.Match) -> Period:
    first_year = int(match.group("s_year"))
    printed_second = match.group("e_year")
    if int(printed_second) % 10 ** len(printed_second) != (first_year + 1) % 10 ** len(printed_second):
        raise CalendarParseError(f"not one school year: {match.group(0)!r}")
    start = _make_date(first_year, _SCHOOL_YEAR_FIRST_MONTH, 1)
    end = _make_date(first_year + 1, _SCHOOL_YEAR_FIRST_MONTH, 1) - timedelta(days=1)
    return Period(start, end, "school_year", match.span())


def _read_part_of_year(match: re.Match) -> Period:
    precision, parts = next(kind for unit, kind in _PARTS_OF_YEAR.items() if match.group(unit))
    number = _ordinal_value(match)
    if not 1 <= number <= parts:
        raise CalendarParseError(f"no such part of the year: {match.group(0)!r}")
    months_per_part = 12 // parts
    year = int(match.group("year"))
    first_month = (number - 1) * months_per_part + 1
    start = _make_date(year, first_month, 1)
    end = _month_end(year, first_month + months_per_part - 1)
    return Period(start, end, precision, match.span())


def _read_open_start(match: re.Match) -> Period:
    if match.group("m_month"):
        start = _make_date(int(match.group("m_year")), _month_of(match.group("m_month")), 1)
        return Period(start, None, "month", match.span())
    if match.group("y_year"):
        return Period(_make_date(int(match.group("y_year")), 1, 1), None, "year", match.span())
    return Period(_date_from(match, ""), None, "day", match.span())


def _read_open_end(match: re.Match) -> Period:
    return Period(None, _date_from(match, ""), "day", match.span())


def _read_until_month_or_year(match: re.Match) -> Period:
    year = int(match.group("year"))
    if match.group("month"):
        return Period(None, _month_end(year, _month_of(match.group("month"))), "month", match.span())
    return Period(None, _make_date(year, 12, 31), "year", match.span())


def _read_single_day(match: re.Match) -> Period:
    day = _date_from(match, "")
    return Period(day, day, "day", match.span())


def _read_month(match: re.Match) -> Period:
    year, month = int(match.group("year")), _month_of(match.group("month"))
    return Period(_make_date(year, month, 1), _month_end(year, month), "month", match.span())


def _read_year(match: re.Match) -> Period:
    year = int(match.group("year"))
    return Period(_make_date(year, 1, 1), _make_date(year, 12, 31), "year", match.span())


_READINGS: tuple[tuple[re.Pattern, Reader], ...] = (
    (DAY_RANGE_RE, _read_day_range),
    (MONTH_RANGE_RE, _read_month_range),
    (SCHOOL_YEAR_RE, _read_school_year),
    (YEAR_RANGE_RE, _read_year_range),
    (PART_OF_YEAR_RE, _read_part_of_year),
    (SHORT_PART_OF_YEAR_RE, _read_part_of_year),
    (OPEN_START_RE, _read_open_start),
    (OPEN_END_RE, _read_open_end),
    (UNTIL_MONTH_OR_YEAR_RE, _read_until_month_or_year),
    (SINGLE_DAY_RE, _read_single_day),
    (MONTH_RE, _read_month),
    (YEAR_RE, _read_year),
)

# ---------------------------------------------------------------------------------------------
# Dates from groups
# ---------------------------------------------------------------------------------------------


def _date_from(match: re.Match, p: str) -> date:
    """The full date captured by `_full_date(p)`."""
    def number(group: str) -> int:
        return int(match.group(p + group))

    if match.group(f"{p}nday"):
        return _make_date(number("nyear"), number("nmonth"), number("nday"))
    if match.group(f"{p}isoday"):
        return _make_date(number("isoyear"), number("isomonth"), number("isoday"))
    return _make_date(number("year"), _month_of(match.group(f"{p}month")), _day_number(match.group(f"{p}day")))


def _start_date_completed_by(match: re.Match, end: date) -> date:
    """The start of a day range, taking the month and year it leaves out from the end."""
    if match.group("s_nday") or match.group("s_isoday"):
        return _date_from(match, "s_")
    day = _day_number(match.group("s_day"))
    if match.group("s_year"):
        return _make_date(int(match.group("s_year")), _month_of(match.group("s_month")), day)
    if match.group("s_month"):
        start = _make_date(end.year, _month_of(match.group("s_month")), day)
        # "du 15 décembre au 15 janvier 2024" starts the year before.
        return start if start <= end else _make_date(end.year - 1, start.month, day)
    start = _make_date(end.year, end.month, day)
    if start <= end:
        return start
    # "du 28 au 3 mars 2023" starts the month before.
    previous_month = end.replace(day=1) - timedelta(days=1)
    return _make_date(previous_month.year, previous_month.month, day)


def _ordered_period(start: date, end: date, precision: str, match: re.Match) -> Period:
    if start > end:
        raise CalendarParseError(f"period ends before it starts: {match.group(0)!r}")
    return Period(start, end, precision, match.span())


def _ordinal_value(match: re.Match) -> int:
    if match.group("ordinal_number"):
        return int(match.group("ordinal_number"))
    word = match.group("ordinal_word")
    # IGNORECASE also lets "ı" or "ſ" stand for i and s; such a word is in no table.
    number = ordinal_number(word)
    if number is None:
        raise CalendarParseError(f"not an ordinal: {word!r}")
    return number


def _day_number(text: str) -> int:
    return int(text) if text.isascii() and text.isdigit() else 1  # the day group's only word is "premier"


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise CalendarParseError(f"no such date: {day:02d}/{month:02d}/{year}") from error


def _month_end(year: int, month: int) -> date:
    if not 1 <= month <= 12:
        raise CalendarParseError(f"no such month: {month}")
    first_of_next = date(year + 1, 1, 1) if month == 12 else _make_date(year, month + 1, 1)
    return first_of_next - timedelta(days=1)
