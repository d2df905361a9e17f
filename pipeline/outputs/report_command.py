"""The `delib report` command (registered on the CLI by `register(app)`)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def report(
    db: Annotated[Path, typer.Argument(help="DuckDB database written by `delib ingest`")],
    out: Annotated[Path, typer.Option("--out", help="HTML file to write")] = Path("report.html"),
) -> None:
    """One self-contained HTML report (works offline): per collectivité, séances and délibérations,
    attendance per member, proxies, votes not unanimous with the dissenters' names, anomalies;
    every row links to its PDF page."""
    from pipeline.outputs.report import MissingPersons, write_report  # matplotlib: only when a report is made

    try:
        data = write_report(db, out)
    except (FileNotFoundError, MissingPersons) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=1)
    deliberations = sum(len(c.deliberations) for c in data.councils)
    typer.echo(f"{out}: {len(data.councils)} collectivités, {deliberations} délibérations")


def register(app: typer.Typer) -> None:
    app.command("report")(report)
