import datetime as dt

import pytest

from pipeline.french.dates import parse_date
from pipeline.french.lexicon import words_to_int


@pytest.mark.parametrize(
    "text, expected",
    [
        ("jeudi 24 avril 2014", dt.date(2014, 4, 24)),  # Montpellier header
        ("Date de Convocation : mardi 26 janvier 2016", dt.date(2016, 1, 26)),  # Bourg-en-Bresse
        ("1er Février 2016", dt.date(2016, 2, 1)),
        ("Publiée le : 25/04/2014", dt.date(2014, 4, 25)),
        ("convoqués le quatre mars deux mil dix neuf", dt.date(2019, 3, 4)),  # Putanges, written out
        # abbreviated months are left to dateparser (strict: day, month and year required)
        ("convoqué le 3 déc. 2021", dt.date(2021, 12, 3)),
        ("le 15 sept. 2022 à 18h", dt.date(2022, 9, 15)),
        ("le 1er oct. 2020", dt.date(2020, 10, 1)),
        # rubber date stamps read by OCR (audierne): capitals, a dot, the day's digits apart
        ("Date de publication : 1 2 DEC. 2022", dt.date(2022, 12, 12)),
        ("15 JUIL. 2025", dt.date(2025, 7, 15)),
    ],
)
def test_french_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["Budget primitif 2023", "rien du tout 2021", "le 31 févr. 2023", "31/02/2023", ""])
def test_no_date_is_guessed(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "words, value",
    [("deux mil dix neuf", 2019), ("deux mille quinze", 2015), ("vingt-neuf", 29), ("quatre-vingt-dix-neuf", 99), ("onze", 11)],
)
def test_number_words(words, value):
    assert words_to_int(words) == value
