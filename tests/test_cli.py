"""The command line: ingest never stops on a bad file and says what failed and why."""
import duckdb
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()


def test_ingest_summarises_failures_by_reason(bad_corpus, tmp_path):
    folder, expected = bad_corpus
    db = tmp_path / "cli.duckdb"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--workers", "2"])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert f"{len(expected)} files" in output
    assert "3 × not a PDF" in output and "1 × encrypted PDF" in output and "1 × empty file (0 bytes)" in output
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(expected)
    again = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--workers", "1"])
    assert f"skipped {len(expected)} " in " ".join(again.output.split())


def test_ingest_without_any_pdf_exits_with_an_error(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1 and "no PDF found" in result.output


def test_ingest_rejects_an_unknown_executor(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path), "--executor", "threads"])
    assert result.exit_code != 0


def test_eval_is_still_there():
    result = runner.invoke(app, ["eval", "--help"])
    assert result.exit_code == 0 and "--by-source" in " ".join(result.output.split())
