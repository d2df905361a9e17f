"""Phrasings `delib audit` looks for besides the vote and segment patterns. (Tallies, unanimity,
outcome and decision sentences are read with patterns.vote; result lines, decision closings
("Délibération prise en ce sens") and the sitting's procedure with patterns.segment.)"""
from __future__ import annotations

import re

from pipeline.french.patterns.dates import I

# "Après en avoir délibéré": the council's decision follows, wherever it stands on the line
DELIBERATED_RE = re.compile(r"\bapr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]", I)
# the council named as a subject: "le Conseil Municipal fixe ..." may be the exposé speaking of what the council
# may do ("le Conseil Municipal est appelé à proposer une liste"), not a decision taken
COUNCIL_SUBJECT_RE = re.compile(r"(?:le\s+conseil|l['’]\s*assembl[ée]e|les\s+membres\s+du\s+conseil)\b", I)
# decisions about the sitting itself that patterns.segment.PROCEDURAL_RE (minutes approved, secrétaire named) does
# not word: the way of voting ("conserver le mode de vote à main levée. Vote : Pour à l'unanimité"), the minutes
# adopted without "séance" ("Aucune observation n'ayant été soulevée, le compte-rendu est adopté à l'unanimité"),
# an item added to the agenda ("Le Conseil Municipal accepte d'ajouter à l'ordre du jour, les rapports
# supplémentaires suivants", "cette question ... a fait l'objet d'un additif"), the secrétaire chosen without
# "nomination" ("propose la candidature de ..., en qualité de secrétaire pour la présente séance")
PROCEDURAL_DECISION_RE = re.compile(
    r"\bvote\s+[àa]\s+main\s+lev[ée]e|\bmode\s+de\s+(?:vote|scrutin)\b|"
    r"\b(?:compte[\s\-]+rendu|proc[èe]s[\s\-]+verbal)\s+(?:est|a\s+[ée]t[ée])\s+(?:adopt|approuv)|"
    r"\b(?:ajouter|inscrire|inscription)\s+[àa]\s+l['’]\s*ordre\s+du\s+jour|\badditif\b|"
    r"\bsecr[ée]taire\s+(?:de|pour\s+la\s+pr[ée]sente)\s+s[ée]ance\b",
    I,
)
