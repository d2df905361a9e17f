"""Where items of a procès-verbal start and where their headings end."""
from __future__ import annotations

import re

from pipeline.patterns.attendance import CIVILITE
from pipeline.patterns.dates import I

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
