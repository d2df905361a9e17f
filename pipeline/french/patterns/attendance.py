"""Attendance lists, proxies, item ranges and body events."""
from __future__ import annotations

import re

from pipeline.french.first_chars import compile_guarded
from pipeline.french.patterns.dates import ANY_DATE, I, LONG_DATE, MONTH, NUMERIC_DATE, WORDS_NUMBER  # noqa: F401

CIVILITE = r"(?:(?:Monsieur|Madame|Mademoiselle|Messieurs|Mesdames|Mmes|Mme|Mlle|MM|Mr|Dr)\.?(?![^\W\d_])|M\.)"
CIVILITE_RE = re.compile(rf"^\s*{CIVILITE}\s*", I)
# section labels, longest first; each maps to what follows it
PRESENT_LABEL = r"(?:[ÉE]tai(?:en)?ts?\s+pr[ée]sente?s?|Pr[ée]sente?s?|Membres\s+pr[ée]sents)"
REPRESENTED_LABEL = (
    r"(?:Absents?\s+ayant\s+vot[ée]\s+par\s+procuration[^:\n]*(?:\n[^:\n]*)?|"
    r"(?:Absents?|Excus[ée]e?s?)(?:\s+excus[ée]e?s?)?\s+(?:mais\s+)?ayant\s+donn[ée]\s+(?:procuration|pouvoir)[^:\n]*|"
    r"Procurations?(?:\s+de\s+vote)?|Pouvoirs?|Absents?\s+repr[ée]sent[ée]e?s?)"
)
# "Etaient absents excusés", "Etait absent non excusé", "Absente excusée", "Non excusés"
ABSENT_LABEL = (r"(?:Non[\s-]+excus[ée]e?s?|[ÉE]tai(?:en)?t\s+absente?s?(?:\s+(?:non[\s-]+)?excus[ée]e?s?)?|"
                r"Absente?s?\s+(?:non[\s-]+)?excus[ée]e?s?|Excus[ée]e?s?|Absente?s?)")
ATTENDANCE_SECTION_RE = re.compile(
    rf"(?:^|\n|\+ |– |- )\s*(?:(?P<represented>{REPRESENTED_LABEL})|(?P<present>{PRESENT_LABEL})|(?P<absent>{ABSENT_LABEL}))"
    rf"(?:\s*(?:\([^()\n]{{0,60}}\)\s*)?:|[ \t]*(?=\n))",  # "Absents :", "Présents (12) :", "Absents (départs en cours de séance) :", or a label alone on its line ("Absent\nHélène")
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
# proxies: "X à Y", "X (pouvoir à Y)", "X représenté(e) par Y", "X a donné procuration à Y" ("à donné", OCR), "X donne pouvoir à Y"
PROXY_GIVEN_RE = compile_guarded(
    r"\s*(?:\(?\s*(?:[aà]\s+)?(?:donn[ée]e?|donne)\s+(?:procuration|pouvoir)\s+[àa]|\(?\s*(?:pouvoir|procuration)\s+donn[ée]e?\s+[àa]|\(?\s*pouvoir\s+[àa]|\(?\s*procuration\s+[àa]|repr[ée]sent[ée]e?\s+par|(?<![\w'’])[àa])\s+",
    I,
)
# events printed in a procès-verbal body: "Monsieur Bernard ROBERT ... quitte la pièce le temps de son examen"
NAMED_PERSON = r"(?:(?:Monsieur|Madame|Mme|Mr)\s+|M\.\s*)(?P<name>(?-i:[A-ZÉ][\w’'\-]+(?:\s+[A-ZÉ][\w’'\-]+){0,3}))"
LEAVES_RE = re.compile(
    rf"{NAMED_PERSON}[^.]{{0,100}}?\b(?:quitte|sort\s+de|se\s+retire\s+de)\s+(?:la\s+)?(?:s[ée]ance|salle|pi[èe]ce)(?P<temporary>[^.]{{0,40}}le\s+temps)?", I
)
NOT_VOTING_NAMED_RE = re.compile(rf"{NAMED_PERSON}[^.]{{0,100}}?\bne\s+prend\s+pas\s+part\s+(?:au\s+vote|[àa]\s+la\s+d[ée]lib[ée]ration)", I)
# "... quitte la séance à 21h49 avec par conséquent le pouvoir donné par Mme HUDO"
CARRIED_PROXY_RE = re.compile(
    r"\bavec\s+(?:par\s+cons[ée]quent\s+)?(?:le|la|son|sa)\s+(?:pouvoir|procuration)\s+(?:donn[ée]e?\s+par|de)\s+"
    r"(?:(?:Monsieur|Madame|Mme|Mr)\s+|M\.\s*)(?P<name>[A-ZÉ][\w’'\-]+(?:\s+[A-ZÉ][\w’'\-]+){0,3})", I
)
ARRIVES_RES = [
    re.compile(rf"arriv[ée]e\s+de\s+{NAMED_PERSON}", I),
    re.compile(rf"{NAMED_PERSON}\s+(?:arrive|rejoint\s+la\s+s[ée]ance|est\s+arriv[ée]e?)\b", I),
]
EXCUSED_RE = re.compile(r"\(?\s*excus[ée]e?s?\s*\)?", I)

# list entries: "David & Adeline", "Mme X et M. Y"
ENTRY_JOIN_RE = re.compile(r"\s+(?:&|/|et)\s+(?=(?:" + CIVILITE + r"\s*)?[A-ZÉÈÀÂÎ])")  # also "X (pouvoir donné à Y) / Z"
# name particles that cannot end a name ("Henri DE\nVERBIZIER")
NAME_PARTICLE_RE = re.compile(r"(?:^|\s)(?:de|du|des|d[’']|le|la|les|van|von|der|di|da|dos|del|el|ben|ep\.?|épouse|née?)$", I)
CIVILITE_END_RE = re.compile(rf"(?:^|\s){CIVILITE}\s*$", I)
# a "Prénom NOM" word as printed: capitalised, possibly hyphenated or with an apostrophe
NAME_WORD_RE = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w’'\-.]*|d[’']\w+|de|du|des|le|la|van|von|der|di|da|dos|del|el|ben)$")
# lines that are page furniture inside a list: a bare page number
PAGE_NUMBER_LINE_RE = re.compile(r"^\s*(?:(?:Page\s+)?(?:-\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?\s*(?:-\s*)?|[-–]+)$")  # or a stray hyphen line
LIST_BULLET_RE = re.compile(r"^\s*[−\-–•·▪➢\ue000-\uf8ff]\s*")  # symbol fonts map bullets to the private use area
# body: "Arrivée de M.TANGUY à 20h41 après le vote de la première question"
AFTER_VOTE_RE = re.compile(r"apr[èe]s\s+(?:le\s+vote|l[’']adoption)", I)
# couthenans marks each proxy by a code shared by the giver and the holder: "Jean-Pierre (Pr*)", "David (Pr*)"
PROXY_CODE_RE = re.compile(r"\(\s*(?P<code>Pr\s*\*+|\*+)\s*\)|(?P<star>\*+)\s*$", I)
# where a proxy holder's name ends: "à M. Y (jusqu'à ...", "à M. Y jusqu'à la question"
HOLDER_END_RE = re.compile(r"\s*\(|\)|\s+(?:jusqu|[àa]\s+compter|[àa]\s+partir|de\s+la\s+(?:question|d[ée]lib)|pour\s+la|lors\s+de)", I)
# a list line cut right after the proxy connector: "Mme Anne BENEDETTO à" / "M. Christophe LIME"
PROXY_GIVEN_END_RE = re.compile(r"(?:\s[àa]|pouvoir\s+[àa]|procuration\s+[àa]|repr[ée]sent[ée]e?\s+par)\s*$", I)
# words opening a title, never a person's name: "Association FESTIVAL RADIO FRANCE", "Quartier des Cévennes"
INSTITUTION_WORD_RE = re.compile(
    r"^(?:Associations?|Soci[ée]t[ée]s?|Commissions?|Comit[ée]s?|Conseils?|Syndicats?|Maisons?|Quartiers?|Centres?|Office|"
    r"Coll[èe]ges?|[ÉE]coles?|Festivals?|Fondations?|Agences?|Institut|Chambres?|Communaut[ée]s?|Communes?|Ville|R[ée]gies?|"
    r"Groupes?|March[ée]s?|Foncier|Budgets?|Personnel|[ÉE]lections?|D[ée]signations?|Modalit[ée]s|Conventions?|Subventions?|"
    r"Contrats?|Projets?|Travaux|Tarifs?|Rapports?|Service|Direction|Parc|Zone|Domaine|Plan|Programme|Lyc[ée]es?|Mus[ée]e)$",
    I,
)
# "Après que se soit retiré Mr Roger PERRAY, Maire délégué ...": out of the room for this item only
WITHDRAWS_RE = re.compile(
    rf"(?:se\s+soit\s+retir[ée]e?|s[’']\s*[ée]tant\s+retir[ée]e?|se\s+retire(?:nt)?)\s+{NAMED_PERSON}|"
    rf"{NAMED_PERSON.replace('(?P<name>', '(?P<name2>')}[^.\n]{{0,60}}?\bse\s+retire\b(?!\s+de\s+la\s+s[ée]ance)",
    I,
)
# a role printed after a member's name in a list: "M.CHARRIER Jean-Paul Maire,", "M. ROBERT Henri\nAdjoints, Mme ...",
# "M.BERNARD Bruno Délégué,", "W.AUGUSTE (arrivé en retard à 19h50) : adjoints"
ROLE_WORD_RE = re.compile(
    r"(?<=[\s,:])(?:\s*:\s*)?(?:Maire(?:\s+d[ée]l[ée]gu[ée]e?)?|Adjointe?s?(?:\s+au\s+maire)?|D[ée]l[ée]gu[ée]e?s?|"
    r"Conseill(?:er|[èe]re)s?(?:\s+municipa(?:l|le|ux|les))?(?:\s+d[ée]l[ée]gu[ée]e?s?)?)(?=\s*[,.;:\n]|\s*$)",
    I,
)
# a member named by an initial and a surname: "C.FOROT", "T.BUSIN", "M.DENISE" (there "M." is an initial)
INITIAL_AND_SURNAME_RE = re.compile(r"^\s*[A-Z]\.\s?[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+\b")
INITIALS_IN_LIST_RE = re.compile(r"(?<![\w.])(?P<initial>[A-Z])\.\s?[A-ZÀ-Ý]{2,}\b")
# entries of a list separated by dashes: "C.FOROT —T.BUSIN — N.VERDON", "Denis JUVIN -- Alessandra STURANI - Jean-Pierre PLUS"
# (an en or em dash, or a hyphen spaced on both sides, or before an initial: "C.FOROT -T.BUSIN"; "Jean-Pierre"
# and "MOALIC -VERECCHIA" are names)
DASH_SEPARATOR_RE = compile_guarded(r"[ \t]*-?[—–]+-?[ \t]*|[ \t]+-{1,2}[ \t]+|[ \t]*--[ \t]*|[ \t]+-(?=[A-Z]\.[A-ZÀ-Ý]{2})")
# OCR reads a capital I before its dot as a bar: "|.MEJEAN"
OCR_BAR_INITIAL_RE = re.compile(r"(?<![\w|])\|(?=\.[A-Z])")
# the space between two members named by initial and surname, printed without a separator: "N.VERDON W.AUGUSTE"
INITIAL_NAMES_RUN_RE = re.compile(r"(?<=[A-ZÀ-Ý]{2}) (?=[A-Z]\.[A-ZÀ-Ý]{2,}\b)")
# what separates the entries of a list of members: a comma, a semicolon or a dash (DASH_SEPARATOR_RE)
LIST_SEPARATOR_RE = re.compile(rf",|;|{DASH_SEPARATOR_RE.pattern}")
# a given name as lists print it: "Denis", "Jean-Pierre"
_GIVEN_NAME = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
# one entry of a list of members: "C.BOURRETTE", "N. VERDON", "Denis JUVIN", "Jean-Pierre PLUS" (civilité and a
# role after a colon aside: "N.VERDON : adjoints")
LIST_ENTRY_NAME_RE = re.compile(
    rf"^\s*(?:(?:M\.|Mme|MM\.|Mmes)\s+)?(?:[A-Z]\.\s?|{_GIVEN_NAME}\s+)"
    r"[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+(?:\s[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+)?\s*(?::[^\n]*)?$")
# two members "Prénom NOM" with nothing between them, the dash lost by OCR ("Alessandra STURANI Valérie
# UPPHOFF"): a surname in capitals followed by a given name and another surname in capitals (not
# "épouse", "née", "veuve", which join two surnames of one person)
_GIVEN = rf"(?!(?:[ÉE]pouse|N[ée]e|Veuve)\b){_GIVEN_NAME}"
_SURNAME_CAPS = r"[A-ZÀ-Ý][A-ZÀ-Ý'’]+(?:[ -][A-ZÀ-Ý][A-ZÀ-Ý'’]+)*"
GIVEN_FIRST_NAMES_RUN_RE = re.compile(
    rf"(?<![\w.])(?:{_GIVEN})[ \t]+{_SURNAME_CAPS}(?P<gap>[ \t]+)(?={_GIVEN}[ \t]+[A-ZÀ-Ý][A-ZÀ-Ý'’]+(?![a-zà-ÿ]))")
