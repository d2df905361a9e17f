"""PDFium (pypdfium2): a page's text runs with their boxes, and the shapes drawn on it.

The layout stage turns these into reading-order lines; nothing here knows about lines or
délibérations."""
from __future__ import annotations

import ctypes
import re
from collections import Counter
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
# str.translate looks every character up in the table: a run is translated only when it holds one
_NEEDS_FIX_RE = re.compile("[" + "".join(chr(code) for code in _CHAR_FIXES) + "]")


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


# font name and descriptor flags -> (bold, italic), read once per font (a page has a handful)
_STYLE_OF_FONT: dict[tuple[bytes, int], tuple[bool, bool]] = {}


def _style_of_font(font_name: bytes, flags: int) -> tuple[bool, bool]:
    key = (font_name, flags)
    style = _STYLE_OF_FONT.get(key)
    if style is None:
        font = font_name.decode("utf-8", "replace")
        style = (bool(_BOLD_FONT_RE.search(font) or flags & _FORCE_BOLD), bool(_ITALIC_FONT_RE.search(font) or flags & _ITALIC))
        if len(_STYLE_OF_FONT) < 4096:  # bounded: an archive holds many fonts, a page few
            _STYLE_OF_FONT[key] = style
    return style


class _TextPageReader:
    """One text page read through PDFium's C functions with buffers reused across its runs.

    The pypdfium2 helpers allocate and call twice per run (once for the length, once for the
    text); on a page of 80 runs that was most of the layout stage's time. The C calls and their
    results are the same as the helpers': `get_rect`, `get_text_bounded`, the font of the
    character at a run's middle."""

    def __init__(self, textpage: pdfium.PdfTextPage):
        self.textpage = textpage
        self.raw = textpage.raw
        # a run's text is at most every character of the page, with a line break ("\r\n") before each
        self.size = 3 * max(pdfium_c.FPDFText_CountChars(self.raw), 0) + 16
        self.buffer = (ctypes.c_ushort * self.size)()
        self.left, self.bottom, self.right, self.top = (ctypes.c_double() for _ in range(4))
        self.font_name, self.font_flags = ctypes.create_string_buffer(128), ctypes.c_int()

    def rects(self) -> list[tuple[float, float, float, float]]:
        count = pdfium_c.FPDFText_CountRects(self.raw, 0, -1)
        if count == -1:
            raise pdfium.PdfiumError("Failed to count rectangles.")
        left, bottom, right, top = self.left, self.bottom, self.right, self.top
        rects = []
        for index in range(count):
            if not pdfium_c.FPDFText_GetRect(self.raw, index, left, top, right, bottom):
                raise pdfium.PdfiumError("Failed to get rectangle.")
            rects.append((left.value, bottom.value, right.value, top.value))
        return rects

    def text_in(self, x0: float, y0: float, x1: float, y1: float) -> str:
        """PDFium's text of the characters whose boxes meet the rectangle (FPDFText_GetBoundedText)."""
        written = pdfium_c.FPDFText_GetBoundedText(self.raw, x0, y1, x1, y0, self.buffer, self.size)
        if written <= 0:
            return ""
        if written >= self.size:  # the bound above says it cannot happen; if it did, read it the helper's way
            return self.textpage.get_text_bounded(x0, y0, x1, y1)
        # PDFium ends the text with a NUL when the buffer has room for it; the text itself has none
        return ctypes.string_at(self.buffer, 2 * written).decode("utf-16-le", "ignore").rstrip("\x00")

    def style_at(self, x0: float, y0: float, x1: float, y1: float) -> tuple[bool, bool]:
        """(bold, italic) of the font of the character at the middle of the rectangle, from its name
        and descriptor flags (PDFium's font weight is unset in most PDFs)."""
        index = pdfium_c.FPDFText_GetCharIndexAtPos(self.raw, (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2 + 0.5,
                                                    (y1 - y0) / 2 + 0.5)
        name, flags = self.font_name, self.font_flags
        if index < 0 or not pdfium_c.FPDFText_GetFontInfo(self.raw, index, name, len(name), flags):
            return False, False
        return _style_of_font(name.value, flags.value)


def text_runs(textpage: pdfium.PdfTextPage) -> list[TextRun]:
    reader = _TextPageReader(textpage)
    rects = reader.rects()
    keys = [(round(x0, 1), round(y0, 1), round(x1, 1), round(y1, 1)) for x0, y0, x1, y1 in rects]
    # PDFium reports a rect once per overprinted copy; read each place once
    multiplicity = Counter(keys)
    runs = []
    seen: set[tuple] = set()
    for (x0, y0, x1, y1), key in zip(rects, keys):
        if key in seen:
            continue
        seen.add(key)
        text = reader.text_in(x0, y0, x1, y1)
        if _NEEDS_FIX_RE.search(text):
            text = text.translate(_CHAR_FIXES)
        text = visible_copy(text.replace("\n", " "), multiplicity[key])
        if text.strip():
            bold, italic = reader.style_at(x0, y0, x1, y1)
            runs.append(TextRun(text, x0, y0, x1, y1, bold, italic))
    return runs


def path_bounds(page: pdfium.PdfPage, max_paths: int) -> list[BBox]:
    """Bounds of the page's drawn paths (rules, boxes, cell borders), at most `max_paths + 1`:
    a page drawing thousands (a map, a chart) is not a layout of boxes. Paths inside a form
    XObject drawn by the page count too (one level down, as `page.get_objects(max_depth=2)`)."""
    bounds: list[BBox] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))

    def visit(count: int, get_object, parent, descend: bool) -> bool:
        for index in range(count):
            obj = get_object(parent, index)
            if not obj:
                raise pdfium.PdfiumError("Failed to get pageobject.")
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                if len(bounds) > max_paths:
                    return False
                if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                    raise pdfium.PdfiumError("Failed to locate pageobject.")
                bounds.append((left.value, bottom.value, right.value, top.value))
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and descend:
                inner = pdfium_c.FPDFFormObj_CountObjects(obj)
                if inner < 0:
                    raise pdfium.PdfiumError("Failed to get number of pageobjects.")
                if not visit(inner, pdfium_c.FPDFFormObj_GetObject, obj, False):
                    return False
        return True

    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    if count < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    visit(count, pdfium_c.FPDFPage_GetObject, page.raw, True)
    return bounds


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
    """Text runs and drawn paths of page `index` (0-based), and in the same page visit what the
    page shows: the images it draws and how much of them its text covers, its crop box and
    /Rotate, its readable annotations
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
            chars=len("".join("".join(r.text for r in runs).split())),  # characters but spaces, counted in C
            annotations=readable_count(page))
    finally:
        page.close()
    return PageText(width, height, char_count, runs, paths), coverage
