"""Person names as printed, cleaned of civilité, titles and text-layer artefacts."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.french.patterns import attendance as P

# A council prints the same names in every list of every sitting: the cleaning of a printed
# name is kept for the next time it is met (bounded; the functions are pure).
NAME_CACHE_SIZE = 8192

_TITLES_RE = re.compile(
    r",?\s*\b(?:Maire(?:\s+d[ée]l[ée]gu[ée]e?)?|Adjointe?s?(?:\s+au\s+Maire)?|Conseill[èe]re?s?(?:\s+municipa(?:l|ux|le)s?)?(?:\s+d[ée]l[ée]gu[ée]e?s?)?|"
    r"Vice-?\s*Pr[ée]sidente?|Pr[ée]sidente?|Rapporteure?|Secr[ée]taire)\b.*$",
    re.I,
)
_TRAILING_RE = re.compile(r"[\s,.;:*\-–—]+$")  # "Denis JUVIN -" (the " - Maire" after the name cut off)


@lru_cache(maxsize=NAME_CACHE_SIZE)
def clean_name(raw: str, initials: bool = False, reorder: bool = True) -> str:
    """'Mme Frédérique BAEHR' -> 'Frédérique BAEHR'; 'Valérie\\nBARTHAS-ORSAL ,' -> 'Valérie BARTHAS-ORSAL'."""
    text = raw.replace("\n", " ")
    text = re.sub(r"-\s+(?=[A-ZÉ])", "-", text)  # "LEVY- RAMEAU" broken at a line end
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        if initials and P.INITIAL_AND_SURNAME_RE.match(text):
            break  # "M.DENISE" among "C.FOROT", "T.BUSIN": an initial, not "Monsieur"
        text = P.CIVILITE_RE.sub("", text)
    text = _TITLES_RE.sub("", text)
    text = re.sub(r"\(.*?\)", "", text)
    text = _TRAILING_RE.sub("", text)
    text = re.sub(r"^[\s\-–•*+.,]+", "", text)
    text = " ".join(text.split())
    return given_name_first(text) if reorder else text


def given_name_first(name: str) -> str:
    """'CHARRIER Jean-Paul' -> 'Jean-Paul CHARRIER': a surname printed first, in capitals, before
    given names in lower case, is turned round to the usual "Prénom NOM"."""
    words = name.split()
    upper = 0
    for w in words:
        letters = [c for c in w if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            upper += 1
        else:
            break
    rest = words[upper:]
    if upper and rest and all(w[0].isupper() and any(c.islower() for c in w) for w in rest):
        return " ".join(rest + words[:upper])
    return name


def looks_like_name(text: str) -> bool:
    if not text or len(text) > 60 or len(text) < 2:
        return False
    if re.search(r"\d|@|:", text):
        return False
    words = text.split()
    if len(words) > 6:
        return False
    return text[0].isupper()


def same_person(a: str, b: str) -> bool:
    """'LEBLANC' and 'Michel LEBLANC' are the same person; so are case variants."""
    fa, fb = a.casefold().split(), b.casefold().split()
    if fa == fb:
        return True
    shorter, longer = (fa, fb) if len(fa) <= len(fb) else (fb, fa)
    return bool(shorter) and longer[-len(shorter):] == shorter


def join_broken_name(raw: str) -> str:
    """A name captured over two lines: keep the second line only when the first holds a lone word
    ("Madame Michèle\\nBOURBIER" -> "Madame Michèle BOURBIER"; "Philippe SAUREL\\nPrésents" -> "Philippe SAUREL")."""
    first, _, rest = raw.partition("\n")
    if not rest:
        return raw
    words = clean_name(first).split()
    if len(words) >= 2:
        return first
    return f"{first} {rest}"
