"""The French lexicon, in one place: accent folding, months, number and ordinal words.

Grammars (pipeline.french.dates, .calendar, .amounts, .names) and phrasing regexes
(pipeline.french.patterns) read their words from here."""
from __future__ import annotations

import re
import unicodedata


# opened before folding; OCR reads "fi" and "fl" as typographic ligatures
_LIGATURES = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff"}

# character -> whether it is a combining mark (Unicode category Mn, the accents NFD takes apart);
# filled as characters are met
_IS_MARK: dict[str, bool] = {}


def _is_mark(char: str) -> bool:
    mark = _IS_MARK.get(char)
    if mark is None:
        mark = _IS_MARK[char] = unicodedata.category(char) == "Mn"
    return mark


def fold(text: str) -> str:
    """Lower case without accents, ligatures opened: "Février" -> "fevrier", "DÉCEMBRE" ->
    "decembre", "Œuvre" -> "oeuvre", an OCR'd "ﬁnances" -> "finances"."""
    if text.isascii():  # nothing to open or take apart
        return text.lower()
    # A text holds a handful of distinct ligatures and marks: each is replaced throughout at C
    # speed. Looking every character up in a table (str.translate) cost four times as much on
    # a document's body, folded for the matière (measured).
    for ligature in _LIGATURES.keys() & set(text):
        text = text.replace(ligature, _LIGATURES[ligature])
    # NFD, not NFKD: compatibility forms ("ſ", superscripts) are not the letters they resemble
    decomposed = unicodedata.normalize("NFD", text.lower())
    for mark in [char for char in set(decomposed) if _is_mark(char)]:
        decomposed = decomposed.replace(mark, "")
    return decomposed


# --- months ------------------------------------------------------------------------------------
MONTH_NAMES = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}
# abbreviations as typed in tables and stamped by date stamps; they may carry a dot ("sept.")
MONTH_ABBREVIATIONS = {
    "janv": 1, "févr": 2, "fév": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "déc": 12,
}
_FOLDED_MONTHS = {fold(name): number for name, number in {**MONTH_NAMES, **MONTH_ABBREVIATIONS}.items()}


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation, with or without accents or a final dot; else None."""
    return _FOLDED_MONTHS.get(fold(word).strip().rstrip("."))


# roman numerals numbering items ("IV Plan de sauvegarde communal")
ROMAN_NUMERALS = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
                  "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19,
                  "XX": 20}

# --- numbers -----------------------------------------------------------------------------------
# the words French numbers are composed of ("deux mil dix neuf", "quatre-vingt-douze")
NUMBER_WORDS = {
    "zero": 0, "un": 1, "une": 1, "premier": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60,
}
HUNDRED_WORDS = ("cent", "cents")
THOUSAND_WORDS = ("mille", "mil")
# a count printed as a word that means none ("Contre : néant", "aucune abstention")
ZERO_WORDS = ("zéro", "zero", "aucun", "aucune", "néant", "neant")
ORDINAL_WORDS = {
    "premier": 1, "première": 1, "second": 2, "seconde": 2, "deuxième": 2,
    "troisième": 3, "quatrième": 4,
}
_FOLDED_ORDINALS = {fold(word): number for word, number in ORDINAL_WORDS.items()}


def ordinal_number(word: str) -> int | None:
    return _FOLDED_ORDINALS.get(fold(word))


def words_to_int(text: str) -> int | None:
    """French number words to an int ("deux mil dix neuf" -> 2019, "vingt-neuf" -> 29); None when
    a token is not a number word."""
    tokens = [t for t in re.split(r"[\s\-]+", fold(text)) if t and t != "et"]
    if not tokens:
        return None
    total, current = 0, 0
    for token in tokens:
        if token.isdigit():
            current += int(token)
        elif token in NUMBER_WORDS:
            value = NUMBER_WORDS[token]
            if value == 20 and current == 4:  # "quatre vingt" multiplies
                current *= 20
            else:
                current += value
        elif token in HUNDRED_WORDS:
            current = max(current, 1) * 100
        elif token in THOUSAND_WORDS:
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def count_value(token: str) -> int:
    """A printed count: "54" -> 54, "une" -> 1, "néant" -> 0, "vingt-neuf" -> 29. Raises
    ValueError when the token is not a count."""
    token = token.lower()
    if token in ZERO_WORDS:
        return 0
    if token.isdigit():
        return int(token)
    value = words_to_int(token)
    if value is None:
        raise ValueError(f"not a count: {token!r}")
    return value
