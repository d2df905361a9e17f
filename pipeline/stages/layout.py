"""Stage 2 — layout: text runs with positions -> reading-order lines.

PDFium gives text runs ("rects") with their boxes. Drawn vertical rules split a page into a
sidebar and a main column; drawn boxes (the ACTES stamp, table cells) become blocks of their own,
so their lines are not interleaved with the text beside them. Everything else is grouped into
lines by vertical overlap. The output is one string for the whole document plus, for each line,
its page and bounding box, so any character span maps back to the page it came from."""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from models import Provenance
from pipeline.stages.load import MIN_CHARS_FOR_TEXT_PAGE, LoadedPdf

BBox = tuple[float, float, float, float]

# U+FFFE and \x02 are how PDFium reports a hyphen at a line break; \xad is a soft hyphen.
_CHAR_FIXES = str.maketrans({"\ufffe": "-", "\x02": "-", "\xad": "-", "\u00a0": " ", "\u202f": " ", "\r": " "})
MAX_PATH_OBJECTS = 2000


@dataclass
class Run:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class Line:
    page: int
    bbox: BBox
    start: int
    end: int
    block: int


@dataclass
class DocumentText:
    """The whole document as text, with a map from character offsets back to pages and boxes."""

    text: str
    lines: list[Line]
    page_count: int
    page_starts: list[int] = field(default_factory=list)
    text_pages: list[bool] = field(default_factory=list)

    def page_of(self, offset: int) -> int:
        return max(1, bisect.bisect_right(self.page_starts, offset))

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
        return Provenance(
            page=self.page_of(start),
            char_start=start,
            char_end=max(start, end),
            bbox=bbox,
            text=self.text[start:end][:300],
        )

    def page_text(self, page: int) -> str:
        start = self.page_starts[page - 1]
        end = self.page_starts[page] if page < len(self.page_starts) else len(self.text)
        return self.text[start:end]


def _visible_copy(text: str, copies: int) -> str:
    """Text overprinted `copies` times at the same place (e.g. two ACTES stamps stacked) is read
    back as the copies concatenated in drawing order; the last one drawn is the one on top,
    the visible one. Copies of unequal length cannot be told apart: keep the text whole."""
    if copies < 2 or len(text) % copies:
        return text
    size = len(text) // copies
    return text[-size:]


def _runs(textpage: pdfium.PdfTextPage) -> list[Run]:
    rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    # PDFium reports a rect once per overprinted copy; read each place once
    multiplicity: dict[tuple, int] = {}
    for rect in rects:
        key = tuple(round(v, 1) for v in rect)
        multiplicity[key] = multiplicity.get(key, 0) + 1
    runs = []
    seen: set[tuple] = set()
    for x0, y0, x1, y1 in rects:
        key = (round(x0, 1), round(y0, 1), round(x1, 1), round(y1, 1))
        if key in seen:
            continue
        seen.add(key)
        text = textpage.get_text_bounded(x0, y0, x1, y1).translate(_CHAR_FIXES)
        text = _visible_copy(text.replace("\n", " "), multiplicity[key])
        if text.strip():
            runs.append(Run(text, x0, y0, x1, y1))
    return runs


def _drawn_shapes(page: pdfium.PdfPage, width: float, height: float) -> tuple[list[BBox], list[BBox]]:
    """Vertical rules (thin, tall) and boxes (closed rectangles of reasonable size)."""
    rules: list[BBox] = []
    boxes: list[BBox] = []
    page_area = width * height
    for count, obj in enumerate(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2)):
        if count > MAX_PATH_OBJECTS:
            break
        x0, y0, x1, y1 = obj.get_bounds()
        w, h = x1 - x0, y1 - y0
        if w < 3 and h > 60:
            rules.append((x0, y0, x1, y1))
        elif w > 40 and h > 12 and w * h < 0.35 * page_area:
            boxes.append((x0, y0, x1, y1))
    return rules, boxes


def _inside(run: Run, box: BBox, tolerance: float = 2.0) -> bool:
    cx, cy = (run.x0 + run.x1) / 2, (run.y0 + run.y1) / 2
    return (
        box[0] - tolerance <= run.x0
        and run.x1 <= box[2] + tolerance
        and box[1] - tolerance <= cy <= box[3] + tolerance
        and box[0] <= cx <= box[2]
    )


def _regions(runs: list[Run], rules: list[BBox], boxes: list[BBox]) -> list[tuple[BBox, bool]]:
    """Drawn boxes, smallest first, then the sidebar left of each vertical column rule; each
    with a flag telling whether it is a sidebar."""
    regions: list[tuple[BBox, bool]] = [(b, False) for b in sorted(boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))]
    for rx0, ry0, _, ry1 in rules:
        # a rule away from the left margin with text to its left separates a sidebar
        if rx0 > 60 and any(r.x1 <= rx0 + 1 and ry0 - 2 <= (r.y0 + r.y1) / 2 <= ry1 + 2 for r in runs):
            regions.append(((0.0, ry0, rx0, ry1), True))
    return regions


def _lines_of(runs: list[Run]) -> list[list[Run]]:
    """Group runs into lines: a run joins a line when their vertical extents overlap enough."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (-(r.y0 + r.y1) / 2, r.x0)):
        for line in reversed(lines[-3:]):
            ref = line[0]
            overlap = min(ref.y1, run.y1) - max(ref.y0, run.y0)
            if overlap > 0.5 * min(max(ref.height, 1), max(run.height, 1)):
                line.append(run)
                break
        else:
            lines.append([run])
    for line in lines:
        line.sort(key=lambda r: r.x0)
    return lines


def _join(line: list[Run]) -> str:
    parts: list[str] = []
    previous: Run | None = None
    for run in line:
        if previous is not None:
            gap = run.x0 - previous.x1
            if not parts[-1].endswith(" ") and not run.text.startswith(" ") and gap > 0.25 * max(run.height, 4):
                parts.append(" ")
        parts.append(run.text)
        previous = run
    return " ".join("".join(parts).split())


def _page_units(runs: list[Run], rules: list[BBox], boxes: list[BBox]) -> list[tuple[int, list[Run]]]:
    """(block key, line) pairs in reading order. Runs inside a region stay together as one
    block; a drawn box is placed at its text's top edge, a sidebar at the top of its rule (so it
    is read before the main-column lines beside it, never inside one of their sentences);
    free-flow lines are placed at their own top edge."""
    regions = _regions(runs, rules, boxes)
    grouped: dict[int, list[Run]] = {}
    for run in runs:
        key = next((i for i, (region, _) in enumerate(regions) if _inside(run, region)), -1)
        grouped.setdefault(key, []).append(run)
    units: list[tuple[float, float, int, list[list[Run]]]] = []
    for key, block_runs in grouped.items():
        lines = _lines_of(block_runs)
        if key == -1:
            units.extend((-max(r.y1 for r in ln), min(r.x0 for r in ln), -1, [ln]) for ln in lines)
        else:
            region, sidebar = regions[key]
            top = max(max(r.y1 for r in block_runs), region[3] if sidebar else 0.0)
            units.append((-top, min(r.x0 for r in block_runs), key, lines))
    units.sort(key=lambda u: (u[0], u[1]))
    return [(key, ln) for _, _, key, lines in units for ln in lines]


def layout(loaded: LoadedPdf, pages: list[int] | None = None) -> DocumentText:
    """Read every page's text with positions; pages are closed as soon as they are read."""
    assert loaded.pdf is not None
    parts: list[str] = []
    lines: list[Line] = []
    page_starts: list[int] = []
    text_pages: list[bool] = []
    offset = 0
    block_counter = 0
    for index in pages if pages is not None else range(loaded.page_count):
        page = loaded.pdf[index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        runs = _runs(textpage)
        text_pages.append(textpage.count_chars() >= MIN_CHARS_FOR_TEXT_PAGE)
        rules, boxes = _drawn_shapes(page, width, height) if runs else ([], [])
        textpage.close()
        page.close()
        page_starts.append(offset)
        last_block = None
        for block_index, line_runs in _page_units(runs, rules, boxes):
            text = _join(line_runs)
            if not text:
                continue
            if block_index != last_block:
                block_counter += 1
                last_block = block_index
            bbox = (
                min(r.x0 for r in line_runs),
                min(r.y0 for r in line_runs),
                max(r.x1 for r in line_runs),
                max(r.y1 for r in line_runs),
            )
            lines.append(Line(page=index + 1, bbox=bbox, start=offset, end=offset + len(text), block=block_counter))
            parts.append(text + "\n")
            offset += len(text) + 1
        parts.append("\f\n")
        offset += 2
    return DocumentText(
        text="".join(parts), lines=lines, page_count=len(page_starts), page_starts=page_starts, text_pages=text_pages
    )
