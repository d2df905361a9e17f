"""PDFium (pypdfium2): a page's text runs with their boxes, and the shapes drawn on it.

The layout stage turns these into reading-order lines; nothing here knows about lines or
délibérations."""
from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.backends.annotations import readable_count
from pipeline.backends.pdf_images import cropbox_of, drawn_images, measure_coverage
from pipeline.document import BBox, PageCoverage

# a font whose name says it is bold ("TimesNewRomanPS-BoldMT", "Arial,Bold", "Calibri-Semibold")
_BOLD_FONT_RE = re.compile(r"bold|black|heavy|semibold|demi|[-,]bd\b", re.I)
_ITALIC_FONT_RE = re.compile(r"italic|oblique|[-,]it\b", re.I)
_FORCE_BOLD = 1 << 18  # PDF font descriptor flags: ForceBold
_ITALIC = 1 << 6  # PDF font descriptor flags: Italic
# U+FFFE and \x02 are how PDFium reports a hyphen at a line break; \xad is a soft hyphen.
_CHAR_FIXES = str.maketrans({"\ufffe": "-", "\x02": "-", "\xad": "-", "\u00a0": " ", "\u202f": " ", "\r": " "})


@dataclass
class TextRun:
    """A run of text PDFium reports as one rectangle."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    bold: bool = False
    italic: bool = False

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class PageText:
    width: float
    height: float
    char_count: int
    runs: list[TextRun]
    paths: list[BBox]  # bounds of drawn path objects (rules, boxes), at most `max_paths`


def visible_copy(text: str, copies: int) -> str:
    """Text overprinted `copies` times at the same place (e.g. two ACTES stamps stacked) is read
    back as the copies concatenated in drawing order; the last one drawn is the one on top,
    the visible one. Copies of unequal length cannot be told apart: keep the text whole."""
    if copies < 2 or len(text) % copies:
        return text
    size = len(text) // copies
    return text[-size:]


def _font_style(textpage: pdfium.PdfTextPage, rect: tuple, name: ctypes.Array, flags: ctypes.c_int) -> tuple[bool, bool]:
    """(bold, italic) of the font of the character at the middle of `rect`, from its name and
    descriptor flags (PDFium's font weight is unset in most PDFs)."""
    x0, y0, x1, y1 = rect
    index = pdfium_c.FPDFText_GetCharIndexAtPos(textpage.raw, (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2 + 0.5,
                                                (y1 - y0) / 2 + 0.5)
    if index < 0 or not pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, name, len(name), flags):
        return False, False
    font = name.value.decode("utf-8", "replace")
    return (bool(_BOLD_FONT_RE.search(font) or flags.value & _FORCE_BOLD),
            bool(_ITALIC_FONT_RE.search(font) or flags.value & _ITALIC))


def text_runs(textpage: pdfium.PdfTextPage) -> list[TextRun]:
    rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    # PDFium reports a rect once per overprinted copy; read each place once
    multiplicity: dict[tuple, int] = {}
    for rect in rects:
        key = tuple(round(v, 1) for v in rect)
        multiplicity[key] = multiplicity.get(key, 0) + 1
    runs = []
    seen: set[tuple] = set()
    name, flags = ctypes.create_string_buffer(128), ctypes.c_int()
    for x0, y0, x1, y1 in rects:
        key = (round(x0, 1), round(y0, 1), round(x1, 1), round(y1, 1))
        if key in seen:
            continue
        seen.add(key)
        text = textpage.get_text_bounded(x0, y0, x1, y1).translate(_CHAR_FIXES)
        text = visible_copy(text.replace("\n", " "), multiplicity[key])
        if text.strip():
            bold, italic = _font_style(textpage, (x0, y0, x1, y1), name, flags)
            runs.append(TextRun(text, x0, y0, x1, y1, bold, italic))
    return runs


def path_bounds(page: pdfium.PdfPage, max_paths: int) -> list[BBox]:
    """Bounds of the page's drawn paths (rules, boxes, cell borders), at most `max_paths + 1`:
    a page drawing thousands (a map, a chart) is not a layout of boxes."""
    bounds: list[BBox] = []
    for count, obj in enumerate(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2)):
        if count > max_paths:
            break
        bounds.append(tuple(obj.get_bounds()))
    return bounds


def read_page(pdf: pdfium.PdfDocument, index: int, max_paths: int) -> PageText:
    """Text runs and drawn paths of page `index` (0-based); the page is closed when read."""
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            runs = text_runs(textpage)
            char_count = textpage.count_chars()
        finally:
            textpage.close()
        paths = path_bounds(page, max_paths) if runs else []
    finally:
        page.close()
    return PageText(width, height, char_count, runs, paths)


def draws_image(pdf: pdfium.PdfDocument, index: int) -> bool:
    """Whether page `index` (0-based) draws at least one image."""
    page = pdf[index]
    try:
        return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
    finally:
        page.close()


def render_gray(pdf: pdfium.PdfDocument, index: int, dpi: int):
    """Page `index` (0-based) as a grayscale PIL image at `dpi`, and the page height in points."""
    page = pdf[index]
    try:
        height = page.get_height()
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        page.close()
    return image, height


def read_page_and_coverage(pdf: pdfium.PdfDocument, index: int, max_paths: int) -> tuple[PageText, PageCoverage]:
    """`read_page`, and in the same page visit what the page shows: the images it draws and how
    much of them its text covers, its crop box and /Rotate, its readable annotations
    (pdf_images.measure_coverage). Visiting the page a second time for this costs about a tenth
    of the layout stage (measured on the corpus)."""
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            runs = text_runs(textpage)
            char_count = textpage.count_chars()
        finally:
            textpage.close()
        paths = path_bounds(page, max_paths) if runs else []
        images = [image.bbox for image in drawn_images(page)]
        coverage = measure_coverage(
            cropbox_of(page), page.get_rotation(), images, [(r.x0, r.y0, r.x1, r.y1) for r in runs],
            chars=sum(1 for r in runs for ch in r.text if not ch.isspace()), annotations=readable_count(page))
    finally:
        page.close()
    return PageText(width, height, char_count, runs, paths), coverage
