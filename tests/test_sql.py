"""`delib sql`: read-only queries as a table, CSV or JSON; every example query of the README runs."""
import csv
import datetime as dt
import io
import json
import re
import shlex
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from models import AttendanceEntry, AttendanceStatus, Deliberation, DocumentResult, Seance, Vote, FailureKind
from models.provenance import Provenance
from pipeline.cli import app
from pipeline.store import connect, write_result

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
runner = CliRunner()


def readme_queries() -> list[str]:
    """The statements of the README's ```sql blocks, and the queries of its `delib sql "…"` lines."""
    text = README.read_text(encoding="utf-8")
    queries = []
    for block in re.findall(r"```sql\n(.*?)```", text, flags=re.DOTALL):
        code = "\n".join(line for line in block.splitlines() if not line.strip().startswith("--"))
        queries.extend(q.strip() for q in code.split(";") if q.strip())
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL):
        for line in block.splitlines():
            if line.startswith("delib sql "):
                words = shlex.split(line)
                queries.append(words[2])
    return queries


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """Item 27 of a séance, voted 25 pour / 2 contre (the contre count cited on page 4), one
    member represented by another, one absent; and a file that could not be read."""
    result = DocumentResult(document_id="d" * 16, source_path="/archive/pv.pdf", sha256="d" * 64, page_count=5,
                            has_text_layer=True, stage_reached="validate")
    result.seance = Seance(collectivite="Ville de Pierrefonds", seance_date=dt.date(2017, 10, 3))
    result.deliberations = [Deliberation(
        index=0, numero="2017-27", item_number=27, objet="Plan Local d’Urbanisme - Droit de préemption urbain",
        vote=Vote(pour=25, contre=2, contre_names=["Ronan TANGUY"]),
        attendance=[AttendanceEntry(person="Michel LEBLANC", status=AttendanceStatus.PRESENT),
                    AttendanceEntry(person="Guy FRIEDRICH", status=AttendanceStatus.REPRESENTED, proxy="Michel LEBLANC"),
                    AttendanceEntry(person="Dolorès HUDO", status=AttendanceStatus.ABSENT)],
        provenance={"votes_contre": Provenance(page=4, char_start=10, char_end=20, text="Contre : 2")},
    )]
    failed = DocumentResult(document_id="e" * 16, source_path="/archive/broken.pdf", sha256="e" * 64).fail(
        "load", "not a PDF", FailureKind.NOT_A_PDF)
    path = tmp_path_factory.mktemp("sql") / "t.duckdb"
    con = connect(path)
    write_result(con, result)
    write_result(con, failed)
    con.close()
    return path


def test_the_readme_has_example_queries():
    queries = readme_queries()
    assert len(queries) >= 9
    assert any("vote_names" in q for q in queries) and any("provenance" in q for q in queries)


@pytest.mark.parametrize("query", readme_queries(), ids=lambda q: " ".join(q.split())[:60])
def test_each_readme_query_runs_through_delib_sql(db, query):
    result = runner.invoke(app, ["sql", query, "--db", str(db), "--csv"])
    assert result.exit_code == 0, result.output
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert header and all(header)


def test_readme_queries_find_what_the_database_holds(db):
    proxies = runner.invoke(app, ["sql", "SELECT d.numero, a.person AS absent_member, a.proxy AS held_by FROM attendance a "
                                  "JOIN deliberations d USING (deliberation_id) WHERE a.status = 'represented' "
                                  "AND a.proxy IS NOT NULL", "--db", str(db), "--json"])
    assert json.loads(proxies.stdout) == [{"numero": "2017-27", "absent_member": "Guy FRIEDRICH", "held_by": "Michel LEBLANC"}]
    contested = runner.invoke(app, ["sql", "SELECT d.numero, d.objet, d.votes_pour, d.votes_contre, d.votes_abstention, p.page "
                                    "FROM deliberations d LEFT JOIN provenance p ON p.deliberation_id = d.deliberation_id "
                                    "AND p.field = 'votes_contre' WHERE d.votes_contre > 0", "--db", str(db), "--csv"])
    assert list(csv.DictReader(io.StringIO(contested.stdout))) == [{
        "numero": "2017-27", "objet": "Plan Local d’Urbanisme - Droit de préemption urbain", "votes_pour": "25",
        "votes_contre": "2", "votes_abstention": "", "page": "4"}]


def test_table_output_and_json_types(db):
    table = runner.invoke(app, ["sql", "SELECT collectivite, seance_date FROM seances", "--db", str(db)])
    assert table.exit_code == 0 and "Ville de Pierrefonds" in table.stdout and "2017-10-03" in table.stdout
    rows = json.loads(runner.invoke(app, ["sql", "SELECT seance_date, 12.50::DECIMAL(14,2) AS amount, true AS flag FROM seances",
                                          "--db", str(db), "--json"]).stdout)
    assert rows == [{"seance_date": "2017-10-03", "amount": 12.5, "flag": True}]


def test_writing_is_refused_and_the_database_is_unchanged(db):
    result = runner.invoke(app, ["sql", "DELETE FROM documents", "--db", str(db)])
    assert result.exit_code == 1 and "read-only" in result.output
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_bad_sql_and_missing_database_are_clear_errors(db, tmp_path):
    bad = runner.invoke(app, ["sql", "SELECT nope FROM documents", "--db", str(db)])
    assert bad.exit_code == 1 and "nope" in bad.output
    missing = runner.invoke(app, ["sql", "SELECT 1", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no DuckDB database" in missing.output
    both = runner.invoke(app, ["sql", "SELECT 1", "--db", str(db), "--csv", "--json"])
    assert both.exit_code != 0
