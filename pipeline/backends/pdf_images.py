"""PDFium (pypdfium2): the images a page draws, how much of the page they and its text cover, and
the page's display geometry.

Everything PDFium reports about page objects and text is in *user space* (PDF points, the page's
own coordinates, blind to /Rotate). What a person sees, and what a render shows, is the page
turned by /Rotate and clipped to the crop box: *display space* (PDF points, origin at the bottom
left of the page as shown). `to_display` converts. For a /Rotate 0 page whose crop box starts at
the origin the two are the same.

Nothing here knows about OCR decisions or délibérations: the OCR stage decides from
`measure_coverage`."""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Iterable, Iterator

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.document import BBox, PageCoverage


@dataclass(frozen=True)
class CoverageSettings:
    # Raster the union areas are measured on, in points per cell: text boxes are >= 4 pt high, so
    # 1 pt is exact enough, and an A4 page is a 0.5-megacell boolean array (< 1 ms with numpy).
    grid_pt: float = 1.0
    # Images smaller than this (points, either side) are not pictures of anything a person reads:
    # 1-pt rules drawn as images, and the hundreds of glyph images of an MRC scan's foreground
    # (they lie inside its background image anyway).
    min_image_side_pt: float = 2.0
    # Forms nested deeper than this are not descended (the Flaux ACTES stamp form is 3 deep).
    max_form_depth: int = 8


COVERAGE = CoverageSettings()


@dataclass(frozen=True)
class DrawnImage:
    bbox: BBox  # user space, every enclosing form's matrix applied
    pixels: tuple[int, int]  # the image's own width and height in pixels

    @property
    def dpi(self) -> float:
        """Pixels per inch along the image's longer side as drawn on the page."""
        side = max(self.bbox[2] - self.bbox[0], self.bbox[3] - self.bbox[1])
        return max(self.pixels) / (side / 72) if side > 0 else 0.0


def _matrix(obj) -> tuple[float, float, float, float, float, float]:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _apply(matrix: tuple[float, ...], box: BBox) -> BBox:
    a, b, c, d, e, f = matrix
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return (min(xs), min(ys), max(xs), max(ys))


def _bounds(obj) -> BBox:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    return (left.value, bottom.value, right.value, top.value)


def _children(container, is_form: bool) -> Iterator:
    count = pdfium_c.FPDFFormObj_CountObjects if is_form else pdfium_c.FPDFPage_CountObjects
    get = pdfium_c.FPDFFormObj_GetObject if is_form else pdfium_c.FPDFPage_GetObject
    for index in range(count(container)):
        yield get(container, index)


def _images(container, is_form: bool, matrices: list, settings: CoverageSettings) -> Iterator[DrawnImage]:
    for obj in _children(container, is_form):
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            box = _bounds(obj)
            # an object inside a form reports bounds in the form's space: apply the forms' matrices,
            # innermost first (checked on the Flaux stamp form, nested 3 deep)
            for matrix in reversed(matrices):
                box = _apply(matrix, box)
            width, height = ctypes.c_uint(), ctypes.c_uint()
            pdfium_c.FPDFImageObj_GetImagePixelSize(obj, width, height)
            yield DrawnImage(box, (width.value, height.value))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and len(matrices) < settings.max_form_depth:
            yield from _images(obj, True, matrices + [_matrix(obj)], settings)


def drawn_images(page: pdfium.PdfPage, settings: CoverageSettings = COVERAGE) -> list[DrawnImage]:
    """The images page `page` draws, forms included, tiny ones aside (see CoverageSettings)."""
    return [image for image in _images(page.raw, False, [], settings)
            if image.bbox[2] - image.bbox[0] >= settings.min_image_side_pt
            and image.bbox[3] - image.bbox[1] >= settings.min_image_side_pt]


def _mask(rects: Iterable[BBox], clip: BBox, grid: float) -> np.ndarray:
    x0, y0, x1, y1 = clip
    cols, rows = max(1, int(np.ceil((x1 - x0) / grid))), max(1, int(np.ceil((y1 - y0) / grid)))
    mask = np.zeros((rows, cols), dtype=bool)
    for rx0, ry0, rx1, ry1 in rects:
        c0, c1 = int(max(0, (rx0 - x0) // grid)), int(min(cols, np.ceil((rx1 - x0) / grid)))
        r0, r1 = int(max(0, (ry0 - y0) // grid)), int(min(rows, np.ceil((ry1 - y0) / grid)))
        if c1 > c0 and r1 > r0:
            mask[r0:r1, c0:c1] = True
    return mask


def _overlaps(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def measure_coverage(cropbox: BBox, rotation: int, images: list[BBox], text_boxes: list[BBox], chars: int,
                     annotations: int = 0, settings: CoverageSettings = COVERAGE) -> PageCoverage:
    """Image and text coverage of one page, all in user space, clipped to the crop box. The text
    raster is drawn only where images are, so a text page with a small logo costs little."""
    area = max(1.0, (cropbox[2] - cropbox[0]) * (cropbox[3] - cropbox[1]))
    image_fraction = text_over_image = 0.0
    if images:
        image_mask = _mask(images, cropbox, settings.grid_pt)
        image_cells = int(image_mask.sum())
        if image_cells:
            image_fraction = min(1.0, image_cells * settings.grid_pt ** 2 / area)
            ix0, iy0 = min(b[0] for b in images), min(b[1] for b in images)
            ix1, iy1 = max(b[2] for b in images), max(b[3] for b in images)
            over = [box for box in text_boxes if _overlaps(box, (ix0, iy0, ix1, iy1))]
            if over:
                text_mask = _mask(over, cropbox, settings.grid_pt)
                text_over_image = float((text_mask & image_mask).sum()) / image_cells
    return PageCoverage(cropbox=tuple(cropbox), rotation=rotation, chars=chars, images=len(images),
                        image_fraction=image_fraction, text_over_image=text_over_image, annotations=annotations)


def cropbox_of(page: pdfium.PdfPage) -> BBox:
    return tuple(page.get_cropbox())


def to_display(box: BBox, cropbox: BBox, rotation: int) -> BBox:
    """A user-space box as seen on the page shown upright: /Rotate turns the page clockwise, and
    the crop box's lower-left corner becomes the origin. Same result as PDFium's page-to-device
    transform (the render), checked on /Rotate 90 and 270 corpus pages in the tests."""
    cx0, cy0, cx1, cy1 = cropbox
    x0, y0, x1, y1 = box[0] - cx0, box[1] - cy0, box[2] - cx0, box[3] - cy0
    width, height = cx1 - cx0, cy1 - cy0
    turn = rotation % 360
    if turn == 90:  # the page's left edge is now its top edge
        return (y0, width - x1, y1, width - x0)
    if turn == 180:
        return (width - x1, height - y1, width - x0, height - y0)
    if turn == 270:  # the page's left edge is now its bottom edge
        return (height - y1, x0, height - y0, x1)
    return (x0, y0, x1, y1)


def display_size(cropbox: BBox, rotation: int) -> tuple[float, float]:
    width, height = cropbox[2] - cropbox[0], cropbox[3] - cropbox[1]
    return (height, width) if rotation % 180 == 90 else (width, height)
