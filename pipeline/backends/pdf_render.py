"""PDFium (pypdfium2): a page as the grey image tesseract reads.

The page is rendered from a *scratch copy* of the document (the caller opens one per document
from the file's bytes), so the page objects can be taken away without touching the document the
other stages read:
- the objects holding text are removed and annotations are not drawn: the OCR sees the scan only,
  so a stamp printed over it as text (or added as an annotation) is not read a second time, and
  the scanned words it covered become readable;
- the resolution is capped at `max_upsample` times the scan's own;
- the image is cropped to its ink (an A4 page on half an A3 sheet);
- its darkest pixel row tells a blank page (a scanned blank back) before tesseract is asked."""
from __future__ import annotations

import ctypes
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.backends.pdf_images import drawn_images
from pipeline.backends.tesseract import SETTINGS, PixelBox, TesseractSettings
from pipeline.document import BBox

# A form drawing an image over this share of the page holds the scan itself: only the text objects
# inside it are removed, never the form (the scan would go with it). The same share makes a page
# a scan in the OCR stage's page decision.
SCAN_IMAGE_SHARE = 0.4
# The scan's own resolution is that of the sharpest images covering together at least this share
# of the page: the 1-bit text mask of an MRC scan, not its low-resolution colour background.
NATIVE_DPI_MIN_SHARE = 0.05


@dataclass
class PageImage:
    image: np.ndarray  # 8-bit grey, rows top to bottom
    dpi: float
    origin: tuple[float, float]  # display-space point (x, y of the top edge) of the image's top-left corner
    text_hidden: bool  # the page's text objects were removed before rendering
    blank: bool  # no pixel row holds a line's worth of ink: nothing to read

    def to_display(self, box: PixelBox) -> BBox:
        """A pixel box of the image in display space (PDF points, origin bottom-left of the page as shown)."""
        scale = 72 / self.dpi
        x, top = self.origin
        return (x + box[0] * scale, top - box[3] * scale, x + box[2] * scale, top - box[1] * scale)


def native_dpi(page: pdfium.PdfPage) -> float:
    """The resolution of the scan drawn on the page (0 when it draws no image)."""
    width, height = page.get_size()
    area_at: dict[float, float] = {}  # images grouped by resolution to 10 dpi (the layers of an MRC scan)
    exact: dict[float, float] = {}
    for image in drawn_images(page):
        group = round(image.dpi, -1)
        area_at[group] = area_at.get(group, 0.0) + (image.bbox[2] - image.bbox[0]) * (image.bbox[3] - image.bbox[1])
        exact[group] = max(exact.get(group, 0.0), image.dpi)
    covered = 0.0
    for group in sorted(area_at, reverse=True):
        covered += area_at[group]
        if covered >= NATIVE_DPI_MIN_SHARE * width * height:
            return exact[group]
    return 0.0


def _bounds_area(obj) -> float:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    return max(0.0, right.value - left.value) * max(0.0, top.value - bottom.value)


def _content(container, is_form: bool) -> list:
    count = pdfium_c.FPDFFormObj_CountObjects if is_form else pdfium_c.FPDFPage_CountObjects
    get = pdfium_c.FPDFFormObj_GetObject if is_form else pdfium_c.FPDFPage_GetObject
    return [get(container, index) for index in range(count(container))]


def _holds(obj, kind: int) -> bool:
    found = pdfium_c.FPDFPageObj_GetType(obj)
    if found == kind:
        return True
    return found == pdfium_c.FPDF_PAGEOBJ_FORM and any(_holds(child, kind) for child in _content(obj, True))


def _draws_scan(obj, page_area: float) -> bool:
    """Whether a form draws an image covering a large share of the page (bounds in page space)."""
    return _holds(obj, pdfium_c.FPDF_PAGEOBJ_IMAGE) and _bounds_area(obj) >= SCAN_IMAGE_SHARE * page_area


def _hide_text(container, is_form: bool, page_area: float) -> bool:
    """Remove the objects holding text: text objects, and forms holding text (an ACTES stamp drawn
    as a form: its frame goes with its text) unless the form draws the scan, in which case only
    the text inside it goes. True when something was removed."""
    remove = pdfium_c.FPDFFormObj_RemoveObject if is_form else pdfium_c.FPDFPage_RemoveObject
    removed = False
    for obj in reversed(_content(container, is_form)):
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and _holds(obj, pdfium_c.FPDF_PAGEOBJ_TEXT) and _draws_scan(obj, page_area):
            removed |= _hide_text(obj, True, page_area)
        elif kind == pdfium_c.FPDF_PAGEOBJ_TEXT or (kind == pdfium_c.FPDF_PAGEOBJ_FORM
                                                     and _holds(obj, pdfium_c.FPDF_PAGEOBJ_TEXT)):
            if remove(container, obj):
                pdfium_c.FPDFPageObj_Destroy(obj)
                removed = True
    return removed


def crop_to_ink(image: np.ndarray, margin: int, settings: TesseractSettings = SETTINGS) -> tuple[np.ndarray, tuple[int, int]]:
    """The image cropped to the rows and columns holding ink, plus `margin` pixels; and the
    (left, top) pixel where the crop starts."""
    dark = image < settings.ink_level
    rows = np.flatnonzero(dark.sum(axis=1) >= settings.min_ink_pixels)
    cols = np.flatnonzero(dark.sum(axis=0) >= settings.min_ink_pixels)
    if rows.size == 0 or cols.size == 0:
        return image, (0, 0)
    top, bottom = max(0, rows[0] - margin), min(image.shape[0], rows[-1] + margin + 1)
    left, right = max(0, cols[0] - margin), min(image.shape[1], cols[-1] + margin + 1)
    return image[top:bottom, left:right], (int(left), int(top))


def render_for_ocr(scratch: pdfium.PdfDocument, index: int, settings: TesseractSettings = SETTINGS) -> PageImage:
    """Page `index` (0-based) of the scratch copy `scratch` as tesseract should read it. The
    scratch page loses its text objects."""
    page = scratch[index]
    try:
        native = native_dpi(page)
        dpi = float(settings.dpi)
        if native:
            dpi = min(dpi, native * settings.max_upsample)
        hidden = False
        if settings.hide_text_layer:
            width, height = page.get_size()
            hidden = _hide_text(page.raw, False, width * height)
        bitmap = page.render(scale=dpi / 72, grayscale=True, draw_annots=not settings.hide_text_layer)
        image = bitmap.to_numpy()
        image = np.ascontiguousarray(image if image.ndim == 2 else image[:, :, 0])
        shown_height = page.get_height()  # as shown: /Rotate applied, like the render
    finally:
        page.close()
    darkest_row = int((image < settings.ink_level).sum(axis=1).max()) if image.size else 0
    blank = darkest_row < settings.blank_row_ink * dpi
    origin = (0.0, shown_height)
    if settings.crop_to_ink:
        image, (left, top) = crop_to_ink(image, round(settings.crop_margin_pt * dpi / 72), settings)
        origin = (left * 72 / dpi, shown_height - top * 72 / dpi)
    return PageImage(image=image, dpi=dpi, origin=origin, text_hidden=hidden, blank=blank)
