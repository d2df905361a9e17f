"""Batch ingest at archive scale: many files, parallel workers, one DuckDB writer.

    files --(hash, skip what is done)--> tasks --(workers: process_document)--> rows --(one writer)--> DuckDB

- Lazy all along: files are walked, hashed and submitted as workers free up, with at most one
  document in flight per worker and a bounded write buffer, so memory does not grow with the batch.
- A worker runs one document at a time under a deadline. A document that overruns it, or
  that kills its worker (a crash inside PDFium), is recorded as failed and the worker replaced;
  the batch goes on.
- Resumable and idempotent: a document's rows and its ingest_log entry are committed together, so
  after a kill the log says exactly which documents are in; a re-run skips those (same
  sha256, same pipeline version) and does the rest.
- Executors: `processes` (a local pool, default) or `dask` (a distributed cluster writing Parquet
  shards that the single writer then loads)."""
from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from pipeline.orchestration.executors import DEFAULT_TIMEOUT, DaskExecutor, InlineExecutor, ProcessPool, Task
from pipeline.sources import iter_files

if TYPE_CHECKING:
    import duckdb

LOOKUP_CHUNK = 256  # files hashed and looked up in ingest_log at a time


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def plan(con: duckdb.DuckDBPyConnection, files: Iterable[Path], redo: str = "none", ocr: bool = True) -> Iterator[tuple[Task, bool]]:
    """(task, skip) for every file, skip=True when the ingest_log already has it done by this
    pipeline version. redo: 'none', 'failed' (retry documents not ok) or 'all' (--force)."""
    from pipeline.store import done_documents

    files = iter(files)
    while chunk := [Task.for_path(p, ocr) for _, p in zip(range(LOOKUP_CHUNK), files)]:
        # Largest files first: bytes roughly measure work (scans, long procès-verbaux), and a long
        # document started last would leave the other workers idle at the end.
        chunk.sort(key=lambda task: -_size(task.path))
        done = set() if redo == "all" else done_documents(con, [t.document_id for t in chunk], retry_failed=redo == "failed")
        for task in chunk:
            yield task, (task.sha256 != "" and task.document_id in done)


# --- the batch: plan, execute, write, account -------------------------------------------------------

@dataclass
class IngestReport:
    files: int = 0
    ingested: int = 0
    skipped: int = 0
    failed: int = 0
    no_text: int = 0
    pages: int = 0
    ocr_pages: int = 0  # pages read by OCR
    unread_pages: int = 0  # pages needing OCR that were not OCR'd (no tesseract, --no-ocr, a tesseract failure)
    seconds: float = 0.0
    worker_peak_rss: int = 0
    worker_cpu_seconds: float = 0.0  # CPU the workers spent on the documents, all together
    run_id: str = ""
    reasons: Counter = field(default_factory=Counter)  # failure kind -> documents
    examples: dict[str, str] = field(default_factory=dict)  # failure kind -> one full reason with its file

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def count(self, document: dict) -> str:
        """Account for one finished document, given as its row of the documents table."""
        status = document["status"]
        self.pages += document["page_count"] or 0
        self.ocr_pages += document.get("ocr_pages") or 0
        self.unread_pages += document.get("unread_pages") or 0
        if status == "ok":
            self.ingested += 1
        else:
            self.failed += status == "failed"
            self.no_text += status == "no_text"
            kind = document["failure_kind"] or "unknown"
            self.reasons[kind] += 1
            self.examples.setdefault(kind, f"{document['error']} ({document['source_path']})")
        return status

    def uncount(self, document: dict) -> None:
        """Take back a document counted before (the writer has recorded it failed after all)."""
        status = document["status"]
        self.pages -= document["page_count"] or 0
        if status == "ok":
            self.ingested -= 1
        else:
            self.failed -= status == "failed"
            self.no_text -= status == "no_text"
            self.reasons[document["failure_kind"] or "unknown"] -= 1

    def as_counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("files", "ingested", "skipped", "failed", "no_text", "pages")}


# (report so far, last document's status, "path: reason" when it failed, whether that committed a batch)
ProgressCallback = Callable[[IngestReport, str, str | None, bool], None]


def ingest(
    paths: Iterable[Path],
    db: Path | str,
    *,
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    redo: str = "none",
    executor: str = "processes",
    scheduler: str | None = None,
    shard_root: Path | None = None,
    commit_every: int = 64,
    ocr: bool = True,
    on_progress: ProgressCallback | None = None,
) -> IngestReport:
    """Ingest every PDF under `paths` into `db`; never stops on a bad file."""
    workers = (os.cpu_count() or 1) if workers is None else workers
    started = time.perf_counter()
    pool = None
    if executor != "dask":
        pool = ProcessPool(workers, timeout) if workers > 0 else InlineExecutor()
        # the workers' server imports the pipeline while this process loads DuckDB and opens the database
        pool.start_server()
    # this process only schedules and writes: DuckDB and Arrow are imported here, the pipeline never
    from pipeline.orchestration.writer import Writer
    from pipeline.store import connect, finish_run, start_run
    from pipeline.store.persons import rebuild_persons

    con = connect(db)
    # One writer thread: the cores belong to the workers. DuckDB's default (a thread per core)
    # made the batch's inserts cost half as much again in CPU for no shorter commit.
    con.execute("SET threads = 1")
    run_id = start_run(con, executor, workers)
    report = IngestReport(run_id=run_id)
    writer = Writer(con, run_id, commit_every)
    notify = on_progress or (lambda *_: None)

    def to_process() -> Iterator[Task]:
        for task, skip in plan(con, iter_files(paths), redo, ocr):
            report.files += 1
            if skip:
                report.skipped += 1
                notify(report, "skipped", None, False)
            else:
                yield task

    def finished(document: dict, committed: bool) -> None:
        status = report.count(document)
        report.seconds = time.perf_counter() - started
        notify(report, status, None if status == "ok" else f"{document['source_path']}: {document['error']}", committed)

    def recount(replaced: list[tuple[dict, dict]]) -> None:
        for counted, written in replaced:  # a value fitted no column: the document is failed after all
            report.uncount(counted)
            finished(written, True)

    try:
        if executor == "dask":
            if not scheduler:
                raise ValueError("--executor dask needs --scheduler ADDRESS")
            shards = Path(shard_root or Path(str(db)).parent / f"shards-{run_id}")
            with DaskExecutor(scheduler, shards, timeout) as dask_executor:
                for tables in dask_executor.imap_shards(to_process()):
                    writer.add_tables(tables)
                    for document in tables["documents"].to_pylist():
                        finished(document, True)
        else:
            with pool:
                for done in pool.imap_unordered(to_process()):
                    finished(done.summary, writer.add(done.rows))
                    recount(writer.take_replaced())
                writer.flush()
                recount(writer.take_replaced())
                report.worker_peak_rss = pool.peak_rss
                report.worker_cpu_seconds = pool.cpu_seconds
        con.execute("RESET threads")  # the workers are done: the persons' queries may use every core
        rebuild_persons(con)  # persons span documents: recomputed from all rows once the batch is in
        report.seconds = time.perf_counter() - started
        finish_run(con, run_id, report.as_counts())
    finally:
        con.close()
    return report
