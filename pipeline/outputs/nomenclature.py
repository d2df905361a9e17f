"""The ACTES "nomenclature des matières", levels 1 and 2 (package data, a copy of the standard's
actes-matieres.tsv), and the SCDL spelling of a matière: "level 1/level 2" in lower case, without
commas or parentheses, no space around the slash."""
from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Matiere:
    code: str  # "7.1"
    level1: str  # "Finances locales"
    level2: str  # "Décisions budgétaires"


@functools.cache
def nomenclature() -> dict[str, Matiere]:
    """Level-2 code -> matière."""
    text = resources.files("pipeline.outputs").joinpath("data/actes-matieres.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return {r["code"]: Matiere(r["code"], r["level1"], r["level2"]) for r in rows}


def fold(text: str) -> str:
    """Lower case without accents: how SCDL compares level-1 labels."""
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if unicodedata.category(c) != "Mn")


@functools.cache
def level1_labels() -> frozenset[str]:
    """The level-1 labels, folded."""
    return frozenset(fold(m.level1) for m in nomenclature().values())


def level2_code(code: str | None) -> str | None:
    """The level-2 part of a matière code: "7.1.2" (a préfecture's level 3) -> "7.1"."""
    if not code:
        return None
    m = re.match(r"\s*(\d+)\.(\d+)", code)
    return f"{m[1]}.{m[2]}" if m else code.strip()


def _scdl_label(label: str) -> str:
    # "Transactions / protocole d'accord transactionnel" would put a spaced slash inside the
    # value, which the SCDL check rejects: a slash inside a label becomes a space.
    label = re.sub(r"[,()]", " ", label.casefold())
    label = re.sub(r"\s*/\s*", " ", label)
    return " ".join(label.split())


def scdl_matiere_nom(level1: str, level2: str) -> str:
    """"Finances locales", "Prise de participation (SEM, etc.)" -> "finances locales/prise de participation sem etc."."""
    return f"{_scdl_label(level1)}/{_scdl_label(level2)}"


def scdl_matiere(code: str | None, label: str | None) -> tuple[str | None, str | None]:
    """(DELIB_MATIERE_CODE, DELIB_MATIERE_NOM) from a délibération's matière code and label.
    A code of the nomenclature gives its official labels; otherwise the label is written as
    given ("level 1/level 2" spaced slashes tightened) and the checks report it if it is not
    SCDL."""
    code2 = level2_code(code)
    matiere = nomenclature().get(code2) if code2 else None
    if matiere is not None:
        return code2, scdl_matiere_nom(matiere.level1, matiere.level2)
    if label:
        parts = [p.strip() for p in label.split("/", 1)]
        nom = scdl_matiere_nom(*parts) if len(parts) == 2 else _scdl_label(label)
        return code2, nom
    return code2, None
