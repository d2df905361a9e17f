"""Stage 3 — ocr (between layout and segment): every page a person reads from an image is read by
tesseract, and the text of stamp annotations is put into the document text.

- Which pages: `decision.decide_page`, from what the layout stage measured on each page (images
  vs text coverage). A stamp-over-scan page (the ACTES stamp is its only text layer) is OCR'd.
- How: the page is rendered from a scratch copy of the PDF without its text objects and
  annotations (pipeline.backends.pdf_render), read by tesseract (pipeline.backends.tesseract);
  the page's real text lines (the stamp) are kept and placed into the OCR lines' reading order
  (`merge`). A blank page (a scanned blank back) is not sent to tesseract.
- Stamp annotations (the ACTES stamp added as a /Stamp annotation on every page) are read once
  per document (pipeline.backends.annotations) and put, as a block of their own, on the first
  page carrying them.
- The returned DocumentText knows which pages were read by OCR (their values' provenance says so).

Lines on an OCR'd page have display-space boxes (PDF points, origin bottom-left of the page as
shown, /Rotate applied: pipeline.backends.pdf_images); on a /Rotate 0 page whose crop box starts
at the origin that is the layout stage's space too.

tesseract is optional. Without it (or with --no-ocr) the pages needing OCR are left unread and
counted; a document with no text at all gets status 'no_text' and a one-line reason with the
install command."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field

import pypdfium2 as pdfium

from pipeline.backends import tesseract
from pipeline.backends.annotations import AnnotationText, annotation_texts, distinct
from pipeline.backends.pdf_images import to_display
from pipeline.backends.pdf_render import render_for_ocr
from pipeline.document import PLAIN, DocumentText, LineStyle, PageCoverage, TextBuilder
from pipeline.stages.layout import SETTINGS as LAYOUT
from pipeline.stages.load import LoadedPdf
from pipeline.stages.ocr.decision import DECISION, PageDecision, PageDecisionSettings, decide_page
from pipeline.stages.ocr.merge import PlacedLine, drop_double_reads, merge_reading_order, text_blocks

# A stamp annotation is page furniture, like a running header: readers of titles and lists pass
# over it; the stamp extractor reads it.
STAMP_STYLE = LineStyle(running=True)


@dataclass
class OcrOutcome:
    doc: DocumentText
    ocr_used: bool = False
    no_text_reason: str | None = None  # set when, even after OCR, the document has no text at all
    decisions: list[PageDecision] = field(default_factory=list)  # per page
    ocr_pages: int = 0  # pages read by OCR (blank ones included)
    unread_pages: int = 0  # pages needing OCR left unread: no tesseract, --no-ocr, a tesseract failure
    problem: str | None = None  # why OCR stopped early, when it did


def _shown(coverage: PageCoverage):
    return lambda box: to_display(box, coverage.cropbox, coverage.rotation)


def _text_lines(doc: DocumentText, index: int) -> list[PlacedLine]:
    return [PlacedLine(doc.line_text(ln), ln.bbox, ln.block, ln.style) for ln in doc.page_lines(index + 1)]


def _stamp_blocks(stamps: list[AnnotationText], shown=lambda box: box) -> list[list[PlacedLine]]:
    return [[PlacedLine(text, shown(box), ("annotation", number), STAMP_STYLE) for text, box in stamp.lines]
            for number, stamp in enumerate(stamps)]


@dataclass
class PageReading:
    lines: list[PlacedLine]  # in reading order, display space
    blank: bool  # nothing inked on the page: tesseract was not run


def ocr_page(scratch: pdfium.PdfDocument, doc: DocumentText, index: int, stamps: list[AnnotationText],
             settings: tesseract.TesseractSettings = tesseract.SETTINGS) -> PageReading:
    """Page `index` (0-based) read by OCR and merged with its real text lines and its stamps, in
    display space; `scratch` is a scratch copy of the PDF (its page loses its text objects)."""
    shown = _shown(doc.coverage[index])
    text = [PlacedLine(line.text, shown(line.bbox), None, line.style) for line in _text_lines(doc, index)]
    image = render_for_ocr(scratch, index, settings)
    words = [] if image.blank else tesseract.read_words(image.image, image.to_display, settings)
    kept, _ = drop_double_reads(words, text, image.text_hidden)
    ocr = [PlacedLine(line.text, line.bbox, ("ocr", line.block), PLAIN) for line in tesseract.group_lines(kept)]
    blocks = [[PlacedLine(ln.text, ln.bbox, ("text", n), ln.style) for ln in block]
              for n, block in enumerate(text_blocks(text))]
    return PageReading(merge_reading_order(ocr, blocks + _stamp_blocks(stamps, shown)), image.blank)


def read_stamps(loaded: LoadedPdf, doc: DocumentText) -> dict[int, list[AnnotationText]]:
    """The distinct stamp annotations of the document, by the 0-based page that keeps them."""
    pages = [index for index, coverage in enumerate(doc.coverage) if coverage.annotations]
    if not pages:
        return {}
    kept: dict[int, list[AnnotationText]] = {}
    for stamp in distinct(annotation_texts(loaded.data, pages)):
        kept.setdefault(stamp.page, []).append(stamp)
    return kept


def _rebuild(doc: DocumentText, read: dict[int, list[PlacedLine]], stamps: dict[int, list[AnnotationText]]) -> DocumentText:
    """`doc` with each OCR'd page's merged lines in place of its own, and the stamps on their pages."""
    builder = TextBuilder()
    for index in range(doc.page_count):
        coverage = doc.coverage[index] if index < len(doc.coverage) else PageCoverage()
        carries_text = doc.text_pages[index]
        if index in read:
            lines = read[index]
            ocr_chars = sum(len(line.text) for line in lines if isinstance(line.key, tuple) and line.key[0] == "ocr")
            builder.add_page([ln.as_page_line() for ln in lines],
                             carries_text or ocr_chars >= LAYOUT.min_chars_for_text_page, coverage, ocr=True)
            continue
        lines = _text_lines(doc, index)
        if index in stamps:
            lines = merge_reading_order(lines, _stamp_blocks(stamps[index]), _shown(coverage))
        builder.add_page([ln.as_page_line() for ln in lines], carries_text, coverage)
    return builder.build()


def with_ocr(loaded: LoadedPdf, doc: DocumentText, enabled: bool = True,
             settings: tesseract.TesseractSettings = tesseract.SETTINGS,
             decision: PageDecisionSettings = DECISION) -> OcrOutcome:
    """OCR the pages that need it when tesseract is there, add the stamp annotations; say why there
    is no text otherwise."""
    decisions = [decide_page(coverage, decision) for coverage in doc.coverage]
    wanted = [index for index, d in enumerate(decisions) if d.ocr]
    has_text = any(doc.text_pages)
    stamps = read_stamps(loaded, doc)
    if not wanted and not stamps:
        return OcrOutcome(doc, no_text_reason=None if has_text else "no text layer and no image to OCR (blank pages)",
                          decisions=decisions)
    unavailable = (tesseract.unavailable(settings) if enabled else "OCR is switched off (--no-ocr)") if wanted else None
    read: dict[int, list[PlacedLine]] = {}
    problem = None
    if wanted and not unavailable:
        scratch = pdfium.PdfDocument(loaded.data)
        try:
            for index in wanted:
                try:
                    read[index] = ocr_page(scratch, doc, index, stamps.get(index, []), settings).lines
                except subprocess.TimeoutExpired:
                    problem = f"tesseract timed out (> {settings.page_timeout:g}s a page)"
                except subprocess.CalledProcessError as exc:
                    detail = (exc.stderr or b"").decode(errors="replace").strip().splitlines()[-1:] or [f"exit code {exc.returncode}"]
                    problem = f"tesseract failed: {detail[0]}"
                if problem:
                    break  # the next pages would most likely fail alike: leave them unread
        finally:
            scratch.close()
    rebuilt = _rebuild(doc, read, {page: kept for page, kept in stamps.items() if page not in read})
    outcome = OcrOutcome(rebuilt, ocr_used=bool(read), decisions=decisions, ocr_pages=len(read),
                         unread_pages=len(wanted) - len(read), problem=problem)
    if not any(rebuilt.text_pages):
        if unavailable:
            outcome.no_text_reason = f"no text layer (scanned pages) and {unavailable}"
        elif problem:
            outcome.no_text_reason = f"no text layer and {problem}"
        else:
            outcome.no_text_reason = "no text layer and OCR found no readable text"
    return outcome
