"""Which pages are read by OCR, stamp annotations, and the reading order of a stamp-over-scan page:
on real corpus pages (/work/ocr_lab/test_pages.md lists them with the measures checked by eye)."""
import ctypes
import functools
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from pipeline.backends.annotations import annotation_texts, distinct
from pipeline.backends.pdf_images import to_display
from pipeline.backends.pdf_render import render_for_ocr
from pipeline.backends.tesseract import unavailable
from pipeline.document import PLAIN, LineStyle
from pipeline.stages.layout import layout
from pipeline.stages.load import load
from pipeline.stages.ocr import ocr_page, with_ocr
from pipeline.stages.ocr.decision import decide_page
from pipeline.stages.ocr.merge import PlacedLine, drop_double_reads, merge_reading_order, text_blocks
from pipeline.backends.tesseract import OcrWord

SHARED = Path(__file__).resolve().parents[2] / "shared"
needs_tesseract = pytest.mark.skipif(unavailable() is not None, reason="tesseract with French data not installed")

FLAUX_NOV = "corpus/flaux/PV_DU_17_NOVEMBRE-tampon.pdf"
AUDIERNE_2024 = "corpus/audierne/DE2024-112_modification_2_plu_evaluation_environnementale-tampon.pdf"
AUDIERNE_2022 = "corpus/audierne/DE2022-141_plu_prescription_modification_1-tampon.pdf"
STAMP_2024 = ["Envoyé en préfecture le 21/10/2024", "Reçu en préfecture le 21/10/2024", "Publié le",
              "ID : 029-200054724-20241016-DE2024_112-DE"]
FLAUX_STAMP = ["Envoyé en préfecture le 21/12/2023", "Reçu en préfecture le 21/12/2023", "Publié le",
               "ID : 030-213001100-20231215-PV17112023-AU"]


def corpus_path(relative: str) -> Path:
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"../shared/{relative} is not beside the repository")
    return path


@functools.cache
def _laid_out(relative: str):
    loaded = load(corpus_path(relative))
    return loaded, layout(loaded)


def laid_out(relative: str):
    loaded, doc = _laid_out(relative)
    if loaded.pdf is None:  # closed by an earlier test: read it again
        _laid_out.cache_clear()
        loaded, doc = _laid_out(relative)
    return loaded, doc


def coverage(relative: str, page: int):
    return laid_out(relative)[1].coverage[page - 1]


# --- the page decision ---------------------------------------------------------------------------

@pytest.mark.corpus
def test_a_scan_whose_only_text_is_the_actes_stamp_is_ocrd():
    c = coverage(FLAUX_NOV, 2)
    # the stamp gives 105 characters: the former rule (fewer than 40 characters) took it for a text page
    assert c.chars == 105
    assert c.image_fraction >= 0.99 and c.text_over_image < 0.01
    decision = decide_page(c)
    assert decision.ocr and decision.reason.startswith("scan:")


@pytest.mark.corpus
def test_a_scanned_letter_under_a_typed_title_is_ocrd():
    c = coverage("corpus/pierrefonds/compte-rendu-03-10-2017.pdf", 6)
    assert c.chars == 66 and 0.5 < c.image_fraction < 0.6 and c.text_over_image < 0.01
    assert decide_page(c).ocr


@pytest.mark.corpus
def test_a_scan_with_a_running_header_and_page_number_is_ocrd():
    c = coverage("corpus/putanges/registre-deliberations-seance-du-16-novembre-2020.pdf", 20)
    assert c.chars == 47 and 0.5 < c.image_fraction < 0.6
    assert decide_page(c).ocr


@pytest.mark.corpus
def test_a_text_page_with_a_logo_is_not_ocrd():
    c = coverage("corpus/audierne/DE2021-060_approbation_PLU.pdf", 1)
    assert 0.02 < c.image_fraction < 0.04
    decision = decide_page(c)
    assert not decision.ocr and decision.reason.startswith("text page")


@pytest.mark.corpus
def test_a_text_page_with_the_largest_photo_of_the_corpus_is_not_ocrd():
    c = coverage("corpus/couthenans/CR_reunion_20210604.pdf", 3)
    assert 0.28 < c.image_fraction < 0.3
    assert not decide_page(c).ocr


@pytest.mark.corpus
def test_a_searchable_scan_keeps_its_text_layer():
    c = coverage("corpus/pierrefonds/compte-rendu-28-05-2020.pdf", 7)  # the lightest page: 537 characters
    assert c.image_fraction > 0.99 and 0.04 < c.text_over_image < 0.06
    assert not decide_page(c).ocr


@pytest.mark.corpus
def test_a_pure_scan_and_a_text_page_without_image():
    scan = coverage("corpus/saint_restitut/CR_CM_du_6_decembre_20164809.pdf", 1)
    assert scan.chars == 0 and decide_page(scan).reason == "image page with 0 characters of text"
    text = coverage("corpus/pierrefonds/compte-rendu-03-10-2017.pdf", 5)
    assert (decide_page(text).ocr, decide_page(text).reason) == (False, "text page: no image")


# --- display space -------------------------------------------------------------------------------

@pytest.mark.corpus
@pytest.mark.parametrize("relative, page, rotation", [(AUDIERNE_2022, 1, 270), (AUDIERNE_2022, 2, 90), (FLAUX_NOV, 2, 0)])
def test_display_space_is_pdfiums_own_page_to_device_transform(relative, page, rotation):
    pdf = pdfium.PdfDocument(corpus_path(relative))
    shown = pdf[page - 1]
    assert shown.get_rotation() == rotation
    width, height = shown.get_size()
    c = coverage(relative, page)
    for x, y in ((100.0, 200.0), (500.0, 40.0)):
        dx, dy = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDF_PageToDevice(shown.raw, 0, 0, round(width * 16), round(height * 16), 0, x, y, dx, dy)
        box = to_display((x, y, x, y), c.cropbox, c.rotation)
        assert box[0] == pytest.approx(dx.value / 16, abs=0.1) and box[1] == pytest.approx(height - dy.value / 16, abs=0.1)


# --- stamp annotations ---------------------------------------------------------------------------

@pytest.mark.corpus
def test_a_stamp_annotation_is_read_once_per_document():
    loaded, doc = laid_out(AUDIERNE_2024)
    # the pages' own text is empty: the stamp comes from the annotation only, and never counts as
    # the pages' text (both pages are scans to OCR)
    assert [c.chars for c in doc.coverage] == [0, 0] and [c.annotations for c in doc.coverage] == [1, 1]
    assert all(decide_page(c).ocr for c in doc.coverage)
    read = annotation_texts(loaded.data, [0, 1])
    assert [a.page for a in read] == [0, 1]
    kept = distinct(read)
    assert len(kept) == 1 and kept[0].page == 0
    assert [text for text, _ in kept[0].lines] == STAMP_2024
    # top right of the page as shown, although the page has /Rotate 270
    c = doc.coverage[0]
    assert c.rotation == 270
    assert to_display(kept[0].rect, c.cropbox, c.rotation) == pytest.approx((395.2, 776.7, 585.2, 831.7), abs=1)


@pytest.mark.corpus
def test_a_stamp_printed_into_the_page_is_no_annotation():
    _, doc = laid_out(FLAUX_NOV)
    assert [c.annotations for c in doc.coverage] == [0] * 10


@pytest.mark.corpus
def test_without_tesseract_the_stamp_annotation_is_placed_once_and_the_scans_are_counted_unread(monkeypatch, tmp_path):
    loaded, doc = laid_out(AUDIERNE_2024)
    monkeypatch.setenv("PATH", str(tmp_path))  # nowhere to find tesseract
    outcome = with_ocr(loaded, doc)
    assert (outcome.ocr_pages, outcome.unread_pages, outcome.ocr_used) == (0, 2, False)
    assert outcome.no_text_reason.startswith("no text layer (scanned pages) and tesseract is not installed (apt-get install")
    text = outcome.doc
    assert text.page_text(1).strip().splitlines() == STAMP_2024 and text.page_text(2).strip() == ""
    assert text.text.count("ID : 029-200054724-20241016-DE2024_112-DE") == 1
    assert text.text_pages == [False, False]  # a stamp is not the page's text
    stamp_lines = text.page_lines(1)
    assert len({line.block for line in stamp_lines}) == 1 and all(line.style.running for line in stamp_lines)


# --- merging a stamp printed over a scan with the OCR ---------------------------------------------

def _line(text, bbox, key=None):
    return PlacedLine(text, bbox, key, PLAIN)


def test_text_blocks_keep_the_four_stamp_lines_together_and_a_footer_apart():
    stamp = [_line(text, (401, y0, 550, y0 + 7)) for text, y0 in zip(FLAUX_STAMP, (818, 805, 794, 781))]
    footer = _line("Page 2", (280, 30, 320, 40))
    blocks = text_blocks(stamp[::-1] + [footer])
    assert [[line.text for line in block] for block in blocks] == [FLAUX_STAMP, ["Page 2"]]


def test_a_top_right_stamp_comes_first_and_a_footer_last_without_splitting_ocr_lines():
    ocr = [_line("REPUBLIQUE FRANCAISE", (40, 813, 157, 822), "ocr"),
           _line("Approbation du procès-verbal du Conseil Municipal du 22 septembre 2023", (173, 810, 544, 821), "ocr"),
           _line("Vote : Unanimité", (172, 91, 251, 101), "ocr")]
    stamp = [_line(text, (401, y0, 550, y0 + 7), "stamp") for text, y0 in zip(FLAUX_STAMP, (818, 805, 794, 781))]
    footer = [_line("2/8", (280, 30, 300, 40), "footer")]
    merged = merge_reading_order(ocr, [footer, stamp])
    assert [line.text for line in merged] == FLAUX_STAMP + [line.text for line in ocr] + ["2/8"]


def test_an_ocr_word_is_dropped_only_when_it_repeats_the_text_it_lies_in():
    stamp = [_line("Reçu en préfecture le 21/12/2023", (401, 805, 504, 812))]
    words = [OcrWord("préfecturé", 80.0, (440, 806, 470, 811), (1, 1, 1)),  # the stamp's glyphs, read again
             OcrWord("septembre", 90.0, (450, 806, 480, 811), (1, 1, 1)),  # the scan under the stamp
             OcrWord("Vote", 95.0, (172, 91, 190, 101), (2, 1, 1))]
    kept, dropped = drop_double_reads(words, stamp, text_hidden=True)
    assert [w.text for w in kept] == ["septembre", "Vote"] and [w.text for w in dropped] == ["préfecturé"]
    # when the text could not be hidden from the render, every OCR word inside it goes
    kept, dropped = drop_double_reads(words, stamp, text_hidden=False)
    assert [w.text for w in kept] == ["Vote"]


@pytest.mark.corpus
def test_a_blank_scanned_back_is_not_sent_to_tesseract():
    loaded, doc = laid_out(FLAUX_NOV)
    assert decide_page(doc.coverage[6]).ocr  # page 7: a blank back carrying the stamp
    scratch = pdfium.PdfDocument(loaded.data)
    assert render_for_ocr(scratch, 6).blank
    assert not render_for_ocr(scratch, 1).blank
    # the page whose only words are "ANNEXES" is not blank
    annexes = pdfium.PdfDocument(corpus_path("corpus/lalouvesc/2023-5-conseil-municipal-lalouvesc.pdf"))
    assert not render_for_ocr(annexes, 3).blank


@pytest.mark.corpus
def test_a_low_resolution_scan_is_not_upsampled_beyond_twice_its_own_resolution():
    scratch = pdfium.PdfDocument(corpus_path("corpus/pierrefonds/compte-rendu-03-10-2017.pdf"))
    assert render_for_ocr(scratch, 5).dpi == pytest.approx(192, abs=1)  # a 96-dpi scanned letter
    assert render_for_ocr(scratch, 6).dpi == pytest.approx(192, abs=1)
    scan = pdfium.PdfDocument(corpus_path("corpus/saint_restitut/CR_CM_du_6_decembre_20164809.pdf"))
    assert render_for_ocr(scan, 0).dpi == 200  # a 300-dpi scan: the setting's 200


@pytest.mark.corpus
def test_an_a4_page_on_an_a3_sheet_is_cropped_to_its_ink():
    scratch = pdfium.PdfDocument(corpus_path("corpus_unlabelled/saint_restitut/CR-CM-du-10-07-2020.pdf"))
    image = render_for_ocr(scratch, 0)
    full_width = round(scratch[0].get_width() * image.dpi / 72)
    assert image.image.shape[1] < 0.6 * full_width


@needs_tesseract
@pytest.mark.corpus
def test_the_stamp_over_a_scan_is_read_once_and_the_words_it_covered_are_read_whole():
    loaded, doc = laid_out(FLAUX_NOV)
    reading = ocr_page(pdfium.PdfDocument(loaded.data), doc, 1, [])
    texts = [line.text for line in reading.lines]
    assert texts[:4] == FLAUX_STAMP
    ocr_lines = [line.text for line in reading.lines if line.key[0] == "ocr"]
    assert not any("préfecture" in text for text in ocr_lines)
    assert sum("21/12/2023" in text for text in texts) == 2  # the stamp's own two dates, nothing read twice
    assert "Approbation du procès-verbal du Conseil Municipal du 22 septembre 2023" in ocr_lines
    assert all(line.style == PLAIN for line in reading.lines if line.key[0] == "ocr")
    assert isinstance(reading.lines[0].style, LineStyle)


@needs_tesseract
@pytest.mark.corpus
def test_a_scan_with_a_stamp_annotation_is_ocrd_without_it_and_the_stamp_read_once():
    loaded, doc = laid_out(AUDIERNE_2024)
    outcome = with_ocr(loaded, doc)
    text = outcome.doc
    assert (outcome.ocr_pages, outcome.unread_pages, outcome.no_text_reason) == (2, 0, None)
    assert text.text.count("ID : 029-200054724-20241016-DE2024_112-DE") == 1
    assert text.page_text(1).strip().splitlines()[:4] == STAMP_2024
    ocr_text = "\n".join(text.line_text(line) for line in text.lines if not line.style.running)
    assert "Membres en exercice : 29" in ocr_text and "préfecture" not in ocr_text
    assert text.ocr_pages == [True, True]
    start = text.text.index("Membres en exercice")
    provenance = text.provenance(start, start + 24)
    assert provenance.ocr and provenance.page == 1
    # boxes in points on the page as shown (595 x 842 upright, although /Rotate 270)
    x0, y0, x1, y1 = provenance.bbox
    assert 0 <= x0 < x1 <= 596 and 0 <= y0 < y1 <= 842


@needs_tesseract
@pytest.mark.corpus
def test_a_rotated_scan_is_read_upright():
    loaded, doc = laid_out(AUDIERNE_2022)
    reading = ocr_page(pdfium.PdfDocument(loaded.data), doc, 0, [])
    assert doc.coverage[0].rotation == 270
    assert any("Membres en exercice : 29" in line.text for line in reading.lines)


# --- the batch: pages left unread are counted, OCR'd values say so in the provenance table --------

@pytest.mark.corpus
def test_ingest_counts_the_pages_left_unread_and_says_why(monkeypatch, tmp_path):
    import duckdb

    from pipeline.cli import unread_pages_line
    from pipeline.orchestration import batch

    path = corpus_path("corpus/flaux/PV_DU_15_DECEMBRE_2024-tampon.pdf")  # 5 scanned pages under a printed stamp
    monkeypatch.setenv("PATH", str(tmp_path))  # nowhere to find tesseract
    report = batch.ingest([path], tmp_path / "unread.duckdb", workers=0)
    assert (report.ocr_pages, report.unread_pages) == (0, 5)
    assert unread_pages_line(report, ocr=True) == ("OCR: 0 pages read, 5 pages needing OCR left unread (tesseract is "
                                                   "not installed (apt-get install tesseract-ocr tesseract-ocr-fra))")
    assert unread_pages_line(report, ocr=False).endswith("left unread (--no-ocr)")
    with duckdb.connect(str(tmp_path / "unread.duckdb"), read_only=True) as con:
        assert con.execute("SELECT ocr, ocr_pages, unread_pages FROM documents").fetchall() == [(False, 0, 5)]


@needs_tesseract
@pytest.mark.corpus
def test_values_read_from_ocr_pages_are_marked_ocr_in_the_provenance_table(tmp_path):
    import duckdb

    from pipeline.orchestration import batch

    report = batch.ingest([corpus_path(AUDIERNE_2024)], tmp_path / "ocr.duckdb", workers=0)
    assert (report.ocr_pages, report.unread_pages) == (2, 0)
    with duckdb.connect(str(tmp_path / "ocr.duckdb"), read_only=True) as con:
        rows = dict(con.execute("SELECT field, ocr FROM provenance").fetchall())
        acte = con.execute("SELECT acte_id FROM deliberations").fetchall()
    assert rows["acte_id"] is True and rows["seance.seance_date"] is True
    assert acte == [("029-200054724-20241016-DE2024_112-DE",)]


def test_an_act_split_from_a_document_keeps_its_pages_ocr_flags():
    from pipeline.document import TextBuilder

    builder = TextBuilder()
    builder.add_page([("PROCES VERBAL", (0.0, 0.0, 0.0, 0.0), 0)], True)
    builder.add_page([("Délibération n° 2023_040_D", (72.0, 700.0, 300.0, 712.0), ("ocr", 1))], True, ocr=True)
    doc = builder.build()
    act = doc.part(2, 2)
    start = act.text.index("2023_040_D")
    provenance = act.provenance(start, start + 10)
    assert (provenance.page, provenance.ocr) == (2, True)
    assert not doc.provenance(0, 5).ocr


def test_a_sidebar_ocr_reads_differently_on_each_page_is_page_furniture():
    # flaux comptes rendus 2021-2022 (unlabelled scans): the sidebar box printed on every page, read a little
    # differently each time; the same words elsewhere on a page are body text
    from pipeline.document import TextBuilder

    sidebar = [["Compte rendu", "conseil municipal du"], ["Compte readu", "conseil municipal du"],
               ["Compte rendu", "comeil municipal du"]]
    builder = TextBuilder()
    for page, (first, second) in enumerate(sidebar):
        lines = [(first, (40.0, 700.0, 120.0, 712.0), 0), (second, (40.0, 686.0, 140.0, 698.0), 0),
                 (f"Point {page + 1} : Budget primitif", (200.0, 700.0, 400.0, 712.0), 1)]
        if page == 2:
            lines.append(("Compte rendu du conseil municipal du 11 mars", (200.0, 400.0, 450.0, 412.0), 1))
        builder.add_page(lines, True, ocr=True)
    doc = builder.build()
    running = {doc.line_text(line): line.style.running for line in doc.lines}
    assert running["Compte readu"] and running["comeil municipal du"] and running["Compte rendu"]
    assert not running["Compte rendu du conseil municipal du 11 mars"]
