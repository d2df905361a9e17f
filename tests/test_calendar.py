"""Periods of the fiche-action calendar cells (pipeline.french.calendar), and the comparison of both
cell parsers (calendar and amounts) with the Besançon gold record."""
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from pipeline.french.amounts import parse_amounts
from pipeline.french.calendar import (
    PRECISIONS,
    CalendarParseError,
    Period,
    exact_date,
    parse_period,
)
from pipeline.french.lexicon import month_number

D = date


def read(text: str) -> tuple:
    period = parse_period(text)
    assert period is not None, text
    return period.start, period.end, period.precision


# --- one period per phrasing -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # day ranges
        ("1er janvier 2023 au 31 décembre 2025", (D(2023, 1, 1), D(2025, 12, 31), "day")),
        ("du 1er janvier 2023 au 31 décembre 2025", (D(2023, 1, 1), D(2025, 12, 31), "day")),
        ("du 01/09/2024 au 30/06/2025", (D(2024, 9, 1), D(2025, 6, 30), "day")),
        ("du 3 au 7 juillet 2023", (D(2023, 7, 3), D(2023, 7, 7), "day")),
        ("du 15 décembre au 15 janvier 2024", (D(2023, 12, 15), D(2024, 1, 15), "day")),
        ("du 28 au 3 mars 2023", (D(2023, 2, 28), D(2023, 3, 3), "day")),
        ("1er janvier 2023 - 31 décembre 2025", (D(2023, 1, 1), D(2025, 12, 31), "day")),
        ("entre le 2 mai 2023 et le 30 juin 2023", (D(2023, 5, 2), D(2023, 6, 30), "day")),
        # quarters
        ("premier trimestre 2023", (D(2023, 1, 1), D(2023, 3, 31), "quarter")),
        ("1er trimestre 2023", (D(2023, 1, 1), D(2023, 3, 31), "quarter")),
        ("T1 2023", (D(2023, 1, 1), D(2023, 3, 31), "quarter")),
        ("2e trimestre 2023", (D(2023, 4, 1), D(2023, 6, 30), "quarter")),
        ("deuxième trimestre 2023", (D(2023, 4, 1), D(2023, 6, 30), "quarter")),
        ("second trimestre 2023", (D(2023, 4, 1), D(2023, 6, 30), "quarter")),
        ("T2 2023", (D(2023, 4, 1), D(2023, 6, 30), "quarter")),
        ("3e trimestre 2023", (D(2023, 7, 1), D(2023, 9, 30), "quarter")),
        ("troisième trimestre 2023", (D(2023, 7, 1), D(2023, 9, 30), "quarter")),
        ("3ème trimestre 2023", (D(2023, 7, 1), D(2023, 9, 30), "quarter")),
        ("4e trimestre 2023", (D(2023, 10, 1), D(2023, 12, 31), "quarter")),
        ("quatrième trimestre 2023", (D(2023, 10, 1), D(2023, 12, 31), "quarter")),
        ("T4 2023", (D(2023, 10, 1), D(2023, 12, 31), "quarter")),
        ("premier trimestre de l'année 2023", (D(2023, 1, 1), D(2023, 3, 31), "quarter")),
        # semesters
        ("1er semestre 2023", (D(2023, 1, 1), D(2023, 6, 30), "semester")),
        ("premier semestre 2023", (D(2023, 1, 1), D(2023, 6, 30), "semester")),
        ("second semestre 2023", (D(2023, 7, 1), D(2023, 12, 31), "semester")),
        ("2nd semestre 2023", (D(2023, 7, 1), D(2023, 12, 31), "semester")),
        ("2e semestre 2023", (D(2023, 7, 1), D(2023, 12, 31), "semester")),
        ("deuxième semestre 2023", (D(2023, 7, 1), D(2023, 12, 31), "semester")),
        ("S2 2023", (D(2023, 7, 1), D(2023, 12, 31), "semester")),
        # school years
        ("année scolaire 2022/2023", (D(2022, 9, 1), D(2023, 8, 31), "school_year")),
        ("année scolaire 2022-2023", (D(2022, 9, 1), D(2023, 8, 31), "school_year")),
        ("année scolaire 2022/23", (D(2022, 9, 1), D(2023, 8, 31), "school_year")),
        # open ends
        ("avant le 15 janvier 2023", (None, D(2023, 1, 15), "day")),
        ("jusqu'au 30 juin 2024", (None, D(2024, 6, 30), "day")),
        ("jusqu'en juin 2024", (None, D(2024, 6, 30), "month")),
        ("jusqu'en 2025", (None, D(2025, 12, 31), "year")),
        ("dès décembre 2022", (D(2022, 12, 1), None, "month")),
        ("à partir de décembre 2022", (D(2022, 12, 1), None, "month")),
        ("à compter de janvier 2023", (D(2023, 1, 1), None, "month")),
        ("à compter du 1er janvier 2023", (D(2023, 1, 1), None, "day")),
        ("dès le 15 janvier 2023", (D(2023, 1, 15), None, "day")),
        ("à partir de 2024", (D(2024, 1, 1), None, "year")),
        ("À partir de la rentrée de septembre 2023", (D(2023, 9, 1), None, "month")),
        # month ranges
        ("de septembre 2023 à juin 2024", (D(2023, 9, 1), D(2024, 6, 30), "month")),
        ("septembre 2023 - juin 2024", (D(2023, 9, 1), D(2024, 6, 30), "month")),
        ("de septembre à juin 2024", (D(2023, 9, 1), D(2024, 6, 30), "month")),
        ("d'avril à juin 2023", (D(2023, 4, 1), D(2023, 6, 30), "month")),
        # single month, year, year ranges
        ("janvier 2023", (D(2023, 1, 1), D(2023, 1, 31), "month")),
        ("février 2024", (D(2024, 2, 1), D(2024, 2, 29), "month")),
        ("2023", (D(2023, 1, 1), D(2023, 12, 31), "year")),
        ("2023-2025", (D(2023, 1, 1), D(2025, 12, 31), "year")),
        ("2023 à 2025", (D(2023, 1, 1), D(2025, 12, 31), "year")),
        ("de 2023 à 2025", (D(2023, 1, 1), D(2025, 12, 31), "year")),
        # single days
        ("le 15 mars 2023", (D(2023, 3, 15), D(2023, 3, 15), "day")),
        ("15/03/2023", (D(2023, 3, 15), D(2023, 3, 15), "day")),
        ("2023-03-15", (D(2023, 3, 15), D(2023, 3, 15), "day")),
    ],
)
def test_phrasing(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1^{er} janvier 2023 au 31 décembre 2025", (D(2023, 1, 1), D(2025, 12, 31), "day")),
        ("1 ^{er} janvier 2023 au 31 décembre 2025", (D(2023, 1, 1), D(2025, 12, 31), "day")),
        ("1ᵉʳ janvier 2023 au 31 décembre 2025", (D(2023, 1, 1), D(2025, 12, 31), "day")),
        # the PDF text layer puts the detached superscript before its number
        ("er 1 janvier 2023 au 31 décembre 2025", (D(2023, 1, 1), D(2025, 12, 31), "day")),
        ("1 ^{er} semestre 2023", (D(2023, 1, 1), D(2023, 6, 30), "semester")),
        ("1ᵉʳ trimestre 2023", (D(2023, 1, 1), D(2023, 3, 31), "quarter")),
        ("Du 1er Janvier 2023 au 31 DÉCEMBRE 2025", (D(2023, 1, 1), D(2025, 12, 31), "day")),
        ("PREMIER TRIMESTRE 2023", (D(2023, 1, 1), D(2023, 3, 31), "quarter")),
        ("du  1er\njanvier   2023\n au \u00a031 décembre\n2025", (D(2023, 1, 1), D(2025, 12, 31), "day")),
        ("dès decembre 2022", (D(2022, 12, 1), None, "month")),
        ("fevrier 2023", (D(2023, 2, 1), D(2023, 2, 28), "month")),
        ("aout 2023", (D(2023, 8, 1), D(2023, 8, 31), "month")),
        ("deuxieme semestre 2023", (D(2023, 7, 1), D(2023, 12, 31), "semester")),
        ("annee scolaire 2022/2023", (D(2022, 9, 1), D(2023, 8, 31), "school_year")),
        ("a partir de decembre 2022", (D(2022, 12, 1), None, "month")),
        ("sept. 2023", (D(2023, 9, 1), D(2023, 9, 30), "month")),
    ],
)
def test_tolerated_spellings(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Actions réparties au cours de l'année",
        "En cours",
        "A définir",
        "",
        "Tout au long de l'année",
        "Rentrée",
        "Rentrée scolaire",
        "fin 2023",
        "début 2023",
        "mi-mars 2023",
        "fin janvier 2023",
        "avant juin 2023",
        "après le 15 mars 2023",
        "année scolaire 2023",  # 2022-2023 or 2023-2024?
        "3e semestre 2023",
        "délibération 2023/007093",
        "2000 €",
        "Mesure 44",
        # IGNORECASE lets ı and ſ match i and s; these words are in no table: no period, no crash
        "premıer trimestre 2023",
        "ſecond semestre 2023",
        "ſeptembre 2023",
    ],
)
def test_vague_text_has_no_period(text):
    assert parse_period(text) is None


@pytest.mark.parametrize(
    "text",
    ["31/02/2023", "le 31 février 2023", "du 31/02/2023 au 05/03/2023", "du 15 mars 2024 au 1er janvier 2023",
     "année scolaire 2022/2024", "2025-2023"],
)
def test_impossible_dates_give_no_period(text):
    # and no fragment of them either: not "mars 2023", nor the year 2023
    assert parse_period(text) is None


def test_an_impossible_date_is_skipped_for_the_next_period():
    assert read("le 31/02/2023, puis le 15 mars 2023") == (D(2023, 3, 15), D(2023, 3, 15), "day")


def test_a_doubted_first_date_gives_no_period():
    # "?" says the date itself is uncertain: returning the later period would be a guess
    assert parse_period("Un concert (21 juin 2023?) puis à partir de septembre 2023") is None


def test_the_first_period_wins():
    assert read("premier trimestre 2023, puis 2024") == (D(2023, 1, 1), D(2023, 3, 31), "quarter")
    assert read("en 2024, puis premier trimestre 2025") == (D(2024, 1, 1), D(2024, 12, 31), "year")


def test_a_range_wins_over_the_dates_inside_it():
    assert read("1er janvier 2023 au 31 décembre 2025")[2] == "day"
    assert read("de septembre 2023 à juin 2024")[:2] == (D(2023, 9, 1), D(2024, 6, 30))


def test_a_bare_number_and_a_dash_are_not_a_day_range():
    assert read("Mesure 12 - 15 janvier 2023") == (D(2023, 1, 15), D(2023, 1, 15), "day")


@pytest.mark.parametrize(
    "text, covered",
    [
        ("Calendrier : du 1er janvier 2023 au 31 décembre 2025.", "du 1er janvier 2023 au 31 décembre 2025"),
        ("Communication : premier trimestre 2023</p>", "premier trimestre 2023"),
        ("Mise en place des décembre 2022", "des décembre 2022"),
        ("Action le 15 mars 2023", "15 mars 2023"),
        ("Sur l'année scolaire 2022 / 2023", "année scolaire 2022 / 2023"),
    ],
)
def test_span_is_where_the_period_was_read(text, covered):
    start, end = parse_period(text).span
    assert text[start:end] == covered


# --- real calendar wording of the Besançon seed ------------------------------------------------


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("er 1 janvier 2023 au 31 décembre 2025", (D(2023, 1, 1), D(2025, 12, 31), "day")),
        ("1 ^{er} janvier 2023 au 31 décembre 2025", (D(2023, 1, 1), D(2025, 12, 31), "day")),
        ("er 1 janvier 2023 au 31 décembre 2023", (D(2023, 1, 1), D(2023, 12, 31), "day")),
        ("1 ^{er} semestre 2023", (D(2023, 1, 1), D(2023, 6, 30), "semester")),
        (
            "<p>Communication autour de la formation PSSM : premier trimestre 2023</p> <p>Déroulé de la "
            "formation : dates à valider avec l'organisme formateur sur 2023</p> <p>Pour le GEM : réflexion "
            "en cours possible création courant premier semestre 2023</p> <p>Permanence Mission locale : "
            "tout au long de l'année 2023</p>",
            (D(2023, 1, 1), D(2023, 3, 31), "quarter"),
        ),
        (
            "Communication formation sport addictions : avant le 15 janvier 2023 Déroulé de la formation "
            "sport addictions : 10 et 13 mars 2023 Programme probant SFP : calendrier à définir",
            (None, D(2023, 1, 15), "day"),
        ),
        (
            "Déploiement du programme Unplugged dans les collèges Diderot et Voltaire : année scolaire "
            "2022 / 2023 Temps de sensibilisation : programmés sur l'année scolaire 2022-2023",
            (D(2022, 9, 1), D(2023, 8, 31), "school_year"),
        ),
        (
            "<p>Mise en place des décembre 2022</p> <p>Formations à organiser tout au long de l'année.</p>",
            (D(2022, 12, 1), None, "month"),
        ),
        # pieces of the cells above, read alone
        ("Déroulé de la formation sport addictions : 10 et 13 mars 2023", (D(2023, 3, 10), D(2023, 3, 13), "day")),
        ("dates à valider avec l'organisme formateur sur 2023", (D(2023, 1, 1), D(2023, 12, 31), "year")),
        ("Permanence Mission locale : tout au long de l'année 2023", (D(2023, 1, 1), D(2023, 12, 31), "year")),
        ("Pour cette année 2022-2023, la collaboration débutera", (D(2022, 1, 1), D(2023, 12, 31), "year")),
    ],
)
def test_seed_calendar_cells(cell, expected):
    assert read(cell) == expected


@pytest.mark.parametrize(
    "cell",
    [
        "Actions réparties au cours de l'année",
        "<p>Les actions pourront débuter après la signature de l'Accord Conventionnel Interprofessionnel (ACI)</p>",
        # the concert date is doubted ("?"), so the later "septembre 2023" is not the first period
        "<ul style=\"list-style-type: none\"> • Un concert avant la fin de l'année scolaire (21 juin 2023?) • "
        "À partir de la rentrée de septembre 2023, mise en place de projets collaboratifs entre le collège et "
        "l'Orchestre Victor Hugo <p>Élaboration d'une convention pour déterminer les modalités de la "
        "collaboration, déterminer les rôles et attributions des partenaires.</p>",
    ],
)
def test_seed_calendar_cells_without_a_period(cell):
    assert parse_period(cell) is None


# --- exact_date and month_number ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [("15 janvier 2023", D(2023, 1, 15)), ("le 1er mars 2023", D(2023, 3, 1)), ("01/09/2024", D(2024, 9, 1)),
     ("1ᵉʳ août 2023", D(2023, 8, 1)), ("2024-09-01", D(2024, 9, 1))],
)
def test_exact_date(text, expected):
    assert exact_date(text) == expected


@pytest.mark.parametrize("text", ["", "janvier 2023", "31/02/2023", "le 15 janvier 2023 au 16", "2023", "hier"])
def test_exact_date_refuses_anything_but_one_date(text):
    assert exact_date(text) is None


@pytest.mark.parametrize("name, number", [("janvier", 1), ("Février", 2), ("fevrier", 2), ("AOÛT", 8),
                                          ("aout", 8), ("sept.", 9), ("décembre", 12), ("Dec", 12)])
def test_month_number(name, number):
    assert month_number(name) == number


@pytest.mark.parametrize("name", ["", "janv2", "maison", "13"])
def test_month_number_refuses_other_words(name):
    assert month_number(name) is None


def test_calendar_parse_error_is_a_value_error():
    assert issubclass(CalendarParseError, ValueError)


# --- properties --------------------------------------------------------------------------------

FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                 "octobre", "novembre", "décembre"]
DATEISH = st.lists(
    st.sampled_from(
        ["du", "au", "le", "de", "à", "-", "/", "et", "dès", "avant", "fin", "année scolaire", "trimestre",
         "semestre", "premier", "1er", "1 ^{er}", "er", "2e", "T1", "S2", "?", "01/09/2024", "31/02/2023",
         "2022", "2023", "23", "1", "15", "31", "janvier", "février", "decembre", "aout", "rentrée", "\n", " ",
         "premıer", "ſemestre", "ſeptembre", "Premier", "jusqu'en", "à partir de la"]
    ),
    max_size=20,
).map(" ".join)


def check_period(text: str, period: Period | None) -> None:
    if period is None:
        return
    assert period.precision in PRECISIONS
    assert period.start is not None or period.end is not None
    if period.start and period.end:
        assert period.start <= period.end
    start, end = period.span
    assert 0 <= start < end <= len(text)


@given(st.one_of(st.text(), DATEISH))
def test_parse_period_never_raises(text):
    check_period(text, parse_period(text))


@given(st.one_of(st.text(), DATEISH))
def test_date_readers_never_raise(text):
    for helper in (exact_date, month_number):
        helper(text)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2199, 12, 31)))
def test_any_date_reads_back(day):
    month = FRENCH_MONTHS[day.month - 1]
    assert exact_date(f"{day.day} {month} {day.year}") == day
    assert exact_date(f"{day:%d/%m/%Y}") == day
    assert read(f"le {day.day} {month} {day.year}") == (day, day, "day")


@given(st.integers(1900, 2199), st.integers(1, 4))
def test_quarters_tile_the_year(year, quarter):
    start, end, precision = read(f"T{quarter} {year}")
    assert (start, precision) == (D(year, 3 * quarter - 2, 1), "quarter")
    next_start = D(year + 1, 1, 1) if quarter == 4 else D(year, 3 * quarter + 1, 1)
    assert (next_start - end).days == 1


# --- the Besançon gold record ------------------------------------------------------------------

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_2db7a27eeea8bc93.txt"
GOLD = SHARED / "corpus" / "besancon" / "gold" / "besancon-2023-007093.json"
FINANCING_LABEL = re.compile(r"(plan de )?financement|budget|co[uû]t", re.I)
CALENDAR_LABEL = re.compile(r"calendrier", re.I)


def read_fiches(seed_text: str) -> dict[str, dict[str, str]]:
    """Fiche-action tables of the seed: "label<TAB>cell" lines, a line starting with a tab
    continuing the cell above; each table starts at "Action nom". Keyed by action name."""
    fiches: dict[str, dict[str, str]] = {}
    fiche: dict[str, str] | None = None
    label = None
    for line in seed_text.splitlines():
        if "\t" not in line:
            continue
        head, cell = line.split("\t", 1)
        if head == "Action nom":
            fiche = fiches.setdefault(cell.strip(), {})
        if fiche is None:
            continue
        if head:
            label = head.strip()
            fiche[label] = cell
        elif label:
            fiche[label] += " " + cell
    return fiches


def cell(fiche: dict[str, str], label: re.Pattern) -> str:
    matching = [text for name, text in fiche.items() if label.match(name)]
    assert len(matching) <= 1, matching
    return matching[0] if matching else ""


def gold_actions() -> list[dict]:
    if not (SEED.exists() and GOLD.exists()):
        return []
    return json.loads(GOLD.read_text(encoding="utf-8"))["actions"]


@pytest.fixture(scope="module")
def fiches():
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent")
    return read_fiches(SEED.read_text(encoding="utf-8"))


corpus_action = pytest.mark.parametrize("action", gold_actions(), ids=lambda action: action["name"][:40])


@pytest.mark.corpus
@pytest.mark.skipif(not gold_actions(), reason="shared seed or gold record absent")
def test_every_gold_action_has_its_fiche(fiches):
    assert {action["name"] for action in gold_actions()} <= set(fiches)


@pytest.mark.corpus
@corpus_action
def test_gold_amounts(fiches, action):
    financing = cell(fiches[action["name"]], FINANCING_LABEL)
    assert financing.strip(), "every gold fiche has a financing cell"
    expected = [Decimal(str(value)) for value in action["amounts_eur"]]
    assert [amount.amount_eur for amount in parse_amounts(financing)] == expected


@pytest.mark.corpus
@corpus_action
def test_gold_calendar(fiches, action):
    calendar = cell(fiches[action["name"]], CALENDAR_LABEL)
    assert calendar.strip(), "every gold fiche has a calendar cell"
    period = parse_period(calendar)
    read_back = None if period is None else {
        "start": period.start and period.start.isoformat(),
        "end": period.end and period.end.isoformat(),
    }
    assert read_back == action["calendar"]
