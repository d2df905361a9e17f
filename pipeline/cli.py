"""`delib` — the command line: ingest, eval, bench."""
from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from models import DocumentStatus
from pipeline import evaluate as ev
from pipeline.load_db import connect, write_result
from pipeline.run import process_document

app = typer.Typer(add_completion=False, help="French council délibérations (PDF) -> validated records -> DuckDB.")
console = Console(stderr=True)

DEFAULT_DB = Path("outputs/deliberations.duckdb")
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"


def find_pdfs(paths: list[Path]) -> list[Path]:
    """Files as given, folders searched recursively for *.pdf; each file once, in a stable order."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for pdf in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf"):
                found.setdefault(pdf.resolve(), None)
        else:
            found.setdefault(path.resolve(), None)
    return list(found)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="PDF files or folders (searched recursively)")],
    db: Annotated[Path, typer.Option("--db", help="DuckDB file to write")] = DEFAULT_DB,
) -> None:
    """Ingest PDFs into DuckDB. Bad files are recorded as failed; the batch goes on."""
    files = find_pdfs(paths)
    if not files:
        console.print("[red]no PDF found in the given paths[/red]")
        raise typer.Exit(code=1)
    con = connect(db)
    statuses: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    pages = 0
    started = time.perf_counter()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                  TimeRemainingColumn(), console=console, transient=True) as progress:
        task = progress.add_task("ingest", total=len(files), rate="")
        for path in files:
            result = process_document(path)
            write_result(con, result)
            statuses[result.status.value] += 1
            pages += result.page_count or 0
            if result.status is not DocumentStatus.OK:
                reasons[result.error or "unknown"] += 1
                console.print(f"[yellow]{result.status.value}[/yellow] {path}: {result.error}")
            elapsed = time.perf_counter() - started
            progress.update(task, advance=1, rate=f"{pages / elapsed:.0f} pages/s" if elapsed else "")
    con.close()
    elapsed = time.perf_counter() - started
    console.print(
        f"ingested {statuses['ok']} / failed {statuses['failed']} / no text {statuses['no_text']} "
        f"— {len(files)} files, {pages} pages in {elapsed:.1f}s -> {db}"
    )
    for reason, count in reasons.most_common():
        console.print(f"  {count} × {reason}")


@app.command("eval")
def evaluate(
    corpus: Annotated[Path, typer.Option(help="corpus folder holding */gold/*.json")] = DEFAULT_CORPUS,
    samples: Annotated[Path, typer.Option(help="where rendered samples live (Besançon)")] = REPO_ROOT / "samples",
    by_source: Annotated[bool, typer.Option("--by-source", help="also print macro F1 per source")] = False,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="write the full report as JSON")] = None,
    source: Annotated[Optional[str], typer.Option(help="only this source folder")] = None,
    show: Annotated[Optional[list[str]], typer.Option(help="print every mismatch of this field (repeatable)")] = None,
) -> None:
    """Score extraction against the gold records: per-field precision / recall / F1, macro F1."""
    report = ev.Report(show=set(show or []))
    for source_name, gold_path in ev.gold_files(corpus):
        if source and source_name != source:
            continue
        gold = json.loads(gold_path.read_text())
        golds = gold if isinstance(gold, list) else [gold]
        pdf = ev.pdf_for(gold_path, golds[0]["file"], [samples])
        report.records += len(golds)
        if pdf is None:
            report.errors.append(f"{source_name}/{golds[0]['file']}: PDF not found")
            for g in golds:
                ev.score_pair(report, source_name, g, None)
            continue
        result = process_document(pdf)
        if result.status is not DocumentStatus.OK:
            report.errors.append(f"{source_name}/{pdf.name}: {result.status.value}: {result.error}")
        preds = [ev.predicted_record(result, d) for d in result.deliberations]
        for g, p in ev.match_records(golds, preds):
            report.matched += int(g is not None and p is not None)
            ev.score_pair(report, source_name, g, p)
    table = Table(title=f"deliberata eval — {report.records} gold records, {report.matched} matched")
    for column in ("field", "support", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column != "field" else "left")
    order = ev.SCALAR_FIELDS + ev.PERSON_FIELDS
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
    for error in report.errors:
        print(f"  ! {error}")
    for line in report.mismatches:
        print(f"  ≠ {line}")
    if json_out:
        payload = {
            "macro_f1": report.macro_f1(),
            "attendance_f1": report.attendance_f1(),
            "fields": {k: vars(c) | {"f1": c.f1} for k, c in report.fields.items()},
            "by_source": {s: {k: vars(c) | {"f1": c.f1} for k, c in f.items()} for s, f in report.by_source.items()},
            "errors": report.errors,
        }
        json_out.write_text(json.dumps(payload, indent=2))


if __name__ == "__main__":
    app()
