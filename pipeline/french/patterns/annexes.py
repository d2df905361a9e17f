"""How annexes are worded: fiche-action labels, axes, mesures, pact signatories, articles, and
the headings of a contract's page (ambitions, signatory partners, signing date)."""
from __future__ import annotations

import re

from pipeline.french.patterns.dates import I, IM

# --- fiche-action tables --------------------------------------------------------------------
# Each row's label (left cell, wrapped lines joined) is matched against this table, in order;
# the first match names the field. Anchored at the start of the label, so a label carrying a
# qualifier ("Plan de financement prévisionnel / définitif") is still recognised.
ACTION_LABELS: list[tuple[str, re.Pattern]] = [
    ("name", re.compile(r"^(?:action\s*[-:]?\s*nom|nom\s+(?:de\s+l['’]\s*)?action|intitul[ée]\b|titre\s+de\s+l['’]\s*action|"
                        r"fiche\s+action\s*$|action\s*$)", I)),
    ("number", re.compile(r"^(?:mesure\s*(?:n\s*°?\s*)?\d|action\s+n\s*[°.]|action\s+n\s*\d|action\s+n\s*$|"
                          r"n\s*°\s*(?:de\s+l['’]\s*)?(?:action|fiche|mesure)?|num[ée]ro\b)", I)),
    ("status", re.compile(r"^(?:statut|[ée]tat\s+d['’]\s*avancement|avancement|[ée]tat\s+de\s+l['’]\s*action)", I)),
    ("owner", re.compile(r"^(?:ma[îi]tr(?:e|ise)\s+d['’]\s*ouvrage|porteurs?\b|pilotes?\b|structure\s+porteuse|"
                         r"responsables?\s+de\s+l['’]\s*action|op[ée]rateurs?\b)", I)),
    ("description", re.compile(r"^(?:description|contenu\s+de\s+l['’]\s*action|objectifs?\b|contexte\b)", I)),
    ("partners", re.compile(r"^(?:partenaires?|partenariats?)\b", I)),
    ("financing", re.compile(r"^(?:plan\s+de\s+financement|financements?\b|budget|co[uû]ts?\b|moyens\s+financiers)", I)),
    ("calendar", re.compile(r"^(?:calendrier|[ée]ch[ée]ancier|planning|p[ée]riode\b|dur[ée]e\b|dates?\s+de\s+r[ée]alisation)", I)),
    ("indicators", re.compile(r"^(?:indicateurs?|[ée]valuation\b|crit[èe]res\s+d['’]\s*[ée]valuation)", I)),
    ("annexes", re.compile(r"^(?:annexes?\b|pi[èe]ces?\s+jointes?)", I)),
]
# Fields kept on one line (wrapped lines of the cell joined by spaces); the others keep their
# line breaks, which separate paragraphs and list items.
ONE_LINE_FIELDS = frozenset({"name", "number", "status", "owner"})
# "Mesure 43 Action n°2", "Mesure 43 action n 3", "Action n° 34" (the number may sit in the content cell)
MESURE_NUMBER_RE = re.compile(r"\bmesure\s*(?:n\s*°?\s*)?(?P<n>\d+)", I)
ACTION_NUMBER_RE = re.compile(r"\baction\s+n\s*[°.]?\s*(?P<n>\d+)|\bn\s*°\s*(?P<m>\d+)", I)
BARE_NUMBER_RE = re.compile(r"^\s*(?P<n>\d+(?:\.\d+)?)\s*$")
# The heading above a fiche: "Axe 4 : Accès à la santé", "Axe X : ...", "Axe : accès à la santé..."
AXE_RE = re.compile(r"^\s*axe\s*(?:n\s*°\s*)?(?P<number>\d+|[IVX]{1,4})?\s*[:–—\-.]\s*(?P<title>\S.*?)\s*(?:\.{2,}|…)?\s*$", IM)
# pdfplumber's name for a bullet glyph it cannot map to Unicode
CID_RE = re.compile(r"\(cid:\d+\)")

# --- mesures ----------------------------------------------------------------------------------
# "- Mesure 32 : A la rencontre ...", "• mesure 40 : ...", "Mesure 40. Nous renforcerons ...", "Mesure 41 . ..."
MESURE_ITEM_RE = re.compile(
    r"^[ \t]*(?P<bullet>[-–•·*][ \t]*)?mesure\s*(?:n\s*°\s*)?(?P<number>\d{1,3}(?:\.\d+)?)\s*(?P<sep>[:.–—\-])\s*(?P<text>\S.*)$",
    IM,
)
# a sentence ends at ". " followed by a capital (the rest of the paragraph is commentary)
SENTENCE_END_RE = re.compile(r"(?<=[^\s.])\.\s+(?=[A-ZÉÈÀÂÎÔÇ«])")
LIST_ITEM_START_RE = re.compile(r"^\s*(?:[-–•·*▪➤✓]|\d{1,2}\s*[.)]\s)")

# --- agreements (pacts, contracts, conventions) -----------------------------------------------
AGREEMENT_KIND_RE = re.compile(r"\b(?P<kind>pacte|contrat|convention|charte|protocole|accord)s?\b", I)
# the signatory block: "Entre l'État représenté par ... et la Caf du Doubs représentée par ..."
SIGNATORY_BLOCK_START_RE = re.compile(r"^[ \t]*(?-i:Entre|ENTRE)\s+(?=\S)", IM)
# the first "représenté par" must come this close to "Entre" (a sentence starting with "entre" is not a block)
SIGNATORY_FIRST_PARTY_MAX_CHARS = 300
SIGNATORY_BLOCK_END_RE = re.compile(
    r"^\s*(?:il\s+(?:est|a\s+[ée]t[ée])\s+convenu|pr[ée]ambule|article\s+(?:1|premier)\b|vu\b|ci-apr[èe]s|"
    r"d['’]\s*une\s+part|ensemble\s+d[ée]nomm)", IM,
)
REPRESENTED_BY_RE = re.compile(r"\s*,?\s*\brepr[ée]sent[ée]e?s?\s+par\s+", I)
# where the next organisation starts inside the text between two representatives
ORGANISATION_START_RE = re.compile(r"(?:^|[\s,;])(?:et\s+)?(?P<start>(?:l['’]\s*|le\s+|la\s+|les\s+)(?=[A-ZÉÈÀÂÎÔÇ]))")
TRAILING_JOINER_RE = re.compile(r"[\s,;]*(?:\bet)?[\s,;]*$", I)
LEADING_JOINER_RE = re.compile(r"^\s*(?:entre|et|,|;)\s+", I)
LEADING_ARTICLE_RE = re.compile(r"^(?:l['’]\s*|le\s+|la\s+|les\s+)(?=[A-ZÉÈÀÂÎÔÇ])", I)
SIGNATORY_CIVILITE_RE = re.compile(r"^(?:madame|monsieur|mme|mlle|m\.|mr\.?|mesdames|messieurs)\s+", I)
# the determiner before a signatory's role ("le préfet du Doubs", "son président")
ROLE_DETERMINER_RE = re.compile(r"^(?:l['’]\s*|le\s+|la\s+|son\s+|sa\s+)", I)
LEADING_ET_RE = re.compile(r"^et\s+", I)
# a party of a signatory block starting its own line with a capital ("\nPôle emploi")
CAPITALISED_LINE_START_RE = re.compile(r"\n(?=[A-ZÉÈÀÂÎÔÇ])")
# a page footer ending a page ("Page 3 sur 12"): a list item does not run on past it
PAGE_FOOTER_RE = re.compile(r"^\s*page\s+\d", I)
SURNAME_RE = re.compile(r"\b[A-ZÉÈÀÂÎÔÇËÏ][A-ZÉÈÀÂÎÔÇËÏ'\-]{1,}\b")
ALSO_CALLED_RE = re.compile(r",?\s*ci-apr[èe]s\b.*$", I | re.S)
# "Article 4. Durée du pacte", "Article 6 - Découverte des métiers", "ARTICLE 1 : Objet"
# an article of an agreement that gives its duration ("Article 3 : Durée du pacte")
DURATION_TITLE_RE = re.compile(r"\b(?:dur[ée]e|p[ée]riode|validit[ée]|calendrier)\b", I)
ARTICLE_RE = re.compile(r"^\s*article\s+(?P<number>\d{1,2}|premier|1er)\s*(?:[.:–—\-]\s*)?(?P<title>\S.*?)?\s*:?\s*$", IM)

# --- a contract's page (Contrat Local de Santé and the like) ----------------------------------
# "Les 5 ambitions du CLS", "Les axes stratégiques", "Orientations"
SECTION_LIST_HEADING_RE = re.compile(
    r"^\s*(?:les\s+)?(?P<count>\d{1,2}\s+)?(?P<kind>ambitions?|axes?|orientations?|priorit[ée]s?)\b(?:\s+\S+){0,4}\s*:?\s*$", IM
)
# "1 – Déployer sur l'ensemble du territoire ...", "2. Favoriser l'accès aux soins"
NUMBERED_HEADING_RE = re.compile(r"^\s*(?P<number>\d{1,2})\s*(?:[–—\-.)]|/)\s*(?P<title>\S.{3,})$", IM)
# "Les 10 partenaires signataires", "Signataires :"
# a bullet item of a contract page ("• Déployer ...", "- Agence Régionale de Santé")
PAGE_BULLET_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[•\-–*·▪◦])\s+(?P<text>\S.*)$")
SIGNATORIES_HEADING_RE = re.compile(r"^\s*(?:les\s+)?(?P<count>\d{1,3}\s+)?(?:partenaires\s+)?signataires\b.*$", IM)
# "Signé avec l'Agence Régionale de Santé (ARS) le 16 janvier 2020", "signature le ..."
SIGNED_RE = re.compile(r"\bsign(?:[ée]e?s?|ature)\b(?P<between>[^.\n]{0,160}?)\ble\s+(?P<date>(?:1er|\d{1,2})\s+\w+\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})", I)
# lines of a web page that are navigation, not content
LINK_LINE_RE = re.compile(r"^\s*(?:en\s+savoir\s+plus|lire\s+la\s+suite|voir\s+plus|t[ée]l[ée]charger)\b.*$", I)
