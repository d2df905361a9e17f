"""Every table of the database as one Parquet file, written by DuckDB itself so that column
types are kept exactly (DATE stays a date, DECIMAL(14,2) an exact decimal, TIMESTAMP a timestamp)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.outputs import open_read_only


@dataclass
class ExportedTable:
    table: str
    path: Path
    rows: int


def table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The base tables of the main schema, in name order (views and temporary tables excluded)."""
    return [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary ORDER BY table_name"
    ).fetchall()]


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def export_parquet(db_path: Path | str, out_dir: Path | str) -> list[ExportedTable]:
    """Write `<out_dir>/<table>.parquet` for every table; return what was written with row counts."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    exported = []
    con = open_read_only(db_path)
    try:
        for table in table_names(con):
            path = out / f"{table}.parquet"
            # COPY writes the file from DuckDB's own column types; a read-only connection may
            # write outside the database.
            con.execute(f'COPY "{table}" TO {_sql_string(str(path))} (FORMAT parquet)')
            rows = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            exported.append(ExportedTable(table, path, rows))
    finally:
        con.close()
    return exported
