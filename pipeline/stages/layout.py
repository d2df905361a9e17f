"""Stage 2 — layout: text runs with positions -> reading-order lines.

PDFium (pipeline.backends.pdfium_text) gives text runs with their boxes and the shapes drawn on
the page. Drawn vertical rules split a page into a sidebar and a main column; drawn boxes (the
ACTES stamp, table cells) become blocks of their own, so their lines are not interleaved with the
text beside them. Everything else is grouped into lines by vertical overlap. The output is a
DocumentText: one string for the whole document plus, for each line, its page and box."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.backends.pdfium_text import PageText, TextRun, read_page_and_coverage
from pipeline.document import BBox, DocumentText, LineStyle, PageLine, TextBuilder
from pipeline.stages.load import LoadedPdf


@dataclass(frozen=True)
class LayoutSettings:
    """Geometry thresholds of the layout stage, in PDF points unless said otherwise."""

    # fewer characters than this on a page: no text layer worth reading (an image-only page)
    min_chars_for_text_page: int = 40
    # a page drawing more paths than this is a map or a chart, not a layout of boxes: stop looking
    max_path_objects: int = 2000
    # a vertical rule is thinner than this ...
    rule_max_width: float = 3.0
    # ... and taller than this (shorter strokes are underlines, table ticks)
    rule_min_height: float = 60.0
    # a box (stamp, table cell) is at least this wide and this tall, and covers less than this
    # share of the page (a page frame is not a box)
    box_min_width: float = 40.0
    box_min_height: float = 12.0
    box_max_page_share: float = 0.35
    # a run belongs to a box when it lies inside it within this tolerance (glyph boxes overhang)
    inside_tolerance: float = 2.0
    # a column rule this far from the left edge, with text to its left, bounds a sidebar
    sidebar_rule_min_x: float = 60.0
    # two runs share a line when their vertical extents overlap by this share of the smaller height
    line_overlap_share: float = 0.5
    # a run is compared with the last lines only (reading order is top-down)
    line_lookback: int = 3
    # a horizontal gap wider than this share of the run height (at least `space_min_height`) is a space
    space_gap_share: float = 0.25
    space_min_height: float = 4.0
    # an underline is a drawn stroke thinner than this, at least this wide ...
    underline_max_height: float = 2.0
    underline_min_width: float = 8.0
    # ... lying this close under the line's bottom edge (glyph descenders reach below the baseline) ...
    underline_max_gap: float = 4.0
    # ... and covering this share of the line's width (a table rule under one word is not an underline)
    underline_min_cover: float = 0.6


SETTINGS = LayoutSettings()


def _drawn_shapes(page: PageText, settings: LayoutSettings) -> tuple[list[BBox], list[BBox], list[BBox]]:
    """Vertical rules (thin, tall), boxes (closed rectangles of reasonable size) and horizontal
    strokes (underlines, table rules)."""
    rules: list[BBox] = []
    boxes: list[BBox] = []
    strokes: list[BBox] = []
    page_area = page.width * page.height
    for x0, y0, x1, y1 in page.paths:
        w, h = x1 - x0, y1 - y0
        if w < settings.rule_max_width and h > settings.rule_min_height:
            rules.append((x0, y0, x1, y1))
        elif w > settings.box_min_width and h > settings.box_min_height and w * h < settings.box_max_page_share * page_area:
            boxes.append((x0, y0, x1, y1))
        elif h < settings.underline_max_height and w > settings.underline_min_width:
            strokes.append((x0, y0, x1, y1))
    return rules, boxes, strokes


def _underlined(bbox: BBox, strokes: list[BBox], settings: LayoutSettings) -> bool:
    width = max(bbox[2] - bbox[0], 1.0)
    covered = 0.0
    for x0, y0, x1, y1 in strokes:
        if bbox[1] - settings.underline_max_gap <= y1 <= bbox[1] + settings.underline_max_gap / 2:
            covered += max(0.0, min(x1, bbox[2]) - max(x0, bbox[0]))
    return covered >= settings.underline_min_cover * width


def _style(runs: list[TextRun], bbox: BBox, boxed: bool, strokes: list[BBox], settings: LayoutSettings) -> LineStyle:
    letters = [sum(map(str.isalnum, r.text)) for r in runs]
    total = sum(letters) or 1
    return LineStyle(
        bold=round(sum(n for r, n in zip(runs, letters) if r.bold) / total, 2),
        italic=round(sum(n for r, n in zip(runs, letters) if r.italic) / total, 2),
        underlined=_underlined(bbox, strokes, settings),
        boxed=boxed,
    )


def _regions(runs: list[TextRun], rules: list[BBox], boxes: list[BBox], settings: LayoutSettings) -> list[tuple[BBox, bool]]:
    """Drawn boxes, smallest first, then the sidebar left of each vertical column rule; each
    with a flag telling whether it is a sidebar."""
    regions: list[tuple[BBox, bool]] = [(b, False) for b in sorted(boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))]
    for rx0, ry0, _, ry1 in rules:
        # a rule away from the left margin with text to its left separates a sidebar
        if rx0 > settings.sidebar_rule_min_x and any(
            r.x1 <= rx0 + 1 and ry0 - settings.inside_tolerance <= (r.y0 + r.y1) / 2 <= ry1 + settings.inside_tolerance
            for r in runs
        ):
            regions.append(((0.0, ry0, rx0, ry1), True))
    return regions


def _lines_of(runs: list[TextRun], settings: LayoutSettings) -> list[list[TextRun]]:
    """Group runs into lines: a run joins a line when its vertical extent overlaps enough with the
    line's tallest run (not its first: a raised apostrophe or a low hyphen read first would
    split the rest of the line off)."""
    lines: list[list[TextRun]] = []
    tallest: list[TextRun] = []  # per line, its first tallest run, kept as runs join
    for run in sorted(runs, key=lambda r: (-(r.y0 + r.y1) / 2, r.x0)):
        for index in range(len(lines) - 1, max(0, len(lines) - settings.line_lookback) - 1, -1):
            ref = tallest[index]
            overlap = min(ref.y1, run.y1) - max(ref.y0, run.y0)
            if overlap > settings.line_overlap_share * min(max(ref.height, 1), max(run.height, 1)):
                lines[index].append(run)
                if run.height > ref.height:
                    tallest[index] = run
                break
        else:
            lines.append([run])
            tallest.append(run)
    for line in lines:
        line.sort(key=lambda r: r.x0)
    return lines


def _join(line: list[TextRun], settings: LayoutSettings) -> str:
    parts: list[str] = []
    previous: TextRun | None = None
    for run in line:
        if previous is not None:
            gap = run.x0 - previous.x1
            if (not parts[-1].endswith(" ") and not run.text.startswith(" ")
                    and gap > settings.space_gap_share * max(run.height, settings.space_min_height)):
                parts.append(" ")
        parts.append(run.text)
        previous = run
    return " ".join("".join(parts).split())


def _page_units(runs: list[TextRun], rules: list[BBox], boxes: list[BBox], settings: LayoutSettings) -> list[tuple[int, bool, list[TextRun]]]:
    """(block key, in a drawn box, line) in reading order. Runs inside a region stay together as one
    block; a drawn box is placed at its text's top edge, a sidebar at the top of its rule (so it
    is read before the main-column lines beside it, never inside one of their sentences);
    free-flow lines are placed at their own top edge."""
    regions = _regions(runs, rules, boxes, settings)
    grouped: dict[int, list[TextRun]] = {}
    tolerance = settings.inside_tolerance
    # a run belongs to the first region it lies inside (within the tolerance), its centre inside
    # the region; each region's edges computed once
    edges = [(b[0] - tolerance, b[2] + tolerance, b[1] - tolerance, b[3] + tolerance, b[0], b[2]) for b, _ in regions]
    for run in runs:
        key = -1
        cx, cy = (run.x0 + run.x1) / 2, (run.y0 + run.y1) / 2
        for i, (left, right, bottom, top, x0, x1) in enumerate(edges):
            if left <= run.x0 and run.x1 <= right and bottom <= cy <= top and x0 <= cx <= x1:
                key = i
                break
        grouped.setdefault(key, []).append(run)
    units: list[tuple[float, float, int, list[list[TextRun]]]] = []
    for key, block_runs in grouped.items():
        lines = _lines_of(block_runs, settings)
        if key == -1:
            units.extend((-max(r.y1 for r in ln), min(r.x0 for r in ln), -1, [ln]) for ln in lines)
        else:
            region, sidebar = regions[key]
            top = max(max(r.y1 for r in block_runs), region[3] if sidebar else 0.0)
            units.append((-top, min(r.x0 for r in block_runs), key, lines))
    units.sort(key=lambda u: (u[0], u[1]))
    return [(key, key >= 0 and not regions[key][1], ln) for _, _, key, lines in units for ln in lines]


def page_lines(page: PageText, settings: LayoutSettings = SETTINGS) -> list[PageLine]:
    """One page's lines in reading order: (text, box, block key)."""
    rules, boxes, strokes = _drawn_shapes(page, settings)
    lines: list[PageLine] = []
    for block, boxed, line_runs in _page_units(page.runs, rules, boxes, settings):
        bbox = (min(r.x0 for r in line_runs), min(r.y0 for r in line_runs),
                max(r.x1 for r in line_runs), max(r.y1 for r in line_runs))
        lines.append((_join(line_runs, settings), bbox, block, _style(line_runs, bbox, boxed, strokes, settings)))
    return lines


def layout(loaded: LoadedPdf, settings: LayoutSettings = SETTINGS) -> DocumentText:
    """Read every page's text with positions; pages are closed as soon as they are read."""
    assert loaded.pdf is not None
    builder = TextBuilder()
    for index in range(loaded.page_count):
        page, coverage = read_page_and_coverage(loaded.pdf, index, settings.max_path_objects)
        builder.add_page(page_lines(page, settings), carries_text=page.char_count >= settings.min_chars_for_text_page,
                         coverage=coverage)
    return builder.build()
