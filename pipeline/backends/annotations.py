"""PDFium (pypdfium2): the text of stamp and free-text annotations, which a person sees on the page
and PDFium's text page does not contain.

Some transmitted PDFs carry the préfecture's ACTES stamp ("Envoyé en préfecture le …", "ID : …")
as a /Stamp annotation on every page instead of printing it into the page. PDFium cannot give the
text of an annotation's appearance directly: FPDFTextObj_GetText returns "" for its text objects
(it looks them up in the page's text page, which holds page content only), and FPDFAnnot_GetAP
returns only the outer stream ("q 0 -1 1 0 0 190 cm /Fm1 Do Q"). What works: flatten the page in
a *scratch copy* of the document (the annotation's appearance becomes page content, appended
after the page's own objects), reload it, and keep the characters whose text object is one the
flattening added. The caller's document is never modified.

Boxes are in user space, like PDFium's text; `pdf_images.to_display` turns them upright."""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.document import BBox

# Annotation subtypes whose appearance is text a reader sees. Widgets (form fields) would qualify
# too but occur nowhere in the corpus; links have no appearance.
READ_SUBTYPES = {pdfium_c.FPDF_ANNOT_STAMP: "stamp", pdfium_c.FPDF_ANNOT_FREETEXT: "freetext"}
# a character's centre may overhang its annotation's rectangle by this much (points)
INSIDE_TOLERANCE = 2.0


@dataclass
class AnnotationText:
    page: int  # 0-based
    subtype: str
    rect: BBox  # user space
    lines: list[tuple[str, BBox]] = field(default_factory=list)  # (text, user-space box), top to bottom

    @property
    def key(self) -> str:
        """What makes two annotations "the same": their text, whitespace aside."""
        return " ".join(" ".join(text for text, _ in self.lines).split())


def _readable(page: pdfium.PdfPage) -> list[tuple[str, BBox]]:
    """(subtype, user-space rect) of the page's stamp / free-text annotations that have an appearance."""
    found = []
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, index)
        try:
            subtype = pdfium_c.FPDFAnnot_GetSubtype(annot)
            if subtype in READ_SUBTYPES and pdfium_c.FPDFAnnot_GetObjectCount(annot) > 0:
                rect = pdfium_c.FS_RECTF()
                pdfium_c.FPDFAnnot_GetRect(annot, rect)
                found.append((READ_SUBTYPES[subtype], (rect.left, rect.bottom, rect.right, rect.top)))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return found


def readable_count(page: pdfium.PdfPage) -> int:
    """How many stamp / free-text annotations with an appearance page `page` carries (cheap: no
    annotation is read; 0 on most pages)."""
    if pdfium_c.FPDFPage_GetAnnotCount(page.raw) == 0:
        return 0
    return len(_readable(page))


def _addresses(container, is_form: bool, start: int = 0) -> set[int]:
    """Addresses of the page (or form) objects from index `start` on, forms descended."""
    count = pdfium_c.FPDFFormObj_CountObjects if is_form else pdfium_c.FPDFPage_CountObjects
    get = pdfium_c.FPDFFormObj_GetObject if is_form else pdfium_c.FPDFPage_GetObject
    found: set[int] = set()
    for index in range(start, count(container)):
        obj = get(container, index)
        found.add(ctypes.cast(obj, ctypes.c_void_p).value)
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_FORM:
            found |= _addresses(obj, True)
    return found


def _flattened_lines(scratch: pdfium.PdfDocument, index: int) -> list[tuple[str, BBox]]:
    """Lines of text that flattening page `index` of `scratch` adds to it (user-space boxes)."""
    page = scratch[index]
    before = pdfium_c.FPDFPage_CountObjects(page.raw)
    status = pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY)
    page.close()
    if status != pdfium_c.FLATTEN_SUCCESS:
        return []
    page = scratch[index]  # the flattened content is parsed on reload only
    textpage = page.get_textpage()
    try:
        added = _addresses(page.raw, False, start=before)
        lines: list[tuple[str, BBox]] = []
        chars: list[str] = []
        box: list[float] | None = None
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        for i in range(textpage.count_chars()):
            address = ctypes.cast(pdfium_c.FPDFText_GetTextObject(textpage.raw, i), ctypes.c_void_p).value
            char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
            if address is None:
                # a character PDFium generated (line break, word space) has no text object: it
                # belongs to the annotation when it follows annotation characters
                if chars and char in "\r\n":
                    if box:
                        lines.append(("".join(chars), tuple(box)))
                    chars, box = [], None
                elif chars:
                    chars.append(char)
                continue
            if address not in added:
                continue  # the page's own content
            pdfium_c.FPDFText_GetCharBox(textpage.raw, i, left, right, bottom, top)
            if char.strip():
                glyph = [left.value, bottom.value, right.value, top.value]
                box = glyph if box is None else [min(box[0], glyph[0]), min(box[1], glyph[1]),
                                                 max(box[2], glyph[2]), max(box[3], glyph[3])]
            chars.append(char)
        if chars and box:
            lines.append(("".join(chars), tuple(box)))
        return [(" ".join(text.split()), b) for text, b in lines if text.strip()]
    finally:
        textpage.close()
        page.close()


def _inside(box: BBox, rect: BBox) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return (rect[0] - INSIDE_TOLERANCE <= cx <= rect[2] + INSIDE_TOLERANCE
            and rect[1] - INSIDE_TOLERANCE <= cy <= rect[3] + INSIDE_TOLERANCE)


def annotation_texts(data: bytes, pages: list[int]) -> list[AnnotationText]:
    """The stamp / free-text annotations of `pages` (0-based) with their text, read from a scratch
    copy of the PDF given as bytes (6-10 ms a page, the copy's opening included)."""
    if not pages:
        return []
    scratch = pdfium.PdfDocument(data)
    try:
        found: list[AnnotationText] = []
        for index in pages:
            page = scratch[index]
            try:
                wanted = _readable(page)
            finally:
                page.close()
            if not wanted:
                continue
            lines = _flattened_lines(scratch, index)
            for subtype, rect in wanted:
                found.append(AnnotationText(index, subtype, rect, [(t, b) for t, b in lines if _inside(b, rect)]))
        return found
    finally:
        scratch.close()


def distinct(annotations: list[AnnotationText]) -> list[AnnotationText]:
    """The first page's copy of each distinct annotation text: a stamp repeated on every page is
    read once; an annotation with another text (another acte bound in the same PDF) is kept."""
    seen: set[str] = set()
    kept = []
    for annotation in sorted(annotations, key=lambda a: a.page):
        if annotation.key and annotation.key not in seen:
            seen.add(annotation.key)
            kept.append(annotation)
    return kept
