"""A délibération's identity: objet, numero, rapporteur, commission."""
from __future__ import annotations

import re

from pipeline.patterns.dates import ANY_DATE, I, LONG_DATE, MONTH, NUMERIC_DATE, WORDS_NUMBER  # noqa: F401

OBJET_RE = re.compile(r"(?:^|\n)\s*OBJET\s*:?\s*(?:(?P<item>\d{1,3})\s*[.\-)]\s*)?(?P<objet>[^\n]+(?:\n(?!\s*(?:D[ée]lib[ée]ration|Rapporteur|N°))[^\n]+)?)", I)
NUMERO_RES = [
    re.compile(r"D[ée]lib[ée]ration\s+n\s*°?\s*:?\s*(?P<numero>\d{4}\s*[/._\-]\s*[\w./\-]+)", I),
    re.compile(r"(?:^|\n)\s*N\s*°\s*(?P<numero>\d{4}\s*[./_\-]\s*\d[\w./\-]*)", I),
    re.compile(r"(?:^|\n)\s*n\s*°\s*(?P<numero>\d{4}\s*/\s*\d+)", I),
    re.compile(r"D[ée]lib[ée]ration\s+(?P<numero>\d{8}_\d+)", I),
    re.compile(r"(?:^|\n)\s*(?P<numero>\d+_DELIB_\w+)", I),
]
RAPPORTEUR_RES = [
    re.compile(r"Rapporteure?\s*:\s*(?P<name>[^\n,]{2,80})", I),
    re.compile(r"(?:^|\n)\s*(?P<name>(?:Monsieur|Madame|M\.|Mme)\s+[^\n:]{2,60}?)\s+rapporte\b", I),
    re.compile(r"(?:donne\s+la\s+parole\s+[àa]|laisse\s+la\s+parole\s+[àa])\s+(?P<name>(?:Monsieur|Madame|M\.|Mme|Mr)\s+[^\n,.;]{2,60}?)(?:,|\.|;|\s+qui\b|\n)", I),
]
COMMISSION_ROW_RE = re.compile(
    rf"(?P<name>Commission[^\n]{{0,60}}?)\s+(?P<date>{NUMERIC_DATE})\s+(?P<avis>(?:Favorable|D[ée]favorable|Avis|Sans\s+avis|R[ée]serv[ée])[^\n]*)", I
)
