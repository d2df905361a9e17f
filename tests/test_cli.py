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


def _modules_loaded_by(code: str) -> set[str]:
    import subprocess
    import sys

    heavy = ("duckdb", "pyarrow", "matplotlib", "frictionless", "spacy", "pydantic", "pypdfium2", "pipeline.run", "models")
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_delib_starts_without_the_pipeline_or_the_outputs_libraries():
    # `delib --help` and the start of every command: typer and rich only
    assert _modules_loaded_by("import pipeline.cli") == set()


def test_the_main_process_of_a_batch_never_loads_the_pipeline(synthetic_dir, tmp_path):
    code = (f"from pathlib import Path\nfrom pipeline.orchestration import batch\n"
            f"report = batch.ingest([Path({str(synthetic_dir)!r})], Path({str(tmp_path / 'b.duckdb')!r}), workers=1)\n"
            f"assert report.ingested == 8, report")
    loaded = _modules_loaded_by(code)
    assert {"duckdb", "pyarrow"} <= loaded  # it writes
    assert not loaded & {"pipeline.run", "models", "pydantic", "spacy", "pypdfium2"}  # the workers read


def test_the_ingest_command_loads_no_records_in_the_main_process(synthetic_dir, tmp_path):
    # the OCR cache folder is handed to the workers without importing the tesseract backend
    code = (f"from typer.testing import CliRunner\nfrom pipeline.cli import app\n"
            f"result = CliRunner().invoke(app, ['ingest', {str(synthetic_dir)!r}, '--db', {str(tmp_path / 'c.duckdb')!r}, "
            f"'--workers', '1'])\nassert result.exit_code == 0, result.output")
    assert not _modules_loaded_by(code) & {"pipeline.run", "models", "pypdfium2", "spacy"}


def test_the_workers_start_without_the_period_grammar():
    # its date regexes are compiled by the documents that read a period (fiches actions, agreements)
    import subprocess
    import sys

    probe = "import sys\nimport pipeline.run, pipeline.store.rows\nprint('pipeline.french.calendar' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False"]
