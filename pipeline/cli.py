"""`delib` — the command line: ingest, eval, bench. A thin layer: each command parses its options,
calls the orchestration (pipeline.orchestration) or a developer tool (pipeline.devtools), and prints.

Only typer and rich are imported here: each command imports what it uses when it runs, so that
`delib --help` and the start of `delib ingest` do not load the pipeline, DuckDB, matplotlib or
frictionless (the pipeline is loaded by the worker processes; see orchestration.executors)."""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console

from pipeline.orchestration.executors import DEFAULT_TIMEOUT
from pipeline.outputs.commands import register as register_outputs

if TYPE_CHECKING:
    from pipeline.orchestration import batch

app = typer.Typer(add_completion=False, help="French council délibérations (PDF) -> validated records -> DuckDB.")
console = Console(stderr=True)
register_outputs(app)  # delib export, delib sql

DEFAULT_DB = Path("outputs/deliberations.duckdb")
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
DEFAULT_OCR_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "deliberata" / "ocr"
OcrCacheOption = Annotated[Path, typer.Option("--ocr-cache", help="where tesseract's output per page image is kept, so "
                                                               "scans are not OCR'd twice")]
NoOcrCacheOption = Annotated[bool, typer.Option("--no-ocr-cache", help="OCR every scanned page again")]


def _use_ocr_cache(folder: Path, disabled: bool) -> None:
    """Workers inherit the environment: the tesseract backend reads the cache folder from it."""
    from pipeline.backends import OCR_CACHE_ENV

    if disabled:
        os.environ.pop(OCR_CACHE_ENV, None)
    else:
        os.environ[OCR_CACHE_ENV] = str(folder)


class _IngestProgress:
    """Rich progress bar on a terminal; elsewhere (logs, CI) one plain line per commit, at most
    one a second, so a long batch shows it is alive."""

    def __init__(self, total: int, max_failure_lines: int = 20):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.total = total
        self.max_failure_lines = max_failure_lines
        self.failures_shown = 0
        self.last_line = 0.0
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
            TextColumn("ETA"), TimeRemainingColumn(), console=console, transient=True,
        )
        self.task = self.progress.add_task("ingest", total=total, rate="")

    def __enter__(self) -> "_IngestProgress":
        self.progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.__exit__(*exc)

    def __call__(self, report: batch.IngestReport, status: str, failure: str | None, committed: bool) -> None:
        rate = f"{report.pages_per_second:.0f} pages/s" if report.seconds else ""
        self.progress.update(self.task, advance=1, rate=rate)
        if failure and self.failures_shown < self.max_failure_lines:
            self.failures_shown += 1
            more = " (further failures: see the summary)" if self.failures_shown == self.max_failure_lines else ""
            console.print(f"[yellow]{status}[/yellow] {failure}{more}", highlight=False, markup=True)
        if committed and not console.is_terminal and time.monotonic() - self.last_line >= 1.0:
            self.last_line = time.monotonic()
            done = report.ingested + report.failed + report.no_text + report.skipped
            print(f"[ingest] committed {done}/{self.total} files, {report.pages} pages, {rate}", file=sys.stderr, flush=True)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="PDF files or folders (searched recursively for PDFs); "
                                                       "saved contract pages (.html, .htm, .txt) when named")],
    db: Annotated[Path, typer.Option("--db", help="DuckDB file to write")] = DEFAULT_DB,
    workers: Annotated[Optional[int], typer.Option(help="worker processes (default: one per core; 0: in this process)")] = None,
    timeout: Annotated[float, typer.Option(help="seconds one document may take before it is recorded as failed")] = DEFAULT_TIMEOUT,
    force: Annotated[bool, typer.Option("--force", help="reprocess documents already ingested by this pipeline version")] = False,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="reprocess documents whose last attempt was not ok")] = False,
    executor: Annotated[str, typer.Option(help="processes (local pool) or dask")] = "processes",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address (with --executor dask)")] = None,
    shard_dir: Annotated[Optional[Path], typer.Option(help="where Dask workers write Parquet shards (shared by all)")] = None,
    commit_every: Annotated[int, typer.Option(help="documents per DuckDB transaction")] = 64,
    ocr: Annotated[bool, typer.Option(help="OCR image-only pages when tesseract is installed")] = True,
    ocr_cache: OcrCacheOption = DEFAULT_OCR_CACHE,
    no_ocr_cache: NoOcrCacheOption = False,
) -> None:
    """Ingest PDFs (and named contract pages) into DuckDB. Bad files are recorded as failed; the
    batch goes on. Documents already ingested (same content, same pipeline version) are skipped,
    so an interrupted batch resumes where it stopped."""
    from pipeline.orchestration import batch
    from pipeline.sources import iter_files

    if executor not in ("processes", "dask"):
        raise typer.BadParameter("--executor must be 'processes' or 'dask'")
    _use_ocr_cache(ocr_cache, no_ocr_cache)
    total = sum(1 for _ in iter_files(paths))
    if not total:
        console.print("[red]no PDF found in the given paths[/red]")
        raise typer.Exit(code=1)
    redo = "all" if force else "failed" if retry_failed else "none"
    with _IngestProgress(total) as progress:
        report = batch.ingest(paths, db, workers=workers, timeout=timeout, redo=redo, executor=executor,
                              scheduler=scheduler, shard_root=shard_dir, commit_every=commit_every, ocr=ocr,
                              on_progress=progress)
    console.print(
        f"ingested {report.ingested} / skipped {report.skipped} / failed {report.failed} / no text {report.no_text} "
        f"— {report.files} files, {report.pages} pages in {report.seconds:.1f}s "
        f"({report.pages_per_second:.0f} pages/s) -> {db}", highlight=False,
    )
    for kind, count in report.reasons.most_common():
        from models import FailureKind  # the records are loaded here only when something failed

        label = FailureKind(kind).label if kind in FailureKind.__members__.values() else kind
        console.print(f"  {count} × {label}   e.g. {report.examples[kind]}", highlight=False)
    console.print(unread_pages_line(report, ocr), highlight=False)


def unread_pages_line(report: batch.IngestReport, ocr: bool) -> str:
    """How many pages a person reads from an image were OCR'd, and how many were left unread and why."""
    line = f"OCR: {report.ocr_pages} pages read, {report.unread_pages} pages needing OCR left unread"
    if not report.unread_pages:
        return line
    if not ocr:
        return f"{line} (--no-ocr)"
    from pipeline.backends.tesseract import unavailable  # the backend is loaded only to say what is missing

    missing = unavailable()  # says what to install
    return f"{line} ({missing or 'tesseract failed or timed out on them: see the failures above'})"


@app.command("bench")
def bench_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="PDF files or folders (default: ../shared/corpus)")] = None,
    synthetic: Annotated[Optional[int], typer.Option(help="also bench N generated délibération PDFs")] = None,
    out: Annotated[Path, typer.Option(help="where generated PDFs are written (and reused next time)")] = Path("/tmp/deliberata-synthetic"),
    workers: Annotated[str, typer.Option(help="worker counts to compare, comma-separated")] = "1,2",
    baselines: Annotated[bool, typer.Option(help="also time pdfplumber and raw pypdfium2 text on the same files")] = True,
    query_scale: Annotated[Optional[int], typer.Option(help="time the attendance-rate query over N generated délibérations")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="write the measures as JSON")] = None,
    ocr: Annotated[bool, typer.Option(help="OCR image-only pages in the end-to-end runs (when tesseract is there)")] = True,
    ocr_only: Annotated[bool, typer.Option("--ocr-only", help="only time the OCR of the pages that need it (scanned "
                                                              "pages), in this process: pages/s per core")] = False,
    copies: Annotated[int, typer.Option(help="bench N copies of the files (each differs by a trailing PDF comment, "
                                             "so none is skipped as already ingested)")] = 1,
    whole_process: Annotated[bool, typer.Option(help="also time `delib ingest --workers 1` and the start-up as new "
                                                     "processes")] = True,
) -> None:
    """Benchmark (a command, not a test): the whole `delib ingest` on one core with its start-up, the
    time to the first page and `delib --help`, end-to-end pages/s per core, speedup with workers,
    peak RSS per worker, and the pdfplumber / pypdfium2 text baselines on the same files. With
    --query-scale alone, only the query benchmark runs; with --ocr-only, only the OCR of the
    scanned pages (a run of its own: tesseract's pages/s per core)."""
    import tempfile

    from pipeline.devtools import bench
    from pipeline.devtools.synthetic import synthetic_corpus
    from pipeline.sources import find_files

    _use_ocr_cache(DEFAULT_OCR_CACHE, disabled=True)  # OCR is measured, never read from a cache
    results: dict[str, object] = {}
    out_console = Console(width=180)
    if ocr_only:
        from pipeline.backends.tesseract import unavailable

        if unavailable():
            console.print(f"[red]{unavailable()}[/red]")
            raise typer.Exit(code=1)
        files = find_files(paths or [DEFAULT_CORPUS])
        m = bench.bench_ocr(files, on_file=lambda path, pages: console.print(f"  {Path(path).name}: {pages} pages OCR'd"))
        print(f"OCR alone: {m.files} files with pages to OCR ({m.skipped_files} without), {m.pages} pages OCR'd "
              f"({m.blank} blank, not sent to tesseract), {m.words} words, {m.seconds:.1f} s wall, {m.cpu_seconds:.1f} s CPU")
        print(bench.ocr_verdict(m))
        if json_out:
            json_out.write_text(json.dumps(vars(m) | {"per_core": m.per_core, "per_cpu_second": m.per_cpu_second}, indent=2))
        return
    suites: list[tuple[str, list[Path]]] = []
    if paths or synthetic or not query_scale:
        corpus_paths = paths or [DEFAULT_CORPUS]
        suites.append((", ".join(str(p) for p in corpus_paths), find_files(corpus_paths)))
    if synthetic:
        console.print(f"generating {synthetic} synthetic PDFs in {out} (cached)…")
        started = time.perf_counter()
        files = synthetic_corpus(out / str(synthetic), synthetic)
        console.print(f"  ready in {time.perf_counter() - started:.0f}s")
        suites.append((f"synthetic × {synthetic} ({out / str(synthetic)})", files))
    counts = tuple(int(n) for n in workers.split(",") if n.strip())
    for name, files in suites:
        if not files:
            console.print(f"[red]no PDF in {name}[/red]")
            raise typer.Exit(code=1)
        with tempfile.TemporaryDirectory(prefix="delib-bench-copies-") as copies_folder:
            if copies > 1:
                files = bench.copies(files, copies, Path(copies_folder))
                name = f"{name} × {copies} copies"
            report = bench.bench_files(name, files, counts, baselines, ocr=ocr, whole_process=whole_process,
                                       on_measure=lambda m: console.print(f"  {m.name}: {m.pages_per_second:.0f} pages/s"))
        out_console.print(bench.results_table(report))
        print("* peak RSS of the worker processes; on the 'in process' row, of this process (DuckDB writer included)")
        for line in bench.verdicts(report):
            print(line)
        results[name] = {"measures": [vars(m) | {"pages_per_second": m.pages_per_second} for m in report.measures],
                         "speedup": report.speedup, "help_seconds": report.help_seconds,
                         "first_page_seconds": report.first_page_seconds, "first_page_file": report.first_page_file,
                         "load_average": report.load_average}
    if query_scale:
        console.print(f"generating {query_scale:,} délibérations and their attendance in DuckDB…")
        q = bench.bench_query(query_scale)
        print(f"attendance rate per person: {q.deliberations:,} délibérations, {q.attendance_rows:,} attendance rows, "
              f"{q.persons:,} persons (generated in {q.generate_seconds:.1f}s, {q.file_mb:.0f} MB on disk)")
        print(f"  cold (fresh connection): {q.cold_seconds:.3f}s; warm: best {min(q.warm_seconds):.3f}s, "
              f"median {sorted(q.warm_seconds)[len(q.warm_seconds) // 2]:.3f}s — bar < 1 s: "
              f"{'met' if max(q.cold_seconds, *q.warm_seconds) < 1 else 'NOT met'}")
        results["query"] = vars(q)
    if json_out:
        json_out.write_text(json.dumps(results, indent=2, default=str))


@app.command("eval")
def evaluate(
    corpus: Annotated[Path, typer.Option(help="corpus folder holding */gold/*.json")] = DEFAULT_CORPUS,
    samples: Annotated[Path, typer.Option(help="where rendered samples live (Besançon)")] = REPO_ROOT / "samples",
    by_source: Annotated[bool, typer.Option("--by-source", help="also print macro F1 per source")] = False,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="write the full report as JSON")] = None,
    source: Annotated[Optional[str], typer.Option(help="only this source folder")] = None,
    scanned: Annotated[bool, typer.Option("--scanned", help="only the documents MANIFEST.tsv marks scanned (no or partial text layer)")] = False,
    show: Annotated[Optional[list[str]], typer.Option(help="print every mismatch of this field (repeatable)")] = None,
    matieres: Annotated[Path, typer.Option(help="hand-labelled objets scoring the ACTES matière classifier")] = REPO_ROOT / "tests" / "data" / "matieres_dev.tsv",
    ocr_cache: OcrCacheOption = DEFAULT_OCR_CACHE,
    no_ocr_cache: NoOcrCacheOption = False,
) -> None:
    """Score extraction against the gold records: per-field precision / recall / F1, macro F1."""
    from rich.table import Table

    from pipeline.devtools import evaluate as ev

    _use_ocr_cache(ocr_cache, no_ocr_cache)
    report = ev.evaluate_corpus(corpus, samples, source=source, show=set(show or []), scanned=scanned)
    table = Table(title=f"deliberata eval — {report.records} gold records, {report.matched} matched")
    for column in ("field", "support", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column != "field" else "left")
    order = ev.RECORD_FIELDS + ev.SCALAR_FIELDS + ev.PERSON_FIELDS
    for name, c in sorted(report.fields.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0])):
        if c.tp + c.fp + c.fn:
            table.add_row(name, str(c.support), f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}")
    Console().print(table)
    print(f"macro F1: {report.macro_f1():.3f}")
    print(f"attendance per-person F1: {report.attendance_f1():.3f}")
    if by_source:
        for name, fields in sorted(report.by_source.items()):
            worst = sorted(((c.f1, f) for f, c in fields.items() if c.tp + c.fp + c.fn))[:5]
            print(f"  {name:28s} macro F1 {report.macro_f1(fields):.3f}   weakest: " + ", ".join(f"{f} {s:.2f}" for s, f in worst))
    matiere_result = None
    if matieres.exists() and not source:
        from pipeline.french.matieres_eval import evaluate_matieres, matieres_report_lines

        matiere_result = evaluate_matieres(matieres)
        print("\n".join(matieres_report_lines(matiere_result)[:3]))
    for error in report.errors:
        print(f"  ! {error}")
    for line in report.mismatches:
        print(f"  ≠ {line}")
    if json_out:
        payload = ev.report_json(report)
        if matiere_result is not None:
            payload["matieres"] = {k: matiere_result[k] for k in ("n", "level1", "level2", "per_source", "per_split")}
        json_out.write_text(json.dumps(payload, indent=2, default=str))


from pipeline.outputs import report_command  # noqa: E402
report_command.register(app)
from pipeline.outputs import audit_command  # noqa: E402
audit_command.register(app)

if __name__ == "__main__":
    app()
