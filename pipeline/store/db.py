"""The only code that touches DuckDB: connecting (and creating the schema), writing batches of
documents, and the bookkeeping of batch ingests.

Rows are keyed by document: loading a document first deletes whatever an earlier load of the
same file (same sha256 -> same document_id) wrote, in the same transaction, so re-ingesting
replaces and never duplicates. A batch is written as Arrow tables, one INSERT per table, in one
transaction: DuckDB's executemany costs ~0.3 ms per row (a procès-verbal has hundreds of
attendance rows), an Arrow insert ~1 µs, so the single writer stays far ahead of the workers. A
transaction holds whole documents only: a crash loses whole documents, which the ingest_log
then reports as not done."""
from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

import pipeline
from pipeline.store.rows import DocumentRows, document_rows, rows_to_arrow
from pipeline.store.schema import DOCUMENT_TABLES, MIGRATIONS, ROW_TABLES, SCHEMA

if TYPE_CHECKING:  # annotations only: the parent process of a batch never loads the records
    from models import DocumentResult


def connect(db_path: Path | str) -> duckdb.DuckDBPyConnection:
    if str(db_path) != ":memory:":
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path))
    con.execute(SCHEMA)
    for migration in MIGRATIONS:
        con.execute(migration)
    # Earlier versions indexed attendance(deliberation_id). DuckDB answers scans, joins and
    # aggregates from its column zone maps, not ART indexes; at 22M attendance rows that index
    # made the file 4× larger and inserts 2× slower for no faster query. Drop it where it exists.
    con.execute("DROP INDEX IF EXISTS attendance_deliberation")
    return con


def open_read_only(db_path: Path | str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to an existing database file (for the outputs: exports, report,
    SQL). Raises FileNotFoundError when the file is missing (DuckDB would otherwise report a less
    readable error)."""
    path = Path(db_path)
    if not path.is_file():
        raise FileNotFoundError(f"no DuckDB database at {path}")
    return duckdb.connect(str(path), read_only=True)


def loaded_documents(con: duckdb.DuckDBPyConnection, document_ids: list[str]) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT document_id FROM documents WHERE document_id IN (SELECT unnest(?::VARCHAR[]))", [document_ids]
    ).fetchall()]


def delete_documents(con: duckdb.DuckDBPyConnection, document_ids: list[str]) -> None:
    """Remove every row of these documents (call inside a transaction)."""
    ids = [document_ids]
    con.execute(
        "DELETE FROM attendance WHERE deliberation_id IN "
        "(SELECT deliberation_id FROM deliberations WHERE document_id IN (SELECT unnest(?::VARCHAR[])))", ids,
    )
    for table in DOCUMENT_TABLES:
        if table != "attendance":
            con.execute(f"DELETE FROM {table} WHERE document_id IN (SELECT unnest(?::VARCHAR[]))", ids)


def write_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], run_id: str | None = None) -> None:
    """Replace everything known about the batch's documents with `tables`, atomically, and log
    each document in ingest_log in the same transaction (so the log never claims a document
    whose rows are missing, nor misses one whose rows are there)."""
    document_ids = tables["documents"].column("document_id").to_pylist()
    if not document_ids:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        # Deleting scans the big tables, so only documents loaded before pay for it.
        previously_loaded = loaded_documents(con, document_ids)
        if previously_loaded:
            delete_documents(con, previously_loaded)
        for table in ROW_TABLES:
            incoming = tables[table]
            if incoming.num_rows:
                verb = "INSERT OR REPLACE" if table == "seances" else "INSERT"
                con.register("incoming", incoming)
                con.execute(f"{verb} INTO {table} BY NAME SELECT * FROM incoming")
                con.unregister("incoming")
        con.register("incoming", tables["documents"])
        con.execute(
            "INSERT OR REPLACE INTO ingest_log BY NAME SELECT document_id, sha256, source_path, stage_reached, status, "
            "failure_kind, error, pipeline_version, ?::VARCHAR AS run_id, current_timestamp AS logged_at FROM incoming", [run_id],
        )
        con.unregister("incoming")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def write_rows(con: duckdb.DuckDBPyConnection, batch: list[DocumentRows], run_id: str | None = None) -> None:
    write_tables(con, rows_to_arrow(batch), run_id)


def write_result(con: duckdb.DuckDBPyConnection, result: DocumentResult, run_id: str | None = None) -> None:
    """Replace everything known about this document with `result`, atomically."""
    write_rows(con, [document_rows(result)], run_id)


# --- batch bookkeeping -------------------------------------------------------------------------

def done_documents(con: duckdb.DuckDBPyConnection, document_ids: list[str], retry_failed: bool = False) -> set[str]:
    """Those of `document_ids` already ingested by this pipeline version (and, with
    retry_failed, successfully), i.e. the ones a resumed or repeated batch skips."""
    status_filter = " AND status = 'ok'" if retry_failed else ""
    return {r[0] for r in con.execute(
        "SELECT document_id FROM ingest_log WHERE document_id IN (SELECT unnest(?::VARCHAR[])) "
        f"AND pipeline_version = ?{status_filter}", [document_ids, pipeline.PIPELINE_VERSION],
    ).fetchall()}


def start_run(con: duckdb.DuckDBPyConnection, executor: str, workers: int) -> str:
    run_id = uuid.uuid4().hex[:12]
    con.execute(
        "INSERT INTO runs (run_id, started_at, pipeline_version, executor, workers) VALUES (?, ?, ?, ?, ?)",
        [run_id, dt.datetime.now(), pipeline.PIPELINE_VERSION, executor, workers],
    )
    return run_id


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, counts: dict[str, int]) -> None:
    con.execute(
        "UPDATE runs SET finished_at = ?, files = ?, ingested = ?, skipped = ?, failed = ?, no_text = ?, pages = ? "
        "WHERE run_id = ?",
        [dt.datetime.now(), counts.get("files", 0), counts.get("ingested", 0), counts.get("skipped", 0),
         counts.get("failed", 0), counts.get("no_text", 0), counts.get("pages", 0), run_id],
    )
