"""Where items of a procès-verbal start and where their headings end."""
from __future__ import annotations

import re

from pipeline.french.first_chars import compile_guarded
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
DECISION_RE = compile_guarded(
    r"adopt[ée]|approuv|unanimit|unanime|\bvot[ée]e?s?\b(?<!votes)|\bvotes?\s*:|\d+\s+voix|\bpour\s*:\s*\d|d[ée]cid|d[ée]lib[ée]r(?!ations?\b)|"
    r"autoris|accept|acquiesc|refus|rejet|[ée]met\s+un\s+avis|avis\s+(?:favorable|d[ée]favorable)|prend\s+acte|"
    r"(?:est|sont|a\s+[ée]t[ée]|ont\s+[ée]t[ée])\s+(?:[ée]lue?s?|proclam[ée]e?s?|d[ée]sign[ée]e?s?)|\bfixe\s+(?:le|la|les|[àa]|au)\b|"
    r"donne\s+(?:son\s+)?accord|s[’']\s*oppose",
    I,
)
# a member named by initial and surname opening a line, the surname glued to the initial's dot ("B.DUBOIS",
# "B.DUBOIS : sur le point N°1 ..."), not a lettered heading, which leaves a space ("B. Urbanisme", "A. TARIFS")
INITIAL_AND_SURNAME_LINE_RE = re.compile(r"^\s*[A-Z]\.[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+\s*(?:$|[:,;—–]|-\s)")
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

# --- the general heading and decision grammar ------------------------------------------------
# Any numbering a council prints before an item's title, whatever its shape:
#   numero  "2020-038 SUBVENTION ...", "2019-03-12BIS ...", "2020-07-06-06 APPROBATION ..." (sitting's date, item), "2020- 047 REDEVANCE", "N° 2019-03-01 ...",
#           "D2024-21 ...", "2023_033_D ...", "Délibération n° 2021 -060"
#   arabic  "1. Renouvellement ...", "12) Budget ...", "2.\tMISE EN PLACE ...", "1 Subventions ...", "3 - Tarifs",
#           "1/ Pacte financier" (never a date: "12/03")
#   roman   "IV Plan de sauvegarde communal.", "II. FINANCES"
#   letter  "a) Budgets annexes", "B. Urbanisme" (never "M.": Monsieur)
# optionally after a word naming the item ("Point n° 3 :", "Question n°12 -", "Délibération n° ...", "Affaire 4.")
ITEM_WORD = r"(?:point|question|affaire|dossier|rapport|d[ée]lib[ée]ration|d[ée]cision|objet)s?"
ITEM_NUMBERING_RE = re.compile(
    rf"^\s*(?:(?P<word>{ITEM_WORD})\s*(?:n\s*[°o]\.?|num[ée]ro|:)?\s*)?"
    r"(?:"
    r"(?P<numero>(?:N\s*°\s*)?(?:[A-Z]{1,4}\s?[-_]?\s?)?(?:19|20)\d{2}\s?[-/_.]\s?\d{1,4}(?:\s?[-/_.]\s?\d{1,2}(?:\s\d)?){0,2}"
    r"(?:\s?(?:BIS|TER)\b|[A-Z]\b|_[A-Z]\b)?)"
    r"|(?P<arabic>\d{1,3})(?![\d,])(?!/\s?\d)(?:\s*(?:er|°))?"
    r"|(?P<roman>(?-i:[IVXL]{1,6}))(?![\w’'])"
    r"|(?P<letter>(?-i:(?!M\.)[a-zA-Z]))(?=\s*[.)])"
    r")"
    r"\s*(?P<sep>[.)°:/\-–—]|(?=\s)|$)\s*[-–—:.]?\s*(?P<title>\S.*)?$",
    I,
)
# a heading labelled as the objet of what follows: "OBJET : Approbation ...", "Objet de la délibération :"
OBJET_HEADING_RE = re.compile(r"^\s*objet(?:\s+de\s+la\s+d[ée]lib[ée]ration)?\s*[:\-–]\s*(?P<title>\S.*)?$", I)
# what a title never starts with: the first words of a body sentence, a count ("14 votes pour" is no item 14)
TITLE_NEVER_STARTS_RE = re.compile(
    rf"^\s*(?:{CIVILITE}\s|Vu\b|VU\b|Consid[ée]rant|Le\s+Conseil|La\s+commune|Apr[èe]s\b|Il\s|Elle\s|Ils\s|Je\s|Nous\s|"
    rf"Sur\s+(?:proposition|le\s+rapport)|Entendu|Dit\s|D[ée]cide|Votes?\s*:|Pour\s*:|Contre\s*:|Abstentions?\s*:|Ouï\b|"
    rf"Page\s+\d|[({{]\s*voir\b|Certif\w{{1,3}}\s+(?:sous|ex[ée]cutoire|conforme)\b|Secr[ée]taire\s+de\s+s[ée]ance\s*:|(?:votes?|voix)\s+(?:pour|contre)\b|abstentions?\b|(?:toutes\s+les\s+)?d[ée]lib[ée]rations?\s+(?:\w+\s+)?(?:prises?|sont\s+prises)\b|Envoy[ée]|Re[çc]u|Publi[ée]|Affich[ée]|ID\s*:|Accus[ée]|"
    rf"(?:[^\n]{{0,30}}\b)?(?:s[ée]ance|r[ée]union|conseil\s+municipal)\s+(?:publique\s+|ordinaire\s+)?du\s+(?:\w+\s+)?\d|"
    rf"proc[èe]s[\s-]+verbal|compte[\s-]+rendu\s+(?:du|de\s+la)|extrait\s+du\s+registre|registre\s+des\s+d[ée]lib)",
    I,
)
# a result closing a decision: tallies and unanimity, "Vote : unanimité", "ADOPTÉ", "Délibération prise en ce sens",
# "Accord du conseil", "le conseil prend acte", "DM adoptée à l'unanimité", "approuvé à la majorité"
DECISION_CLOSE_RE = compile_guarded(
    r"\bvote\s*[:;]|\b[àa]\s+l['’]\s*unanimit[ée]|\bunanimit[ée]\b|\b[àa]\s+la\s+majorit[ée](?!\s+(?:absolue|relative))|"
    r"\d+\s+(?:voix|votes?)\s+(?:pour|contre)|\bpour\s*:\s*\d|\bADOPT[ÉE]E?S?\b|\bREJET[ÉE]E?S?\b|"
    r"\baccord\s+du\s+conseil|\bprend\s+acte\b|\bprennent\s+acte\b|"
    r"\b(?:adopt|approuv)[ée]e?s?\s+(?:[àa]\s+l['’]\s*unanimit|[àa]\s+la\s+majorit|par\s+\d)",
    I,
)
# a decision being taken: "Après en avoir délibéré", "DÉCIDE", "le conseil municipal approuve / autorise / désigne ..."
DECISION_OPEN_RE = compile_guarded(
    r"\bapr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|\bapr[èe]s\s+d[ée]lib[ée]ration\b|(?-i:\bD[ÉE]CIDE\b|\bDécide\b)|"
    r"\b(?:le\s+conseil(?:\s+municipal|\s+communautaire)?|l['’]assembl[ée]e)\s*,?\s+(?:[^.;\n]{0,80}?\s)?"
    r"(?:d[ée]cide|approuve|autorise|accepte|adopte|d[ée]signe|[ée]met|fixe|valide|refuse|rejette|n['’]approuve\s+pas)\b",
    I,
)
# the label of the agenda: "ORDRE DU JOUR", "Ordre du jour :", "Les points à l'ordre du jour sont les suivants"
AGENDA_LABEL_RE = re.compile(r"^\s*(?:[^\n]{0,40}\b)?ordre\s+du\s+jour\b[^\n]{0,60}$", I)
# reports of decisions taken under delegation (by the maire, the président, the bureau): not council délibérations
_DELEGATION_REPORT = (
    r"d[ée]cisions?\s+(?:du\s+maire|du\s+pr[ée]sident|prises?\s+(?:par|en\s+vertu|dans\s+le\s+cadre)|"
    r"(?:du|de\s+la)\s+(?:bureau|d[ée]l[ée]gation))|compte[\s-]+rendu\s+des\s+d[ée]cisions"
)
DELEGATION_TITLE_RE = re.compile(rf"{_DELEGATION_REPORT}|d[ée]l[ée]gations?\s+(?:du\s+conseil\s+)?(?:au|du)\s+maire", I)
# "Délégation du conseil au maire pour modifier et supprimer les régies existantes" also titles the
# délibération that grants a delegation: one put to the vote is a délibération
DELEGATION_REPORT_TITLE_RE = re.compile(_DELEGATION_REPORT, I)
# a vote taken (not "prend acte", which is how a council receives a report)
VOTED_RE = re.compile(r"[àa]\s+l['’]\s*unanimit|[àa]\s+la\s+majorit|\d+\s+(?:voix|votes?)\b|\bvote\s*[:;]|\badopt[ée]|\bapprouv", I)
# the bullet opening an agenda entry: "> Zones d'accélération ...", "- Budget", "• Tarifs", ": Approbation ..." (OCR)
AGENDA_BULLET_RE = re.compile(r"^\s*(?:[>»•●▪➢➤◦*\-–−]+|:)\s*")
# a line drawn with characters between parts of the minutes: "_________", "----------", "* * *"
SEPARATOR_LINE_RE = re.compile(r"^\s*(?:[_\-–=*.~]\s*){4,}$")
# procedure of the sitting, not a délibération: approving the previous minutes, naming the secrétaire
# ("Approbation du procès-verbal du 17 novembre 2023", "le compte rendu de la précédente réunion a été adopté",
# "Nomination du secrétaire", "Désignation du secrétaire de séance", "APPROBATION COMPTE RENDU PRECEDENT",
# "Compte rendu précédent approuvé par : 2 CONTRE ...", the agenda changed: "demande ... de rajouter à l'ordre du jour
# une Décision Modificative", "de retirer à l'ordre du jour ...")
PROCEDURAL_RE = compile_guarded(
    # (OCR may read the r of "rendu" as another letter: "Approbation du compte tendu du Conseil Municipal")
    r"approbation\s+(?:du\s+|de\s+la\s+)?(?:(?:dernier|pr[ée]c[ée]dent)\s+)?(?:proc[èe]s[\s-]+verbal|compte[\s-]+\w?endu|p\.?\s?v\.?\b)|"
    r"(?:proc[èe]s[\s-]+verbal|compte[\s-]+rendu)\s+(?:de\s+la\s+|du\s+)?"
    r"(?:(?:pr[ée]c[ée]dente?|derni[èe]re?)\b(?:\s+(?:s[ée]ance|r[ée]union|conseil)\b)?|(?:s[ée]ance|r[ée]union|conseil)\b)"
    r"[^.\n]{0,60}?(?:adopt|approuv)|"
    r"(?:nomination|d[ée]signation|[ée]lection)\s+(?:d['’]\s*une?\s+|du\s+|de\s+la\s+)secr[ée]taire|"
    r"secr[ée]taire\s+pour\s+la\s+pr[ée]sente\s+s[ée]ance|"
    r"\b(?:r?ajouter|retirer|inscrire)\s+(?:[àa]|de)\s+l['’]\s*ordre\s+du\s+jour",
    I,
)
# a row of a table, not a heading: a line ending with an amount ("12. UNA 322,00", "CHARGES DE PERSONNEL 455.820,00 €")
TABLE_ROW_RE = re.compile(r"\d[\d .\u00a0]*[,.]\d{2}\s*(?:€|euros?|EUR)?\s*$", I)
# an account code of a budget table ("011", "002", "6574"), not an item number
ACCOUNT_CODE_RE = re.compile(r"^0\d{2}$")
# printed under an item to say it was not voted: "(pas de délibération – voir compte rendu)"
NO_DELIBERATION_RE = re.compile(r"\bpas\s+de\s+d[ée]lib[ée]ration\b|\bsans\s+d[ée]lib[ée]ration\b", I)
# the formula closing a délibération in the registre, after its decision has been stated: it confirms a decision,
# it is not one more ("Délibération prise en ce sens.", "Délibérations prises en ce sens", "Ainsi fait et délibéré")
DECISION_FORMULA_RE = re.compile(r"d[ée]lib[ée]rations?\s+prises?\s+en\s+ce\s+sens|ainsi\s+fait\s+et\s+d[ée]lib[ée]r[ée]", I)
# the title of an act of the registre, opening its first page: "EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL
# MUNICIPAL", "DÉLIBÉRATION DU CONSEIL MUNICIPAL", "Extrait du registre des délibérations"
ACT_TITLE_RE = re.compile(
    r"^\s*(?:extrait\s+du\s+registre(?:\s+des\s+d[ée]lib[ée]rations)?|d[ée]lib[ée]ration\s+du\s+conseil\s+(?:municipal|communautaire))\b", I
)
# the internal number of an ACTES id, read after the id's date even when OCR damaged the rest:
# "ID : 007-210701280-20231211-2023_034_D-DE", "20231211 -2023_ 038 D-DE", "20231211-2023_033_ADE"
STAMPED_ACT_NUMBER_RE = re.compile(r"(?<!\d)(?:19|20)\d{6}\s?-\s?(?P<number>[A-Z]{0,4}\s?\d[\w]*(?:[ _]\s?\d+)*)")
# a line opening with the délibération's own number: "Délibération n° 2023_034 D", "Délibération n°2023 035 D |"
ACT_NUMBER_LINE_RE = re.compile(r"(?m)^\s*d[ée]lib[ée]ration\s+n\s*[°o]\s*(?P<number>\d{4}\s?[_/.\-]?\s?\d{1,4})(?!\d)(?![^\n]*voir\s+annexe)", I)
# what shows a page opens an act of its own: the ACTES stamp, or the séance's preamble and attendance
ACT_HEADER_EVIDENCE_RE = compile_guarded(
    r"pr[ée]fecture\s+le|\bl['’]an\s+(?:deux|\d{4})|s['’]\s*est\s+r[ée]uni|\bpr[ée]sents?\s*:|\bsous\s+la\s+pr[ée]sidence", I
)
# a heading whose number OCR damaged: one to three characters where the number stood ("LÈ MAISON
# D'ASSISTANTES MATERNELLES" for "7. MAISON ..."); only looked for between two items numbered n and n + 2
DAMAGED_NUMBER_HEADING_RE = re.compile(r"^\s*\S{1,3}\s+(?P<title>[A-ZÉÈÀÂÎ«\"'’][^a-z]{3,})$")
# a délibération named by its number anywhere in an item of the minutes: "Délibération n° 2023 _034_D (Voir annexe)",
# "Délibération n°2023_042_D"
DELIBERATION_REFERENCE_RE = re.compile(r"d[ée]lib[ée]ration\s+n\s*[°o]\s*(?P<number>\d{4}\s?[_/.\-]?\s?_?\d{1,4})(?!\d)", I)
