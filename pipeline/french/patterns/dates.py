"""Dates as French documents print them."""
from __future__ import annotations

import re

I = re.IGNORECASE
IM = re.IGNORECASE | re.MULTILINE

MONTH = r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)"
WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
# a month abbreviated, as date stamps print it: "12 DEC. 2022", "15 JUIL. 2025" (the dot required: "oct" alone is a word)
MONTH_ABBREVIATED = r"(?:janv|f[ée]vr?|avr|juil|sept|oct|nov|d[ée]c)\."
# "24 avril 2014", "jeudi 24 avril 2014", "1er février 2016", "1 er Février 2016", "12 DEC. 2022", and a stamped
# day OCR read with its digits apart ("1 2 DEC. 2022")
LONG_DATE = (rf"(?:{WEEKDAY}\s+)?(?<![\d,.])(?P<day>\d{{1,2}}|\d\s\d)\s*(?:er|ᵉʳ)?\s+(?P<month>{MONTH}|{MONTH_ABBREVIATED})"
             rf"\s+(?P<year>\d{{4}})")
NUMERIC_DATE = r"(?P<nday>\d{1,2})\s*[/.\-]\s*(?P<nmonth>\d{1,2})\s*[/.\-]\s*(?P<nyear>\d{4}|\d{2})\b"
ANY_DATE = rf"(?:{LONG_DATE}|{NUMERIC_DATE})"
ANY_DATE_RE = re.compile(ANY_DATE, I)

# written-out dates: "le onze mars deux mil dix neuf", "L'an deux mille quinze, le 15 octobre"
NUMBER_WORD = (
    r"(?:premier|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|"
    r"quinze|seize|vingt|trente|quarante|cinquante|soixante|cent|cents|mille|mil|et)"
)
WORDS_NUMBER = rf"{NUMBER_WORD}(?:[\s\-]+{NUMBER_WORD})*"
WRITTEN_DATE_RE = re.compile(
    rf"(?P<wday>\d{{1,2}}|{WORDS_NUMBER})\s*(?:er)?\s+(?P<wmonth>{MONTH})\s+(?P<wyear>\d{{4}}|{WORDS_NUMBER})", I
)
YEAR_IN_WORDS_RE = re.compile(rf"l[’']an\s+(?P<year>{WORDS_NUMBER})", I)
