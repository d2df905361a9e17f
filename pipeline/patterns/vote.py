"""Votes, unanimity and outcome."""
from __future__ import annotations

import re

from pipeline.patterns.dates import ANY_DATE, I, LONG_DATE, MONTH, NUMERIC_DATE, WORDS_NUMBER  # noqa: F401

UNANIMITY_RE = re.compile(r"\b(?:[àa]\s+l['’]\s*unanimit[ée]|unanimement|unanimit[ée]|unanime)\b", I)
ADOPTED_RE = re.compile(
    r"\b(?:adopt[ée]e?s?|approuv[ée]e?s?|Le\s+Conseil\s+(?:Municipal\s+)?Adopte|d[ée]cide|accepte|autorise|valide)\b", I
)
REJECTED_RE = re.compile(r"\b(?:rejet[ée]e?s?|refus[ée]e?s?|n['’]est\s+pas\s+adopt[ée]e?|ne\s+(?:l['’])?adopte\s+pas)\b", I)
COUNT = r"(?P<n>\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)"
VOTE_FOR_RES = [
    re.compile(rf"\bPour\s*:\s*{COUNT}\b", I),
    re.compile(rf"{COUNT}\s+(?:voix|votes?)\s+pour\b", I),
    re.compile(rf"\b{COUNT}\s+pour\b", I),
    re.compile(rf"\bPour\s+{COUNT}\b", I),
    re.compile(rf"des\s+votants\s*\(\s*{COUNT}\s+voix\s*\)", I),
]
VOTE_AGAINST_RES = [
    re.compile(rf"\bContre\s*:\s*{COUNT}\b", I),
    re.compile(rf"{COUNT}\s+(?:voix|votes?)\s+contre\b", I),
    re.compile(rf"\b{COUNT}\s+contre\b", I),
    re.compile(rf"\bContre\s+{COUNT}\b", I),
]
VOTE_ABSTENTION_RES = [
    re.compile(rf"\bAbstentions?\s*:\s*{COUNT}\b", I),
    re.compile(rf"{COUNT}\s+abstentions?\b", I),
    re.compile(rf"\bAbstentions?\s+{COUNT}\b", I),
]
VOTE_NON_PARTICIPATION_RES = [
    re.compile(rf"Ne\s+(?:prend|prennent)\s+pas\s+part\s+au\s+vote\s*:\s*{COUNT}\b", I),
    re.compile(rf"{COUNT}\s+(?:conseillers?\s+)?(?:ne\s+prenant|ne\s+prend|ne\s+prennent)\s+pas\s+part", I),
    re.compile(rf"Non[\s\-]participations?\s*:?\s*{COUNT}\b", I),
]
# a decision sentence: where votes are announced
VOTE_CONTEXT_RE = re.compile(
    r"(?:Vote\s*:|Votes?\s*:|apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|ADOPT[ÉE]|Le\s+Conseil\s+(?:Municipal\s+)?(?:Adopte|d[ée]cide|approuve)|"
    r"La\s+d[ée]lib[ée]ration\s+est|Rapport\s+adopt[ée]|Pour\s*:|A\s+L['’]UNANIMIT|[àa]\s+l['’]unanimit)",
    I,
)

COUNT_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10}


def count_value(token: str) -> int:
    token = token.lower()
    return COUNT_WORDS[token] if token in COUNT_WORDS else int(token)
