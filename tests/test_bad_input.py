"""Bad and awkward inputs: each one is processed or recorded as failed with a clear one-line reason,
and a batch of them never dies."""
import duckdb
import pytest

from pipeline import batch
from pipeline.run import process_document


@pytest.fixture(scope="module")
def ingested(bad_corpus, tmp_path_factory):
    folder, expected = bad_corpus
    db = tmp_path_factory.mktemp("baddb") / "bad.duckdb"
    report = batch.ingest([folder], db, workers=2, timeout=120)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT source_path, status, error, page_count FROM documents").fetchall()
    return report, {path.rsplit("/", 1)[-1]: (status, error, pages) for path, status, error, pages in rows}


def test_the_batch_records_every_file(ingested, bad_corpus):
    report, documents = ingested
    _, expected = bad_corpus
    assert report.files == len(expected) == len(documents)
    assert set(documents) == set(expected)
    assert report.ingested + report.failed + report.no_text == len(expected)


@pytest.mark.parametrize("name", [
    "valid.pdf", "empty.pdf", "page.html.pdf", "image.png.pdf", "archive.zip.pdf", "truncated-02.pdf",
    "truncated-30.pdf", "truncated-60.pdf", "truncated-95.pdf", "broken-xref.pdf", "encrypted-user-password.pdf",
    "encrypted-owner-only.pdf", "scanned.pdf", "dense-50k-chars.pdf", "thousand-pages.pdf",
])
def test_each_bad_input_gets_its_expected_outcome(ingested, bad_corpus, name):
    _, documents = ingested
    expect = bad_corpus[1][name]
    status, error, _ = documents[name]
    assert status in expect.statuses, (name, status, error)
    if status != "ok":
        assert error and "\n" not in error and len(error) < 300
        assert expect.reason in error


def test_large_inputs_are_read_whole(ingested):
    _, documents = ingested
    assert documents["thousand-pages.pdf"] == ("ok", None, 1000)
    assert documents["dense-50k-chars.pdf"][2] == 2


def test_an_odd_file_name_goes_through_and_keeps_its_name(ingested, bad_corpus):
    _, documents = ingested
    odd = [name for name in bad_corpus[1] if "quoted" in name]
    assert len(odd) == 1 and documents[odd[0]][0] == "ok"


def test_failures_are_grouped_by_reason(ingested):
    report, _ = ingested
    assert report.reasons["not a PDF"] == 3
    assert report.reasons["empty file (0 bytes)"] == 1
    assert report.reasons["encrypted PDF"] == 1


def test_a_folder_given_as_a_file_is_recorded_not_raised(tmp_path):
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    result = process_document(folder)
    assert result.status.value == "failed" and result.error.startswith("cannot read file")
