"""A délibération's identity: objet, numero, rapporteur, commission."""
from __future__ import annotations

import re

from pipeline.french.first_chars import compile_guarded
from pipeline.french.patterns.dates import ANY_DATE, I, LONG_DATE, MONTH, NUMERIC_DATE, WORDS_NUMBER  # noqa: F401

# "OBJET : 27. Pacte pour l'émancipation ...": a label, with its colon ("Objet" alone heads table columns)
OBJET_RE = re.compile(
    r"(?:^|\n)\s*(?:OBJET\s*[:\-–]|(?i:objet)\s*:)\s*(?:(?P<item>\d{1,3})\s*[.\-)]\s*)?"
    r"(?P<objet>[^\n]+(?:\n(?!\s*(?i:D[ée]lib[ée]ration|Rapporteur|N°))[^\n]+)?)"
)
# the délibération's own number, printed at the start of a line (header, sidebar, title); numbers quoted in
# the body ("a modifié la délibération n°2014/131") are other délibérations
NUMERO_RES = [
    re.compile(r"(?:^|\n)[ \t]*(?:Extrait\s+de\s+la\s+)?D[ée]lib[ée]ration\s+n\s*°?\s*:?\s*(?P<numero>\d{4}\s*[/._\-]\s*[\w./\-]+)", I),
    # the number an OCR'd scan spaces out: "Délibération n° 2023 034 D" (printed 2023_034_D)
    re.compile(r"(?:^|\n)[ \t]*D[ée]lib[ée]ration\s+n\s*°?\s*:?\s*(?P<numero>\d{4}[ _]{1,2}\d{2,4}(?:[ _]{1,2}[A-Z])?)(?![\w])", I),
    re.compile(r"(?:^|\n)\s*N\s*°\s*(?P<numero>\d{4}\s*[./_\-]\s*\d[\w./\-]*)", I),
    re.compile(r"(?:^|\n)\s*n\s*°\s*(?P<numero>\d{4}\s*/\s*\d+)", I),
    re.compile(r"(?:^|\n)[ \t]*D[ée]lib[ée]ration\s+(?P<numero>\d{8}_\d+)", I),
    re.compile(r"(?:^|\n)\s*(?P<numero>\d+_DELIB_\w+)", I),
]

# --- who presents the item -------------------------------------------------------------------
SPEAKER_CIVILITE = r"(?:Monsieur|Madame|M\.|Mme|Mr)"
# "Monsieur le Maire", "Madame le maire", "Mr le Maire de la commune nouvelle", "Le maire"
MAIRE = rf"(?:{SPEAKER_CIVILITE}\s+)?l[ea]\s+[Mm]aire(?:\s+de\s+la\s+commune(?:\s+nouvelle)?)?"
MAIRE_RE = re.compile(rf"^\s*{MAIRE}\b\s*[,.]?\s*$", I)
# "Monsieur le Maire, Philippe SAUREL," -> the name after the title
MAIRE_THEN_NAME_RE = re.compile(rf"\s*{MAIRE}\s*,\s*(?P<name>.+?)\s*,?\s*$", I)
# what a speaker's name never starts with: an article ("la commission", "le rapporteur")
ARTICLE_START_RE = re.compile(r"(?:le|la|l['’])\b", I)
# a person named as in the minutes: "André BRIERE", "LEBLANC", "Jean-Paul PICHONNIER"
SPEAKER_NAME = r"(?:[A-ZÉÈ][\w’'\-]+\s+){0,3}[A-ZÉÈ][A-ZÉÈÊËÀÂÎÏÔÛÇ’'\-]+\b"
PRESENTING_VERB = (
    r"(?:rappelle|pr[ée]sente|expose|indique|informe|pr[ée]cise|explique|propose|rapporte|soumet|fait\s+part|"
    r"donne\s+lecture|donne\s+connaissance)"
)
# the maire also presents by asking the council: "Madame le maire demande aux membres du conseil municipal s'ils sont d'accord"
MAIRE_VERB = rf"(?:{PRESENTING_VERB}|demande\s+(?:aux\s+membres|au\s+conseil|[àa]\s+l[’']\s*assembl[ée]e|si\s+les\s+membres)|invite)"
RAPPORTEUR_RES = [
    # "Rapporteur : M. Gilles SPICHER, Adjoint", "Rapporteur : Isabelle MAISTRE"
    re.compile(r"Rapporteure?\s*:\s*(?P<name>[^\n,]{2,80})", I),
    # "Monsieur le Maire rapporte :", "Monsieur EL KANDOUSSI rapporte :", "Philippe SAUREL rapporte :"
    re.compile(r"(?:^|\n)[ \t]*(?P<name>[^\n:]{2,70}?)\s+rapporte\s*:", I),
    # "Ayant entendu l'exposé de Monsieur le Maire", "Entendu l’exposé de Monsieur Le Maire,", "Après avoir entendu
    # l'exposé de Monsieur JEAU"
    re.compile(rf"entendu\s+l['’]\s*expos[ée]\s+de\s+(?P<name>{SPEAKER_CIVILITE}\s+[^\n,.;]{{2,60}}?)(?=\s*(?:,|\.|;|\n|$|\s+(?:et|le|la|qui|Monsieur|Madame)\b))", I),
    # "Présentation par Yves", "présenté par Madame Anne DUPONT", "Rapport présenté par M. Jean MARTIN"
    re.compile(r"pr[ée]sent(?:ation|[ée]e?)\s+par\s+(?P<name>(?:(?:Monsieur|Madame|M\.|Mme|Mr)\s+)?(?-i:[A-ZÉÈ])[^\n,.;:()]{1,50}?)(?=\s*(?:[,.;:(]|\n|$))", I),
]
# the floor handed to someone: "Monsieur le Maire donne la parole à Monsieur André BRIERE, Président de la commission",
# "Madame le maire passe la parole à Monsieur LEBLANC qui rappelle", "La parole est donnée à Madame Monique GUIBOUT qui"
HANDOVER_RE = compile_guarded(
    rf"(?:(?:donne|laisse|passe|c[èe]de)\s+la\s+parole\s+[àa]|la\s+parole\s+est\s+(?:donn[ée]e|pass[ée]e)\s+[àa])\s+"
    rf"(?P<name>{SPEAKER_CIVILITE}\s+[^\n,.;(]{{2,60}}?)(?=\s*(?:,|\.|;|\(|\s+qui\b|\s+pour\b|\s+afin\b|\s+rappelle|\s+pr[ée]sente|\n|$))",
    I,
)
# a sentence opened by the maire presenting: "Madame le maire rappelle aux membres du conseil que",
# "Mr le Maire de la commune nouvelle présente les résultats", "Monsieur le Maire indique que"
MAIRE_STATEMENT_RE = re.compile(rf"(?:^|\n|[.;,]\s+)(?P<name>{MAIRE})\s*,?\s+{MAIRE_VERB}\b", I)
# a sentence opened by a named member presenting: "Monsieur André BRIERE informe l'Assemblée", "Monsieur LEBLANC présente"
MEMBER_STATEMENT_RE = re.compile(rf"(?:^|\n|[.;]\s+)(?P<name>{SPEAKER_CIVILITE}\s+{SPEAKER_NAME})\s+{PRESENTING_VERB}\b")
# where an item's decision starts: what follows belongs to the vote, and a speaker named after it
# introduces the next item
DECISION_START_RE = re.compile(
    r"(?:^|\n)[ \t]*(?:Apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|Le\s+Conseil\s+Municipal\s*[,;:]|Le\s+Conseil\s+Municipal,?\s+apr[èe]s|"
    r"Vote\s*:|Pour\s+chacune?\b|D[ée]cide\b|LE\s+CONSEIL\b)",
    I,
)
# --- the objet printed as a title block just above "X rapporte :" (Montpellier)
SPEAKER_LINE_RE = re.compile(r"(?:^|\n)(?P<line>[^\n]{0,80}\brapporte\s*:[ \t]*)(?=\n)", I)
# a line listing people ("Patrick VIGNAL", "Stéphanie JANNIN,Bernard TRAVIER"): not part of a title
# a given name opening an entry of an attendance list: "Fabien ABERT, Lorraine ACQUIER" -> Fabien, Lorraine
# (a compound one whole, "Marie-Hélène", as a line's first word is)
_GIVEN_NAME_WORD = r"[A-ZÉÈ][a-zéèëêïîôûç’']+"
LISTED_GIVEN_NAME_RE = re.compile(
    rf"(?:^|[,\n])[ \t]*({_GIVEN_NAME_WORD}(?:-{_GIVEN_NAME_WORD})*)(?:[ \t]{_GIVEN_NAME_WORD})*[ \t]+[A-ZÉÈ]{{2,}}"
)
NAME_LIST_LINE_RE = re.compile(
    r"^\s*(?:[A-ZÉÈ][a-zéèëêïîôûç’'\-]+(?:[\s\-][A-ZÉÈ][a-zéèëêïîôûç’'\-]+)*\s+[A-ZÉÈ][A-ZÉÈÊËÀÂÎÏÔÛÇ’'\- ]+\s*[,.]?\s*)+$"
)
COMMISSION_ROW_RE = re.compile(
    rf"(?P<name>Commission[^\n]{{0,60}}?)\s+(?P<date>{NUMERIC_DATE})\s+(?P<avis>(?:Favorable|D[ée]favorable|Avis|Sans\s+avis|R[ée]serv[ée])[^\n]*)", I
)
# A printed classification: the label, optional "ACTES"/"matière", a colon or dash, then the
# code, possibly on the next line (scanned extracts print "Classification :" and the code below).
# The code must directly follow the label, so "nomenclature M14", "nomenclature des installations
# classées" or "en matière : d'urbanisme" never match. OCR may read the colon as ";" and the
# first dot as ",".
PRINTED_MATIERE_RE = re.compile(
    r"(?<![\w])(?:classification|code\s+mati[eè]re|mati[eè]re|nomenclature)"
    r"(?:\s+(?:actes|mati[eè]re))?"
    r"[ \t]*(?:n[°o]\s*)?[:;\-–][ \t]*(?:\r?\n[ \t]*){0,2}"
    r"(?P<code>[1-9][.,]\d{1,2}(?:\.\d{1,2}){0,3})(?![\d.]*\d)",
    I,
)
# an item's heading naming the délibération it gave: "Décision modificative n° 3 - Délibération n° 2023_033_D - ..."
NUMERO_IN_TITLE_RE = re.compile(r"\bd[ée]lib[ée]ration\s+n\s*°\s*(?P<numero>\d{4}\s?[_/.\-]\s?\d{2,4}(?:\s?[_/.\-]\s?[A-Z])?)", I)
# the délibération's own number and a pointer to its annex printed inside an item's title, not part of its
# objet: "Restes à recouvrer 2023 - Délibération n° 2023_039_D (Voir annexe)" (never "modification de la
# délibération n° 2019-03-22": only a number set off by a dash or a colon); nor is the note that none was
# taken at the end of the title ("Emploi permanent d'adjoint technique (par voie de mutation) aucune délibération")
OBJET_REFERENCE_RE = re.compile(
    r"\s*[-–—:]\s*d[ée]lib[ée]ration\s+n\s*[°o]\s*\d{4}\s?[_/.\-]?\s?_?\d{1,4}(?:\s?_?[A-Z]\b)?|\s*[({]\s*voir\s+annexe\s*\)"
    r"|[\s\-–—:(]*\b(?:aucune|pas\s+de|sans)\s+d[ée]lib[ée]ration\)?\s*$",
    re.I,
)
