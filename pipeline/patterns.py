"""French administrative phrasing, in one place.

Every regex that encodes how a délibération is worded lives here, named for what it reads,
and is tested with real phrasings from the corpus in tests/test_patterns.py. Extractors import
these names; they do not write their own regexes for document wording."""
from __future__ import annotations

import re

I = re.IGNORECASE
IM = re.IGNORECASE | re.MULTILINE

# ---------------------------------------------------------------- dates
MONTHS = {
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12, "décembre": 12,
}
MONTH = r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)"
WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
# "24 avril 2014", "jeudi 24 avril 2014", "1er février 2016", "1 er Février 2016"
LONG_DATE = rf"(?:{WEEKDAY}\s+)?(?P<day>\d{{1,2}})\s*(?:er|ᵉʳ)?\s+(?P<month>{MONTH})\s+(?P<year>\d{{4}})"
NUMERIC_DATE = r"(?P<nday>\d{1,2})\s*[/.\-]\s*(?P<nmonth>\d{1,2})\s*[/.\-]\s*(?P<nyear>\d{4}|\d{2})\b"
ANY_DATE = rf"(?:{LONG_DATE}|{NUMERIC_DATE})"
ANY_DATE_RE = re.compile(ANY_DATE, I)

# written-out dates: "le onze mars deux mil dix neuf", "L'an deux mille quinze, le 15 octobre"
NUMBER_WORD = (
    r"(?:premier|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|"
    r"quinze|seize|vingt|trente|quarante|cinquante|soixante|cent|cents|mille|mil|et)"
)
WORDS_NUMBER = rf"{NUMBER_WORD}(?:[\s\-]+{NUMBER_WORD})*"
WRITTEN_DATE_RE = re.compile(
    rf"(?P<wday>\d{{1,2}}|{WORDS_NUMBER})\s*(?:er)?\s+(?P<wmonth>{MONTH})\s+(?P<wyear>\d{{4}}|{WORDS_NUMBER})", I
)
YEAR_IN_WORDS_RE = re.compile(rf"l[’']an\s+(?P<year>{WORDS_NUMBER})", I)

# ---------------------------------------------------------------- ACTES stamp
# Tolerates spaces the text layer inserts inside the id ("0 34-2134 01722-...").
ACTE_ID_RE = re.compile(
    r"(?<![\w-])(?P<id>(?:\d\s?\d\s?\d|0\s?2\s?[AB])\s?-\s?(?:\d\s?){9}-\s?(?:\d\s?){8}-\s?[A-Za-z0-9_]{1,35}\s?-\s?(?:DE|AR|AI|CC|BF|AU))(?![A-Za-z0-9])"
)
STAMP_RECEIVED_RE = re.compile(
    rf"(?:R[ée]ception\s+en\s+pr[ée]fecture|Re[çc]u\s+en\s+pr[ée]fecture(?:\s+le)?|RECU\s+EN\s+PREFECTURE(?:\s+le)?|"
    rf"Date\s+de\s+r[ée]ception\s+(?:en\s+)?pr[ée]fecture)\s*:?\s*(?:le\s*:?\s*)?(?P<date>{ANY_DATE})",
    I,
)
STAMP_SENT_RE = re.compile(
    rf"(?:Envoi\s+Pr[ée]fecture|Envoy[ée]e?\s+en\s+pr[ée]fecture(?:\s+le)?|Date\s+de\s+t[ée]l[ée]transmission|"
    rf"Transmis(?:e)?\s+(?:en|à\s+la)\s+pr[ée]fecture(?:\s+le)?)\s*:?\s*(?:le\s*:?\s*)?(?P<date>{ANY_DATE})",
    I,
)
STAMP_PUBLISHED_RE = re.compile(
    rf"(?:Publi[ée]e?\s+le|Affich[ée]e?\s+le|Date\s+de\s+publication|Mise?\s+en\s+ligne\s+le)\s*:?\s*(?P<date>{ANY_DATE})",
    I,
)

# ---------------------------------------------------------------- séance header
SEANCE_DATE_RES = [
    re.compile(rf"S[ée]ance\s+(?:publique\s+|ordinaire\s+|extraordinaire\s+)?du\s*:?\s*(?P<date>{ANY_DATE})", I),
    re.compile(rf"(?:Conseil\s+Municipal|R[ée]union\s+du\s+conseil\s+municipal|Conseil\s+communautaire)\s+du\s+(?P<date>{ANY_DATE})", I),
    re.compile(rf"(?:^|\n)\W*(?P<date>{LONG_DATE})", I),
]
CONVOCATION_RE = re.compile(
    rf"(?:convoqu[ée]e?s?(?:\s+le)?|Date\s+de\s+(?:la\s+)?convocation|convocation\s+(?:du|en\s+date\s+du))\s*:?\s*(?:le\s+)?(?P<date>{ANY_DATE})",
    I,
)
CONVOCATION_WRITTEN_RE = re.compile(r"convoqu[ée]e?s?\s+(?:le\s+)?(?P<rest>[^,.;]{5,80})", I)
MEMBERS_IN_OFFICE_RE = re.compile(r"en\s+exercice\s*:?\s*(?P<n>\d{1,3})\b", I)
PRESIDENT_RES = [
    re.compile(
        r"sous\s+la\s+pr[ée]sidence\s+de\s+(?:(?:Monsieur|Madame)\s+l[ea]\s+Maire(?:\s+d[ée]l[ée]gu[ée]e?)?\s*,?\s*)?(?P<name>[^,.\n(]{3,60}?(?:\n[^,.\n(]{2,30}?)?)\s*(?:,|\.|\(|\n|$)",
        I,
    ),
    re.compile(r"Pr[ée]sidence\s+de\s+(?P<name>[^,.\n]{3,60})", I),
    re.compile(r"Pr[ée]sident(?:e)?\s+de\s+s[ée]ance\s*:\s*(?P<name>[^,.\n]{3,60})", I),
]
SECRETAIRE_RE = re.compile(
    r"Secr[ée]taire(?:\s+de\s+s[ée]ance)?\s*(?:[ée]lue?)?\s*:\s*(?P<name>[^\n;(]{2,80})", I
)
COLLECTIVITE_RES = [
    re.compile(r"(?P<name>(?:Ville|Commune|Mairie)\s+(?:de\s+|d[’'])\s*[A-ZÉÈÀÂÎÔÛ][\w’'\- ]{1,40}?)(?:\s*\(\d{2,3}\))?\s*(?:\n|,|$| -)", 0),
    re.compile(r"Conseil\s+Municipal\s+de\s+(?:la\s+Ville\s+de\s+|la\s+Commune\s+de\s+)?(?P<name>[A-ZÉ][\w’'\-]+(?:[ \-][A-ZÉ][\w’'\-]+)*)", 0),
]

# ---------------------------------------------------------------- attendance
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

# ---------------------------------------------------------------- délibération identity
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

# ---------------------------------------------------------------- vote
UNANIMITY_RE = re.compile(r"\b(?:[àa]\s+l['’]\s*unanimit[ée]|unanimement|unanimit[ée]|unanime)\b", I)
ADOPTED_RE = re.compile(
    r"\b(?:adopt[ée]e?s?|approuv[ée]e?s?|Le\s+Conseil\s+(?:Municipal\s+)?Adopte|d[ée]cide|accepte|autorise|valide)\b", I
)
REJECTED_RE = re.compile(r"\b(?:rejet[ée]e?s?|refus[ée]e?s?|n['’]est\s+pas\s+adopt[ée]e?|ne\s+(?:l['’])?adopte\s+pas)\b", I)
COUNT = r"(?P<n>\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)"
VOTE_FOR_RES = [
    re.compile(rf"\bPour\s*:\s*{COUNT}\b", I),
    re.compile(rf"{COUNT}\s+(?:voix|votes?)\s+pour\b", I),
    re.compile(rf"\b{COUNT}\s+pour\b", I),
    re.compile(rf"\bPour\s+{COUNT}\b", I),
    re.compile(rf"des\s+votants\s*\(\s*{COUNT}\s+voix\s*\)", I),
]
VOTE_AGAINST_RES = [
    re.compile(rf"\bContre\s*:\s*{COUNT}\b", I),
    re.compile(rf"{COUNT}\s+(?:voix|votes?)\s+contre\b", I),
    re.compile(rf"\b{COUNT}\s+contre\b", I),
    re.compile(rf"\bContre\s+{COUNT}\b", I),
]
VOTE_ABSTENTION_RES = [
    re.compile(rf"\bAbstentions?\s*:\s*{COUNT}\b", I),
    re.compile(rf"{COUNT}\s+abstentions?\b", I),
    re.compile(rf"\bAbstentions?\s+{COUNT}\b", I),
]
VOTE_NON_PARTICIPATION_RES = [
    re.compile(rf"Ne\s+(?:prend|prennent)\s+pas\s+part\s+au\s+vote\s*:\s*{COUNT}\b", I),
    re.compile(rf"{COUNT}\s+(?:conseillers?\s+)?(?:ne\s+prenant|ne\s+prend|ne\s+prennent)\s+pas\s+part", I),
    re.compile(rf"Non[\s\-]participations?\s*:?\s*{COUNT}\b", I),
]
# a decision sentence: where votes are announced
VOTE_CONTEXT_RE = re.compile(
    r"(?:Vote\s*:|Votes?\s*:|apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|ADOPT[ÉE]|Le\s+Conseil\s+(?:Municipal\s+)?(?:Adopte|d[ée]cide|approuve)|"
    r"La\s+d[ée]lib[ée]ration\s+est|Rapport\s+adopt[ée]|Pour\s*:|A\s+L['’]UNANIMIT|[àa]\s+l['’]unanimit)",
    I,
)

COUNT_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10}


def count_value(token: str) -> int:
    token = token.lower()
    return COUNT_WORDS[token] if token in COUNT_WORDS else int(token)
