"""Benchmarks (commands, never timed unit tests), on real files or on the synthetic corpora of
pipeline.devtools.synthetic.

- `bench_files(files)`: in one run, on the same files: the whole `delib ingest --workers 1` as a
  user runs it (a new process pinned to one core, interpreter start and imports included), the
  start-up (`delib --help`, and `delib ingest` of the smallest file: the time to the first page),
  end-to-end pages/s of the whole pipeline into a temporary DuckDB in this process (per core), the
  same with 1 and 2 worker processes (speedup, peak RSS per worker), and the text-only baselines:
  pdfplumber `extract_text()` and raw pypdfium2 `get_text_range()`.
- `copies(files, n, folder)`: n copies of the files that differ by a trailing PDF comment, so
  that a batch reads each (it skips a file whose content it already holds).
- `bench_ocr(files)`: OCR alone on the pages that need it (the scanned pages), in this process with
  one tesseract at a time: pages OCR'd, seconds, pages/s per core (wall and CPU).
- `bench_query(n)`: n synthetic délibérations with their attendance generated in DuckDB with SQL,
  and the time of the attendance-rate-per-person query over all of them."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from rich.table import Table

# --- throughput: the pipeline end to end, and text-only baselines on the same files ---------------

@dataclass
class Measure:
    name: str
    files: int
    pages: int
    seconds: float
    cores: int = 1
    peak_rss_mb: float | None = None
    note: str = ""

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def per_core(self) -> float:
        return self.pages_per_second / self.cores


@dataclass
class BenchReport:
    corpus: str
    measures: list[Measure] = field(default_factory=list)
    speedup: float | None = None  # wall time with 1 worker / with 2 workers
    help_seconds: float | None = None  # `delib --help`, wall, best of 3
    first_page_seconds: float | None = None  # `delib ingest` of the smallest file, start to exit, best of 3
    first_page_file: str = ""
    load_average: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before and after: other jobs on the machine

    def measure(self, prefix: str) -> Measure | None:
        return next((m for m in self.measures if m.name.startswith(prefix)), None)


# --- the command as a user runs it: a new process, start-up included -----------------------------

def delib_command() -> list[str]:
    """The installed `delib` script beside this interpreter, else the module."""
    script = Path(sys.executable).parent / "delib"
    return [str(script)] if script.exists() else [sys.executable, "-m", "pipeline.cli"]


def _on_one_core() -> None:
    """Run in the child before exec: it and every process it starts share one CPU."""
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def run_command(arguments: list[str], one_core: bool = False) -> float:
    """Wall seconds of `delib ARGUMENTS` in a new process, from its start to its exit."""
    started = time.perf_counter()
    subprocess.run(delib_command() + arguments, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   preexec_fn=_on_one_core if one_core and hasattr(os, "sched_setaffinity") else None)
    return time.perf_counter() - started


def _whole_process(files: list[Path], ocr: bool) -> Measure:
    """`delib ingest FOLDER --workers 1` pinned to one core, timed from outside: interpreter start,
    imports, the database, the worker's start and its model loading, the writes and the persons
    rebuild all count. The files are linked into one folder (a command line of thousands of paths
    would be too long)."""
    with tempfile.TemporaryDirectory(prefix="delib-bench-") as folder:
        inputs = Path(folder) / "in"
        inputs.mkdir()
        for number, path in enumerate(files):
            _link(path, inputs / f"{number:06d}-{Path(path).name}")
        db = Path(folder) / "whole.duckdb"
        seconds = run_command(["ingest", str(inputs), "--db", str(db), "--workers", "1", "--no-ocr-cache",
                               *([] if ocr else ["--no-ocr"])], one_core=True)
        with duckdb.connect(str(db), read_only=True) as con:
            pages, ok = con.execute("SELECT sum(page_count), count(*) FILTER (WHERE status = 'ok') FROM documents").fetchone()
    return Measure("whole process, delib ingest --workers 1 on one core", len(files), int(pages or 0), seconds,
                   note=f"{ok} ok; start-up included")


def _link(source: Path, target: Path) -> None:
    try:
        os.symlink(Path(source).resolve(), target)
    except OSError:
        shutil.copyfile(source, target)


def _start_up(files: list[Path], report: "BenchReport", repeats: int = 3) -> None:
    """`delib --help`, and `delib ingest` of the smallest file with one worker, in new processes;
    best of `repeats` (the first run may find the disk cache cold)."""
    report.help_seconds = min(run_command(["--help"]) for _ in range(repeats))
    smallest = min(files, key=lambda p: Path(p).stat().st_size)
    report.first_page_file = Path(smallest).name
    timings = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="delib-bench-") as folder:
            timings.append(run_command(["ingest", str(smallest), "--db", str(Path(folder) / "one.duckdb"),
                                        "--workers", "1", "--no-ocr-cache"]))
    report.first_page_seconds = min(timings)


def copies(files: list[Path], count: int, folder: Path) -> list[Path]:
    """`count` copies of `files` in `folder` ("copy2-name.pdf", ...). Copy 1 is the file itself;
    each further copy ends with one more line, a PDF comment after %%EOF that readers ignore, so
    its sha256 differs and the batch does not skip it as already ingested."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for copy in range(1, count + 1):
        for number, path in enumerate(files):
            target = folder / f"copy{copy}-{number:05d}-{Path(path).name}"
            data = Path(path).read_bytes()
            target.write_bytes(data if copy == 1 else data + f"\n% deliberata bench copy {copy}\n".encode())
            made.append(target)
    return made


def _timed_ingest(files: list[Path], workers: int, name: str, cores: int, ocr: bool) -> Measure:
    from pipeline.orchestration.batch import ingest  # the whole batch, as a user runs it

    with tempfile.TemporaryDirectory(prefix="delib-bench-") as folder:
        db = Path(folder) / "bench.duckdb"
        cpu = time.process_time()
        report = ingest(files, db, workers=workers, commit_every=64, ocr=ocr)
        main_cpu = time.process_time() - cpu
        with duckdb.connect(str(db), read_only=True) as con:
            ocr_documents = con.execute("SELECT count(*) FROM documents WHERE ocr").fetchone()[0]
    rss = report.worker_peak_rss / 2**20 if report.worker_peak_rss else None
    note = f"{report.ingested} ok, {report.failed} failed, {report.no_text} no text, {ocr_documents} with OCR"
    if workers:  # what the main process (scheduling, writing) costs beside the workers
        note += f"; CPU: main process {main_cpu:.1f} s, workers {report.worker_cpu_seconds:.1f} s"
    return Measure(name, report.files, report.pages, report.seconds, cores, rss, note)


def pdfplumber_text(files: list[Path]) -> Measure:
    import pdfplumber

    pages, failed, started = 0, 0, time.perf_counter()
    for path in files:
        try:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    pages += 1
                    page.close()  # pdfplumber caches parsed objects per page otherwise
        except Exception:  # a baseline: bad files are just counted
            failed += 1
    return Measure("pdfplumber extract_text()", len(files), pages, time.perf_counter() - started, note=f"{failed} unreadable")


def pypdfium2_text(files: list[Path]) -> Measure:
    import pypdfium2 as pdfium

    pages, failed, started = 0, 0, time.perf_counter()
    for path in files:
        try:
            pdf = pdfium.PdfDocument(path)
        except pdfium.PdfiumError:
            failed += 1
            continue
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return Measure("pypdfium2 get_text_range()", len(files), pages, time.perf_counter() - started, note=f"{failed} unreadable")


def bench_files(corpus: str, files: list[Path], worker_counts: tuple[int, ...] = (1, 2), baselines: bool = True,
                ocr: bool = True, on_measure=lambda m: None, whole_process: bool = True) -> BenchReport:
    """All measures on the same files, in this order, each in one process unless it says workers."""
    report = BenchReport(corpus)
    report.load_average = (os.getloadavg()[0], 0.0)

    def record(measure: Measure) -> Measure:
        report.measures.append(measure)
        on_measure(measure)
        return measure

    suffix = "" if ocr else ", no OCR"
    if whole_process:
        record(_whole_process(files, ocr))
        _start_up(files, report)
    record(_timed_ingest(files, 0, f"pipeline end to end, in process{suffix}", 1, ocr))
    by_workers = {n: record(_timed_ingest(files, n, f"pipeline end to end, {n} worker(s){suffix}", n, ocr)) for n in worker_counts}
    if 1 in by_workers and 2 in by_workers and by_workers[2].seconds:
        report.speedup = by_workers[1].seconds / by_workers[2].seconds
    if baselines:
        record(pdfplumber_text(files))
        record(pypdfium2_text(files))
    report.load_average = (report.load_average[0], os.getloadavg()[0])
    return report


# the bars of the speed issues, printed as met / NOT met beside each measure: the whole process
# on the Montpellier corpus (pages/s, and against pdfplumber in the same run), one worker on four
# copies of it (pages/s per core), the speedup of two workers, the peak RSS of a worker, the
# start-up (`delib --help`, one small PDF ingested)
BARS = {"per_core": 60.0, "vs_pdfplumber": 5.0, "worker_per_core": 150.0, "speedup": 1.8, "rss_mb": 300.0,
        "start_seconds": 1.0, "ocr_per_core": 1.5}


# --- OCR alone, on the scanned pages --------------------------------------------------------------

@dataclass
class OcrMeasure:
    files: int  # files with at least one page to OCR
    pages: int  # pages OCR'd (blank ones included: they are rendered and measured, not sent to tesseract)
    blank: int
    words: int
    seconds: float  # wall time of the OCR (render, tesseract, merge) in this process
    cpu_seconds: float  # CPU of this process and of the tesseract processes it ran
    skipped_files: int = 0  # files without a page to OCR

    @property
    def per_core(self) -> float:
        """One process running one tesseract at a time uses one core: pages per wall second."""
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def per_cpu_second(self) -> float:
        """Pages per CPU second: the figure a loaded machine does not distort."""
        return self.pages / self.cpu_seconds if self.cpu_seconds else 0.0


def _cpu_seconds() -> float:
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def bench_ocr(files: list[Path], on_file=lambda path, pages: None) -> OcrMeasure:
    """OCR every page the OCR stage would (its page decision), as the stage does it; layout and
    the page decision are not timed. The caller disables the OCR cache."""
    import pypdfium2 as pdfium

    from pipeline.stages.layout import layout
    from pipeline.stages.load import load
    from pipeline.stages.ocr import ocr_page
    from pipeline.stages.ocr.decision import decide_page

    measure = OcrMeasure(0, 0, 0, 0, 0.0, 0.0)
    for path in files:
        loaded = load(Path(path))
        if loaded.error:
            loaded.close()
            continue
        doc = layout(loaded)
        wanted = [index for index, coverage in enumerate(doc.coverage) if decide_page(coverage).ocr]
        if not wanted:
            measure.skipped_files += 1
            loaded.close()
            continue
        measure.files += 1
        scratch = pdfium.PdfDocument(loaded.data)
        started, cpu = time.perf_counter(), _cpu_seconds()
        for index in wanted:
            reading = ocr_page(scratch, doc, index, [])
            measure.words += sum(len(line.text.split()) for line in reading.lines)
            measure.blank += reading.blank
        measure.seconds += time.perf_counter() - started
        measure.cpu_seconds += _cpu_seconds() - cpu
        measure.pages += len(wanted)
        scratch.close()
        loaded.close()
        on_file(path, len(wanted))
    return measure


def ocr_verdict(measure: OcrMeasure) -> str:
    ok = measure.per_core >= BARS["ocr_per_core"]
    return (f"OCR per core: {measure.per_core:.2f} pages/s (wall), {measure.per_cpu_second:.2f} pages per CPU second — "
            f"bar ≥ {BARS['ocr_per_core']}: {'met' if ok else 'NOT met'}")


def results_table(report: BenchReport) -> Table:
    table = Table(title=f"delib bench — {report.corpus}")
    for column in ("measure", "files", "pages", "seconds", "pages/s", "pages/s per core", "peak RSS / worker*", "note"):
        table.add_column(column, justify="left" if column in ("measure", "note") else "right")
    for m in report.measures:
        rss = f"{m.peak_rss_mb:.0f} MB" if m.peak_rss_mb else ""
        table.add_row(m.name, str(m.files), str(m.pages), f"{m.seconds:.1f}", f"{m.pages_per_second:.0f}",
                      f"{m.per_core:.0f}", rss, m.note)
    return table


def verdicts(report: BenchReport) -> list[str]:
    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    lines = []
    whole, plumber = report.measure("whole process"), report.measure("pdfplumber")
    raw, one = report.measure("pypdfium2"), report.measure("pipeline end to end, 1 worker")
    if whole:
        lines.append(f"whole process on one core, start-up included: {whole.pages_per_second:.0f} pages/s — bar ≥ "
                     f"{BARS['per_core']:.0f} (Montpellier): {verdict(whole.pages_per_second >= BARS['per_core'])}")
        if plumber and plumber.pages_per_second:
            ratio = whole.pages_per_second / plumber.pages_per_second
            lines.append(f"  = {ratio:.1f}× plain pdfplumber in this run — bar ≥ {BARS['vs_pdfplumber']:.0f}×: "
                         f"{verdict(ratio >= BARS['vs_pdfplumber'])}")
    else:
        inline = report.measures[0]
        lines.append(f"end to end per core (in process): {inline.per_core:.0f} pages/s — bar ≥ {BARS['per_core']:.0f}: "
                     f"{verdict(inline.per_core >= BARS['per_core'])}")
    if one:
        lines.append(f"one worker per core: {one.per_core:.0f} pages/s — bar ≥ {BARS['worker_per_core']:.0f} (four copies of "
                     f"Montpellier): {verdict(one.per_core >= BARS['worker_per_core'])}")
        if raw and raw.pages_per_second:
            lines.append(f"  = {100 * one.per_core / raw.pages_per_second:.0f}% of raw PDFium text on the same files "
                         f"(the bars: 150 = 22% of the 680 pages/s of the machine the issue was measured on)")
    if report.speedup is not None:
        lines.append(f"speedup 2 workers vs 1: {report.speedup:.2f}× — bar ≥ {BARS['speedup']}×: "
                     f"{verdict(report.speedup >= BARS['speedup'])} (machine: {os.cpu_count()} cores)")
    rss = [m.peak_rss_mb for m in report.measures if m.peak_rss_mb and "worker" in m.name]  # not the in-process row
    if rss:
        lines.append(f"peak RSS per worker: {max(rss):.0f} MB — bar < {BARS['rss_mb']:.0f} MB: {verdict(max(rss) < BARS['rss_mb'])}")
    if report.help_seconds is not None:
        lines.append(f"start-up: delib --help {report.help_seconds:.2f} s; delib ingest of one small PDF "
                     f"({report.first_page_file}), start to exit (time to first page included) {report.first_page_seconds:.2f} s"
                     f" — bar < {BARS['start_seconds']:.0f} s: "
                     f"{verdict(max(report.help_seconds, report.first_page_seconds) < BARS['start_seconds'])}")
    before, after = report.load_average
    lines.append(f"machine: {os.cpu_count()} cores; 1-minute load average {before:.1f} before, {after:.1f} after "
                 f"(other jobs share the cores: figures are of this run)")
    return lines


# --- queries at scale ---------------------------------------------------------------------------

ATTENDANCE_RATE_QUERY = """
SELECT person,
       count(*) AS listed,
       count(*) FILTER (WHERE status = 'present') AS present,
       round(present / listed, 4) AS attendance_rate
FROM attendance
GROUP BY person
ORDER BY attendance_rate DESC, person
"""


@dataclass
class QueryReport:
    deliberations: int
    attendance_rows: int
    persons: int
    generate_seconds: float
    file_mb: float
    cold_seconds: float  # first run on a freshly opened database
    warm_seconds: list[float]


def generate_query_corpus(con, deliberations: int, communes: int = 5000, items_per_seance: int = 8) -> None:
    """`deliberations` rows and their attendance, in SQL: seances of 8 items, each commune with
    15–30 councillors, ~85% present, 7% represented, 8% absent (deterministic hash draw)."""
    con.execute(f"""
        INSERT INTO deliberations (deliberation_id, document_id, seance_id, item_number, objet)
        SELECT 'syn-' || i, 'syndoc-' || (i // {items_per_seance}), 'synseance-' || (i // {items_per_seance}),
               i % {items_per_seance} + 1, 'Objet ' || i
        FROM range({deliberations}) t(i)""")
    con.execute(f"""
        INSERT INTO attendance (deliberation_id, person, status, proxy, page)
        SELECT 'syn-' || i, 'Conseiller ' || (i // {items_per_seance} % {communes}) || '-' || m,
               CASE WHEN hash(i, m) % 100 < 85 THEN 'present' WHEN hash(i, m) % 100 < 92 THEN 'represented'
                    ELSE 'absent' END,
               NULL, 1
        FROM range({deliberations}) t(i), range(30) r(m)
        WHERE m < 15 + (i // {items_per_seance} % {communes}) % 16""")
    con.execute("CHECKPOINT")


def bench_query(deliberations: int, runs: int = 5, db_path: Path | None = None) -> QueryReport:
    from pipeline.store import connect

    with tempfile.TemporaryDirectory(prefix="delib-query-") as folder:
        path = db_path or Path(folder) / "scale.duckdb"
        con = connect(path)
        started = time.perf_counter()
        generate_query_corpus(con, deliberations)
        generated = time.perf_counter() - started
        attendance_rows = con.execute("SELECT count(*) FROM attendance").fetchone()[0]
        con.close()
        con = connect(path)  # reopened: the first run reads from disk, not from what generation left in memory
        started = time.perf_counter()
        persons = len(con.execute(ATTENDANCE_RATE_QUERY).fetchall())
        cold = time.perf_counter() - started
        warm = []
        for _ in range(runs):
            started = time.perf_counter()
            con.execute(ATTENDANCE_RATE_QUERY).fetchall()
            warm.append(time.perf_counter() - started)
        con.close()
        size = Path(path).stat().st_size / 2**20
    return QueryReport(deliberations, attendance_rows, persons, generated, size, cold, warm)
