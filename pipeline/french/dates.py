"""Turn French date phrasings into `datetime.date`: "24 avril 2014", "1er février 2016",
"25/04/2014", "le onze mars deux mil dix neuf". Returns None rather than guessing."""
from __future__ import annotations

import datetime as dt
import re

from pipeline.french.lexicon import month_number, words_to_int
from pipeline.french.patterns import dates as P

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
        month = month_number(groups["month"])
        return _make(int(groups["year"]), month, int(groups["day"].replace(" ", ""))) if month else None
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
        month = month_number(m["wmonth"])
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
