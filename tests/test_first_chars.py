import re

import pytest

from pipeline.french import matieres
from pipeline.french.first_chars import compile_guarded, first_char_lookahead
from pipeline.french.patterns import attendance, identity, seance, segment, stamp, vote


@pytest.mark.parametrize(
    "pattern, flags, expected",
    [
        (r"adopt[ée]|\bunanimit|\d+\s+voix", re.I, r"(?=[au\d])"),
        (r"(?:le\s+)?conseil", re.I, r"(?=[lc])"),  # an optional word: its first letter or the next one's
        (r"\s*,?\s*Pour", 0, r"(?=[\s,P])"),
        (r"(?<![\w'])(?=V)Vote", 0, r"(?=[V])"),  # zero-width items are passed over
        (r"(?-i:D[ÉE]CIDE)|approuve", re.I, r"(?=[Da])"),  # case turned off inside: a wider lookahead, still true
    ],
)
def test_the_first_characters_are_read_off_the_pattern(pattern, flags, expected):
    assert first_char_lookahead(pattern, flags) == expected


@pytest.mark.parametrize(
    "pattern",
    [r"x*", r"(?:a|)b?", r".oui", r"[^a]b", r"(a?)\1b", r"(?i:a)b", r"(?:a|.)"],
)
def test_a_pattern_whose_start_cannot_be_told_is_left_as_written(pattern):
    assert first_char_lookahead(pattern) is None
    assert compile_guarded(pattern).pattern == pattern


def test_the_guarded_pattern_finds_what_the_pattern_finds():
    text = ("Convoqué le 3 mai 2023, le Conseil Municipal s'est réuni. Nombre de membres en exercice : 29. "
            "Présents : M. DURAND - Mme PETIT, M. ROUX donne pouvoir à M. DURAND, Mme BLANC représentée par M. ROUX. "
            "Monsieur le Maire donne la parole à M. DURAND. Envoyé en préfecture le 05/05/2023, Reçu en préfecture "
            "le 05/05/2023, Publié le 06/05/2023. Le Conseil Municipal, après en avoir délibéré, DÉCIDE à "
            "l'unanimité ; Pour : 25 voix, Contre : 2 (M. DUPONT, Mme MARTIN). La délibération est ADOPTÉE. "
            "18 voix pour, 2 abstentions. Vote : unanimité.")
    guarded = 0
    for module in (segment, vote, seance, identity, stamp, attendance, matieres):
        for name in dir(module):
            compiled = getattr(module, name)
            if isinstance(compiled, re.Pattern) and compiled.pattern.startswith("(?=["):
                reference = re.compile(compiled.pattern.split("(?:", 1)[1][:-1], compiled.flags)
                assert [(m.span(), m.groupdict()) for m in compiled.finditer(text)] == \
                    [(m.span(), m.groupdict()) for m in reference.finditer(text)], name
                assert compiled.groupindex == reference.groupindex, name
                guarded += 1
    assert guarded >= 20
