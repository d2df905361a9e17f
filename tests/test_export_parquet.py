"""`delib export --format parquet`: one Parquet file per table, written by DuckDB, types kept."""
import datetime as dt
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from models import ActeId, ActeStamp, ActionAmount, AttendanceEntry, AttendanceStatus, Deliberation, DocumentResult, Seance
from models.annexes import Action
from pipeline.cli import app
from pipeline.store import connect, write_result
from pipeline.outputs.parquet import export_parquet

runner = CliRunner()


@pytest.fixture
def db(tmp_path) -> Path:
    """A database holding dates, a DECIMAL(14,2) amount, a timestamp and attendance rows."""
    result = DocumentResult(document_id="c" * 16, source_path="/archive/c.pdf", sha256="c" * 64, page_count=3,
                            has_text_layer=True, stage_reached="validate")
    result.seance = Seance(collectivite="Ville de Besançon", seance_date=dt.date(2023, 3, 30), members_in_office=55)
    action = Action(number="42", name="Médiation hygiène santé", page_start=3,
                    amounts=[ActionAmount(amount_eur=Decimal("21246.52")), ActionAmount(amount_eur=Decimal("100000.00"), per_year=True)],
                    calendar_start=dt.date(2023, 1, 1), calendar_end=dt.date(2025, 12, 31), calendar_precision="day")
    result.deliberations = [Deliberation(
        index=0, numero="23/007093", objet="Contrat de ville",
        stamp=ActeStamp(acte_id=ActeId.parse("025-212500565-20230330-23_007093-DE"), prefecture_received=dt.date(2023, 4, 5)),
        attendance=[AttendanceEntry(person="Anne VIGNOT", status=AttendanceStatus.PRESENT)], actions=[action],
    )]
    path = tmp_path / "t.duckdb"
    con = connect(path)
    write_result(con, result)
    con.close()
    return path


def _types(con, relation: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()]


def test_every_table_is_written_with_its_rows_and_its_types(db, tmp_path):
    out = tmp_path / "parquet"
    exported = export_parquet(db, out)
    con = duckdb.connect(str(db), read_only=True)
    tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
    assert [e.table for e in exported] == tables and "action_amounts" in tables
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.parquet" for t in tables)
    for item in exported:
        assert pq.read_metadata(item.path).num_rows == item.rows == con.execute(f"SELECT count(*) FROM {item.table}").fetchone()[0]
        # read back by DuckDB, every column has the type it has in the database
        assert _types(con, f"read_parquet('{item.path}')") == _types(con, item.table), item.table
    assert {e.table: e.rows for e in exported}["action_amounts"] == 2
    con.close()


def test_dates_stay_dates_and_amounts_exact_decimals(db, tmp_path):
    export_parquet(db, tmp_path)
    amounts = pq.read_table(tmp_path / "action_amounts.parquet")
    assert amounts.schema.field("amount_eur").type == pa.decimal128(14, 2)
    assert amounts.column("amount_eur").to_pylist() == [Decimal("21246.52"), Decimal("100000.00")]
    deliberations = pq.read_table(tmp_path / "deliberations.parquet")
    assert deliberations.schema.field("prefecture_received").type == pa.date32()
    assert deliberations.column("acte_date").to_pylist() == [dt.date(2023, 3, 30)]
    assert deliberations.schema.field("matiere_confidence").type == pa.float64()
    assert pq.read_table(tmp_path / "actions.parquet").column("calendar_end").to_pylist() == [dt.date(2025, 12, 31)]
    assert pa.types.is_timestamp(pq.read_table(tmp_path / "documents.parquet").schema.field("ingested_at").type)


def test_cli_exports_and_leaves_the_database_unchanged(db, tmp_path):
    before = db.read_bytes()
    result = runner.invoke(app, ["export", "--format", "parquet", "--out", str(tmp_path / "out"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "seances.parquet").exists()
    assert "attendance" in result.output
    assert db.read_bytes() == before
