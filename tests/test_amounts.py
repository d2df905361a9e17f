"""Euro amounts of the fiche-action financing cells (pipeline.french.amounts).

The comparison with the Besançon gold record (every fiche's financing cell) is in
test_calendar.py, beside the calendar one, since both read the same seed tables."""
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from pipeline.french.amounts import Amount, AmountParseError, parse_amount, parse_amounts

NBSP, NARROW_NBSP = "\u00a0", "\u202f"


def only_amount(text: str) -> Amount:
    amounts = parse_amounts(text)
    assert len(amounts) == 1, amounts
    return amounts[0]


# --- one amount per phrasing -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("40 000 €", "40000"),
        ("21 246,52 €", "21246.52"),
        ("45000,00€", "45000.00"),
        ("40 300 euros", "40300"),
        ("1.650,00 €", "1650.00"),
        ("4.550,00 €", "4550.00"),
        (f"40{NBSP}000 €", "40000"),
        (f"40{NARROW_NBSP}000{NARROW_NBSP}€", "40000"),
        ("1 250 000 €", "1250000"),
        ("20.000 euros TTC", "20000"),
        ("12 500 € HT", "12500"),
        ("3 000 EUR", "3000"),
        ("1 euro", "1"),
        ("12.50 €", "12.50"),
        ("15 k€", "15000"),
        ("40K euros", "40000"),
        ("2 M€", "2000000"),
        ("1,5 M€", "1500000"),
        ("3 millions d'euros", "3000000"),
        ("1,2 million d’euros", "1200000"),
        ("5 millions €", "5000000"),
        ("2 Md€", "2000000000"),
        ("2 milliards d'euros", "2000000000"),
        ("5 MILLIONS D'EUROS", "5000000"),
        # IGNORECASE lets a dotless ı match i: read, not crash
        ("5 mıllions €", "5000000"),
    ],
)
def test_amount_value(text, value):
    amount = only_amount(text)
    assert amount.amount_eur == Decimal(value)
    assert isinstance(amount.amount_eur, Decimal)


def test_multiplied_amount_prints_without_a_spurious_fraction():
    assert str(only_amount("1,5 M€").amount_eur) == "1500000"


def test_printed_cents_are_kept():
    assert str(only_amount("45000,00€").amount_eur) == "45000.00"


@pytest.mark.parametrize(
    "text, label, per_year",
    [
        ("6000 euros pour 100 acteurs", "pour 100 acteurs", False),
        ("26000 euros pour 1/2 poste", "pour 1/2 poste", False),
        ("100 000 €/an", None, True),
        ("100 000 € / an", None, True),
        ("100 000 € par an", None, True),
        ("100 000 € par année", None, True),
        ("21 246,52 € annuels", None, True),
        ("350 000 € par an par l'ANCT", "par l'ANCT", True),
        ("500 € par élève", "par élève", False),
        ("12 500 € HT", None, False),
        ("12 500 € HT pour 3 ans", "pour 3 ans", False),
        ("40 000 € subvention CDV", None, False),
        ("40 000 €, pour la coordination", None, False),
        ("40 000 € pour la coordination, et le reste", "pour la coordination", False),
        ("40 000 € pour la coordination; et le reste", "pour la coordination", False),
        ("40 000 € pour le poste. Un cofinancement", "pour le poste", False),
        ("40 000 € pour le poste\nUn cofinancement", "pour le poste", False),
        ("40 000 € pour 1.5 ETP", "pour 1.5 ETP", False),
        ("40 000 € pour un poste (temps à définir)", "pour un poste", False),
        ("40 000 € pourtant", None, False),
    ],
)
def test_label_and_per_year(text, label, per_year):
    amount = only_amount(text)
    assert (amount.label, amount.per_year) == (label, per_year)


def test_label_stops_at_the_next_amount():
    amounts = parse_amounts("6000 euros pour 100 acteurs 26000 euros pour 1/2 poste")
    assert [(a.amount_eur, a.label) for a in amounts] == [
        (Decimal("6000"), "pour 100 acteurs"),
        (Decimal("26000"), "pour 1/2 poste"),
    ]


def test_label_drops_the_word_joining_it_to_the_next_amount():
    first, second = parse_amounts("19 000 € par l'ARS et 21 000 € sur les crédits")
    assert first.label == "par l'ARS"
    assert second.label is None


@pytest.mark.parametrize(
    "text, covered",
    [
        ("Budget de 45000,00€", "45000,00€"),
        ("Moyens du Pacte (40 000 €)", "40 000 €"),
        ("soit 100 000 €/an", "100 000 €"),
        ("1,5 M€ HT", "1,5 M€"),
        ("3 millions d'euros", "3 millions d'euros"),
    ],
)
def test_span_covers_the_number_and_its_currency(text, covered):
    start, end = only_amount(text).span
    assert text[start:end] == covered


# --- what is not an amount ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2023",
        "en 2023",
        "100 acteurs",
        "pour 100 acteurs de terrain formés",
        "20 %",
        "0,65 ETP de psychologue",
        "Programme Unplugged financé par l'ARS",
        "€",
        "euros",
        "5 m€",  # lower-case m is metres, not millions
        "1234.567 €",  # neither a dot decimal (3 digits) nor a thousands group (4 before it)
        "Les européens",
    ],
)
def test_not_an_amount(text):
    assert parse_amounts(text) == []


def test_years_and_counts_beside_amounts_are_left_out():
    text = "En 2023, 100 acteurs : 6 000 € et 20 % d'autofinancement, puis 2 000 euros en 2024"
    assert [a.amount_eur for a in parse_amounts(text)] == [Decimal("6000"), Decimal("2000")]


def test_a_year_right_before_an_amount_does_not_join_it():
    assert [a.amount_eur for a in parse_amounts("en 2023 40 000 €")] == [Decimal("40000")]


@pytest.mark.parametrize("text", ["1 000.000 €", "1.000 000 €"])
def test_mixed_thousands_separators_are_not_read(text):
    # Neither the whole (which separator is the thousands one?) nor its "000" tail as 0 €.
    assert parse_amounts(text) == []


def test_zero_and_cents_are_amounts():
    assert [a.amount_eur for a in parse_amounts("0 € puis 0,50 €")] == [Decimal("0"), Decimal("0.50")]


# --- real financing wording of the Besançon seed ---------------------------------------------


@pytest.mark.parametrize(
    "cell, values",
    [
        ("Aide au poste ASP annuelle : 21 246,52 € (base juillet 2022), appel à projet CAF du Doubs", ["21246.52"]),
        ("Financement état – politique de la ville Budget de 45000,00€", ["45000"]),
        ("Moyens du Pacte (40 000 €)", ["40000"]),
        ("Moyens du Pacte (5 000 €)", ["5000"]),
        (
            "Moyens du Pacte (5 000 €), moyens inscrits dans les appels à projets « C'est mon patrimoine », "
            "« Été culturel », « quartiers d'été »)",
            ["5000"],
        ),
        ("40 300 euros subvention CDV et autofinancement", ["40300"]),
        (
            "Financement demandé de 40 000 euros pour le recrutement d'un poste (temps de travail à définir). "
            "Un cofinancement pourrait être envisagé avec la signature de l'Accord Conventionnel "
            "Interprofessionnel entre CPTS et CPAM.",
            ["40000"],
        ),
        (
            "<p>6000 euros pour 100 acteurs de terrain formés</p> <p>26000 euros pour 1/2 poste de chargé "
            "de mission pour la coordination du Pacte volet santé</p>",
            ["6000", "26000"],
        ),
        ("Une demande de financement à hauteur de 40K euros a été sollicitée", ["40000"]),
        (
            "Sur les seuls QPV de Besançon, cet accompagnement s’élève à : 8 000 € Politique de la Ville "
            "État + 7 500€ CCAS pour environ 20 situations par an.",
            ["8000", "7500"],
        ),
        ("La « cité de l'emploi », expérimentée depuis 2021 et dotée de 100 000 €/an, repose", ["100000"]),
        (
            "Formation PSSM financée par l'ARS, permanence du psychologue de la mission locale financé par l'ARS",
            [],
        ),
        (
            "Financement ARS de la formation Sport et addictions dans le cadre du CPOM IREPS Programme "
            "probant SFP pourrait être financé par l'ARS dans le CPOM du CSAPA Soléa",
            [],
        ),
        (
            "<ul style=\"list-style-type: none\"> - Pour sa mission de coordination, la CPTS sera financée "
            "par l'Assurance maladie dans le cadre d'un Accord Conventionnel Interprofessionnel (ACI).",
            [],
        ),
    ],
)
def test_seed_financing_cells(cell, values):
    assert [a.amount_eur for a in parse_amounts(cell)] == [Decimal(v) for v in values]


def test_seed_labels_end_at_the_html_tag():
    cell = (
        "<p>6000 euros pour 100 acteurs de terrain formés</p> <p>26000 euros pour 1/2 poste de chargé "
        "de mission pour la coordination du Pacte volet santé</p>"
    )
    assert [a.label for a in parse_amounts(cell)] == [
        "pour 100 acteurs de terrain formés",
        "pour 1/2 poste de chargé de mission pour la coordination du Pacte volet santé",
    ]


def test_seed_per_year_amount_with_a_following_label():
    amount = only_amount("financée à hauteur de 350 000 € par an par l'ANCT. Elle vise")
    assert (amount.amount_eur, amount.per_year, amount.label) == (Decimal("350000"), True, "par l'ANCT")


# --- parse_amount ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [("21 246,52 €", "21246.52"), (" 1,5 M€ HT ", "1500000"), ("100 000 €/an", "100000"), ("40K euros", "40000")],
)
def test_parse_amount(text, value):
    assert parse_amount(text) == Decimal(value)


@pytest.mark.parametrize(
    "text", ["", "2023", "40 000", "€", "40 000 € et 5 000 €", "Budget de 40 000 €", "40 000 € pour un poste"]
)
def test_parse_amount_refuses_anything_but_one_amount(text):
    with pytest.raises(AmountParseError):
        parse_amount(text)


def test_amount_parse_error_is_a_value_error():
    assert issubclass(AmountParseError, ValueError)


# --- properties --------------------------------------------------------------------------------

AMOUNTISH = st.lists(
    st.sampled_from(
        ["40", "000", "1", "246,52", "€", "euros", "EUR", "k€", "M€", "millions d'euros", "/an", "par an",
         "mıllions", "ſ", "\u212a€", "Md", "milliers d'",
         "pour", "100", "acteurs", ",", ".", ";", "\n", " ", NBSP, NARROW_NBSP, "HT", "TTC", "2023", "%", "<p>"]
    ),
    max_size=25,
).map("".join)


@given(st.one_of(st.text(), AMOUNTISH))
def test_parse_amounts_never_raises_and_spans_hold_the_amount(text):
    previous_end = 0
    for amount in parse_amounts(text):
        start, end = amount.span
        assert previous_end <= start < end <= len(text)
        assert text[start].isdigit()
        assert isinstance(amount.amount_eur, Decimal) and amount.amount_eur >= 0
        assert amount.label is None or amount.label.split()[0].lower() in ("pour", "par")
        previous_end = end


@given(st.one_of(st.text(), AMOUNTISH))
def test_parse_amount_raises_only_amount_parse_error(text):
    try:
        value = parse_amount(text)
    except AmountParseError:
        return
    assert isinstance(value, Decimal)


@given(
    cents=st.integers(min_value=0, max_value=10**11),
    separator=st.sampled_from([" ", NBSP, NARROW_NBSP, "."]),
    currency=st.sampled_from(["€", " €", " euros", " EUR"]),
)
def test_french_formatted_amounts_read_back_exactly(cents, separator, currency):
    value = Decimal(cents) / 100
    euros, fraction = divmod(cents, 100)
    grouped = f"{euros:,}".replace(",", separator)
    text = f"{grouped},{fraction:02d}{currency}"
    assert parse_amount(text) == value
    assert [a.amount_eur for a in parse_amounts(f"Budget : {text}, en 2023")] == [value]
