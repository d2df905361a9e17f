"""Executors: where documents are processed. Each takes tasks and yields finished documents'
rows; none writes to the database (the single writer does, pipeline.orchestration.writer).

- `ProcessPool`: a local pool of worker processes, one document at a time each, under a deadline;
  a late or crashed worker is killed and replaced and its document recorded as failed.
- `InlineExecutor`: everything in this process (workers=0: debugging, profiling).
- `DaskExecutor`: a Dask distributed cluster writing Parquet shards the writer then loads."""
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
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

if TYPE_CHECKING:
    import pyarrow as pa

    from models import FailureKind
    from pipeline.store import DocumentRows

# The main process of a batch only schedules and writes: the pipeline (pydantic records, the
# stages, PDFium) is imported by the processes that run it — the forkserver, once, before it
# forks the workers (WORKER_PRELOAD), or this process with workers=0 — never at import here.
WORKER_PRELOAD = ["__main__", "pipeline.orchestration.executors", "pipeline.run", "pipeline.store.rows"]

DEFAULT_TIMEOUT = 300.0
HASH_CHUNK = 1 << 20
MAX_TASKS_PER_WORKER = 500  # a worker is replaced after this many documents, bounding slow leaks


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


@dataclass(frozen=True)
class Task:
    path: str
    document_id: str
    sha256: str
    ocr: bool = True

    @classmethod
    def for_path(cls, path: Path, ocr: bool = True) -> "Task":
        from pipeline.store.ids import document_id_for

        path = Path(os.path.abspath(path))  # workers (Dask's above all) need not share our working directory
        digest = sha256_of_file(path)
        if digest is None:  # same id as process_document gives an unreadable file
            return cls(str(path), document_id_for(hashlib.sha256(str(path).encode()).hexdigest()), "", ocr)
        return cls(str(path), document_id_for(digest), digest, ocr)


# --- the per-document function and its failures --------------------------------------------------

def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


@dataclass
class Done:
    """A processed document, as it travels back to the writer."""

    task: Task
    rows: DocumentRows
    peak_rss: int = 0  # of the process that did it
    cpu_seconds: float = 0.0  # CPU time the document took in that process (model loading included)

    @property
    def summary(self) -> dict:
        """The document's row of the documents table: id, path, page count, status, error ..."""
        return self.rows["documents"][0]


def failed_rows(task: Task, stage: str, reason: str, kind: FailureKind) -> DocumentRows:
    from models import DocumentResult  # only when a document fails outside the pipeline (timeout, crash)
    from pipeline.store import document_rows

    result = DocumentResult(document_id=task.document_id, source_path=task.path, sha256=task.sha256)
    return document_rows(result.fail(stage, reason, kind))


def run_task(task: Task) -> Done:
    """The per-document function every executor runs: never raises."""
    from models import FailureKind
    from pipeline.sources import process_file
    from pipeline.store import document_rows, unwritable_reason

    started = time.process_time()
    try:
        rows = document_rows(process_file(Path(task.path), ocr=task.ocr))
        problem = unwritable_reason(rows, convert=False)  # types: by the writer, a batch at a time
    except Exception as exc:  # process_document never raises; a bug turning it into rows must not either
        problem = f"{type(exc).__name__} building rows: {exc}"
    if problem:
        rows = failed_rows(task, "store", problem, FailureKind.UNWRITABLE)
    return Done(task, rows, peak_rss_bytes(), time.process_time() - started)


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
            from models import FailureKind

            conn.send(Done(task, failed_rows(task, "store", traceback.format_exc(limit=1).splitlines()[-1], FailureKind.UNWRITABLE)))


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
        # "__main__" in the preload: the forkserver imports the main script once, so that each
        # worker does not import it again (multiprocessing otherwise re-runs it in every child).
        self._context = mp.get_context("forkserver")
        self._context.set_forkserver_preload(WORKER_PRELOAD)
        self._slots: list[_Slot] = []
        self.peak_rss = 0  # the largest peak RSS any worker reported
        self.cpu_seconds = 0.0  # CPU the workers spent on documents, all together

    def start_server(self) -> None:
        """Start the forkserver now (it imports the pipeline once, WORKER_PRELOAD) so that it works
        while the caller gets ready; entering the pool waits for it, as without this."""
        from multiprocessing import forkserver

        forkserver.ensure_running()

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
                    from models import FailureKind

                    finished.append(Done(slot.task, failed_rows(slot.task, "timeout", f"timeout after {self.timeout:g}s", FailureKind.TIMEOUT)))
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
            from models import FailureKind

            slot.process.join(timeout=2)
            done = Done(task, failed_rows(task, "process", _exit_reason(slot.process), FailureKind.WORKER_CRASH))
            self._replace_slot(slot)
            return done
        slot.task, slot.handled = None, slot.handled + 1
        self.peak_rss = max(self.peak_rss, done.peak_rss)
        self.cpu_seconds += done.cpu_seconds
        return done

    def _replace_slot(self, slot: _Slot) -> None:
        self._slots[self._slots.index(slot)] = self._replace(slot)


class InlineExecutor:
    """workers=0: everything in this process, no isolation and no timeout (for debugging/profiling)."""

    peak_rss = 0
    cpu_seconds = 0.0

    def start_server(self) -> None:
        pass

    def __enter__(self) -> "InlineExecutor":
        return self

    def __exit__(self, *exc) -> None:
        pass

    def imap_unordered(self, tasks: Iterable[Task]) -> Iterator[Done]:
        for task in tasks:
            done = run_task(task)
            self.peak_rss = max(self.peak_rss, done.peak_rss)
            self.cpu_seconds += done.cpu_seconds
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

    from pipeline.store import rows_to_arrow

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
