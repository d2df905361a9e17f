"""The single DuckDB writer of a batch: buffers finished documents and commits them a batch at a
time (by count, row volume or age), so the buffer is bounded and a crash loses little."""
from __future__ import annotations

import time

import duckdb
import pyarrow as pa

from pipeline.store import DocumentRows, rows_to_arrow, unwritable_reason, write_tables
from pipeline.store.rows import CONVERSION_ERRORS

MAX_BUFFERED_ROWS = 50_000  # rows of all tables held before a commit, whatever the document count
MAX_BUFFER_AGE = 2.0  # seconds a finished document may wait to be committed


class Writer:
    """The single DuckDB writer of a batch."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str, commit_every: int, max_age: float = MAX_BUFFER_AGE):
        self.con, self.run_id, self.commit_every, self.max_age = con, run_id, commit_every, max_age
        self.buffer: list[DocumentRows] = []
        self.replaced: list[tuple[dict, dict]] = []
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
            try:
                tables = rows_to_arrow(self.buffer)
            except CONVERSION_ERRORS:  # a value that fits no column: find its document, record it failed
                tables = rows_to_arrow([self._writable(rows) for rows in self.buffer])
            write_tables(self.con, tables, self.run_id)
        self.buffer, self.rows, self.since = [], 0, time.monotonic()

    def _writable(self, rows: DocumentRows) -> DocumentRows:
        problem = unwritable_reason(rows)
        if problem is None:
            return rows
        from models import FailureKind  # only here does the main process load the records
        from pipeline.orchestration.executors import Task, failed_rows

        document = rows["documents"][0]
        task = Task(document["source_path"], document["document_id"], document["sha256"] or "")
        replacement = failed_rows(task, "store", problem, FailureKind.UNWRITABLE)
        self.replaced.append((document, replacement["documents"][0]))
        return replacement

    def take_replaced(self) -> list[tuple[dict, dict]]:
        """(documents row as counted, documents row written) of the documents the last commits
        recorded as failed because a value fitted no column."""
        replaced, self.replaced = self.replaced, []
        return replaced
