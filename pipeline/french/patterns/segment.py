"""Where items of a procès-verbal start and where their headings end."""
from __future__ import annotations

import re

from pipeline.french.patterns.attendance import CIVILITE
from pipeline.french.patterns.dates import I

# a single délibération (extract of the registre) announces itself before any numbered line
SINGLE_MARKERS_RE = re.compile(r"(?:^|\n)\s*(?:OBJET\s*:|D[ée]lib[ée]ration\s+n\s*°|Extrait\s+du\s+registre)", I)
ANNEX_RE = re.compile(r"(?:^|\n)(?=\s*(?:ANNEXE\b|Annexe\s*(?:n\s*°\s*)?\d|Annexe\s*:|Fiche[\s-]+action\b))", I)
# the first line of an item's body, which never continues its heading
BODY_START_RE = re.compile(
    rf"^\s*(?:{CIVILITE}|Vu\b|Consid[ée]rant|Le\s+Conseil|Les?\s+(?:membres|[ée]lus)|Apr[èe]s\b|Il\s+est|Il\s+a\s+[ée]t[ée]|"
    rf"Sur\s+(?:proposition|le\s+rapport)|Rapporteur|Expos[ée]|D[ée]lib[ée]ration|Vote\b|ADOPT|Le\s+Maire|La\s+Maire|Mme\s+le\s+maire|"
    rf"Rappel|Nota\b|Pour\s+information|C[’']est\b)",
    I,
)
# a result printed on its own for one decision: "ADOPTÉ à l’unanimité.", "ADOPTÉ 9 voix pour, 5 abstentions.",
# "DM1 pour budget communal approuvé : Vote : 14 pour / 0 contre / 0 abstention  adopté"
VOTE_LINE_RE = re.compile(
    r"(?m)^[ \t]*(?:(?:ADOPT[ÉE]E?S?|REJET[ÉE]E?S?|Adopt[ée]e?s?|Rejet[ée]e?s?)[ \t]+(?:[àa][ \t]+l[’']\s*unanimit[ée]|(?:par[ \t]+)?\d+[ \t]+voix)"
    r"|[^\n]*\bVote[ \t]*:[ \t]*\d+[ \t]*pour\b)[^\n]*"
)
# the subject printed before a result on the same line: "DM1 pour budget communal approuvé : Vote : 14 pour"
VOTE_LINE_LABEL_RE = re.compile(r"^\s*(?P<label>[^:\n]{3,}?)\s*(?:approuv[ée]e?s?|adopt[ée]e?s?)?\s*:\s*(?:\w\s+)?Vote\s*:", I)
# anything showing the council decided something in an item (an item without it only informs)
DECISION_RE = re.compile(
    r"adopt[ée]|approuv|unanimit|unanime|\bvot[ée]e?s?\b(?<!votes)|\bvotes?\s*:|\d+\s+voix|\bpour\s*:\s*\d|d[ée]cid|d[ée]lib[ée]r|"
    r"autoris|accept|acquiesc|refus|rejet|[ée]met\s+un\s+avis|avis\s+(?:favorable|d[ée]favorable)|prend\s+acte|"
    r"(?:est|sont|a\s+[ée]t[ée]|ont\s+[ée]t[ée])\s+(?:[ée]lue?s?|proclam[ée]e?s?|d[ée]sign[ée]e?s?)|\bfixe\s+(?:le|la|les|[àa]|au)\b|"
    r"donne\s+(?:son\s+)?accord|s[’']\s*oppose",
    I,
)
# the label of a closing list of the délibérations taken ("Liste des délibérations", "LISTE DES DELIBERATIONS")
CLOSING_LIST_RE = re.compile(r"(?m)^[ \t]*(?:Liste|R[ée]capitulatif|Relev[ée])\s+des\s+d[ée]lib[ée]rations\b[^\n]{0,30}$", I)
# a title announcing that nothing is decided: "Questions diverses", "Informations", "INFORMATION SUR L’OPERATION ...",
# "COMMUNICATION – ...", "(pas de délibération – voir compte rendu)"
NO_DECISION_TITLE_RE = re.compile(
    r"^\s*(?:questions?\s+diverses|divers\b|informations?\b|communications?\b)|pas\s+de\s+d[ée]lib[ée]ration", I
)
