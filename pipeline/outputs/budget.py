"""BUDGET_ANNEE / BUDGET_NOM of the SCDL export, read from a délibération's objet.

SCDL wants both or neither: the year of the budget exercise the decision applies to ("2024" or
"2023/2024") and the name of the budget ("Budget annexe déchets-collecte et traitement"). Only
acts on a budget itself qualify (budget primitif or supplémentaire, vote du budget, décision
modificative, virement de crédits, compte administratif, compte de gestion, affectation du
résultat), and only when the objet prints both the year and which budget: the year of a
"compte administratif" without a year is the previous exercise by custom, not by proof, so it is
left empty rather than guessed."""
from __future__ import annotations

import re
from dataclasses import dataclass

# An act on a budget. "avant le vote du budget 2024" (spending allowed before the budget is
# voted) names a budget without being an act on it.
BUDGET_ACT_RE = re.compile(
    r"budgets?\s+(?:primitifs?|suppl[ée]mentaires?)"
    r"|(?<!avant le )vote\s+du\s+budget"
    r"|d[ée]cisions?\s+modificatives?|\bDM\s*\d"
    r"|virements?\s+de\s+cr[ée]dits?"
    r"|comptes?\s+administratifs?|comptes?\s+de\s+gestion"
    r"|affectations?\s+d[eu]s?\s+r[ée]sultats?",
    re.IGNORECASE,
)

# Dates and law numbers carry years that are not the budget's: "délibération du 27 novembre
# 2017", "du 26/01/1984", "loi 2015-366", "loi n°84-53". They are blanked before years are read.
DATE_IN_TEXT_RE = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}\b"
    r"|\b\d{1,2}(?:er)?\s+(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|"
    r"novembre|d[ée]cembre)\s+(?:19|20)\d{2}\b"
    r"|\b(?:19|20)\d{2}-\d+",
    re.IGNORECASE,
)

# A year, or an exercise spanning two years ("2017/2018"). "N° 3/2020" (décision modificative
# number 3 of 2020) gives 2020: a number before the slash is allowed when it is not a year.
BUDGET_YEAR_RE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?:\s*/\s*(?P<end>(?:19|20)\d{2}))?(?!\d)")

_DASH = r"[-–—\uf02d]"  # \uf02d: the Symbol-font dash some text layers carry
# Words that end a budget's name: the next act, a year, a dash between parts of the objet.
_NAME_END = (
    rf"(?=\s*(?:\s{_DASH}|{_DASH}\s|[,;.()«»:]|$)"
    r"|\s+(?:approbation|vote|affectation|compte|d[ée]cision|virement|exercice|ann[ée]e)\b"
    r"|\s+(?:19|20)\d{2}\b)"
)
# "budget annexe de l'eau", "BUDGET COMMUNE", "pour budget communal", "Budget - Eau et
# Assainissement Approbation du compte…", "VOTE DU BUDGET- COMMUNE 2019": the word budget
# followed by its name (not by primitif, a year, "du", "de l'exercice").
BUDGET_NAMED_RE = re.compile(
    rf"\b(?P<word>budget)\s*(?:{_DASH}\s*)?"
    r"(?!(?:primitif|suppl[ée]mentaire|du|de|des|d['’]|pour|(?:19|20)\d{2})\b)"
    rf"(?P<name>[^\W\d][^,;.()«»:]*?){_NAME_END}",
    re.IGNORECASE,
)
# "VOTE DU BUDGET PRIMITIF 2016 de la COMMUNE NOUVELLE de X", "… de l'ASSAINISSEMENT DE X".
BUDGET_OF_RE = re.compile(
    r"\bbudget\s+(?:primitif|suppl[ée]mentaire)(?:\s+(?:19|20)\d{2})?\s+"
    r"(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+)(?P<name>[^\W\d].*?)\s*$",
    re.IGNORECASE,
)
# Parts of an objet: "APPROBATION DU COMPTE ADMINISTRATIF 2018 – COMMUNE",
# "COMMUNE HISTORIQUE de X - AFFECTATION DU RESULTAT DE L'EXERCICE 2015".
OBJET_PARTS_RE = re.compile(rf"\s+{_DASH}\s*|\s*{_DASH}\s+|\uf02d")


@dataclass(frozen=True)
class BudgetRef:
    annee: str  # "2024" or "2023/2024"
    nom: str


def budget_year(objet: str) -> str | None:
    """The one exercise year (or interval) the objet prints, outside dates and law numbers;
    None when there is none or several different ones."""
    text = DATE_IN_TEXT_RE.sub(" ", objet)
    found = set()
    for m in BUDGET_YEAR_RE.finditer(text):
        start, end = m["year"], m["end"]
        if end and int(end) > int(start):
            found.add(f"{start}/{end}")
        else:
            found.add(start)
            if end:
                found.add(end)
    return found.pop() if len(found) == 1 else None


def _clean(name: str) -> str:
    return " ".join(name.split()).strip(" -–—\uf02d")


def _has_word(name: str) -> bool:
    """A name has at least one word of three letters ("M57" alone is an accounting code)."""
    return re.search(r"[^\W\d_]{3}", name) is not None


def budget_name(objet: str) -> str | None:
    """Which budget the objet names, or None."""
    for m in BUDGET_NAMED_RE.finditer(objet):
        name = _clean(m["name"])
        if _has_word(name):
            return f"{m['word']} {name}"
    m = BUDGET_OF_RE.search(objet)
    if m and _has_word(m["name"]):
        return f"Budget {_clean(m['name'])}"
    parts = [_clean(p) for p in OBJET_PARTS_RE.split(objet)]
    others = [p for p in parts if p and not BUDGET_ACT_RE.search(p) and not BUDGET_YEAR_RE.fullmatch(p)]
    if len(parts) > len(others) and len(others) == 1 and _has_word(others[0]):
        return f"Budget {others[0]}"
    return None


def budget_of(objet: str | None) -> BudgetRef | None:
    """BUDGET_ANNEE and BUDGET_NOM for an act on a budget whose objet prints both, else None."""
    if not objet or not BUDGET_ACT_RE.search(objet):
        return None
    year, name = budget_year(objet), budget_name(objet)
    if year is None or name is None:
        return None
    return BudgetRef(year, name)
