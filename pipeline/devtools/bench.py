"""Benchmarks (commands, never timed unit tests), on real files or on the synthetic corpora of
pipeline.devtools.synthetic.

- `bench_files(files)`: in one run, end-to-end pages/s of the whole pipeline into a temporary
  DuckDB in this process (per core), the same with 1 and 2 worker processes (speedup, peak RSS
  per worker), and the text-only baselines on the same files: pdfplumber `extract_text()` and
  raw pypdfium2 `get_text_range()`.
- `bench_ocr(files)`: OCR alone on the pages that need it (the scanned pages), in this process with
  one tesseract at a time: pages OCR'd, seconds, pages/s per core (wall and CPU).
- `bench_query(n)`: n synthetic délibérations with their attendance generated in DuckDB with SQL,
  and the time of the attendance-rate-per-person query over all of them."""
from __future__ import annotations

import os
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


def _timed_ingest(files: list[Path], workers: int, name: str, cores: int, ocr: bool) -> Measure:
    from pipeline.orchestration.batch import ingest  # the whole batch, as a user runs it

    with tempfile.TemporaryDirectory(prefix="delib-bench-") as folder:
        db = Path(folder) / "bench.duckdb"
        report = ingest(files, db, workers=workers, commit_every=64, ocr=ocr)
        with duckdb.connect(str(db), read_only=True) as con:
            ocr_documents = con.execute("SELECT count(*) FROM documents WHERE ocr").fetchone()[0]
    rss = report.worker_peak_rss / 2**20 if report.worker_peak_rss else None
    note = f"{report.ingested} ok, {report.failed} failed, {report.no_text} no text, {ocr_documents} with OCR"
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
                ocr: bool = True, on_measure=lambda m: None) -> BenchReport:
    """All measures on the same files, in this order, each in one process unless it says workers."""
    report = BenchReport(corpus)

    def record(measure: Measure) -> Measure:
        report.measures.append(measure)
        on_measure(measure)
        return measure

    suffix = "" if ocr else ", no OCR"
    record(_timed_ingest(files, 0, f"pipeline end to end, in process{suffix}", 1, ocr))
    by_workers = {n: record(_timed_ingest(files, n, f"pipeline end to end, {n} worker(s){suffix}", n, ocr)) for n in worker_counts}
    if 1 in by_workers and 2 in by_workers and by_workers[2].seconds:
        report.speedup = by_workers[1].seconds / by_workers[2].seconds
    if baselines:
        record(pdfplumber_text(files))
        record(pypdfium2_text(files))
    return report


# the bars of the speed issues, printed as met / NOT met beside each measure
BARS = {"per_core": 60.0, "speedup": 1.7, "rss_mb": 400.0, "ocr_per_core": 1.5}


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

    inline = report.measures[0]
    lines = [f"end to end per core (in process): {inline.per_core:.0f} pages/s — bar ≥ {BARS['per_core']:.0f}: "
             f"{verdict(inline.per_core >= BARS['per_core'])}"]
    if report.speedup is not None:
        lines.append(f"speedup 2 workers vs 1: {report.speedup:.2f}× — bar ≥ {BARS['speedup']}×: "
                     f"{verdict(report.speedup >= BARS['speedup'])} (machine: {os.cpu_count()} cores)")
    rss = [m.peak_rss_mb for m in report.measures[1:] if m.peak_rss_mb]  # [0] ran in this process: no worker
    if rss:
        lines.append(f"peak RSS per worker: {max(rss):.0f} MB — bar < {BARS['rss_mb']:.0f} MB: {verdict(max(rss) < BARS['rss_mb'])}")
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
