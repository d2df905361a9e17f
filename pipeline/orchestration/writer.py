"""The single DuckDB writer of a batch: buffers finished documents and commits them a batch at a
time (by count, row volume or age), so the buffer is bounded and a crash loses little."""
from __future__ import annotations

import time

import duckdb
import pyarrow as pa

from pipeline.store import DocumentRows, rows_to_arrow, write_tables

MAX_BUFFERED_ROWS = 50_000  # rows of all tables held before a commit, whatever the document count
MAX_BUFFER_AGE = 2.0  # seconds a finished document may wait to be committed


class Writer:
    """The single DuckDB writer of a batch."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str, commit_every: int, max_age: float = MAX_BUFFER_AGE):
        self.con, self.run_id, self.commit_every, self.max_age = con, run_id, commit_every, max_age
        self.buffer: list[DocumentRows] = []
        self.rows = 0
        self.since = time.monotonic()

    def add(self, rows: DocumentRows) -> bool:
        """Buffer one document; True when that caused a commit."""
        self.buffer.append(rows)
        self.rows += sum(len(r) for r in rows.values())
        if len(self.buffer) >= self.commit_every or self.rows >= MAX_BUFFERED_ROWS or time.monotonic() - self.since > self.max_age:
            self.flush()
            return True
        return False

    def add_tables(self, tables: dict[str, pa.Table]) -> None:
        self.flush()
        write_tables(self.con, tables, self.run_id)

    def flush(self) -> None:
        if self.buffer:
            write_tables(self.con, rows_to_arrow(self.buffer), self.run_id)
        self.buffer, self.rows, self.since = [], 0, time.monotonic()
