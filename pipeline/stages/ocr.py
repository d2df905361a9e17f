"""Stage 3 — ocr (between layout and segment): image-only pages are rendered with PDFium and read
by tesseract (TSV output, so each line keeps its box); their lines then take the place of the
empty page in the DocumentText, and the rest of the pipeline runs as for any text page.

tesseract is optional (pipeline.backends.tesseract). Without it a document with no text layer
gets status 'no_text' and a reason saying so, with the install command."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass

from pipeline.backends import tesseract
from pipeline.backends.pdfium_text import draws_image, render_gray
from pipeline.document import DocumentText, TextBuilder
from pipeline.stages.layout import SETTINGS as LAYOUT
from pipeline.stages.load import LoadedPdf

OCR_DPI = 300


@dataclass
class OcrOutcome:
    doc: DocumentText
    ocr_used: bool = False
    no_text_reason: str | None = None  # set when, even after OCR, the document has no text at all


def ocr_page(loaded: LoadedPdf, index: int, dpi: int = OCR_DPI) -> list[tesseract.OcrLine]:
    image, height = render_gray(loaded.pdf, index, dpi)
    return tesseract.lines_from_tsv(tesseract.run_tsv(tesseract.image_bytes(image)), height, dpi)


def _rebuild(doc: DocumentText, ocr_pages: dict[int, list[tesseract.OcrLine]]) -> DocumentText:
    """`doc` with each OCR'd page's lines in place of that page's (empty) text."""
    builder = TextBuilder()
    for index in range(doc.page_count):
        if index in ocr_pages:
            lines = [(ol.text, ol.bbox, ol.block) for ol in ocr_pages[index]]
            carries_text = sum(len(text) for text, _, _ in lines) >= LAYOUT.min_chars_for_text_page
        else:
            lines = [(doc.line_text(ln), ln.bbox, ln.block, ln.style) for ln in doc.page_lines(index + 1)]
            carries_text = doc.text_pages[index]
        builder.add_page(lines, carries_text)
    return builder.build()


def with_ocr(loaded: LoadedPdf, doc: DocumentText, enabled: bool = True) -> OcrOutcome:
    """OCR the image-only pages of `doc` when tesseract is there; say why there is no text otherwise."""
    has_text = any(doc.text_pages)
    scanned = [i for i, text in enumerate(doc.text_pages) if not text and draws_image(loaded.pdf, i)]
    if not scanned:
        return OcrOutcome(doc, no_text_reason=None if has_text else "no text layer and no image to OCR (blank pages)")
    unavailable = tesseract.unavailable() if enabled else "OCR is switched off (--no-ocr)"
    if unavailable:
        return OcrOutcome(doc, no_text_reason=None if has_text else f"no text layer (scanned pages) and {unavailable}")
    try:
        rebuilt = _rebuild(doc, {index: ocr_page(loaded, index) for index in scanned})
    except subprocess.TimeoutExpired:
        return OcrOutcome(doc, no_text_reason=None if has_text else
                          f"no text layer and tesseract timed out (> {tesseract.SETTINGS.page_timeout:g}s a page)")
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode(errors="replace").strip().splitlines()[-1:] or [f"exit code {exc.returncode}"]
        return OcrOutcome(doc, no_text_reason=None if has_text else f"no text layer and tesseract failed: {detail[0]}")
    if not any(rebuilt.text_pages):
        return OcrOutcome(rebuilt, ocr_used=True, no_text_reason="no text layer and OCR found no readable text")
    return OcrOutcome(rebuilt, ocr_used=True)
