"""Bad and awkward inputs: each one is processed or recorded as failed with a clear one-line reason,
and a batch of them never dies."""
import duckdb
import pytest

from pipeline.orchestration import batch
from pipeline.backends.tesseract import lines_from_tsv, unavailable as tesseract_unavailable
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


def test_failures_are_grouped_by_kind(ingested):
    report, _ = ingested
    assert report.reasons["not_a_pdf"] == 3
    assert report.reasons["empty_file"] == 1
    assert report.reasons["encrypted"] == 1


def test_a_folder_given_as_a_file_is_recorded_not_raised(tmp_path):
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    result = process_document(folder)
    assert result.status.value == "failed" and result.error.startswith("cannot read file")
    assert result.failure_kind.value == "unreadable_file"


# --- scanned pages: OCR when tesseract is there, a clear 'no_text' when it is not ---

needs_tesseract = pytest.mark.skipif(tesseract_unavailable() is not None, reason="tesseract with French data not installed")


def test_without_tesseract_a_scan_is_no_text_and_says_why(bad_corpus, monkeypatch, tmp_path):
    folder, _ = bad_corpus
    monkeypatch.setenv("PATH", str(tmp_path))  # nowhere to find tesseract
    result = process_document(folder / "scanned.pdf")
    assert (result.status.value, result.ocr, result.has_text_layer) == ("no_text", False, False)
    assert "tesseract is not installed" in result.error and "\n" not in result.error


def test_worker_processes_see_the_callers_path(bad_corpus, monkeypatch, tmp_path):
    folder, _ = bad_corpus
    monkeypatch.setenv("PATH", str(tmp_path))
    report = batch.ingest([folder / "scanned.pdf"], tmp_path / "scan.duckdb", workers=1)
    assert report.no_text == 1 and list(report.reasons) == ["no_text"]
    assert report.examples["no_text"].startswith(
        "no text layer (scanned pages) and tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-fra)")


@needs_tesseract
def test_a_scan_is_read_by_ocr_like_its_text_original(bad_corpus):
    folder, _ = bad_corpus
    scanned = process_document(folder / "scanned.pdf")
    original = process_document(folder / "valid.pdf")
    assert (scanned.status.value, scanned.ocr, scanned.has_text_layer) == ("ok", True, False)
    assert scanned.seance.collectivite == original.seance.collectivite
    assert scanned.seance.seance_date == original.seance.seance_date
    assert len(scanned.deliberations) >= 1


def test_tesseract_tsv_becomes_lines_in_pdf_points():
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "5\t1\t1\t1\t1\t1\t300\t600\t300\t60\t96.5\tConseil\n"
           "5\t1\t1\t1\t1\t2\t650\t590\t350\t70\t91.0\tmunicipal\n"
           "5\t1\t1\t1\t1\t3\t1100\t600\t50\t60\t5.0\t~\n"
           "5\t1\t2\t1\t1\t1\t300\t900\t200\t60\t90.0\tPrésents\n")
    lines = lines_from_tsv(tsv, page_height=842.0, dpi=300)
    assert [(ln.text, ln.block) for ln in lines] == [("Conseil municipal", 1), ("Présents", 2)]
    x0, y0, x1, y1 = lines[0].bbox
    assert (x0, x1) == (72.0, 240.0) and (round(y0, 1), round(y1, 1)) == (842 - 158.4, 842 - 141.6)


def test_ocr_can_be_switched_off(bad_corpus):
    folder, _ = bad_corpus
    result = process_document(folder / "scanned.pdf", ocr=False)
    assert result.status.value == "no_text" and "OCR is switched off" in result.error
