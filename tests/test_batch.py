"""Batch ingest: skipping what is done, workers that hang or die, lazy submission, kill -9 and resume."""
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from fixtures_bad import hang_or_crash
import pipeline
from pipeline import sources
from pipeline.orchestration import batch, executors
from pipeline.devtools.synthetic import synthetic_corpus, write_synthetic_pdf

ROOT = Path(__file__).resolve().parent.parent
DATA_TABLES = ("documents", "seances", "deliberations", "attendance", "anomalies", "provenance", "ingest_log")
VOLATILE = {"ingested_at", "logged_at", "run_id"}


def counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in DATA_TABLES}


def contents(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the columns that differ between runs by nature."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = {}
        for table in DATA_TABLES:
            columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in VOLATILE]
            rows = con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            tables[table] = sorted(rows, key=repr)
        return tables


def test_iter_files_walks_folders_recursively_for_pdfs_and_keeps_named_files(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.pdf", "a/b/two.PDF", "a/notes.txt", "given.bin"):
        (tmp_path / name).write_bytes(b"x")
    found = list(sources.iter_files([tmp_path / "a", tmp_path / "given.bin"]))
    assert found == [tmp_path / "a/one.pdf", tmp_path / "a/b/two.PDF", tmp_path / "given.bin"]


def test_second_ingest_skips_everything_and_force_replaces_without_duplicates(synthetic_dir, tmp_path):
    db = tmp_path / "twice.duckdb"
    first = batch.ingest([synthetic_dir], db, workers=2)
    after_first = counts(db)
    second = batch.ingest([synthetic_dir], db, workers=2)
    assert (first.ingested, first.skipped) == (8, 0)
    assert (second.ingested, second.skipped, second.files) == (0, 8, 8)
    assert counts(db) == after_first
    forced = batch.ingest([synthetic_dir], db, workers=2, redo="all")
    assert (forced.ingested, forced.skipped) == (8, 0)
    assert counts(db) == after_first and after_first["attendance"] > 8
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*), count(finished_at) FROM runs").fetchone() == (3, 3)


def test_a_new_pipeline_version_reprocesses(synthetic_dir, tmp_path):
    db = tmp_path / "version.duckdb"
    batch.ingest([synthetic_dir], db, workers=1)
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE ingest_log SET pipeline_version = '0.0.0-old' WHERE document_id IN "
                    "(SELECT document_id FROM ingest_log LIMIT 3)")
    again = batch.ingest([synthetic_dir], db, workers=1)
    assert (again.ingested, again.skipped) == (3, 5)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT DISTINCT pipeline_version FROM ingest_log").fetchall() == [(pipeline.PIPELINE_VERSION,)]


def test_retry_failed_reprocesses_only_failures(synthetic_dir, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_synthetic_pdf(corpus / "good.pdf", seed=1)
    (corpus / "bad.pdf").write_bytes(b"%PDF-1.4 truncated")
    db = tmp_path / "retry.duckdb"
    first = batch.ingest([corpus], db, workers=1)
    retried = batch.ingest([corpus], db, workers=1, redo="failed")
    assert (first.ingested, first.failed) == (1, 1)
    assert (retried.skipped, retried.failed) == (1, 1)


def test_a_hung_document_times_out_and_its_worker_is_replaced(synthetic_dir, tmp_path):
    pdfs = sorted(synthetic_dir.glob("*.pdf"))
    hang = tmp_path / "hang.pdf"
    hang.write_bytes(pdfs[0].read_bytes())
    tasks = [executors.Task.for_path(p) for p in [hang, *pdfs[:3]]]
    with executors.ProcessPool(1, timeout=2, function=hang_or_crash) as pool:
        done = {Path(d.task.path).name: d.summary for d in pool.imap_unordered(tasks)}
    hung = done["hang.pdf"]
    assert (hung["status"], hung["error"], hung["stage_reached"], hung["failure_kind"]) == ("failed", "timeout after 2s", "timeout", "timeout")
    assert [done[p.name]["status"] for p in pdfs[:3]] == ["ok", "ok", "ok"]  # the replacement worker did these


def test_a_crashed_worker_is_recorded_and_replaced(synthetic_dir, tmp_path):
    pdfs = sorted(synthetic_dir.glob("*.pdf"))
    crash = tmp_path / "crash.pdf"
    crash.write_bytes(pdfs[1].read_bytes())
    tasks = [executors.Task.for_path(p) for p in [pdfs[0], crash, pdfs[2]]]
    with executors.ProcessPool(2, timeout=60, function=hang_or_crash) as pool:
        done = {Path(d.task.path).name: d.summary for d in pool.imap_unordered(tasks)}
    assert (done["crash.pdf"]["status"], done["crash.pdf"]["error"]) == ("failed", "worker crashed (killed by SIGKILL)")
    assert done[pdfs[0].name]["status"] == done[pdfs[2].name]["status"] == "ok"


def test_tasks_are_submitted_lazily(synthetic_dir):
    pulled = []

    def tasks():
        for path in sorted(synthetic_dir.glob("*.pdf")):
            pulled.append(path)
            yield executors.Task.for_path(path)

    with executors.ProcessPool(2, timeout=60) as pool:
        results = pool.imap_unordered(tasks())
        next(results)
        in_flight_when_first_came_back = len(pulled)
        assert sum(1 for _ in results) == 7
    assert in_flight_when_first_came_back <= 4  # one per worker, plus one for each worker freed meanwhile


def _ingest_command(corpus: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "ingest", str(corpus), "--db", str(db), "--workers", "2", *extra]


def test_kill_9_mid_batch_then_resume_equals_an_uninterrupted_run(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("kill9")
    synthetic_corpus(corpus, 60)
    work = tmp_path_factory.mktemp("dbs")
    clean, resumed = work / "clean.duckdb", work / "resumed.duckdb"
    subprocess.run(_ingest_command(corpus, clean), check=True, capture_output=True, cwd=ROOT)

    # commit every 3 documents and kill at the first commit line: the batch is then mid-way
    victim = subprocess.Popen(_ingest_command(corpus, resumed, "--commit-every", "3"), stderr=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, cwd=ROOT, text=True)
    for line in victim.stderr:
        if line.startswith("[ingest] committed"):
            os.kill(victim.pid, signal.SIGKILL)
            break
    victim.wait(timeout=60)
    assert victim.returncode == -signal.SIGKILL
    loaded_before_resume = counts(resumed)["ingest_log"]
    assert 0 < loaded_before_resume < 60

    rerun = subprocess.run(_ingest_command(corpus, resumed), check=True, capture_output=True, text=True, cwd=ROOT)
    assert f"skipped {loaded_before_resume} " in rerun.stderr
    assert contents(resumed) == contents(clean)
    assert counts(resumed)["documents"] == 60


def test_dask_executor_loads_the_same_rows_as_the_process_pool(synthetic_dir, tmp_path):
    distributed = pytest.importorskip("distributed")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for pdf in sorted(synthetic_dir.glob("*.pdf"))[:5]:
        (corpus / pdf.name).write_bytes(pdf.read_bytes())
    (corpus / "not-a-pdf.pdf").write_text("<html></html>")
    local = batch.ingest([corpus], tmp_path / "local.duckdb", workers=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        shards = tmp_path / "shards"
        report = batch.ingest([corpus], tmp_path / "dask.duckdb", executor="dask", scheduler=cluster.scheduler_address,
                              shard_root=shards, timeout=60)
        again = batch.ingest([corpus], tmp_path / "dask.duckdb", executor="dask", scheduler=cluster.scheduler_address,
                             shard_root=shards)
    assert (report.ingested, report.failed, report.pages) == (local.ingested, local.failed, local.pages) == (5, 1, local.pages)
    assert again.skipped == 6
    assert contents(tmp_path / "dask.duckdb") == contents(tmp_path / "local.duckdb")
    assert not shards.exists()  # shards are removed once loaded


def test_a_document_the_writer_failed_after_it_was_counted_is_counted_again():
    report = batch.IngestReport()
    ok = {"status": "ok", "page_count": 3, "failure_kind": None, "error": None, "source_path": "a.pdf"}
    failed = {"status": "failed", "page_count": None, "failure_kind": "unwritable", "error": "cannot be written",
              "source_path": "a.pdf"}
    report.count(ok)
    report.uncount(ok)
    report.count(failed)
    assert (report.ingested, report.failed, report.pages, report.reasons["unwritable"]) == (0, 1, 0, 1)
