"""End to end on the real samples: PDF -> records -> DuckDB, checked against the gold records."""
import json
from pathlib import Path

import pytest

from models import DocumentStatus
from pipeline.store import connect, write_result
from pipeline.run import process_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD = ROOT.parent / "shared" / "corpus"

CONTRACT = {
    "documents": ["document_id", "source_path", "sha256", "page_count", "has_text_layer", "status", "error"],
    "seances": ["seance_id", "collectivite", "siren", "seance_date", "convocation_date", "president", "secretaire",
                "members_in_office"],
    "deliberations": ["deliberation_id", "document_id", "seance_id", "numero", "item_number", "objet", "rapporteur",
                      "commission", "commission_date", "commission_avis", "acte_id", "acte_departement", "acte_siren",
                      "acte_date", "acte_number", "acte_nature", "prefecture_sent", "prefecture_received", "published",
                      "votes_pour", "votes_contre", "votes_abstention", "votes_non_participation", "unanimous",
                      "outcome", "page_start", "page_end"],
    "attendance": ["deliberation_id", "person", "status", "proxy"],
    "anomalies": ["deliberation_id", "check_name", "message"],
    "provenance": ["deliberation_id", "field", "page"],
}


def _gold(source: str, name: str):
    path = GOLD / source / "gold" / name
    if not path.exists():
        pytest.skip(f"gold record {path} not available")
    return json.loads(path.read_text())


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory):
    con = connect(tmp_path_factory.mktemp("db") / "samples.duckdb")
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        write_result(con, process_document(pdf))
    yield con
    con.close()


def test_duckdb_contract(loaded_db):
    for table, columns in CONTRACT.items():
        present = {row[0] for row in loaded_db.execute(f"DESCRIBE {table}").fetchall()}
        assert set(columns) <= present, f"{table} lacks {set(columns) - present}"


def test_every_sample_is_read(loaded_db):
    rows = loaded_db.execute("SELECT source_path, status, error FROM documents").fetchall()
    assert len(rows) == len(list(SAMPLES.glob("*.pdf")))
    assert all(status == "ok" for _, status, _ in rows), rows


def test_stamp_of_a_single_deliberation_matches_gold(loaded_db):
    gold = _gold("montpellier", "2014-04-24-0000071218.json")
    row = loaded_db.execute(
        "SELECT acte_id, acte_departement, acte_siren, acte_nature, prefecture_sent, prefecture_received, published "
        "FROM deliberations d JOIN documents USING (document_id) WHERE source_path LIKE '%0000071218%'"
    ).fetchone()
    assert row[0] == gold["acte_id"]
    assert (row[1], row[2], row[3]) == tuple(gold["acte_id"].split("-")[i] for i in (0, 1, 4))
    assert [str(d) for d in row[4:]] == [gold["prefecture_sent"], gold["prefecture_received"], gold["published"]]


def test_every_value_cites_its_page(loaded_db):
    rows = loaded_db.execute(
        "SELECT field, page, char_start, char_end, text FROM provenance p JOIN documents d ON d.document_id = p.document_id "
        "WHERE source_path LIKE '%0000071218%' AND p.deliberation_id IS NOT NULL"
    ).fetchall()
    fields = {r[0]: r for r in rows}
    assert {"acte_id", "prefecture_received", "objet"} <= set(fields)
    assert fields["acte_id"][1] == 1 and fields["acte_id"][4].replace(" ", "").startswith("034-")
    assert all(r[2] <= r[3] for r in rows)


def test_procès_verbal_is_split_into_its_items(loaded_db):
    gold = _gold("pierrefonds", "compte-rendu-15-10-2015.json")
    items = [r[0] for r in loaded_db.execute(
        "SELECT item_number FROM deliberations JOIN documents USING (document_id) "
        "WHERE source_path LIKE '%pierrefonds%' ORDER BY item_number").fetchall()]
    assert items == sorted(g["item_number"] for g in gold)


def test_named_dissenters_are_queryable(loaded_db):
    """Pierrefonds 15/10/2015 item 5 prints "Contre : 1, Monsieur TANGUY car ..."."""
    gold = next(g for g in _gold("pierrefonds", "compte-rendu-15-10-2015.json") if g["votes"]["contre"])
    rows = loaded_db.execute(
        "SELECT d.item_number, d.votes_contre, v.person FROM vote_names v JOIN deliberations d USING (deliberation_id) "
        "JOIN documents doc ON doc.document_id = d.document_id WHERE doc.source_path LIKE '%pierrefonds%' AND v.vote = 'contre'"
    ).fetchall()
    assert [(r[0], r[1]) for r in rows] == [(gold["item_number"], gold["votes"]["contre"])]
    assert any(rows[0][2].endswith(p.split()[-1]) for p in gold["present"])


def test_reingesting_replaces_rows(tmp_path):
    con = connect(tmp_path / "twice.duckdb")
    pdf = SAMPLES / "pierrefonds-compte-rendu-15-10-2015.pdf"
    counts = []
    for _ in range(2):
        write_result(con, process_document(pdf))
        counts.append(tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                            for t in ("documents", "deliberations", "attendance", "provenance")))
    assert counts[0] == counts[1] and counts[0][1] > 1


def test_bad_file_is_recorded_not_raised(tmp_path):
    bad = tmp_path / "not-a-pdf.pdf"
    bad.write_text("<html>not a pdf</html>")
    result = process_document(bad)
    assert result.status is DocumentStatus.FAILED
    assert "not a PDF" in result.error and "\n" not in result.error
