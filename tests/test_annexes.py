"""Annexes of the real Besançon sample (samples/besancon-2023-007093.pdf): fiche-action tables
crossing page breaks, bullet cells, action numbers in their printed formats, amounts and
calendars, the délibération's mesures, the annexed pact; and the table assembly rules on their own."""
import json
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.backends.pdf_tables import RuledTable, TableRow
from pipeline.devtools import evaluate as ev
from pipeline.stages.extract import annexes as A
from pipeline.run import process_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "besancon-2023-007093.pdf"
GOLD = ROOT.parent / "shared" / "corpus" / "besancon" / "gold" / "besancon-2023-007093.json"


@pytest.fixture(scope="module")
def result():
    if not SAMPLE.exists():
        pytest.skip("the Besançon sample has not been rendered")
    return process_document(SAMPLE)


@pytest.fixture(scope="module")
def actions(result):
    assert result.status.value == "ok", result.error
    return result.deliberations[0].actions


def _by_name(actions, start):
    found = [a for a in actions if a.name and a.name.startswith(start)]
    assert len(found) == 1, [a.name for a in actions]
    return found[0]


# --- fiche tables ------------------------------------------------------------------------------


def test_every_fiche_is_one_action(result, actions):
    assert len(actions) == 13
    assert all(a.name and a.status and a.owner for a in actions)
    checks = {a.check_name for a in result.anomalies}
    assert not checks & {"action_without_name", "annex_tables_unreadable", "invalid_action", "action_number_repeated"}


def test_row_cut_by_a_page_break_is_merged(actions):
    # the "Partenaires" row of the Mesure 44 fiche starts on page 4 and ends on page 5 under an empty label
    fiche = next(a for a in actions if a.number == "44")
    assert (fiche.page_start, fiche.page_end) == (4, 5)
    assert "projet de santé aura été" in fiche.partners and "professionnels de santé" in fiche.partners.split("\n")[-1]
    # rows after the break belong to the same fiche, not to a new one
    assert fiche.financing.startswith("• Pour sa mission de coordination")
    assert fiche.calendar.startswith("Les actions pourront débuter")
    orchestra = _by_name(actions, "A la rencontre")
    assert (orchestra.page_start, orchestra.page_end) == (7, 8)
    assert "Le collège Denis Diderot s'engage" in orchestra.partners
    assert "Diffuser et relayer" in orchestra.partners


def test_bullet_cells_keep_their_items(actions):
    fiche = next(a for a in actions if a.number == "44")
    lines = fiche.indicators.split("\n")
    assert "• La réalisation d'un diagnostic complémentaire" in lines
    assert all("(cid:" not in (getattr(a, f) or "") for a in actions for f in ("description", "partners", "indicators"))


def test_wrapped_one_line_cells_are_joined(actions):
    fiche = next(a for a in actions if a.number == "44")
    assert fiche.name == "Fédérer sur Planoise une équipe soins primaires dans la perspective de mettre en place une Maison de santé participative"
    assert "\n" not in fiche.owner


def test_action_numbers_in_their_printed_formats(actions):
    numbers = sorted(a.number for a in actions if a.number)
    assert numbers == ["30", "31", "33", "34", "40", "41", "42", "43.1", "43.2", "43.3", "44", "45"]
    assert _by_name(actions, "A la rencontre").number is None  # "Action n°" with an empty cell


def test_axe_titles_without_prefix(actions):
    assert {a.axe for a in actions} == {"Accès à la santé", "Diversification culturelle"}
    assert _by_name(actions, "Atelier Santé Ville").axe_number is None  # "Axe : accès à la santé..."
    assert _by_name(actions, "Médiation hygiène").axe_number == "4"


def test_amounts_are_exact_decimals(actions):
    assert [a.amount_eur for a in _by_name(actions, "Médiation hygiène").amounts] == [Decimal("21246.52")]
    assert [a.amount_eur for a in _by_name(actions, "Acteurs relais").amounts] == [Decimal("6000"), Decimal("26000")]
    assert [a.amount_eur for a in _by_name(actions, "A la rencontre").amounts] == [Decimal("45000.00")]
    assert _by_name(actions, "Santé mentale").amounts == []


def test_calendar_periods(actions):
    hygiene = _by_name(actions, "Médiation hygiène")  # "er 1 janvier 2023 au 31 décembre 2025"
    assert (str(hygiene.calendar_start), str(hygiene.calendar_end), hygiene.calendar_precision) == ("2023-01-01", "2025-12-31", "day")
    addictions = _by_name(actions, "Formation autour")  # "avant le 15 janvier 2023"
    assert (addictions.calendar_start, str(addictions.calendar_end)) == (None, "2023-01-15")
    relays = _by_name(actions, "Acteurs relais")  # "Mise en place des décembre 2022"
    assert (str(relays.calendar_start), relays.calendar_end) == ("2022-12-01", None)
    assert _by_name(actions, "A la rencontre").calendar_start is None  # "(21 juin 2023?)" is in doubt
    assert _by_name(actions, "Atelier Santé Ville").calendar_start is None  # "au cours de l'année"


def test_values_keep_their_provenance(result, actions):
    for action in actions:
        name = action.provenance["name"]
        assert action.page_start <= name.page <= action.page_end
        x0, y0, x1, y1 = name.bbox
        assert 0 <= x0 < x1 <= 600 and 0 <= y0 < y1 <= 850
        assert name.char_end > name.char_start
    hygiene = _by_name(actions, "Médiation hygiène")
    assert hygiene.provenance["amounts[0]"].page == 6
    assert "21 246,52" in hygiene.provenance["financing"].text


# --- mesures and the pact ----------------------------------------------------------------------


def test_mesures_of_the_deliberation_are_its_own_list(result):
    mesures = result.deliberations[0].mesures
    assert [m.number for m in mesures] == ["30", "31", "32", "33", "34", "40", "41", "42", "43", "44", "45"]
    assert all(m.source == "deliberation" and m.provenance.page in (2, 3) for m in mesures)
    # the first sentence is the mesure's title; list punctuation is dropped
    assert mesures[1].text == "Médiation culturelle portée par les acteurs culturels locaux"
    assert mesures[2].text == "A la rencontre de l'orchestre Victor Hugo"


def test_annexed_pact(result):
    assert len(result.agreements) == 1
    pact = result.agreements[0]
    assert pact.kind == "pacte" and pact.deliberation_index == 0
    parties = {s.organisation: s for s in pact.signatories}
    assert len(parties) == 8
    assert (parties["État"].representative, parties["État"].role) == ("Jean-François COLOMBET", "préfet du Doubs")
    assert (parties["Pôle emploi"].representative, parties["Pôle emploi"].role) == ("Michel SWIETON", "Directeur régional")
    assert parties["Conseil régional Bourgogne-Franche-Comté"].representative == "Marie-Guite DUFAY"
    assert parties["Caf du Doubs"].role is None
    assert [s.number for s in pact.sections_of("article")] == [str(n) for n in range(1, 11)]
    assert str(pact.period_end) == "2023-12-31"  # "Article 4. Durée du pacte": jusqu'au 31 décembre 2023
    numbers = [m.number for m in pact.mesures]
    assert numbers[0] == "10" and numbers[-1] == "57" and len(numbers) == 31
    assert {m.axis for m in pact.mesures if m.number.startswith("4")} == {"Accès à la santé"}
    assert all(m.source == "annex" for m in pact.mesures)


@pytest.mark.corpus
def test_eval_on_gold_reaches_the_bar(result):
    if not GOLD.exists():
        pytest.skip("../shared/corpus is not beside the repository")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    report = ev.Report()
    ev.score_annexes(report, "besancon", gold, ev.predicted_record(result, result.deliberations[0]))
    for name in ("actions.name", "actions.status", "actions.owner", "actions.amounts", "actions.calendar_start",
                 "actions.calendar_end", "mesures"):
        assert report.fields[name].f1 >= 0.95, (name, vars(report.fields[name]))


def test_unreadable_tables_are_an_anomaly_not_an_exception(monkeypatch):
    if not SAMPLE.exists():
        pytest.skip("the Besançon sample has not been rendered")

    def broken(*_):
        raise ValueError("damaged table")

    monkeypatch.setattr(A, "read_fiches", broken)
    result = process_document(SAMPLE)
    assert result.status.value == "ok"
    assert "annex_tables_unreadable" in {a.check_name for a in result.anomalies}
    assert result.deliberations and result.deliberations[0].actions == []
    assert len(result.deliberations[0].mesures) == 11


# --- the rules on their own --------------------------------------------------------------------


@pytest.mark.parametrize("label, content, expected", [
    ("Mesure 42", "", "42"),
    ("Mesure 43 Action n°2", "", "43.2"),
    ("Mesure 43 Action n° 1", "", "43.1"),
    ("Mesure 43 action n 3", "", "43.3"),
    ("Action n°", "34", "34"),
    ("Action n°", "", None),
    ("N° de l'action", "7", "7"),
])
def test_action_number(label, content, expected):
    assert A.action_number(label, content) == expected


@pytest.mark.parametrize("label, field", [
    ("Action nom", "name"), ("Plan de financement\nprévisionnel / définitif", "financing"),
    ("Plan de financement définitif", "financing"), ("indicateurs de suivi et\nd'évaluation", "indicators"),
    ("Maître d'ouvrage", "owner"), ("Calendrier", "calendar"), ("Mesure 44", "number"), ("Action n°", "number"),
    ("Porteur de projet", "owner"), ("Échéancier", "calendar"), ("Budget prévisionnel", "financing"),
    ("Remarques", None),
])
def test_label_table(label, field):
    assert A.label_field(label) == field


def _table(page, rows, heading="", first=True, last=True):
    return RuledTable(page=page, top=100, bottom=700, page_height=842, heading=heading, heading_bbox=None,
                      rows=[TableRow(label, content, (0, 0, 1, 1)) for label, content in rows], first_on_page=first, last_on_page=last)


def test_assembly_continues_a_cut_row_and_a_break_between_rows():
    tables = [
        _table(1, [("Action nom", "Un"), ("Statut", "Validée"), ("Description de l'action", "début")], heading="Axe 2 : Emploi"),
        _table(2, [("", "suite"), ("Calendrier", "2023")]),          # row cut by the page break
        _table(3, [("Action nom", "Deux"), ("Statut", "En projet")], heading="Axe 2 : Emploi"),
        _table(4, [("Partenaires", "CCAS"), ("Budget", "10 €")]),   # break fell between two rows
    ]
    fiches = A.assemble_fiches(tables)
    assert len(fiches) == 2
    assert fiches[0].cell("description").content == "début\nsuite" and fiches[0].pages == [1, 2]
    assert fiches[0].axe == "Emploi"
    assert fiches[1].cell("partners").content == "CCAS" and fiches[1].pages == [3, 4]


def test_assembly_starts_a_new_fiche_at_a_new_name_and_skips_other_tables():
    tables = [
        _table(1, [("", "Date"), ("Commission n° 4", "09/02/2023")]),  # not a fiche
        _table(2, [("Action nom", "Un"), ("Statut", "Validée"), ("Action nom", "Deux"), ("Statut", "Engagée")]),
        _table(3, [("Action nom", "Trois"), ("Statut", "Validée")]),  # a name row: a new fiche, not a continuation
    ]
    fiches = A.assemble_fiches(tables)
    assert [f.cell("name").content for f in fiches] == ["Un", "Deux", "Trois"]


def test_mesure_title_is_its_first_sentence():
    assert A.first_sentence("Médiation culturelle portée par les acteurs. Favoriser la découverte,") == "Médiation culturelle portée par les acteurs"
    assert A.first_sentence("Programme : « C'est mon patrimoine », « été culturel »,") == "Programme : « C'est mon patrimoine », « été culturel »"


def test_signatories_of_a_flowing_block():
    text = ("Entre la Commune de Test représentée par M. Jean DUPONT, maire, et le Département du Nord représenté "
            "par Madame Anne MARTIN, présidente\nL'Agence X représentée par son directeur")
    found = A.extract_signatories(text, 0)
    assert [(s.organisation, s.representative, s.role) for s in found] == [
        ("Commune de Test", "Jean DUPONT", "maire"),
        ("Département du Nord", "Anne MARTIN", "présidente"),
        ("Agence X", None, "directeur"),
    ]


# --- DuckDB ---------------------------------------------------------------------------------------


def test_annex_tables_in_duckdb(result):
    from pipeline.store import connect, write_result

    con = connect(":memory:")
    write_result(con, result)
    write_result(con, result)  # re-ingest replaces, never duplicates
    assert con.execute("SELECT count(*) FROM actions").fetchone() == (13,)
    kind, total = con.execute("SELECT any_value(typeof(amount_eur)), sum(amount_eur) FROM action_amounts").fetchone()
    assert kind == "DECIMAL(14,2)" and total == Decimal("249793.04")
    rows = con.execute("SELECT amount_eur, label FROM action_amounts WHERE action_number = '41' ORDER BY position").fetchall()
    assert rows == [(Decimal("6000.00"), "pour 100 acteurs de terrain formés"),
                    (Decimal("26000.00"), "pour 1/2 poste de chargé de mission pour la coordination du Pacte volet santé")]
    assert con.execute("SELECT count(*) FROM mesures WHERE source = 'deliberation'").fetchone() == (11,)
    assert con.execute("SELECT kind, period_end FROM contracts").fetchall()[0][0] == "pacte"
    assert con.execute("SELECT representative FROM signatories WHERE organisation = 'Pôle emploi'").fetchone() == ("Michel SWIETON",)
    assert con.execute("SELECT count(*) FROM provenance WHERE field LIKE 'actions[%].name'").fetchone() == (13,)
