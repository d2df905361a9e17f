"""The one way outputs open the database: read-only, so no output can change the data it reads."""
from __future__ import annotations

from pathlib import Path

import duckdb


def open_read_only(db_path: Path | str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to an existing database file; FileNotFoundError when there is none
    (DuckDB would create an empty one, or fail less readably)."""
    path = Path(db_path)
    if not path.is_file():
        raise FileNotFoundError(f"no DuckDB database at {path}")
    return duckdb.connect(str(path), read_only=True)
