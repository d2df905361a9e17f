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

import hashlib
import multiprocessing as mp
import os
import resource
import shutil
import signal
import time
import traceback
import uuid
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Iterable, Iterator

import duckdb
import pyarrow as pa

from models import DocumentResult
from pipeline.load_db import (
    DocumentRows, connect, document_rows, done_documents, finish_run, rows_to_arrow, start_run, unwritable_reason,
    write_tables,
)
from pipeline.run import document_id_for, process_document
from pipeline.store.persons import rebuild_persons

DEFAULT_TIMEOUT = 300.0
HASH_CHUNK = 1 << 20
LOOKUP_CHUNK = 256  # files hashed and looked up in ingest_log at a time
MAX_TASKS_PER_WORKER = 500  # a worker is replaced after this many documents, bounding slow leaks


# --- finding and planning work -----------------------------------------------------------------

def iter_pdfs(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, folders walked recursively for *.pdf, in a stable order, lazily (one
    directory listing in memory at a time)."""
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            yield path
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders.sort()
            for name in sorted(files):
                if name.lower().endswith(".pdf"):
                    yield Path(folder) / name


def find_pdfs(paths: Iterable[Path]) -> list[Path]:
    """Every PDF under `paths`, each once (for small batches and tools; ingest streams instead)."""
    return list(dict.fromkeys(p.resolve() for p in iter_pdfs(paths)))


def sha256_of_file(path: Path) -> str | None:
    """The file's sha256, read in chunks; None when it cannot be read (the worker then records why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(HASH_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


@dataclass(frozen=True)
class Task:
    path: str
    document_id: str
    sha256: str
    ocr: bool = True

    @classmethod
    def for_path(cls, path: Path, ocr: bool = True) -> "Task":
        path = Path(os.path.abspath(path))  # workers (Dask's above all) need not share our working directory
        digest = sha256_of_file(path)
        if digest is None:  # same id as process_document gives an unreadable file
            return cls(str(path), document_id_for(hashlib.sha256(str(path).encode()).hexdigest()), "", ocr)
        return cls(str(path), document_id_for(digest), digest, ocr)


def plan(con: duckdb.DuckDBPyConnection, files: Iterable[Path], redo: str = "none", ocr: bool = True) -> Iterator[tuple[Task, bool]]:
    """(task, skip) for every file, skip=True when the ingest_log already has it done by this
    pipeline version. redo: 'none', 'failed' (retry documents not ok) or 'all' (--force)."""
    files = iter(files)
    while chunk := [Task.for_path(p, ocr) for _, p in zip(range(LOOKUP_CHUNK), files)]:
        # Largest files first: bytes roughly measure work (scans, long procès-verbaux), and a long
        # document started last would leave the other workers idle at the end.
        chunk.sort(key=lambda task: -_size(task.path))
        done = set() if redo == "all" else done_documents(con, [t.document_id for t in chunk], retry_failed=redo == "failed")
        for task in chunk:
            yield task, (task.sha256 != "" and task.document_id in done)


# --- the per-document function and its failures --------------------------------------------------

def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


@dataclass
class Done:
    """A processed document, as it travels back to the writer."""

    task: Task
    rows: DocumentRows
    peak_rss: int = 0  # of the process that did it

    @property
    def summary(self) -> tuple:
        """(document_id, source_path, sha256, page_count, has_text_layer, ocr, status, error, stage, version)."""
        return self.rows["documents"][0]


def failed_rows(task: Task, stage: str, reason: str) -> DocumentRows:
    result = DocumentResult(document_id=task.document_id, source_path=task.path, sha256=task.sha256)
    return document_rows(result.fail(stage, reason))


def run_task(task: Task) -> Done:
    """The per-document function every executor runs: never raises."""
    try:
        rows = document_rows(process_document(Path(task.path), ocr=task.ocr))
        problem = unwritable_reason(rows)
    except Exception as exc:  # process_document never raises; a bug turning it into rows must not either
        problem = f"{type(exc).__name__} building rows: {exc}"
    if problem:
        rows = failed_rows(task, "load_db", problem)
    return Done(task, rows, peak_rss_bytes())


# --- executor: a pool of processes with a deadline per document ------------------------------------

def _worker_loop(conn: Connection, function: Callable[[Task], Done], environment: dict[str, str]) -> None:
    # Workers fork from the forkserver, whose environment is the one it started with; take the
    # pool creator's instead (PATH decides whether tesseract is there).
    os.environ.clear()
    os.environ.update(environment)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone (killed): nothing left to do
            return
        if task is None:
            return
        try:
            conn.send(function(task))
        except (BrokenPipeError, OSError):
            return
        except Exception:  # unpicklable rows: report it rather than die silently
            conn.send(Done(task, failed_rows(task, "load_db", traceback.format_exc(limit=1).splitlines()[-1])))


@dataclass(eq=False)
class _Slot:
    process: mp.Process
    conn: Connection
    task: Task | None = None
    deadline: float = 0.0
    handled: int = 0


def _exit_reason(process: mp.Process) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        return f"worker crashed (killed by {signal.Signals(-code).name})"
    return f"worker crashed (exit code {code})"


class ProcessPool:
    """`workers` processes, each doing one document at a time under `timeout` seconds.

    Not concurrent.futures: its pool cannot kill one hung worker, and a worker dying breaks the
    whole pool. Here a late or dead worker is killed and replaced, and its document recorded."""

    def __init__(self, workers: int, timeout: float = DEFAULT_TIMEOUT, max_tasks_per_worker: int = MAX_TASKS_PER_WORKER,
                 function: Callable[[Task], Done] = run_task):
        self.workers = max(1, workers)
        self.function = function  # module-level (workers import it by name); tests swap in misbehaving ones
        self.timeout = timeout
        self.max_tasks_per_worker = max_tasks_per_worker
        # forkserver: workers fork from a clean process that has the pipeline imported, not from
        # this one, which holds DuckDB's threads (forking a threaded process can deadlock).
        self._context = mp.get_context("forkserver")
        self._context.set_forkserver_preload(["pipeline.batch"])
        self._slots: list[_Slot] = []
        self.peak_rss = 0  # the largest peak RSS any worker reported

    def __enter__(self) -> "ProcessPool":
        self._slots = [self._start() for _ in range(self.workers)]
        return self

    def __exit__(self, *exc) -> None:
        for slot in self._slots:
            self._stop(slot, graceful=slot.task is None)
        self._slots = []

    def _start(self) -> _Slot:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker_loop, args=(child, self.function, dict(os.environ)), daemon=True)
        process.start()
        child.close()
        return _Slot(process, parent)

    def _stop(self, slot: _Slot, graceful: bool) -> None:
        if graceful:
            try:
                slot.conn.send(None)
            except OSError:
                pass
            slot.process.join(timeout=2)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join()
        slot.conn.close()

    def _replace(self, slot: _Slot, graceful: bool = False) -> _Slot:
        self._stop(slot, graceful)
        return self._start()

    def imap_unordered(self, tasks: Iterable[Task]) -> Iterator[Done]:
        """Results as they finish. Freed workers get their next document before results are
        handed on, so workers do not wait while the caller writes."""
        pending = iter(tasks)
        self._refill(pending)
        while busy := [s for s in self._slots if s.task is not None]:
            ready = wait([s.conn for s in busy], timeout=max(0.0, min(s.deadline for s in busy) - time.monotonic()))
            finished: list[Done] = []
            for slot in busy:
                if slot.conn in ready:
                    finished.append(self._collect(slot))
                elif time.monotonic() >= slot.deadline:
                    finished.append(Done(slot.task, failed_rows(slot.task, "timeout", f"timeout after {self.timeout:g}s")))
                    self._replace_slot(slot)
            self._refill(pending)
            yield from finished

    def _refill(self, pending: Iterator[Task]) -> None:
        for i, slot in enumerate(self._slots):
            if slot.task is None:
                task = next(pending, None)
                if task is None:
                    return
                self._slots[i] = self._assign(slot, task)

    def _assign(self, slot: _Slot, task: Task) -> _Slot:
        if slot.handled >= self.max_tasks_per_worker:
            slot = self._replace(slot, graceful=True)
        try:
            slot.conn.send(task)
        except OSError:  # died while idle: start afresh
            slot = self._replace(slot)
            slot.conn.send(task)
        slot.task, slot.deadline = task, time.monotonic() + self.timeout
        return slot

    def _collect(self, slot: _Slot) -> Done:
        task = slot.task
        try:
            done = slot.conn.recv()
        except (EOFError, OSError):
            slot.process.join(timeout=2)
            done = Done(task, failed_rows(task, "process", _exit_reason(slot.process)))
            self._replace_slot(slot)
            return done
        slot.task, slot.handled = None, slot.handled + 1
        self.peak_rss = max(self.peak_rss, done.peak_rss)
        return done

    def _replace_slot(self, slot: _Slot) -> None:
        self._slots[self._slots.index(slot)] = self._replace(slot)


class InlineExecutor:
    """workers=0: everything in this process, no isolation and no timeout (for debugging/profiling)."""

    peak_rss = 0

    def __enter__(self) -> "InlineExecutor":
        return self

    def __exit__(self, *exc) -> None:
        pass

    def imap_unordered(self, tasks: Iterable[Task]) -> Iterator[Done]:
        for task in tasks:
            done = run_task(task)
            self.peak_rss = max(self.peak_rss, done.peak_rss)
            yield done


# --- executor: Dask distributed, results as Parquet shards -----------------------------------------

def process_shard(tasks: list[Task], shard_root: str, timeout: float) -> str:
    """Run on a Dask worker: process `tasks` (each isolated under its deadline when this process
    may have children) and write one Parquet file per table into a new shard folder. The folder
    appears under its final name only once complete, so the loader never reads half a shard."""
    if mp.current_process().daemon:  # dask's default worker processes may not fork: no isolation
        executor = InlineExecutor()
    else:
        executor = ProcessPool(1, timeout)
    with executor:
        batch = [done.rows for done in executor.imap_unordered(tasks)]
    import pyarrow.parquet as pq

    name = f"shard-{uuid.uuid4().hex}"
    partial = Path(shard_root) / f".{name}.partial"
    partial.mkdir(parents=True)
    for table, data in rows_to_arrow(batch).items():
        pq.write_table(data, partial / f"{table}.parquet")
    final = Path(shard_root) / name
    partial.rename(final)
    return str(final)


def read_shard(shard: str) -> dict[str, pa.Table]:
    import pyarrow.parquet as pq

    return {path.stem: pq.read_table(path) for path in Path(shard).glob("*.parquet")}


class DaskExecutor:
    """Send shards of `shard_size` documents to a Dask scheduler, at most two per worker thread
    in flight; yields each shard's tables once it is written."""

    def __init__(self, scheduler: str, shard_root: Path, timeout: float = DEFAULT_TIMEOUT, shard_size: int = 16):
        self.scheduler = scheduler
        self.shard_root = Path(shard_root)
        self.timeout = timeout
        self.shard_size = shard_size
        self.peak_rss = 0

    def __enter__(self) -> "DaskExecutor":
        from distributed import Client  # optional dependency: the `dask` extra

        self._client = Client(self.scheduler)
        self.shard_root.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc) -> None:
        self._client.close()
        shutil.rmtree(self.shard_root, ignore_errors=True)

    def imap_shards(self, tasks: Iterable[Task]) -> Iterator[dict[str, pa.Table]]:
        from distributed import as_completed

        threads = sum(self._client.nthreads().values()) or 1
        chunks = _chunked(iter(tasks), self.shard_size)
        running = as_completed()
        for chunk in _take(chunks, 2 * threads):
            running.add(self._submit(chunk))
        for future in running:
            shard = future.result()
            future.release()
            for chunk in _take(chunks, 1):
                running.add(self._submit(chunk))
            yield read_shard(shard)
            shutil.rmtree(shard, ignore_errors=True)

    def _submit(self, chunk: list[Task]):
        return self._client.submit(process_shard, chunk, str(self.shard_root), self.timeout, pure=False)


def _chunked(items: Iterator, size: int) -> Iterator[list]:
    while chunk := [item for _, item in zip(range(size), items)]:
        yield chunk


def _take(items: Iterator, count: int) -> list:
    return [item for _, item in zip(range(count), items)]


# --- the batch: plan, execute, write, account -------------------------------------------------------

def reason_group(error: str | None) -> str:
    """Failures grouped by the part of their reason before a colon ('not a PDF: starts with
    b'<html'' and 'not a PDF: starts with b'PK..'' are one group)."""
    return (error or "unknown").split(":")[0].strip()


@dataclass
class IngestReport:
    files: int = 0
    ingested: int = 0
    skipped: int = 0
    failed: int = 0
    no_text: int = 0
    pages: int = 0
    seconds: float = 0.0
    worker_peak_rss: int = 0
    run_id: str = ""
    reasons: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # reason group -> one full reason with its file

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def count(self, summary: tuple) -> str:
        _, source_path, _, page_count, _, _, status, error, _, _ = summary
        self.pages += page_count or 0
        if status == "ok":
            self.ingested += 1
        else:
            self.failed += status == "failed"
            self.no_text += status == "no_text"
            group = reason_group(error)
            self.reasons[group] += 1
            self.examples.setdefault(group, f"{error} ({source_path})")
        return status

    def as_counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("files", "ingested", "skipped", "failed", "no_text", "pages")}


class _Writer:
    """The single DuckDB writer: buffers finished documents and commits them a batch at a time
    (by count, row volume or age), so the buffer is bounded and a crash loses little."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str, commit_every: int, max_age: float = 2.0):
        self.con, self.run_id, self.commit_every, self.max_age = con, run_id, commit_every, max_age
        self.buffer: list[DocumentRows] = []
        self.rows = 0
        self.since = time.monotonic()

    def add(self, rows: DocumentRows) -> bool:
        """Buffer one document; True when that caused a commit."""
        self.buffer.append(rows)
        self.rows += sum(len(r) for r in rows.values())
        if len(self.buffer) >= self.commit_every or self.rows >= 50_000 or time.monotonic() - self.since > self.max_age:
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
    con = connect(db)
    run_id = start_run(con, executor, workers)
    report = IngestReport(run_id=run_id)
    writer = _Writer(con, run_id, commit_every)
    started = time.perf_counter()
    notify = on_progress or (lambda *_: None)

    def to_process() -> Iterator[Task]:
        for task, skip in plan(con, iter_pdfs(paths), redo, ocr):
            report.files += 1
            if skip:
                report.skipped += 1
                notify(report, "skipped", None, False)
            else:
                yield task

    def finished(summary: tuple, committed: bool) -> None:
        status = report.count(summary)
        report.seconds = time.perf_counter() - started
        notify(report, status, None if status == "ok" else f"{summary[1]}: {summary[7]}", committed)

    try:
        if executor == "dask":
            if not scheduler:
                raise ValueError("--executor dask needs --scheduler ADDRESS")
            shards = Path(shard_root or Path(str(db)).parent / f"shards-{run_id}")
            with DaskExecutor(scheduler, shards, timeout) as dask_executor:
                for tables in dask_executor.imap_shards(to_process()):
                    writer.add_tables(tables)
                    for summary in tables["documents"].to_pylist():
                        finished(tuple(summary.values()), True)
        else:
            pool = ProcessPool(workers, timeout) if workers > 0 else InlineExecutor()
            with pool:
                for done in pool.imap_unordered(to_process()):
                    finished(done.summary, writer.add(done.rows))
                writer.flush()
                report.worker_peak_rss = pool.peak_rss
        rebuild_persons(con)  # persons span documents: recomputed from all rows once the batch is in
        report.seconds = time.perf_counter() - started
        finish_run(con, run_id, report.as_counts())
    finally:
        con.close()
    return report
