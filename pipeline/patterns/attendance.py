"""Attendance lists, proxies, item ranges and body events."""
from __future__ import annotations

import re

from pipeline.patterns.dates import ANY_DATE, I, LONG_DATE, MONTH, NUMERIC_DATE, WORDS_NUMBER  # noqa: F401

CIVILITE = r"(?:(?:Monsieur|Madame|Mademoiselle|Messieurs|Mesdames|Mmes|Mme|Mlle|MM|Mr|Dr)\.?(?![^\W\d_])|M\.)"
CIVILITE_RE = re.compile(rf"^\s*{CIVILITE}\s*", I)
# section labels, longest first; each maps to what follows it
PRESENT_LABEL = r"(?:[ÉE]taients?\s+pr[ée]sents?|Pr[ée]sents?|Membres\s+pr[ée]sents)"
REPRESENTED_LABEL = (
    r"(?:Absents?\s+ayant\s+vot[ée]\s+par\s+procuration[^:\n]*(?:\n[^:\n]*)?|"
    r"(?:Absents?|Excus[ée]e?s?)(?:\s+excus[ée]e?s?)?\s+(?:mais\s+)?ayant\s+donn[ée]\s+(?:procuration|pouvoir)[^:\n]*|"
    r"Procurations?(?:\s+de\s+vote)?|Pouvoirs?|Absents?\s+repr[ée]sent[ée]e?s?)"
)
ABSENT_LABEL = r"(?:[ÉE]taient\s+absents?(?:\s+excus[ée]e?s?)?|Absente?s?\s+excus[ée]e?s?|Excus[ée]e?s?|Absente?s?)"
ATTENDANCE_SECTION_RE = re.compile(
    rf"(?:^|\n|\+ |– |- )\s*(?:(?P<represented>{REPRESENTED_LABEL})|(?P<present>{PRESENT_LABEL})|(?P<absent>{ABSENT_LABEL}))\s*(?:\(\d+\)\s*)?:",
    I,
)
# labels that end an attendance list without starting another one
ATTENDANCE_STOP_RE = re.compile(
    r"(?:^|\n)\s*(?:Secr[ée]taire|OBJET|Rapporteur|Le\s+Conseil|Ordre\s+du\s+jour|EXPOS|Nombre\s+de|Assistai|[A-Z][^\n:]{0,40}\s+rapporte)|_{4,}|\n\s*\d{4}-\d{2}-\d{2}\s",
    I,
)
# "(à compter de la question n° 7)", "(jusqu'à la question n° 21 incluse)", "(pour la question n° 8)",
# "(de la question n° 9 à la question n° 20 incluse)", "(arrivé(e) à la délibération n° 5)"
ITEM_WORD = r"(?:question|d[ée]lib[ée]ration|point|affaire|dossier|rapport)s?"
ITEM_NO = r"(?:n\s*°|no|n°|num[ée]ro)?\s*"
FROM_ITEM_RE = re.compile(rf"(?:[àa]\s+compter\s+(?:de\s+)?(?:la|du|de\s+l[a’'])?|[àa]\s+partir\s+(?:de\s+)?(?:la|du)?|arriv[ée]e?\s+(?:[àa]\s+la|au|lors\s+de\s+la|pendant\s+la))\s*{ITEM_WORD}\s*{ITEM_NO}(?P<n>\d+)", I)
UNTIL_ITEM_RE = re.compile(rf"(?:jusqu[’']?\s*(?:[àa]|au)\s+(?:la\s+)?|parti(?:e)?\s+(?:apr[èe]s|[àa]\s+l(?:a|’issue\s+de\s+la))\s+(?:la\s+)?){ITEM_WORD}\s*{ITEM_NO}(?P<n>\d+)(?P<incl>\s*incluse?)?", I)
ONLY_ITEM_RE = re.compile(rf"pour\s+(?:la|le)\s+{ITEM_WORD}\s*{ITEM_NO}(?P<n>\d+)", I)
BETWEEN_ITEMS_RE = re.compile(rf"de\s+la\s+{ITEM_WORD}\s*{ITEM_NO}(?P<a>\d+)\s+[àa]\s+la\s+{ITEM_WORD}\s*{ITEM_NO}(?P<b>\d+)(?P<incl>\s*incluse?)?", I)
# proxies: "X à Y", "X (pouvoir à Y)", "X représenté(e) par Y", "X a donné procuration à Y", "X donne pouvoir à Y"
PROXY_GIVEN_RE = re.compile(
    r"\s*(?:\(?\s*(?:a\s+)?(?:donn[ée]e?|donne)\s+(?:procuration|pouvoir)\s+[àa]|\(?\s*pouvoir\s+[àa]|\(?\s*procuration\s+[àa]|repr[ée]sent[ée]e?\s+par|(?<![\w'’])[àa])\s+",
    I,
)
# events printed in a procès-verbal body: "Monsieur Bernard ROBERT ... quitte la pièce le temps de son examen"
NAMED_PERSON = r"(?:(?:Monsieur|Madame|M\.|Mme|Mr)\s+)(?P<name>[A-ZÉ][\w’'\-]+(?:\s+[A-ZÉ][\w’'\-]+){0,3})"
LEAVES_RE = re.compile(
    rf"{NAMED_PERSON}[^.\n]{{0,80}}?\b(?:quitte|sort\s+de|se\s+retire\s+de)\s+(?:la\s+)?(?:s[ée]ance|salle|pi[èe]ce)(?P<temporary>[^.]{{0,40}}le\s+temps)?", I
)
NOT_VOTING_NAMED_RE = re.compile(rf"{NAMED_PERSON}[^.\n]{{0,80}}?\bne\s+prend\s+pas\s+part\s+(?:au\s+vote|[àa]\s+la\s+d[ée]lib[ée]ration)", I)
ARRIVES_RES = [
    re.compile(rf"arriv[ée]e\s+de\s+{NAMED_PERSON}", I),
    re.compile(rf"{NAMED_PERSON}\s+(?:arrive|rejoint\s+la\s+s[ée]ance|est\s+arriv[ée]e?)\b", I),
]
EXCUSED_RE = re.compile(r"\(?\s*excus[ée]e?s?\s*\)?", I)
