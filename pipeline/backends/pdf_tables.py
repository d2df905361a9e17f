"""pdfplumber: two-column ruled tables (a label column, a content column) read from their rules.

The layout stage's text loses which cell a line belongs to (a label column drawn as a filled box
is read as a block of its own), so the tables of annex pages are read here from their geometry:
each table's rows are cut into the label column and the content column from the table's own
rules, and the text of each is taken inside that box, so a cell pdfplumber cannot name (a row
split by a page break, a merged cell) is still read.

The reader works on the bytes the load stage already holds: the file is not read again."""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from pipeline.document import BBox

# pdfplumber prints a glyph its font cannot map as "(cid:123)": in these tables, list bullets
_UNMAPPED_GLYPH_RE = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True)
class TableSettings:
    # points added around a cell's box, so glyphs touching a rule are kept
    cell_padding: float = 1.0
    # a gap of at least this many points between two tables (or the page top and a table) holds a heading
    min_heading_gap: float = 2.0


SETTINGS = TableSettings()


@dataclass
class TableRow:
    label: str
    content: str
    bbox: BBox  # PDF points, origin bottom-left


@dataclass
class RuledTable:
    page: int  # 1-based
    top: float  # pdfplumber coordinates: origin top-left
    bottom: float
    page_height: float
    heading: str  # text between the previous table (or the page top) and this one
    heading_bbox: BBox | None
    rows: list[TableRow]
    first_on_page: bool = False
    last_on_page: bool = False


def clean_cell(text: str | None) -> str:
    """pdfplumber cell text: unmapped bullet glyphs -> "•", spaces collapsed, blank lines dropped."""
    if not text:
        return ""
    text = _UNMAPPED_GLYPH_RE.sub("•", text).replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _text_in(page, box, settings: TableSettings) -> str:
    x0, top, x1, bottom = box
    pad = settings.cell_padding
    x0, top = max(0.0, x0 - pad), max(0.0, top - pad)
    x1, bottom = min(float(page.width), x1 + pad), min(float(page.height), bottom + pad)
    if x1 <= x0 or bottom <= top:
        return ""
    return clean_cell(page.within_bbox((x0, top, x1, bottom)).extract_text())


def _split_x(table) -> float | None:
    """Right edge of the label column: the most common right edge of the first cell of rows
    that have more than one cell."""
    edges = Counter(round(row.cells[0][2], 1) for row in table.rows if row.cells and row.cells[0] and len(row.cells) > 1)
    if not edges:
        return None
    x = edges.most_common(1)[0][0]
    return x if table.bbox[0] < x < table.bbox[2] else None


class RuledTableReader:
    """Reads two-column ruled tables from a PDF held in memory."""

    def __init__(self, data: bytes, settings: TableSettings = SETTINGS):
        self.data = data
        self.settings = settings

    def two_column_tables(self, pages: list[int]) -> list[RuledTable]:
        """Two-column tables of the given pages (1-based), in reading order."""
        import pdfplumber  # only documents with table pages pay for it

        tables: list[RuledTable] = []
        with pdfplumber.open(io.BytesIO(self.data)) as pdf:
            for number in pages:
                if number > len(pdf.pages):
                    break
                page = pdf.pages[number - 1]
                tables.extend(self._page_tables(page, number))
                page.close()
        return tables

    def _page_tables(self, page, number: int) -> list[RuledTable]:
        settings = self.settings
        height = float(page.height)
        found = sorted(page.find_tables(), key=lambda t: t.bbox[1])
        previous_bottom = 0.0
        page_tables: list[RuledTable] = []
        for table in found:
            split = _split_x(table)
            x0, top, x1, bottom = table.bbox
            heading_box = (0.0, previous_bottom, float(page.width), top)
            heading = _text_in(page, heading_box, settings) if top - previous_bottom > settings.min_heading_gap else ""
            previous_bottom = bottom
            if split is None:
                continue
            rows = []
            for row in table.rows:
                _, r_top, _, r_bottom = row.bbox
                label = _text_in(page, (x0, r_top, split, r_bottom), settings)
                content = _text_in(page, (split, r_top, x1, r_bottom), settings)
                rows.append(TableRow(label, content, (x0, height - r_bottom, x1, height - r_top)))
            heading_bbox = (0.0, height - top, float(page.width), height - heading_box[1]) if heading else None
            page_tables.append(RuledTable(number, top, bottom, height, heading, heading_bbox, rows))
        if page_tables:
            page_tables[0].first_on_page = True
            page_tables[-1].last_on_page = True
        return page_tables
