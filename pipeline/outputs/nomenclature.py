"""The ACTES nomenclature as the SCDL export spells it, read from the French package
(pipeline.french.matieres, which ships the standard's actes-matieres.tsv)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline.french.lexicon import fold
from pipeline.french.matieres import load_nomenclature, scdl_matiere_nom


@dataclass(frozen=True)
class Matiere:
    code: str  # "7.1"
    level1: str  # "Finances locales"
    level2: str  # "Décisions budgétaires"


@functools.cache
def nomenclature() -> dict[str, Matiere]:
    """Level-2 code -> matière."""
    return {code: Matiere(code, level1, level2) for code, (level1, level2) in load_nomenclature().items()}


@functools.cache
def level1_labels() -> frozenset[str]:
    """The level-1 labels, folded (SCDL compares them without case and accents)."""
    return frozenset(fold(m.level1) for m in nomenclature().values())


def level2_code(code: str | None) -> str | None:
    """The level-2 part of a matière code: "7.1.2" (a préfecture's level 3) -> "7.1"."""
    if not code:
        return None
    m = re.match(r"\s*(\d+)\.(\d+)", code)
    return f"{m[1]}.{m[2]}" if m else code.strip()


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
        nom = scdl_matiere_nom(*parts) if len(parts) == 2 else scdl_matiere_nom(label, "").rstrip("/")
        return code2, nom
    return code2, None
