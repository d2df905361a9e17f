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

# item headings by the shape of their numbering
HEADING_RES = {
    # "2019-03-01 REPARATION VITRAUX", "2019-03-12BIS ...", "2020-11 -01 A ADRESSAGE" (a stray drop capital),
    # "2019-03-1 1 ..." (a damaged closing list)
    "numero": re.compile(
        r"^(?P<numero>(?:19|20)\d{2}\s*-\s*\d{1,2}\s*-\s*\d(?:\s?\d)?(?:[A-Z]{1,3}\b)?)(?:\s+(?P<stray>[A-Z]))?\s+(?P<title>[A-ZÉÈÀ«\"].{3,})$"
    ),
    # "1. Renouvellement ...", "12) Budget ...", "1 Subventions associatives"
    "arabic": re.compile(r"^(?P<n>\d{1,2})\s*(?:[.)]\s*[-–]?\s*|\s(?=[A-ZÉÈÀÂÎ][a-zéèêàâîôûç]))(?P<title>[A-ZÉÈÀÂÎ«\"].{3,})$"),
    # "IV Plan de sauvegarde communal."
    "roman": re.compile(r"^(?P<roman>[IVX]{1,5})\s*[.)\-–]?\s+(?P<title>[A-ZÉÈÀÂÎ].{3,})$"),
}
# a dash or bullet opening a line that continues a heading ("− Accord de principe")
DASH_BULLET_RE = re.compile(r"^\s*[−–\-•]\s*(?=\S)")
# a heading line ending on a connector goes on over the next line ("Convention avec la" + "commune de ...")
TITLE_END_CONNECTOR_RE = re.compile(
    r"(?:\b(?:de|du|des|d[’']|l[’']|la|le|les|et|ou|à|a|au|aux|pour|en|sur|par|avec|dans|entre|sous)|[–\-«,:/(])\s*$", I
)
# page furniture inside a closing list: a bare page number, "Page 3 sur 12"
PAGE_FURNITURE_LINE_RE = re.compile(r"\d{1,3}|Page\s.*")
# entries of a closing list: "1. Indemnités de fonction ...", lettered sub-entries "a) Budgets annexes"
LIST_ENTRY_NUMBERED_RE = re.compile(r"^(\d{1,2})\s*[.)]\s*(.{3,})$")
LIST_ENTRY_LETTERED_RE = re.compile(r"^[a-z]\s*\)\s*(.{3,})$")
# an acronym and its expansion opening a sub-decision's paragraph: "ACCDM (Association de ...)"
ACRONYM_EXPANSION_RE = re.compile(r"^[^\s(]{2,20}\s*\([^()]{3,}\)")
# the end of a sentence inside a line ("... sollicite une aide. Le conseil ...")
SENTENCE_END_RE = re.compile(r"(?<=[a-zé)])\.\s")
