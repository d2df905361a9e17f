"""The DuckDB writer: replaces a document's rows atomically, batches, and keeps the ingest log."""
import datetime as dt

import duckdb
import pytest

import pipeline
from models import AttendanceEntry, AttendanceStatus, Deliberation, DocumentResult, FailureKind, Seance
from pipeline.store import (
    ROW_TABLES, arrow_schemas, connect, document_rows, done_documents, finish_run, start_run, unwritable_reason,
    write_result, write_rows,
)

COUNTED = ("documents", "seances", "deliberations", "attendance", "ingest_log")


def make_result(document_id: str, people=("Anne DUPONT", "Marc MARTIN"), items=2, day=12) -> DocumentResult:
    result = DocumentResult(document_id=document_id, source_path=f"/archive/{document_id}.pdf", sha256=document_id * 4,
                            page_count=2, has_text_layer=True, stage_reached="validate")
    result.seance = Seance(collectivite="Pierrefonds", seance_date=dt.date(2020, 3, day))
    result.deliberations = [
        Deliberation(index=i, numero=f"2020-{i}", objet=f"objet {i}",
                     attendance=[AttendanceEntry(person=p, status=AttendanceStatus.PRESENT) for p in people])
        for i in range(items)
    ]
    return result


def counts(con) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}


@pytest.fixture
def con(tmp_path):
    con = connect(tmp_path / "t.duckdb")
    yield con
    con.close()


def test_arrow_schemas_follow_the_sql_schema(con):
    for table in ROW_TABLES:
        columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] != "ingested_at"]
        assert arrow_schemas()[table].names == columns


def test_the_columns_read_from_the_sql_text_are_duckdbs():
    from pipeline.store.schema import row_columns

    assert list(row_columns()) == list(ROW_TABLES)
    for table in ROW_TABLES:
        assert row_columns()[table] == tuple(arrow_schemas()[table].names), table
    assert "ingested_at" not in row_columns()["documents"]  # filled by its DEFAULT
    assert row_columns()["action_amounts"][5:7] == ("amount_eur", "label")  # DECIMAL(14,2): one column


def test_a_worker_checks_its_rows_without_duckdb():
    import subprocess
    import sys

    probe = ("import sys\nfrom models import DocumentResult\nfrom pipeline.store import document_rows, unwritable_reason\n"
             "rows = document_rows(DocumentResult(document_id='d1', source_path='x.pdf', sha256='0' * 64))\n"
             "rows['documents'][0]['no_such_column'] = 1\n"
             "print(unwritable_reason(rows, convert=False), 'duckdb' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "cannot be written to DuckDB: documents has no column 'no_such_column' False"


def test_rewriting_a_document_replaces_its_rows(con):
    write_result(con, make_result("a" * 16))
    first = counts(con)
    write_result(con, make_result("a" * 16, people=("Anne DUPONT",), items=1))
    assert first == {"documents": 1, "seances": 1, "deliberations": 2, "attendance": 4, "ingest_log": 1}
    assert counts(con) == {"documents": 1, "seances": 1, "deliberations": 1, "attendance": 1, "ingest_log": 1}


def test_a_batch_keeps_a_repeated_document_once_and_a_shared_seance_once(con):
    batch = [document_rows(make_result("a" * 16)), document_rows(make_result("b" * 16)),
             document_rows(make_result("a" * 16, items=1))]
    write_rows(con, batch, run_id="r1")
    assert counts(con) == {"documents": 2, "seances": 1, "deliberations": 3, "attendance": 6, "ingest_log": 2}
    assert {r[0] for r in con.execute("SELECT run_id FROM ingest_log").fetchall()} == {"r1"}


def test_a_failing_batch_leaves_the_database_as_it_was(con):
    write_result(con, make_result("a" * 16))
    before = counts(con)
    broken = document_rows(make_result("b" * 16))
    broken["deliberations"].append(broken["deliberations"][0])  # duplicate primary key -> the INSERT fails
    with pytest.raises(duckdb.Error):
        write_rows(con, [document_rows(make_result("a" * 16, items=1)), broken])
    assert counts(con) == before


def test_done_documents_follows_version_and_status(con, monkeypatch):
    failed = make_result("f" * 16).fail("load", "damaged PDF", FailureKind.DAMAGED)
    write_rows(con, [document_rows(make_result("a" * 16)), document_rows(failed)])
    ids = ["a" * 16, "f" * 16, "n" * 16]
    assert done_documents(con, ids) == {"a" * 16, "f" * 16}
    assert done_documents(con, ids, retry_failed=True) == {"a" * 16}
    monkeypatch.setattr(pipeline, "PIPELINE_VERSION", "99.0")
    assert done_documents(con, ids) == set()


def test_runs_are_recorded(con):
    run_id = start_run(con, "processes", 2)
    finish_run(con, run_id, {"files": 3, "ingested": 1, "skipped": 1, "failed": 1, "pages": 7})
    row = con.execute("SELECT executor, workers, files, ingested, skipped, failed, pages, finished_at IS NOT NULL "
                      "FROM runs").fetchone()
    assert row == ("processes", 2, 3, 1, 1, 1, 7, True)


def test_rows_that_cannot_be_written_are_caught_before_the_batch():
    rows = document_rows(make_result("a" * 16))
    assert unwritable_reason(rows) is None
    rows["deliberations"].append(rows["deliberations"][0])
    assert "share one id" in unwritable_reason(rows)
    rows = document_rows(make_result("b" * 16))
    rows["attendance"][0] = {**rows["attendance"][0], "page": "page one"}  # not an INTEGER
    assert unwritable_reason(rows).startswith("cannot be written to DuckDB: ")


def test_the_writer_records_failed_the_one_document_whose_value_fits_no_column(con):
    # workers check the rows' shape only; the writer converts a batch at once and, when that
    # fails, finds the document at fault and records it failed, the others written
    from pipeline.orchestration.writer import Writer

    good, bad = document_rows(make_result("c" * 16)), document_rows(make_result("d" * 16))
    bad["attendance"][0] = {**bad["attendance"][0], "page": "page one"}  # not an INTEGER
    assert unwritable_reason(bad, convert=False) is None  # the shape is right
    writer = Writer(con, "run", commit_every=10)
    writer.add(good)
    writer.add(bad)
    writer.flush()
    (counted, written), = writer.take_replaced()
    assert counted["status"] == "ok" and written["status"] == "failed" and written["failure_kind"] == "unwritable"
    assert written["document_id"] == "d" * 16 and writer.take_replaced() == []
    rows = dict(con.execute("SELECT document_id, status FROM documents").fetchall())
    assert rows == {"c" * 16: "ok", "d" * 16: "failed"}
    assert con.execute("SELECT count(*) FROM attendance a JOIN deliberations d USING (deliberation_id) "
                       "WHERE d.document_id = ?", ["c" * 16]).fetchone()[0] == 4
    error = con.execute("SELECT error FROM ingest_log WHERE document_id = ?", ["d" * 16]).fetchone()[0]
    assert error.startswith("cannot be written to DuckDB: ")
