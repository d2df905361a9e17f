"""OCR for scanned pages (between layout and segment): image-only pages are rendered with PDFium
at 300 dpi and read by tesseract (`-l fra`, TSV output, so each line keeps its box); their lines
then take the place of the empty page in the DocumentText, and the rest of the pipeline runs as
for any text page.

tesseract is an optional system tool (Debian: `apt-get install tesseract-ocr tesseract-ocr-fra`).
Without it a document with no text layer gets status 'no_text' and a reason saying so."""
from __future__ import annotations

import csv
import functools
import io
import os
import shutil
import subprocess
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.stages.layout import DocumentText, Line
from pipeline.stages.load import MIN_CHARS_FOR_TEXT_PAGE, LoadedPdf

OCR_DPI = 300
PAGE_TIMEOUT = 180  # seconds for tesseract on one page; the batch's per-document deadline still applies
MIN_WORD_CONFIDENCE = 20  # tesseract's 0-100; below this a "word" is mostly scanner noise
BBox = tuple[float, float, float, float]


@dataclass
class OcrLine:
    text: str
    bbox: BBox  # PDF points, origin bottom-left, like PDFium's text boxes
    block: int


@dataclass
class OcrOutcome:
    doc: DocumentText
    ocr_used: bool = False
    no_text_reason: str | None = None  # set when, even after OCR, the document has no text at all


def tesseract_unavailable() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    executable = shutil.which("tesseract")
    if executable is None:
        return "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-fra)"
    if "fra" not in _languages(executable):
        return "tesseract has no French data (apt-get install tesseract-ocr-fra)"
    return None


@functools.cache
def _languages(executable: str) -> frozenset[str]:
    try:
        listed = subprocess.run([executable, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in listed.splitlines()[1:])


def is_scanned_page(pdf: pdfium.PdfDocument, index: int) -> bool:
    """A page worth OCR: it draws at least one image (a blank page is not)."""
    page = pdf[index]
    try:
        return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
    finally:
        page.close()


def render_page(pdf: pdfium.PdfDocument, index: int, dpi: int = OCR_DPI) -> tuple[bytes, float]:
    """The page as a grayscale PGM image (uncompressed: cheaper to make than PNG, and tesseract reads
    it from stdin), and the page height in points."""
    page = pdf[index]
    try:
        height = page.get_height()
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        page.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")
    return buffer.getvalue(), height


def run_tesseract(image: bytes) -> str:
    # one thread: parallel batch workers already use every core
    env = os.environ | {"OMP_THREAD_LIMIT": "1"}
    completed = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", "fra", "--psm", "3", "tsv"],
        input=image, capture_output=True, timeout=PAGE_TIMEOUT, env=env, check=True,
    )
    return completed.stdout.decode("utf-8", errors="replace")


def lines_from_tsv(tsv: str, page_height: float, dpi: int = OCR_DPI) -> list[OcrLine]:
    """Words (TSV level 5) grouped into tesseract's lines, boxes converted from pixels (origin
    top-left) to PDF points (origin bottom-left)."""
    scale = 72 / dpi
    lines: dict[tuple[int, int, int], list[tuple[str, float, float, float, float]]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text or float(row.get("conf") or -1) < MIN_WORD_CONFIDENCE:
            continue
        left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        lines.setdefault(key, []).append((text, left, top, left + width, top + height))
    result = []
    for (block, _, _), words in lines.items():
        x0, top = min(w[1] for w in words), min(w[2] for w in words)
        x1, bottom = max(w[3] for w in words), max(w[4] for w in words)
        bbox = (x0 * scale, page_height - bottom * scale, x1 * scale, page_height - top * scale)
        result.append(OcrLine(" ".join(w[0] for w in words), bbox, block))
    return result


def ocr_page(pdf: pdfium.PdfDocument, index: int) -> list[OcrLine]:
    image, height = render_page(pdf, index)
    return lines_from_tsv(run_tesseract(image), height)


def _rebuild(doc: DocumentText, ocr_pages: dict[int, list[OcrLine]]) -> DocumentText:
    """`doc` with each OCR'd page's lines in place of that page's (empty) text; offsets shifted,
    blocks renumbered in reading order."""
    parts: list[str] = []
    lines: list[Line] = []
    page_starts: list[int] = []
    text_pages: list[bool] = []
    blocks: dict[tuple, int] = {}
    offset = 0
    for index in range(doc.page_count):
        page_starts.append(offset)
        if index in ocr_pages:
            page_lines = [(ol.text, ol.bbox, ("ocr", index, ol.block)) for ol in ocr_pages[index]]
        else:
            base = doc.page_starts[index]
            page_lines = [(doc.text[ln.start:ln.end], ln.bbox, ("text", ln.block))
                          for ln in doc.lines if ln.page == index + 1 and ln.start >= base]
        for text, bbox, block_key in page_lines:
            block = blocks.setdefault(block_key, len(blocks) + 1)
            lines.append(Line(page=index + 1, bbox=bbox, start=offset, end=offset + len(text), block=block))
            parts.append(text + "\n")
            offset += len(text) + 1
        text_pages.append(sum(len(t) for t, _, _ in page_lines) >= MIN_CHARS_FOR_TEXT_PAGE
                          if index in ocr_pages else doc.text_pages[index])
        parts.append("\f\n")
        offset += 2
    return DocumentText(text="".join(parts), lines=lines, page_count=doc.page_count, page_starts=page_starts,
                        text_pages=text_pages)


def with_ocr(loaded: LoadedPdf, doc: DocumentText, enabled: bool = True) -> OcrOutcome:
    """OCR the image-only pages of `doc` when tesseract is there; say why there is no text otherwise."""
    has_text = any(doc.text_pages)
    scanned = [i for i, text in enumerate(doc.text_pages) if not text and is_scanned_page(loaded.pdf, i)]
    if not scanned:
        return OcrOutcome(doc, no_text_reason=None if has_text else "no text layer and no image to OCR (blank pages)")
    unavailable = tesseract_unavailable() if enabled else "OCR is switched off (--no-ocr)"
    if unavailable:
        return OcrOutcome(doc, no_text_reason=None if has_text else f"no text layer (scanned pages) and {unavailable}")
    try:
        rebuilt = _rebuild(doc, {index: ocr_page(loaded.pdf, index) for index in scanned})
    except subprocess.TimeoutExpired:
        return OcrOutcome(doc, no_text_reason=None if has_text else f"no text layer and tesseract timed out (> {PAGE_TIMEOUT}s a page)")
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode(errors="replace").strip().splitlines()[-1:] or [f"exit code {exc.returncode}"]
        return OcrOutcome(doc, no_text_reason=None if has_text else f"no text layer and tesseract failed: {detail[0]}")
    if not any(rebuilt.text_pages):
        return OcrOutcome(rebuilt, ocr_used=True, no_text_reason="no text layer and OCR found no readable text")
    return OcrOutcome(rebuilt, ocr_used=True)
