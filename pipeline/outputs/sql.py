"""`delib sql`: one query on a read-only connection, as a rich table, CSV or JSON."""
from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.table import Table

from pipeline.outputs import open_read_only


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple]


def run_query(db_path: Path | str, query: str) -> QueryResult:
    """Run `query` read-only; a statement that writes fails with DuckDB's own error."""
    con = open_read_only(db_path)
    try:
        cursor = con.execute(query)
        if cursor.description is None:  # a statement without a result set (SET, PRAGMA…)
            return QueryResult([], [])
        return QueryResult([d[0] for d in cursor.description], cursor.fetchall())
    finally:
        con.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def to_csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([_cell_text(v) for v in row] for row in result.rows)
    return buffer.getvalue()


def _json_value(value: Any) -> Any:
    """JSON has no date nor decimal: dates as ISO text, decimals as numbers (a DECIMAL(14,2)
    has at most 14 significant digits, which a float's shortest repr prints back exactly),
    other unknown types as text."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def to_json(result: QueryResult) -> str:
    """One JSON object per row, in a list."""
    records = [{c: _json_value(v) for c, v in zip(result.columns, row)} for row in result.rows]
    return json.dumps(records, ensure_ascii=False, indent=2)


def to_rich_table(result: QueryResult, title: str | None = None) -> Table:
    table = Table(title=title)
    for k, column in enumerate(result.columns):
        values = [row[k] for row in result.rows if row[k] is not None]
        numeric = bool(values) and all(isinstance(v, (int, float, decimal.Decimal)) and not isinstance(v, bool) for v in values)
        table.add_column(column, overflow="fold", justify="right" if numeric else "left")
    for row in result.rows:
        table.add_row(*(_cell_text(v) for v in row))
    return table
