"""Votes, unanimity and outcome: how French councils print the result of a vote.

A vote is read as a *tally*: a run of adjacent *marks*, each a category with its count
("Pour : 54", "18 voix pour", "2 abstentions", "Contre : 1, M. TANGUY"), a unanimity
("à l'unanimité des Membres présents", "A L'UNANIMITE des votants (31 voix)") or a majority
("à la majorité des voix"). The extractor (pipeline/extract/vote.py) groups the marks; the
regexes below only say what a mark, a separator, a name list or a decision sentence looks like."""
from __future__ import annotations

import re

from pipeline.french.first_chars import compile_guarded
from pipeline.french.patterns.attendance import CIVILITE
from pipeline.french.patterns.dates import I

__all__ = [
    "VOTE_CATEGORIES", "VOTE_COUNT", "VOTE_LABEL_FIRST_RE", "VOTE_COUNT_FIRST_RE", "VOTE_COUNT_FIRST_NPPV_RE",
    "VOTE_FOR_AGAINST_RE",
    "VOTE_UNANIMITY_RE", "VOTE_MAJORITY_RE", "VOTE_TEMPLATE_LEFTOVER_RE", "VOTE_NOT_ASSERTED_BEFORE_RE",
    "VOTE_TALLY_GAP_RE", "VOTE_CONTEXT_RE", "VOTE_ANNOUNCE_RE", "VOTE_POLL_RE", "VOTE_COUNCIL_RE", "VOTE_CLOSING_RE",
    "VOTE_NAME_LIST_RE", "VOTE_NAME_RE", "VOTE_NAME_SPLIT_RE", "OCR_OPEN_BRACKET_RE", "OCR_LOST_BRACKET_RE", "VOTE_NPPV_PROSE_RE", "VOTE_NPPV_SUBJECT_RE", "VOTE_ADOPTED_RE",
    "VOTE_REJECTED_RE", "VOTE_DECISION_RE", "VOTE_LINE_CONTINUES_RE", "VOTE_PARENTHESIS_RE", "VOTE_LABEL_RE",
]

# --- counts -------------------------------------------------------------------------------
# a count: digits or a small number in words; "néant" / "aucune" print zero
_UNIT_WORD = r"(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix[\s\-]+(?:sept|huit|neuf)|dix|onze|douze|treize|quatorze|quinze|seize)"
_TENS_WORD = r"(?:vingt|trente|quarante|cinquante|soixante(?:[\s\-]+(?:et[\s\-]+)?(?:dix|onze|douze|treize|quatorze|quinze|seize))?|quatre[\s\-]+vingts?)"
VOTE_COUNT = (
    rf"(?P<n>\d{{1,3}}|{_TENS_WORD}(?:[\s\-]+(?:et[\s\-]+)?{_UNIT_WORD})?|{_UNIT_WORD}|z[ée]ro|aucune?|n[ée]ant)"
)
_COUNT_ANY = VOTE_COUNT.replace("?P<n>", "?:")
# a count is not a count when an amount, a rate, a duration or a decimal follows it
_NOT_A_UNIT = r"(?![.,]?\d)(?!\s*(?:€|%|euros?\b|ans?\b|h\b|heures?\b|m²|m2\b|mois\b|jours?\b))"

# category labels, each mapped to the field it fills
VOTE_CATEGORIES = {
    "pour": r"(?:Votes?\s+|Voix\s+)?Pour",
    "contre": r"(?:Votes?\s+|Voix\s+)?Contre",
    "abstention": r"(?:Abstentions?|Abstenus?|S['’]\s*abst(?:ient|iennent))",
    # "Ne prend pas part au vote : 0", "Conseiller intéressé : 0" (Besançon), "Non-participation : 0"
    "non_participation": (
        r"(?:Ne\s+(?:prend|prennent)\s+pas\s+part\s+au\s+vote|Ne\s+participe(?:nt)?\s+pas\s+au\s+vote|"
        r"Non[\s\-]+participations?(?:\s+au\s+vote)?|Conseill(?:er|[èe]re)s?\s+int[ée]ress[ée]e?s?)"
    ),
}
_LABEL = "|".join(f"(?P<{key}>{label})" for key, label in VOTE_CATEGORIES.items())
# "Pour : 54", "− Contre : 1, Monsieur TANGUY car ...", "Abstention*: 0", "Vote : Pour, 17",
# "Contre : M. X et Mme Y" (names without a number: the extractor counts them)
VOTE_LABEL_FIRST_RE = compile_guarded(
    rf"(?<![\w'’])(?:{_LABEL})[ \t]*\*?[ \t]*(?::|,(?=[ \t]*\d))[ \t]*(?:{VOTE_COUNT}\b{_NOT_A_UNIT})?", I
)
# "18 voix pour", "14 pour / 0 contre", "12 votes pour", "1 voix contre", "2 abstentions", "une abstention";
# not "3 voix pour la candidature de ..." (an election) nor "1 pour 1000"
# "pour" / "contre" as a preposition: "3 voix pour la candidature de ...", "1 pour 1000" (a digit may follow
# only a count printed with "voix"/"votes": "12 votes pour 1 abstention")
# a number after "pour"/"contre" is the next mark's count only when a category follows it: "11 Pour 0 Contre
# 0 Abstention", "4 Abstention 7 Contre 0 Pour" (a run of tallies), never "1 pour 1000" nor "20 voix contre 5"
_NEXT_MARK = r"[ \t]+(?:voix[ \t]+)?(?:pour|contre|abstentions?)\b"
_NEXT_MARK_COUNT = rf"(?![ \t]*\d+(?!{_NEXT_MARK}))"
# (over a line break, only in lower case: "0 Pour\nLe conseil n'approuve pas" starts a sentence)
_NOT_A_COMPLEMENT = (rf"\b(?![ \t]+(?:la|le|les|l['’]|un|une|des|du|cent|mille|M\.|Mme|Madame|Monsieur)\b)"
                     rf"(?![ \t]*\n\s*(?-i:la|le|les|l['’]|un|une|des|du|cent|mille)\b)(?(voix)|{_NEXT_MARK_COUNT})")
# a category word followed by a colon and a number is a label ("exprimés : 11 Abstention : 0" holds no
# "11 Abstention", "Abstention : 0\nPour : 11" no "0 Pour")
_NOT_A_LABEL = r"(?![ \t]*[:;][ \t]*\d)"
VOTE_COUNT_FIRST_RE = compile_guarded(
    rf"(?<![\w.,'’°/])(?<!comme\s)(?<!d['’]un\s){VOTE_COUNT}\s+(?:(?P<voix>voix|votes?|suffrages?)\s+)?"
    rf"(?:(?P<pour>pour){_NOT_A_COMPLEMENT}{_NOT_A_LABEL}|(?P<contre>contre){_NOT_A_COMPLEMENT}{_NEXT_MARK_COUNT}"
    rf"(?![ \t]+{_COUNT_ANY}\b(?!{_NEXT_MARK})){_NOT_A_LABEL}|(?P<abstention>abstentions?)\b{_NOT_A_LABEL})",
    I,
)
# "adopté par 20 voix contre 5": pour against contre
VOTE_FOR_AGAINST_RE = compile_guarded(
    rf"(?<![\w.,'’°/]){VOTE_COUNT.replace('?P<n>', '?P<pour>')}\s+voix\s+contre\s+{VOTE_COUNT.replace('?P<n>', '?P<contre>')}\b"
    r"(?!\s*(?:voix\s+pour|abstentions?\b|€|%))",
    I,
)
# "2 conseillers ne prennent pas part au vote"
VOTE_COUNT_FIRST_NPPV_RE = compile_guarded(
    rf"(?<![\w.,'’°/]){VOTE_COUNT}\s+(?:(?:conseill(?:er|[èe]re)s?|[ée]lus?|membres?)\s+)?"
    r"(?:ne\s+(?:prend|prennent|prenant)|n['’]ayant)\s+pas\s+(?:pris\s+)?part\s+au\s+vote",
    I,
)
# "à l'unanimité", "A L'UNANIMITE des votants (31 voix)", "à l'unanimité des Membres présents",
# "Vote : Unanimité", "adopté unanimement"; not "Favorable unanime" (a commission's avis)
VOTE_UNANIMITY_RE = compile_guarded(
    r"(?:\b[àa]\s+l['’]\s*unanimit[ée]|(?<=[:;])\s*unanimit[ée]|\b(?:adopt|approuv|vot)[ée]e?s?\s+unanimement)\b"
    r"(?:[ \t,]*des\s+(?:membres\s+pr[ée]sents|membres|votants|pr[ée]sents|conseillers(?:\s+pr[ée]sents)?|"
    r"suffrages\s+exprim[ée]s|voix\s+exprim[ée]es))?"
    r"(?:[ \t]*\(\s*(?P<n>\d{1,3})\s+(?:voix|votants|votes)\s*\))?",
    I,
)
# "à la majorité des voix", "à la majorité des Membres présents"; not the rules of an election
# ("à la majorité absolue / relative")
VOTE_MAJORITY_RE = re.compile(
    r"\b[àa]\s+la\s+majorit[ée](?!\s+(?:absolue|relative))(?:\s+des\s+(?:voix|suffrages(?:\s+exprim[ée]s)?|"
    r"membres\s+pr[ée]sents|votants|pr[ée]sents))?",
    I,
)
# an unfilled template: "à l'unanimité/ou non", "décident/ou non" — the text does not assert the choice
VOTE_TEMPLATE_LEFTOVER_RE = re.compile(r"\s*/\s*ou\s+non\b", I)  # matched right after the word
# a unanimity that is not this vote's: a rule ("le conseil peut décider à l'unanimité"), a report of an
# earlier vote ("déjà voté à l'unanimité", "avait été adopté à l'unanimité"); matched on the text before
VOTE_NOT_ASSERTED_BEFORE_RE = re.compile(
    r"(?:\b(?:peu[tv]e?n?t?|pourr(?:a|ont|ait|aient)|doi(?:t|vent))\s+(?:d[ée]cider|voter|se\s+prononcer|"
    r"statuer|adopter|approuver)|\bd[ée]j[àa]\s+(?:vot|adopt|approuv)[ée]e?s?|"
    r"\bavai(?:t|ent)\s+(?:[ée]t[ée]\s+)?(?:vot|adopt|approuv)[ée]e?s?)\s*,?\s*$",
    I,
)
# what may stand between two marks of one tally: separators, list dashes, "et", "Vote :", names
_BULLETS = r"\-−–—•●▪■►◦‣⁃·➢➤✓\ue000-\uf8ff"  # list dashes, bullets, symbol-font bullets (private use)
VOTE_TALLY_GAP_RE = re.compile(
    rf"^(?:[\s,;:/*(){_BULLETS}]|\bet\b|\bmoins\b|\bsoit\b|\bdont\b|\bvoix\b|\bvotes?\b|\bvote\s*[:;]|\bexprim[ée]s\b|\bpar\b)*$", I
)

# --- context ------------------------------------------------------------------------------
# a vote is announced here: "Vote :", "Résultat du vote", "Après en avoir délibéré", "ADOPTÉ", ...
VOTE_CONTEXT_RE = compile_guarded(
    r"(?:\bVotes?\s*[:;]|R[ée]sultats?\s+du\s+vote|\bapr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|\bADOPT[ÉE]E?S?\b|"
    r"\badopt[ée]e?s?\b|\bapprouv[ée]e?s?\b|\bLe\s+Conseil\b|\bl['’]assembl[ée]e\b|\bvot[ée]e?s?\b)",
    I,
)
# the word announcing a vote right before a lone count ("Vote :\n− Pour : 15")
# ("Vote ; unanimité": OCR reads the colon as a semicolon)
VOTE_LABEL_RE = re.compile(r"\bVotes?\s*[:;]|R[ée]sultats?\s+du\s+vote", I)
# a vote the minutes announce as this council's: "Vote :", "Après en avoir délibéré", "ADOPTÉ", "Rapport adopté",
# "a été adopté", "le Conseil Municipal," — unlike a vote quoted in running prose (a complaint citing
# "l'approbation actée par 7 votes pour")
VOTE_ANNOUNCE_RE = compile_guarded(
    r"(?:\bVotes?\s*[:;]|R[ée]sultats?\s+du\s+vote|\bapr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|(?-i:\bADOPT[ÉE]E?S?\b|\bREJET[ÉE]E?S?\b)|"
    r"\b(?:est|sont|a\s+[ée]t[ée]|ont\s+[ée]t[ée]|Rapport|Proposition|Motion|D[ée]lib[ée]ration)\s*,?\s+(?:adopt|approuv|rejet)[ée]e?s?\b|"
    r"\b(?:D[ée]cision|R[ée]sultat)\s*:|\ble\s+conseil(?:\s+municipal)?\s*,|\bl['’]assembl[ée]e\s*,)",
    I,
)
# a residents' poll or a referendum: its "Pour 49 / Contre 33" is not a council vote
VOTE_POLL_RE = re.compile(
    r"\b(?:sondages?|r[ée]f[ée]rendums?|votations?|consultations?\s+(?:de\s+la\s+population|des\s+habitants|"
    r"citoyennes?|publiques?)|enqu[êe]tes?\s+(?:publiques?|aupr[èe]s\s+des\s+habitants))\b",
    I,
)
# the council itself speaks again: a poll mention before this does not concern what follows
VOTE_COUNCIL_RE = re.compile(
    r"(?:\bVotes?\s*[:;]|\bapr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|\ble\s+conseil\s+municipal\b|\bl['’]assembl[ée]e\b)", I
)
# end of the sitting: nothing after it is a vote of an item
VOTE_CLOSING_RE = re.compile(
    r"\b(?:la\s+s[ée]ance\s+est\s+(?:lev[ée]e|close)|l['’]ordre\s+du\s+jour\s+[ée]tant\s+[ée]puis[ée]|"
    r"plus\s+rien\s+n['’][ée]tant\s+[àa]\s+l['’]ordre\s+du\s+jour)",
    I,
)

# --- names of dissenters ------------------------------------------------------------------
_UPPER = r"A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
# a vote's own words in capitals are not a surname: "CONTRE : 2, M. X, ABSTENTION : 1"
_NOT_A_VOTE_WORD = r"(?!(?:POUR|CONTRE|ABSTENTIONS?|VOTES?|VOTANTS|NE|NON|UNANIMIT[ÉE]|ADOPT[ÉE]E?S?|REJET[ÉE]E?S?)\b)"
_SURNAME_WORD = rf"{_NOT_A_VOTE_WORD}[{_UPPER}][{_UPPER}'’\-]+"
_SURNAME = rf"{_SURNAME_WORD}(?:[ \t]+{_SURNAME_WORD})*"
_FIRST = rf"[{_UPPER}][a-zà-ÿ'’]+(?:-[{_UPPER}][a-zà-ÿ'’]+)?"
# "Mme DANAN", "M.GOSSOT", "Monsieur Bernard ROBERT", "Madame\nHUDO", "TANGUY"
VOTE_NAME_RE = compile_guarded(rf"(?:{CIVILITE}\s*)?(?:{_FIRST}[ \t]+)?{_SURNAME}(?![\w'’])")
_NAME = rf"(?:{CIVILITE}\s*)?(?:{_FIRST}[ \t]+)?{_SURNAME}(?![\w'’])"
_NAME_SEP = r"(?:\s*,\s*(?:et\s+)?|\s+et\s+)"
# names listed after a count: ", Mme DANAN, M.GOSSOT, Mme HUDO" (may run over lines)
VOTE_NAME_LIST_RE = re.compile(rf"[ \t]*,?[ \t]*(?P<names>{_NAME}(?:{_NAME_SEP}{_NAME})*)")
# a listed category's line runs on when it ends on a comma or a civilité ("Mme\nSMESSAERT")
VOTE_LINE_CONTINUES_RE = re.compile(rf"(?:,|\b{CIVILITE})[ \t]*$")
# names in parentheses after a count, maybe wrapped to the next line: "1 abstention (M. TANGUY)", "Abstention : 2 (M. RIBEIRO et M. TOLEDANO (pouvoir))"
VOTE_PARENTHESIS_RE = re.compile(r"[ \t]*,?[ \t]*\n?[ \t]*\((?P<inside>(?:[^()]|\([^()]{0,40}\)){1,240})\)")
# inside parentheses: "(groupe d'union de la droite et du centre et Mme VEILLEROT)" splits before a
# civilité or a surname, never inside a group's name
VOTE_NAME_SPLIT_RE = re.compile(rf"\s*,\s*(?:et\s+)?|\s+et\s+(?=(?:{CIVILITE})|[{_UPPER}]{{2}})|\s+[—–-]\s+|\s*/\s*(?=[A-Z])")  # also "M.DENISE — C.BOURRETTE", "C.BOURRETTE/M.DENISE"
# an opening bracket OCR reads as "[" or "{" before a closing ")": "2 ABSTENTIONS [M.DENISE — C.BOURRETTE)"
OCR_OPEN_BRACKET_RE = re.compile(r"[\[{](?=[^()\[\]{}\n]{1,80}\))")
# an opening bracket OCR lost with the first name, leaving the dash between names: "par 2 voix CONTRE - C.BOURRETTE)
# et 12 voix POUR" (printed "2 voix CONTRE (M.DENISE - C.BOURRETTE)"); the dash after a category stands for it
OCR_LOST_BRACKET_RE = re.compile(
    r"(?P<category>\b(?:CONTRE|POUR|ABSTENTIONS?|contre|pour|abstentions?)[ \t])[-—–](?=[ \t]*[^()\[\]{}\n]{1,80}\))"
)
# prose: "Mme DANAN, M. GOSSOT et Mme HUDO ne prennent pas part au vote",
# "Monsieur Bernard ROBERT, ayant un intérêt personnel à cette question, ne prend pas part au vote":
# the statement, then its subject — names ending the text before it, maybe followed by an apposition
VOTE_NPPV_PROSE_RE = re.compile(
    r"\s+(?:ne\s+(?:prend|prennent|participe|participent)\s+pas\s+(?:part\s+)?au\s+vote|"
    r"ne\s+prenant\s+pas\s+part\s+au\s+vote|n['’]\s?(?:a|ont)\s+pas\s+pris\s+part\s+au\s+vote|"
    r"s['’]abstien(?:t|nent)\s+de\s+(?:voter|prendre\s+part))"
)
# (after a civilité the surname may be printed in small letters: "M. Daniel Quemener n’a pas pris part au vote")
_NAME_OR_CIVIL = rf"(?:{_NAME}|{CIVILITE}\s*{_FIRST}(?:[ \t]+{_FIRST})?(?![\w'’]))"
VOTE_NPPV_SUBJECT_RE = re.compile(rf"(?P<names>{_NAME_OR_CIVIL}(?:{_NAME_SEP}{_NAME_OR_CIVIL})*)(?:\s*,[^,.;\n]{{0,80}},)?$")

# --- outcome ------------------------------------------------------------------------------
# the proposal is adopted: "ADOPTÉ", "Rapport adopté à l'unanimité", "a été adopté", "Le Conseil Adopte."
VOTE_ADOPTED_RE = compile_guarded(
    r"(?:\bADOPT[ÉE]E?S?\b|\b(?:est|sont|a\s+[ée]t[ée]|ont\s+[ée]t[ée]|Rapport|Proposition|Motion|D[ée]lib[ée]ration)"
    r"\s*,?\s+(?:adopt|approuv)[ée]e?s?\b|\b(?:D[ée]cision|R[ée]sultat)\s*:\s*(?:adopt|approuv)[ée]e?s?\b|\b(?:adopt|approuv)[ée]e?s?\s*,?\s+(?:[àa]|par)\s+(?:l['’]\s*unanimit|la\s+majorit|\d)|"
    r"(?-i:\bLe\s+Conseil(?:\s+[Mm]unicipal)?\s+(?:[Aa]dopte|ADOPTE)\b))",
    I,
)
# the proposal is rejected: "REJETÉ", "la délibération n'est pas adoptée", "Le Conseil rejette la proposition";
# not "son offre a été rejetée" nor "le tribunal a rejeté" (about something else), nor "le Conseil refuse le
# transfert" (a délibération adopted, whose content is a refusal)
VOTE_REJECTED_RE = compile_guarded(
    r"(?:(?-i:\bREJET[ÉE]E?S?\b)|\b(?:Rapport|Proposition|Motion|D[ée]lib[ée]ration|projet\s+de\s+d[ée]lib[ée]ration)"
    r"\s*,?\s+(?:est\s+|a\s+[ée]t[ée]\s+)?rejet[ée]e?\b|\bn['’]\s*(?:est|a)\s+pas\s+(?:[ée]t[ée]\s+)?adopt[ée]e?s?\b|"
    r"\bnon\s+adopt[ée]e?s?\b|\b(?:D[ée]cision|R[ée]sultat)\s*:\s*(?:rejet[ée]e?s?|refus[ée]e?s?)\b|\b(?:le\s+conseil(?:\s+municipal)?|l['’]assembl[ée]e)\b[^.;]{0,80}?"
    r"\b(?:rejette\s+(?:la\s+proposition|le\s+projet|le\s+rapport|la\s+motion|la\s+d[ée]lib[ée]ration)|"
    r"ne\s+(?:l['’]\s*)?adopte\s+pas|n['’]\s*approuve\s+pas))",
    I,
)
_DECISION_VERB = (
    r"(?:d[ée]cide|d[ée]cident|approuve|approuvent|adopte|adoptent|autorise|autorisent|accepte|acceptent|[ée]met|"
    r"[ée]mettent|d[ée]clare|(?<!au\s)(?<!du\s)(?<!le\s)(?<!un\s)(?<!de\s)vote|votent|fixe|fixent|valide|prend\s+acte|"
    r"prennent\s+acte|acquiesce|d[ée]signe|[ée]lit|sollicite|attribue|confirme|retient|arr[êe]te|ent[ée]rine|"
    r"se\s+prononce|accorde|opte|refuse|rejette)"
)
# an operative clause opening a line, capitalised: "DECIDE", "Décide d'affecter", "APPROUVE l'affectation",
# "Charge Monsieur le Maire", "Emet un avis favorable" (case-sensitive)
_OPERATIVE_VERB_AT_LINE_START = (
    r"D[ÉE]CIDE|D[ée]cide|APPROUVE|Approuve|ADOPTE|Adopte|AUTORISE|Autorise|D[ÉE]CLARE|D[ée]clare|[ÉE]MET|[ÉE]met|"
    r"ACCEPTE|Accepte|FIXE|Fixe|VALIDE|Valide|PREND\s+ACTE|Prend\s+acte|ARR[ÊE]TE|Arr[êe]te|CHARGE|Charge|"
    r"DONNE|Donne|D[ée]cident|Approuvent|Fixent|Autorisent|Acceptent|Adh[èe]re"
)
# the council decides: "Après en avoir délibéré", "le Conseil Municipal, à l'unanimité, décide :",
# "les Membres du conseil municipal : - Fixent le prix ...", "DECLARE que ...", "APPROUVE l'affectation"
VOTE_DECISION_RE = compile_guarded(
    rf"(?:\bapr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|"
    rf"\b(?:le\s+conseil(?:\s+municipal)?|l['’]assembl[ée]e(?:\s+d[ée]lib[ée]rante)?|les\s+membres\s+du\s+conseil(?:\s+municipal)?)"
    rf"\b[^.;]{{0,160}}?\b{_DECISION_VERB}\b|"
    rf"(?-i:^[ \t{_BULLETS}]*(?:{_OPERATIVE_VERB_AT_LINE_START})\b))",
    I | re.M,
)

