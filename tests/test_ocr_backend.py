"""The tesseract backend: TSV rows -> words, the noise filter, the cache key, rotation."""
import dataclasses
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from pipeline.backends import tesseract
from pipeline.backends.pdf_render import crop_to_ink, render_for_ocr
from pipeline.backends.tesseract import SETTINGS, _cache_file, _unturn, group_lines, noise, read_words, words_from_tsv

SHARED = Path(__file__).resolve().parents[2] / "shared"
needs_tesseract = pytest.mark.skipif(tesseract.unavailable() is not None, reason="tesseract with French data not installed")
HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def tsv(*rows: tuple) -> str:
    return HEADER + "".join("5\t1\t" + "\t".join(str(v) for v in row) + "\n" for row in rows)


def test_low_confidence_words_are_kept_and_noise_dropped():
    # tesseract gives ~0 confidence to words with a straight apostrophe, read right (lab: 257 of
    # the 326 words under 20 on the gold pages were words); seal strokes and rules are noise
    page = tsv((1, 1, 1, 1, 100, 100, 300, 40, 0.0, "d'investissement"),
               (1, 1, 1, 2, 420, 100, 200, 40, 3.5, "l'urbanisme"),
               (1, 1, 1, 3, 640, 100, 10, 40, 5.0, "|"),
               (1, 1, 1, 4, 660, 100, 30, 40, 12.0, "//"),
               (1, 1, 1, 5, 700, 100, 60, 40, 8.0, "€/m"),
               (1, 1, 1, 6, 780, 100, 60, 40, 91.0, "-"),  # confident punctuation stays (a dash in a list)
               (1, 1, 2, 1, 100, 160, 120, 40, 96.0, "Vote"))
    words = words_from_tsv(page)
    assert [w.text for w in words] == ["d'investissement", "l'urbanisme", "-", "Vote"]
    assert [line.text for line in group_lines(words)] == ["d'investissement l'urbanisme -", "Vote"]


def test_noise_is_a_low_confidence_token_that_is_not_word_like():
    assert noise("..:", 10.0) and noise("1®'", 15.0) and not noise("2023", 10.0) and not noise("|", 95.0)


def test_the_cache_key_changes_with_every_setting(monkeypatch, tmp_path):
    monkeypatch.setenv(tesseract.CACHE_ENV, str(tmp_path))
    image, arguments = b"P5\n1 1\n255\n\x00", ["-l", "fra", "tsv"]
    keys = {_cache_file(image, arguments, SETTINGS)}
    for change in ({"dpi": 300}, {"noise_confidence": 10.0}, {"crop_to_ink": False}, {"retry_rotation_below": 0.2}):
        keys.add(_cache_file(image, arguments, dataclasses.replace(SETTINGS, **change)))
    assert len(keys) == 5
    assert _cache_file(image, arguments, SETTINGS) == _cache_file(image, arguments, tesseract.TesseractSettings())
    monkeypatch.delenv(tesseract.CACHE_ENV)
    assert _cache_file(image, arguments, SETTINGS) is None


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_boxes_of_a_turned_image_come_back_to_the_image_as_rendered(turn):
    image = np.full((40, 100), 255, dtype=np.uint8)
    image[5:9, 60:80] = 0  # a mark: rows 5-8, columns 60-79
    turned = np.rot90(image, k=-turn // 90)
    rows, cols = np.nonzero(turned == 0)
    box = (int(cols.min()), int(rows.min()), int(cols.max()) + 1, int(rows.max()) + 1)
    assert _unturn(box, turn, image.shape) == (60, 5, 80, 9)


def test_crop_to_ink_keeps_the_inked_area_and_a_margin():
    image = np.full((1000, 1400), 255, dtype=np.uint8)
    image[100:900, 50:600] = 0
    image[500, 1300] = 0  # one speck of dust: fewer than min_ink_pixels in its column
    cropped, (left, top) = crop_to_ink(image, margin=10)
    assert (left, top) == (40, 90) and cropped.shape == (820, 570)


@needs_tesseract
@pytest.mark.corpus
def test_content_printed_sideways_is_read_upright():
    path = SHARED / "corpus_unlabelled/saint_restitut/CR-CM-du-10-07-2020.pdf"
    if not path.exists():
        pytest.skip("../shared/corpus_unlabelled is not beside the repository")
    page = render_for_ocr(pdfium.PdfDocument(path), 13)  # an election form turned on the sheet
    as_rendered = words_from_tsv(tesseract.run_tsv(tesseract.pgm(page.image)))
    assert sum(w.confidence >= 60 for w in as_rendered) < SETTINGS.retry_rotation_below * len(as_rendered)
    words = read_words(page.image)
    assert sum(w.confidence >= 60 for w in words) > 2 * sum(w.confidence >= 60 for w in as_rendered)
    assert "habitants" in " ".join(w.text for w in words)
    height, width = page.image.shape
    assert all(0 <= w.bbox[0] < w.bbox[2] <= width and 0 <= w.bbox[1] < w.bbox[3] <= height for w in words)
