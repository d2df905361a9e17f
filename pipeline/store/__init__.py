"""The store: the DuckDB database, and the only code that touches it.

    schema.py  every table and column (and the Arrow schema of each row table)
    ids.py     every id format (document, séance, délibération, action, contract)
    rows.py    a DocumentResult -> rows by table -> Arrow tables
    db.py      connect, write a batch atomically, ingest bookkeeping (ingest_log, runs)
    persons.py persons across séances (name variants merged, explained) and the *_person_id columns
"""
from pipeline.store.db import (
    connect,
    delete_documents,
    done_documents,
    finish_run,
    loaded_documents,
    open_read_only,
    start_run,
    write_result,
    write_rows,
    write_tables,
)
from pipeline.store.rows import DocumentRows, document_rows, rows_to_arrow, unwritable_reason
from pipeline.store.schema import ROW_TABLES, SCHEMA, arrow_schemas

__all__ = [
    "DocumentRows", "ROW_TABLES", "SCHEMA", "arrow_schemas", "connect", "delete_documents", "document_rows",
    "done_documents", "finish_run", "loaded_documents", "open_read_only", "rows_to_arrow", "start_run", "unwritable_reason",
    "write_result", "write_rows", "write_tables",
]
