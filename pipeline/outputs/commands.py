"""`delib export` and `delib sql`, registered on the main typer app by `register(app)`."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:  # each command imports what it runs when it runs: `delib` starts without them
    from pipeline.outputs import scdl_checks

DEFAULT_DB = Path("outputs/deliberations.duckdb")  # where `delib ingest` writes by default

console = Console()
errors = Console(stderr=True)


class ExportFormat(str, Enum):
    parquet = "parquet"
    scdl = "scdl"


def validation_report_path(csv_path: Path) -> Path:
    """`deliberations.csv` -> `deliberations.validation.json`, beside it."""
    return csv_path.with_name(csv_path.stem + ".validation.json")


def _report_table(report: scdl_checks.ValidationReport) -> Table:
    table = Table(title=f"SCDL validation — {report.rows} rows, {report.invalid_rows} invalid")
    for column in ("rule", "invalid rows", "example"):
        table.add_column(column, overflow="fold")
    for rule, count in report.invalid_rows_by_rule().items():
        example = report.examples(rule)[0]
        where = example.get("deliberation_id", "")
        table.add_row(rule, str(count), f"row {example['row']} {where}: {example['message']}")
    return table


def _extraction_anomalies(sources: list[dict]) -> dict[str, dict]:
    """The pipeline's own reconciliation anomalies on the exported délibérations (e.g. an acte id
    whose date differs from the séance's): values a valid row may still get wrong."""
    found: dict[str, list[str]] = {}
    for record in sources:
        for check in record.get("anomalies") or ():
            found.setdefault(check, []).append(record["deliberation_id"])
    return {check: {"rows": len(ids), "examples": ids[:5]} for check, ids in sorted(found.items())}


def _export_scdl(db: Path, out: Path, collectivites: Optional[Path], allow_invalid: bool) -> None:
    from pipeline.outputs import scdl, scdl_checks

    if out.suffix.lower() != ".csv":
        raise typer.BadParameter("--out must name a .csv file for --format scdl")
    try:
        siret_map = scdl.Collectivites.read(collectivites) if collectivites else None
    except (OSError, ValueError) as exc:
        raise typer.BadParameter(str(exc), param_hint="--collectivites") from None
    exported = scdl.export_scdl(db, out, siret_map)
    sources = {i + 2: {"deliberation_id": r["deliberation_id"], "source_path": r["source_path"]}
               for i, r in enumerate(exported.sources)}
    report = scdl_checks.validate_scdl_csv(out, scdl.scdl_schema(), sources)
    report_path = validation_report_path(out)
    payload = report.to_dict() | {"extraction_anomalies": _extraction_anomalies(exported.sources), "made": exported.notes}
    report_path.write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    console.print(_report_table(report))
    console.print(f"{report.rows} rows -> {out}; validation report -> {report_path}", highlight=False)
    if not collectivites:
        console.print("COLL_SIRET is empty: no --collectivites file was given.", highlight=False)
    notes = exported.notes
    console.print(f"made rather than read: {notes['made_ids']} DELIB_ID from the séance date and the item (no number "
                  f"printed), {notes['counted_effectif']} VOTE_EFFECTIF from the attendance lists (members in office not "
                  f"printed); {notes['votes_left_out']} rows with counts read but not all three, or no effectif: vote columns left "
                  f"empty (filled together or not at all), the database keeps the counts"
                  + (f"; {notes['named_by_siren']} COLL_NOM from the --collectivites file by SIREN (name not printed)"
                     if notes["named_by_siren"] else ""),
                  highlight=False)
    if report.invalid_rows:
        apart = report.invalid_rows_ignoring({scdl_checks.COLL_SIRET_MISSING})
        console.print(f"{report.invalid_rows} invalid rows ({apart} apart from a missing COLL_SIRET)", highlight=False)
        if not allow_invalid:
            raise typer.Exit(code=1)


def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="parquet (every table) or scdl (SCDL Délibérations CSV)")],
    out: Annotated[Path, typer.Option("--out", help="parquet: a folder; scdl: the CSV file to write")],
    db: Annotated[Path, typer.Option("--db", help="DuckDB file to read")] = DEFAULT_DB,
    collectivites: Annotated[Optional[Path], typer.Option(
        "--collectivites", help="scdl: CSV with columns siret and siren and/or collectivite, giving COLL_SIRET")] = None,
    allow_invalid: Annotated[bool, typer.Option(
        "--allow-invalid", help="scdl: exit 0 even when rows fail validation")] = False,
) -> None:
    """Export the database: every table as Parquet, or the SCDL "Délibérations" 2.1.5 CSV with its
    validation report (FILE.validation.json)."""
    from pipeline.outputs import parquet

    try:
        if format is ExportFormat.parquet:
            table = Table(title=f"Parquet export -> {out}")
            table.add_column("table")
            table.add_column("rows", justify="right")
            table.add_column("file")
            for item in parquet.export_parquet(db, out):
                table.add_row(item.table, str(item.rows), str(item.path))
            console.print(table)
        else:
            _export_scdl(db, out, collectivites, allow_invalid)
    except FileNotFoundError as exc:
        errors.print(f"[red]{exc}[/red]")
        raise typer.Exit(code=2) from None


def sql_command(
    query: Annotated[str, typer.Argument(help="one SQL statement, run read-only")],
    db: Annotated[Path, typer.Option("--db", help="DuckDB file to read")] = DEFAULT_DB,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV on stdout")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON (a list of objects) on stdout")] = False,
) -> None:
    """Run a query on the database (read-only) and print a table, CSV or JSON."""
    import duckdb

    from pipeline.outputs import sql

    if as_csv and as_json:
        raise typer.BadParameter("choose one of --csv and --json")
    try:
        result = sql.run_query(db, query)
    except FileNotFoundError as exc:
        errors.print(f"[red]{exc}[/red]")
        raise typer.Exit(code=2) from None
    except duckdb.Error as exc:
        errors.print(f"{type(exc).__name__}: {exc}", markup=False, highlight=False)
        raise typer.Exit(code=1) from None
    if as_csv:
        sys.stdout.write(sql.to_csv(result))
    elif as_json:
        sys.stdout.write(sql.to_json(result) + "\n")
    else:
        console.print(sql.to_rich_table(result))
        errors.print(f"{len(result.rows)} rows", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("sql")(sql_command)
