"""The ACTES prefecture stamp."""
from __future__ import annotations

import re

from pipeline.french.first_chars import compile_guarded
from pipeline.french.patterns.dates import ANY_DATE, I, LONG_DATE, MONTH, NUMERIC_DATE, WORDS_NUMBER  # noqa: F401

# Tolerates spaces the text layer inserts inside the id ("0 34-2134 01722-...").
ACTE_ID_RE = re.compile(
    r"(?<![\w-])(?P<id>(?:\d\s?\d\s?\d|0\s?2\s?[AB])\s?-\s?(?:\d\s?){9}-\s?(?:\d\s?){8}-\s?[A-Za-z0-9_]{1,35}\s?-\s?(?:DE|AR|AI|CC|BF|AU))(?![A-Za-z0-9])"
)
STAMP_RECEIVED_RE = compile_guarded(
    rf"(?:R[ée]ception\s+en\s+pr[ée]fecture|Re[çc]u\s+en\s+pr[ée]fecture(?:\s+le)?|RECU\s+EN\s+PREFECTURE(?:\s+le)?|"
    rf"Date\s+de\s+r[ée]ception\s+(?:en\s+)?pr[ée]fecture)\s*:?\s*(?:le\s*:?\s*)?(?P<date>{ANY_DATE})",
    I,
)
STAMP_SENT_RE = compile_guarded(
    rf"(?:Envoi\s+Pr[ée]fecture|Envoy[ée]e?\s+en\s+pr[ée]fecture(?:\s+le)?|Date\s+de\s+t[ée]l[ée]transmission|"
    rf"Transmis(?:e)?\s+(?:en|à\s+la)\s+pr[ée]fecture(?:\s+le)?)\s*:?\s*(?:le\s*:?\s*)?(?P<date>{ANY_DATE})",
    I,
)
STAMP_PUBLISHED_RE = compile_guarded(
    rf"(?:Publi[ée]e?\s+le|Affich[ée]e?\s+le|Date\s+de\s+publication|Mise?\s+en\s+ligne\s+le|"
    # an extract's header: "Date d'affichage 15/12/2023", the label boxed (OCR: "Date d'affichage |")
    rf"Date\s+d['’]\s*affichage(?:\s+de\s+l['’]\s*acte)?[ \t]*\|?)\s*:?\s*(?P<date>{ANY_DATE})",
    I,
)
# a line labelling a date of the stamp's, put on the line above it ("RECU EN PREFECTURE" / "Le 02 mars 2023"):
# the date below is that label's value when the label has none of its own
STAMP_LABEL_LINE_RE = re.compile(
    r"pr[ée]fecture|\bre[çc]ue?\b|\bpubli[ée]e?\b|\baffich[ée]e?\b|\benvoy[ée]e?\b|\btransmise?\b|\baccus[ée]\b|"
    r"r[ée]ception|mise?\s+en\s+ligne",
    I,
)
