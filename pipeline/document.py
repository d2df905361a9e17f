"""The document model that flows through the stages.

    LoadedPdf --layout/ocr--> DocumentText --segment--> SegmentedDocument --extract--> findings (Found)

- `DocumentText`: the whole document as one string, with every line's page and box, so that any
  character span maps back to the page (and box) it was read from. Built by `TextBuilder`, the one
  text builder used by the layout stage (PDF text layer) and the OCR stage (tesseract lines).
- `Segment` / `SegmentedDocument`: the séance header and one span per délibération.
- `Found`: an extracted value with the span of text it was read from.

Stages exchange these objects only; no stage reaches into another's internals."""
from __future__ import annotations

import bisect
import dataclasses
import difflib
import functools
import re
from dataclasses import dataclass, field
from typing import Generic, Hashable, Iterable, TypeVar

from models import Provenance

BBox = tuple[float, float, float, float]  # PDF points, origin bottom-left: x0, y0, x1, y1
T = TypeVar("T")

PAGE_BREAK = "\f\n"  # what ends every page in DocumentText.text


@dataclass(frozen=True)
class LineStyle:
    """How a line is printed, as far as the source tells (OCR'd lines: only their height)."""

    bold: float = 0.0  # share of the line's characters in a bold font
    italic: float = 0.0
    underlined: bool = False  # a drawn rule runs under most of the line
    boxed: bool = False  # the line stands in a drawn box (a table cell, a framed heading, a stamp)
    running: bool = False  # page furniture: a running header or footer, a page number


PLAIN = LineStyle()


@dataclass(frozen=True)
class PageCoverage:
    """What a page shows, measured when the layout stage reads it (pipeline.backends.pdf_images):
    how much of it images cover and how much of those images its text layer covers. The OCR stage
    decides from this which pages a person reads from an image; the crop box and /Rotate put
    OCR boxes and text boxes in one space (pdf_images.to_display)."""

    cropbox: BBox = (0.0, 0.0, 0.0, 0.0)  # user space (PDFium page coordinates)
    rotation: int = 0  # /Rotate: degrees clockwise the page is turned when shown
    chars: int = 0  # non-blank characters of the text layer (page content only, never annotations)
    images: int = 0  # images drawn on the page (forms included), tiny ones aside
    image_fraction: float = 0.0  # union of the images' bounds / page area
    text_over_image: float = 0.0  # union of (text boxes ∩ images) / union of images
    annotations: int = 0  # stamp / free-text annotations with an appearance: text PDFium's text page misses


@dataclass
class Line:
    page: int  # 1-based
    bbox: BBox
    start: int  # offsets into DocumentText.text
    end: int
    block: int  # lines of one block (a drawn box, a sidebar, a tesseract block) share this number
    style: LineStyle = PLAIN

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]


@dataclass
class DocumentText:
    """The whole document as text, with a map from character offsets back to pages and boxes."""

    text: str
    lines: list[Line]
    page_count: int
    page_starts: list[int] = field(default_factory=list)
    text_pages: list[bool] = field(default_factory=list)  # per page: does it carry text?
    coverage: list[PageCoverage] = field(default_factory=list)  # per page, when read from a PDF
    ocr_pages: list[bool] = field(default_factory=list)  # per page: were its lines read by OCR?
    # a part of a larger document (one act of a compound PDF): its first page's number in the PDF
    # and where its text starts in the whole document's text (provenance is given for the whole)
    first_page: int = 1
    offset: int = 0

    def page_of(self, offset: int) -> int:
        return self.first_page - 1 + max(1, bisect.bisect_right(self.page_starts, offset))

    def page_start(self, page: int) -> int:
        """Where page `page` (its number in the PDF) starts in this text."""
        index = page - self.first_page
        return self.page_starts[index] if 0 <= index < len(self.page_starts) else len(self.text)

    @property
    def pages(self) -> range:
        """The numbers (in the PDF) of this text's pages."""
        return range(self.first_page, self.first_page + self.page_count)

    def part(self, first_page: int, last_page: int) -> "DocumentText":
        """Pages first_page..last_page as a document of their own: the same lines and text (a
        slice of this one), provenance still given in the whole document's pages and offsets."""
        start, end = self.page_start(first_page), self.page_start(last_page + 1)
        lines = [dataclasses.replace(ln, start=ln.start - start, end=ln.end - start)
                 for ln in self.lines if start <= ln.start < end]
        first, last = first_page - self.first_page, last_page - self.first_page + 1
        return DocumentText(text=self.text[start:end], lines=lines, page_count=last - first,
                            page_starts=[p - start for p in self.page_starts[first:last]],
                            text_pages=self.text_pages[first:last], coverage=self.coverage[first:last],
                            ocr_pages=self.ocr_pages[first:last], first_page=first_page, offset=self.offset + start)

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        return [ln.start for ln in self.lines]

    def provenance(self, start: int, end: int) -> Provenance:
        starts = self._line_starts
        first = max(0, bisect.bisect_right(starts, start) - 1)
        last = max(first, bisect.bisect_left(starts, max(start, end - 1) + 1) - 1)
        spanned = [ln for ln in self.lines[first : last + 1] if ln.page == self.lines[first].page] if self.lines else []
        bbox = None
        if spanned:
            bbox = (
                round(min(ln.bbox[0] for ln in spanned), 1),
                round(min(ln.bbox[1] for ln in spanned), 1),
                round(max(ln.bbox[2] for ln in spanned), 1),
                round(max(ln.bbox[3] for ln in spanned), 1),
            )
        page = self.page_of(start)
        return Provenance(
            page=page,
            char_start=self.offset + start,
            char_end=self.offset + max(start, end),
            bbox=bbox,
            text=self.text[start:end][:300],
            ocr=self.read_by_ocr(page),
        )

    def read_by_ocr(self, page: int) -> bool:
        """Whether page `page` (its number in the PDF) was read by OCR (its values may carry OCR
        confusions)."""
        index = page - self.first_page
        return 0 <= index < len(self.ocr_pages) and self.ocr_pages[index]

    def page_text(self, page: int) -> str:
        return self.text[self.page_start(page) : self.page_start(page + 1)]

    def line_text(self, line: Line) -> str:
        return self.text[line.start : line.end]

    def text_without_running(self) -> str:
        """The text with page furniture (running lines: a sidebar, a stamp, headers repeated on every
        page) blanked, offsets unchanged: what the page says of itself."""
        return blank_spans(self.text, [(line.start, line.end) for line in self.lines if line.style.running])

    @classmethod
    def from_text(cls, text: str) -> "DocumentText":
        """Plain text (pages separated by form feeds) as a document without positions or typography,
        the text itself unchanged: for text that was never a PDF page, and for tests."""
        lines: list[Line] = []
        page_starts = [0]
        offset = 0
        for raw in text.split("\n"):
            for index, chunk in enumerate(raw.split("\f")):
                if index:  # a form feed: a new page starts after it
                    offset += 1
                    page_starts.append(offset)
                if chunk.strip():
                    lines.append(Line(page=len(page_starts), bbox=(0.0, 0.0, 0.0, 0.0), start=offset,
                                      end=offset + len(chunk), block=0))
                offset += len(chunk)
            offset += 1
        doc = cls(text=text, lines=lines, page_count=len(page_starts), page_starts=page_starts,
                  text_pages=[True] * len(page_starts))
        mark_running_lines(doc)
        return doc

    def page_lines(self, page: int) -> list[Line]:
        """The lines of one page (its number in the PDF), in reading order."""
        base = self.page_start(page)
        return [ln for ln in self.lines if ln.page == page and ln.start >= base]


PageLine = tuple[str, BBox, Hashable] | tuple[str, BBox, Hashable, LineStyle]  # (text, box, block key[, style])


class TextBuilder:
    """Builds a DocumentText page by page: each page's lines in reading order, then a page break.
    Lines of one block share a key; a new block number starts wherever the key changes."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._lines: list[Line] = []
        self._page_starts: list[int] = []
        self._text_pages: list[bool] = []
        self._coverage: list[PageCoverage] = []
        self._ocr_pages: list[bool] = []
        self._offset = 0
        self._blocks = 0

    def add_page(self, lines: Iterable[PageLine], carries_text: bool, coverage: PageCoverage | None = None,
                 ocr: bool = False) -> None:
        """`coverage`: what the page shows (PDF pages); `ocr`: its lines were read by OCR."""
        page = len(self._page_starts) + 1
        self._page_starts.append(self._offset)
        last_key: object = object()
        for text, bbox, key, *style in lines:
            if not text:
                continue
            if key != last_key:
                self._blocks += 1
                last_key = key
            self._lines.append(Line(page=page, bbox=bbox, start=self._offset, end=self._offset + len(text),
                                    block=self._blocks, style=style[0] if style else PLAIN))
            self._parts.append(text + "\n")
            self._offset += len(text) + 1
        self._parts.append(PAGE_BREAK)
        self._offset += len(PAGE_BREAK)
        self._text_pages.append(carries_text)
        self._coverage.append(coverage or PageCoverage())
        self._ocr_pages.append(ocr)

    def build(self) -> DocumentText:
        doc = DocumentText(text="".join(self._parts), lines=self._lines, page_count=len(self._page_starts),
                           page_starts=self._page_starts, text_pages=self._text_pages, coverage=self._coverage,
                           ocr_pages=self._ocr_pages)
        mark_running_lines(doc)
        return doc


def blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with the characters of `spans` turned to spaces, line ends kept: the same offsets."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = [" " if char != "\n" else char for char in chars[start:end]]
    return "".join(chars)


# a bare page number or page mark: "3", "- 3 -", "Page 3", "Page 3 / 12", "3/12"
_PAGE_NUMBER_RE = re.compile(r"^\s*(?:page\s*)?[-–]?\s*\d{1,3}\s*(?:(?:/|sur)\s*\d{1,3})?\s*[-–]?\s*$", re.I)
RUNNING_MIN_PAGES = 3  # a line printed alike on at least this many pages ...
RUNNING_MIN_SHARE = 0.4  # ... and on this share of the pages is a running header or footer


_DIGITS_RE = re.compile(r"\d+")


def _shape(text: str) -> str:
    return " ".join(_DIGITS_RE.sub("#", text.casefold()).split())


# OCR reads a sidebar printed on every page a little differently each time ("Compte rendu" / "Compte readu",
# "pris part" / "pnis part"): on OCR'd pages a line is also furniture when lines this similar (difflib ratio)
# stand at the same place, within this many points, on enough other pages
RUNNING_OCR_SIMILARITY = 0.8
RUNNING_OCR_POSITION_PT = 12.0


def mark_running_lines(doc: DocumentText) -> None:
    """Mark page furniture: page numbers, and lines printed alike (digits aside) on many pages —
    running headers and footers, a sidebar or a stamp repeated on every page. Their text stays
    (offsets and provenance do not move); readers of titles and lists pass over them."""
    pages_of: dict[str, set[int]] = {}
    shapes = [_shape(doc.line_text(line)) for line in doc.lines]
    for shape, line in zip(shapes, doc.lines):
        pages_of.setdefault(shape, set()).add(line.page)
    needed = max(RUNNING_MIN_PAGES, RUNNING_MIN_SHARE * doc.page_count)
    alike_on_ocr_pages = _alike_at_the_same_place(doc, shapes, needed) if any(doc.ocr_pages) else set()
    for index, (shape, line) in enumerate(zip(shapes, doc.lines)):
        text = doc.line_text(line)
        repeated = ((len(pages_of[shape]) >= needed or index in alike_on_ocr_pages)
                    and sum(map(str.isalpha, text)) >= 3)  # not "2015"
        if _PAGE_NUMBER_RE.match(text) or repeated:
            doc.lines[index] = dataclasses.replace(line, style=dataclasses.replace(line.style, running=True))


def _alike_at_the_same_place(doc: DocumentText, shapes: list[str], needed: float) -> set[int]:
    """Indexes of lines on OCR'd pages with a line much like them at the same place (left edge and
    top, RUNNING_OCR_POSITION_PT) on at least `needed` pages, their own included. Lines are put in
    cells of that size, so a line is compared only with the lines of its cell and the next ones."""
    cell = RUNNING_OCR_POSITION_PT
    cells: dict[tuple[int, int], list[int]] = {}
    for i, line in enumerate(doc.lines):
        if line.page - 1 < len(doc.ocr_pages) and doc.ocr_pages[line.page - 1] and len(shapes[i]) >= 6:
            cells.setdefault((int(line.bbox[0] // cell), int(line.bbox[3] // cell)), []).append(i)
    found: set[int] = set()
    for (cx, cy), members in cells.items():
        near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in cells.get((cx + dx, cy + dy), ())]
        for i in members:
            line, pages = doc.lines[i], {doc.lines[i].page}
            for j in near:
                other = doc.lines[j]
                if (other.page in pages or abs(other.bbox[0] - line.bbox[0]) > cell
                        or abs(other.bbox[3] - line.bbox[3]) > cell):
                    continue
                if difflib.SequenceMatcher(None, shapes[i], shapes[j]).ratio() >= RUNNING_OCR_SIMILARITY:
                    pages.add(other.page)
            if len(pages) >= needed:
                found.add(i)
    return found


@dataclass
class Found(Generic[T]):
    """An extracted value and the span of document text it was read from."""

    value: T
    start: int
    end: int


@dataclass
class Segment:
    """One délibération's span of the document text, with what its heading says."""

    index: int
    start: int
    end: int
    heading_end: int
    item_number: int | None = None
    numero: str | None = None
    title: str | None = None


@dataclass
class SegmentedDocument:
    doc: DocumentText
    header_end: int  # the séance header (attendance lists) ends here
    segments: list[Segment] = field(default_factory=list)
    annex_start: int | None = None
    kind: str = "single"  # single (one délibération) | multi (a procès-verbal's items)
    agenda_span: tuple[int, int] | None = None  # the ordre du jour, where one is printed

    def item_title_spans(self) -> list[tuple[int, int]]:
        """The agenda and every item's heading: where the document names what its items are about
        (another commune whose withdrawal is voted, a partner), not who is sitting."""
        spans = [(s.start, s.heading_end) for s in self.segments if s.heading_end > s.start]
        return spans + ([self.agenda_span] if self.agenda_span else [])

    @property
    def header(self) -> str:
        return self.doc.text[: self.header_end]

    def text_of(self, segment: Segment) -> str:
        return self.doc.text[segment.start : segment.end]
