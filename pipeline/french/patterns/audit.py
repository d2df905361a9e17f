"""Phrasings `delib audit` looks for besides the vote and segment patterns: the sentences that say a
délibération was taken, wherever the records may have missed it. (Tallies, unanimity, outcome and
decision sentences are read with patterns.vote; result lines with patterns.segment.)"""
from __future__ import annotations

import re

from pipeline.french.patterns.dates import I

# the minutes close an item by saying a délibération was taken: "Délibération prise en ce sens.",
# "Délibérations prises en ce sens." (after several décisions modificatives), and an extract of the
# registre ends "Ainsi fait et délibéré les jour, mois, an ci-dessus"
DECISION_CLOSING_RE = re.compile(
    r"\bD[ée]lib[ée]rations?\s+prises?\s+en\s+ce\s+sens\b|\b(?:Ainsi\s+)?fait\s+et\s+d[ée]lib[ée]r[ée]\s+(?:les?|en)\b",
    I,
)
# the council's assent stated as a noun: "Accord du conseil à l'unanimité.", "Accord du conseil municipal aux
# conditions proposées par 2 voix CONTRE (...) et 12 voix POUR."
COUNCIL_ACCORD_RE = re.compile(r"\bAccord\s+(?:du\s+conseil(?:\s+municipal)?|de\s+l['’]\s*assembl[ée]e)\b", I)
# "Après en avoir délibéré": the council's decision follows, wherever it stands on the line
DELIBERATED_RE = re.compile(r"\bapr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]", I)
# the council takes note: "Le Conseil Municipal prend acte de la communication du rapport", an act even without a vote
TAKES_NOTE_RE = re.compile(r"\bpren(?:d|nent)\s+acte\b", I)
# the council named as a subject: "le Conseil Municipal fixe ..." may be the exposé speaking of what the council
# may do ("le Conseil Municipal est appelé à proposer une liste"), not a decision taken
COUNCIL_SUBJECT_RE = re.compile(r"(?:le\s+conseil|l['’]\s*assembl[ée]e|les\s+membres\s+du\s+conseil)\b", I)
# a decision about the sitting itself, not a délibération: the minutes of the last sitting approved ("le compte
# rendu de la précédente réunion a été adopté par l'Assemblée", "Aucune observation n'ayant été soulevée, le
# compte-rendu est adopté à l'unanimité", "Approbation du compte rendu du conseil du 11 mars 2021"), the way of
# voting ("conserver le mode de vote à main levée. Vote : Pour à l'unanimité"), an item added to the agenda ("Le
# Conseil Municipal accepte d'ajouter à l'ordre du jour, les rapports supplémentaires suivants", "cette question ...
# a fait l'objet d'un additif"), the secrétaire chosen ("Nomination du secrétaire / Monsieur le Maire propose la
# candidature de ..., en qualité de secrétaire pour la présente séance")
PROCEDURAL_DECISION_RE = re.compile(
    r"\bvote\s+[àa]\s+main\s+lev[ée]e|\bmode\s+de\s+(?:vote|scrutin)\b|"
    r"\b(?:compte[\s\-]+rendu|proc[èe]s[\s\-]+verbal)\b[^.;]{0,80}?\b(?:pr[ée]c[ée]dente?|derni[èe]re\s+(?:s[ée]ance|r[ée]union)|"
    r"(?:s[ée]ance|r[ée]union|conseil)\s+du)\b|\b(?:compte[\s\-]+rendu|proc[èe]s[\s\-]+verbal)\s+(?:est|a\s+[ée]t[ée])\s+(?:adopt|approuv)|"
    r"\b(?:ajouter|inscrire|inscription)\s+[àa]\s+l['’]\s*ordre\s+du\s+jour|\badditif\b|"
    r"\bsecr[ée]taire\s+(?:de|pour\s+la\s+pr[ée]sente)\s+s[ée]ance\b|\bnomination\s+du\s+secr[ée]taire\b",
    I,
)
