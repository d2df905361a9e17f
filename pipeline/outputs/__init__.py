"""Outputs for analysts, read from the DuckDB database: Parquet files, the SCDL "Délibérations"
CSV, and ad-hoc SQL. Every module opens the database through `open_read_only`, so no output
can change the data it reads."""
from __future__ import annotations

from pathlib import Path

import duckdb


def open_read_only(db_path: Path | str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to an existing database file. Raises FileNotFoundError when the
    file is missing (DuckDB would otherwise report a less readable error)."""
    path = Path(db_path)
    if not path.is_file():
        raise FileNotFoundError(f"no DuckDB database at {path}")
    return duckdb.connect(str(path), read_only=True)
