"""The séance header."""
from __future__ import annotations

import re

from pipeline.french.first_chars import compile_guarded
from pipeline.french.patterns.dates import ANY_DATE, I, LONG_DATE, MONTH, NUMERIC_DATE, WORDS_NUMBER  # noqa: F401

# "Séance publique du\njeudi 24 avril 2014", "SEANCE DU 9 MARS 2020", "SÉANCE DU CONSEIL MUNICIPAL DU 29 FÉVRIER 2012",
# "PROJET DE RAPPORT DE LA SEANCE\ndu 17 DECEMBRE 2019", "Conseil Municipal du 15 octobre 2015"
SEANCE_DATE_RES = [
    re.compile(
        rf"S[ée]ance\s+(?:publique\s+|ordinaire\s+|extraordinaire\s+)?(?:du\s+conseil\s+municipal\s+)?du\s*:?\s*(?P<date>{ANY_DATE})", I
    ),
    re.compile(
        rf"(?:Conseil\s+Municipal|R[ée]union\s+du\s+conseil\s+municipal|Conseil\s+communautaire)\s+(?:du|en\s+date\s+du)\s+(?P<date>{ANY_DATE})", I
    ),
    # the minutes' title line naming the sitting without "du": "CR du conseil municipal 09 avril 2021"
    re.compile(rf"(?:^|\n)[^\n]{{0,30}}?conseil\s+(?:municipal|communautaire)[ \t]+(?P<date>{LONG_DATE})", I),
]
# what stands just before a séance date that names another sitting than this one:
# "le compte rendu de la séance du 15 septembre 2015", "procès-verbal de la séance du ...", "lors de sa séance du ..."
# ("PROCES VERBAL" alone on its line over "Séance du 17 novembre 2023" is the minutes' title: no reference)
SEANCE_REFERENCE_RE = re.compile(
    r"(?:compte[\s\-]*rendu|proc[èe]s[\s\-]*verbal|pr[ée]c[ée]dente?|derni[èe]re?|lors\s+de|en)"
    r"(?:\s+(?:de\s+(?:la|sa)\s+|du\s+|sa\s+|la\s+)|[ \t]+)$",
    I,
)
# a word naming the sitting in a label ("Séance du :", "Date de la réunion :")
SEANCE_WORD_RE = re.compile(r"s[ée]ance|r[ée]union|conseil|session", I)
# a long date at the start of a line ("+ Vendredi 29 janvier 2021, 18:30.", "Le 6 décembre 2022 à vingt heures, le conseil")
LINE_START_DATE_RE = re.compile(rf"(?:^|\n)[^\w\n]*(?:le\s+)?(?P<date>{LONG_DATE})", I)
# a date in words opening the séance's sentence: "Le vingt-neuf juin deux mille vingt et un à vingt heures, le conseil
# municipal s'est réuni"
LINE_START_WRITTEN_DATE_RE = re.compile(
    rf"(?:^|\n)[^\w\n]*le\s+(?P<date>(?:\d{{1,2}}|{WORDS_NUMBER})\s*(?:er)?\s+{MONTH}\s+(?:\d{{4}}|{WORDS_NUMBER}))\b", I
)
# "L'an deux mille quinze, le 15 octobre", "L'an deux mil dix neuf, le onze mars", "L'an deux mille douze le vingt neuf Février",
# "L'an deux mille vingt-trois, le onze du mois de décembre"
YEAR_IN_WORDS_RE = re.compile(rf"l[’']an\s+(?P<year>{WORDS_NUMBER})", I)
DAY_MONTH_AFTER_YEAR_RE = re.compile(
    rf"^[\s,.;\w]{{0,12}}?\ble\s+(?P<day>\d{{1,2}}|{WORDS_NUMBER})\s*(?:er)?\s+(?:du\s+mois\s+d[e’']\s*)?(?P<month>{MONTH})\b", I)
CONVOCATION_RE = compile_guarded(
    rf"(?:convoqu[ée]e?s?(?:\s+le)?|Date\s+de\s+(?:la\s+)?convocation|convocation\s+(?:du|en\s+date\s+du)|"
    rf"(?:la\s+)?convocation\s+a\s+[ée]t[ée]\s+(?:envoy[ée]e|adress[ée]e|faite|[ée]mise)\s+le|envoi\s+de\s+la\s+convocation\s+le)"
    rf"\s*:?\s*(?:le\s+)?(?P<date>{ANY_DATE})",
    I,
)
# "convoqués le quatre mars deux mil dix neuf", "convoqués le vingt et un novembre deux mil dix sept"
CONVOCATION_WRITTEN_RE = re.compile(r"convoqu[ée]e?s?\s+(?:le\s+)?(?P<rest>[^,.;]{5,80})", I)
# OCR reads a count's 1 as I, l, i, | or ! and its 0 as O or o ("Nombre de membres en exercice : il"):
# after the label's colon, a token of two or three such characters is that count
OCR_COUNT_DIGITS = str.maketrans("Il|!iOo", "1111100")
MEMBERS_IN_OFFICE_RE = re.compile(
    r"en\s+exercice\s*(?::[ \t]*(?P<ocr>(?-i:(?=[0-9]*[Il|!iOo])[0-9Il|!iOo]{2,3}))(?![\w|!])|:?\s*(?P<n>\d{1,3})\b)", I)
# the count of members present printed beside the lists: "Membres présents : 27", "Présents 14",
# "Nombre de membres présents : 9", "Nombre de présents : 14" (not "Présents : M. X", no digit follows)
PRESENT_COUNT_RE = re.compile(r"(?<![\w-])(?:nombre\s+de\s+)?(?:membres\s+|conseillers\s+)?pr[ée]sents?\s*[:(]?\s*(?P<n>\d{1,3})\b(?!\s*[/.,]\d)", I)
# the count of members voting: "Membres votants : 28", "Votants 14", "qui ont pris part au vote : 11",
# "Qui ont pris part à la délibération : 10", "Nombre de votants : 15"
VOTING_COUNT_RE = compile_guarded(
    r"(?:(?<![\w-])(?:nombre\s+de\s+)?(?:membres\s+)?votants|qui\s+ont\s+pris\s+part\s+(?:au\s+vote|[àa]\s+la\s+d[ée]lib[ée]ration))"
    r"\s*:?\s*(?P<n>\d{1,3})\b(?!\s*[/.,]\d)", I)
# the council's size when "en exercice" is not printed: "l'arrêté ... fixant le nombre de sièges à 51"
COUNCIL_SEATS_RE = re.compile(r"nombre\s+de\s+si[èe]ges\s+(?:[àa]|de|:)\s*(?P<n>\d{1,3})\b(?!\s*[,.]\d)", I)
# who presided: the name may be preceded by the président's title ("Monsieur le Maire, Philippe SAUREL",
# "Monsieur le doyen d'âge de l'Assemblée, Max LEVITA") and may run onto the next line ("Madame Michèle\nBOURBIER, maire.")
PRESIDENT_TITLE = r"(?:(?:Monsieur|Madame|M\.|Mme)\s+(?:le|la|l[’'])\s*[^,\n]{1,60}?,\s*)"
PRESIDENT_NAME = r"(?P<name>(?:(?:M|MM|Mme|Mlle)\.\s*)?[^,.;:\n(]{2,60}(?:\n[^,.;:\n(]{2,40})?)"
PRESIDENT_RES = [
    re.compile(rf"sous\s+la\s+pr[ée]sidence\s+de\s+{PRESIDENT_TITLE}?{PRESIDENT_NAME}", I),
    re.compile(rf"(?:^|\n)\s*Pr[ée]sidence\s+de\s+{PRESIDENT_TITLE}?{PRESIDENT_NAME}", I),
    re.compile(r"Pr[ée]sident(?:e)?\s+de\s+s[ée]ance\s*:\s*(?P<name>[^,.\n]{3,60})", I),
]
# what a président's or secrétaire's name never starts with: an article or a bare civilité
# ("le Maire", "Monsieur le Maire" captured without a name)
NOT_A_NAME_START_RE = re.compile(r"(?:le|la|l['’]|monsieur|madame)\b", I)
SECRETAIRE_RE = re.compile(
    r"Secr[ée]taire(?:\s+de\s+s[ée]ance)?\s*(?:[ée]lue?)?\s*:\s*(?P<name>[^\n;(]{2,80})", I
)
# the secrétaire proposed in a sentence: "propose la candidature de Mme MICHOT Patricia\nen qualité de secrétaire"
SECRETAIRE_PROPOSED_RE = re.compile(
    r"candidature\s+de\s+(?P<name>[^\n,;(]{2,60}?)\s+(?:en\s+qualit[ée]\s+de|comme)\s+secr[ée]taire", I
)
SECRETAIRE_RES = [SECRETAIRE_RE, SECRETAIRE_PROPOSED_RE]
# a place name as printed: capitalised words joined by spaces, hyphens or particles
# ("Montpellier", "PUTANGES LE LAC", "PUTANGES -LE -LAC", "PUTANGES-\nLE-LAC", "BOURG-EN-BRESSE", "Saint-Nazaire")
_CAP_WORD = r"[A-ZÉÈÊÀÂÎÔÛÇ][\w’']*(?:-[\w’']+)*"
_PARTICLE = r"(?:(?i:sur|sous|en|de|du|des|le|la|les|lès|lez)(?:[ \t]+|-)|(?i:d|l)[’'])"
# a line may break after "Saint"/"Sainte", which never ends a place name ("commune de SAINT\nRESTITUT")
_SAINT_BREAK = r"(?:(?<=[Ss][Aa][Ii][Nn][Tt])|(?<=[Ss][Aa][Ii][Nn][Tt][Ee]))[ \t]*\n[ \t]*"
PLACE = rf"{_CAP_WORD}(?:(?:[ \t]*-(?=\S)|-\n|{_SAINT_BREAK}|[ \t]+){_PARTICLE}?{_CAP_WORD})*"
COLLECTIVITE_RES = [
    # "Commune de Pierrefonds", "COMMUNE DE PUTANGES -LE-LAC", "VILLE DE SAINT-NAZAIRE",
    # "le Conseil Municipal de la Ville de\nMontpellier", "de la Commune de PUTANGES-\nLE-LAC"
    re.compile(rf"(?P<name>(?i:ville|commune|mairie)\s+(?i:de\s+|d[’']\s*){PLACE})"),
    # "A l'attention des membres du Conseil municipal de COUTHENANS"
    re.compile(rf"(?i:conseil\s+municipal\s+de)\s+(?P<name>{PLACE})"),
]
