"""The store: the DuckDB database, and the only code that touches it.

    schema.py  every table and column (and the Arrow schema of each row table)
    ids.py     every id format (document, séance, délibération, action, contract)
    rows.py    a DocumentResult -> rows by table -> Arrow tables
    db.py      connect, write a batch atomically, ingest bookkeeping (ingest_log, runs)
    persons.py persons across séances (name variants merged, explained) and the *_person_id columns
"""
from __future__ import annotations

import importlib

# name -> the module defining it, imported on first use: a worker needs the ids and the rows,
# not the database (importing DuckDB cost each batch ~0.2 s of start-up, measured)
_EXPORTS = {
    **dict.fromkeys(["connect", "delete_documents", "done_documents", "finish_run", "loaded_documents", "open_read_only",
                     "start_run", "write_result", "write_rows", "write_tables"], "pipeline.store.db"),
    **dict.fromkeys(["DocumentRows", "document_rows", "rows_to_arrow", "unwritable_reason"], "pipeline.store.rows"),
    **dict.fromkeys(["ROW_TABLES", "SCHEMA", "arrow_schemas"], "pipeline.store.schema"),
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
