"""The séance header."""
from __future__ import annotations

import re

from pipeline.patterns.dates import ANY_DATE, I, LONG_DATE, MONTH, NUMERIC_DATE, WORDS_NUMBER  # noqa: F401

SEANCE_DATE_RES = [
    re.compile(rf"S[ée]ance\s+(?:publique\s+|ordinaire\s+|extraordinaire\s+)?du\s*:?\s*(?P<date>{ANY_DATE})", I),
    re.compile(rf"(?:Conseil\s+Municipal|R[ée]union\s+du\s+conseil\s+municipal|Conseil\s+communautaire)\s+du\s+(?P<date>{ANY_DATE})", I),
    re.compile(rf"(?:^|\n)\W*(?P<date>{LONG_DATE})", I),
]
CONVOCATION_RE = re.compile(
    rf"(?:convoqu[ée]e?s?(?:\s+le)?|Date\s+de\s+(?:la\s+)?convocation|convocation\s+(?:du|en\s+date\s+du))\s*:?\s*(?:le\s+)?(?P<date>{ANY_DATE})",
    I,
)
CONVOCATION_WRITTEN_RE = re.compile(r"convoqu[ée]e?s?\s+(?:le\s+)?(?P<rest>[^,.;]{5,80})", I)
MEMBERS_IN_OFFICE_RE = re.compile(r"en\s+exercice\s*:?\s*(?P<n>\d{1,3})\b", I)
PRESIDENT_RES = [
    re.compile(
        r"sous\s+la\s+pr[ée]sidence\s+de\s+(?:(?:Monsieur|Madame)\s+l[ea]\s+Maire(?:\s+d[ée]l[ée]gu[ée]e?)?\s*,?\s*)?(?P<name>[^,.\n(]{3,60}?(?:\n[^,.\n(]{2,30}?)?)\s*(?:,|\.|\(|\n|$)",
        I,
    ),
    re.compile(r"Pr[ée]sidence\s+de\s+(?P<name>[^,.\n]{3,60})", I),
    re.compile(r"Pr[ée]sident(?:e)?\s+de\s+s[ée]ance\s*:\s*(?P<name>[^,.\n]{3,60})", I),
]
SECRETAIRE_RE = re.compile(
    r"Secr[ée]taire(?:\s+de\s+s[ée]ance)?\s*(?:[ée]lue?)?\s*:\s*(?P<name>[^\n;(]{2,80})", I
)
COLLECTIVITE_RES = [
    re.compile(r"(?P<name>(?:Ville|Commune|Mairie)\s+(?:de\s+|d[’'])\s*[A-ZÉÈÀÂÎÔÛ][\w’'\- ]{1,40}?)(?:\s*\(\d{2,3}\))?\s*(?:\n|,|$| -)", 0),
    re.compile(r"Conseil\s+Municipal\s+de\s+(?:la\s+Ville\s+de\s+|la\s+Commune\s+de\s+)?(?P<name>[A-ZÉ][\w’'\-]+(?:[ \-][A-ZÉ][\w’'\-]+)*)", 0),
]
