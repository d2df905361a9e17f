"""Turn French date phrasings into `datetime.date`: "24 avril 2014", "1er février 2016",
"25/04/2014", "le onze mars deux mil dix neuf". Returns None rather than guessing."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from pipeline.french import patterns as P

_UNITS = {
    "zero": 0, "un": 1, "une": 1, "premier": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60,
}


def fold(text: str) -> str:
    """Lower case without accents: "Février" -> "fevrier"."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


_fold = fold


def words_to_int(text: str) -> int | None:
    """French number words to an int ("deux mil dix neuf" -> 2019, "vingt-neuf" -> 29)."""
    tokens = [t for t in re.split(r"[\s\-]+", _fold(text)) if t and t != "et"]
    if not tokens:
        return None
    total, current = 0, 0
    for token in tokens:
        if token.isdigit():
            current += int(token)
        elif token in _UNITS:
            value = _UNITS[token]
            # "quatre vingt" multiplies
            if value == 20 and current in (4,):
                current *= 20
            else:
                current += value
        elif token in ("cent", "cents"):
            current = max(current, 1) * 100
        elif token in ("mille", "mil"):
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def _make(year: int, month: int, day: int) -> dt.date | None:
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_from_match(m: re.Match) -> dt.date | None:
    """A match of patterns.ANY_DATE (named groups day/month/year or nday/nmonth/nyear)."""
    groups = m.groupdict()
    if groups.get("day"):
        return _make(int(groups["year"]), P.MONTHS[_fold(groups["month"]) if _fold(groups["month"]) in P.MONTHS else groups["month"].lower()], int(groups["day"]))
    if groups.get("nday"):
        return _make(int(groups["nyear"]), int(groups["nmonth"]), int(groups["nday"]))
    return None


def parse_date(text: str) -> dt.date | None:
    """The first date in `text`, numeric, long or written out."""
    m = P.ANY_DATE_RE.search(text)
    if m:
        return date_from_match(m)
    m = P.WRITTEN_DATE_RE.search(text)
    if m:
        day = int(m["wday"]) if m["wday"].isdigit() else words_to_int(m["wday"])
        year = int(m["wyear"]) if m["wyear"].isdigit() else words_to_int(m["wyear"])
        month = P.MONTHS.get(_fold(m["wmonth"]))
        if day and year and month and 1900 < year < 2100:
            return _make(year, month, day)
    return _dateparser_fallback(text)


_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "DATE_ORDER": "DMY",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_YEAR_END_RE = re.compile(r"\b(?:19|20)\d{2}\b")
_DAY_BEFORE_YEAR_RE = re.compile(r"\b\d{1,2}(?=(?:er)?\s)")


def _dateparser_fallback(text: str) -> dt.date | None:
    """Abbreviated or unusual spellings our grammar does not list ("2 févr. 2023", "15 sept. 2022"):
    dateparser reads the words up to the first year, strictly (day, month and year all required)."""
    year = _YEAR_END_RE.search(text)
    days = list(_DAY_BEFORE_YEAR_RE.finditer(text, 0, year.start())) if year else []
    day = days[-1] if days else None
    if day is None or not re.search(r"[^\W\d_]{3,}", text[day.end() : year.start()]):
        return None
    candidate = text[day.start() : year.end()]
    import dateparser  # imported on first use: it costs ~0.3 s and most documents never need it

    parsed = dateparser.parse(candidate, languages=["fr"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def date_after_label(regex: re.Pattern, text: str) -> tuple[dt.date, re.Match] | None:
    """First match of `regex` (which has a `date` group built from ANY_DATE) that parses."""
    for m in regex.finditer(text):
        value = parse_date(m.group("date"))
        if value:
            return value, m
    return None
