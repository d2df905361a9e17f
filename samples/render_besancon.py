#!/usr/bin/env python3
"""Render the Besançon délibération n° 2023/007093 (séance du 23 février 2023) and its annexes to PDF.

The original PDF is not available, only its extracted text (a "seed"). This script rebuilds a
document that looks like the municipal original — A4, Helvetica, a real text layer, the ACTES
stamp in a drawn box, bordered fiche-action tables that split across pages — so the extraction
pipeline can be exercised on a realistic file whose expected output is known
(../shared/corpus/besancon/gold/besancon-2023-007093.json).

The seed is read at run time and parsed by its structure only; none of its wording lives here.
Seed conventions this relies on:
  * paragraphs are separated by blank lines; single newlines inside a block are hard line breaks;
  * a run of tab-separated lines is a table; in the fiche-action tables each line is
    "label<TAB>cell", and a line with an empty label continues the previous cell (the original
    table row was cut by a page break);
  * cells carry a little HTML (<p>, <ul>, <ol>, <i>, <u>) whose list items are introduced by
    "-", "–" or "•" (or "1.", "2." in <ol>), with no <li> or closing list tags;
  * running text uses **bold**, *italic* and ^{er} / ^e superscripts.

Usage:  python samples/render_besancon.py [SEED_PATH]   (needs the `samples` extra: reportlab)
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = REPO_ROOT.parent / "shared" / "seeds" / "000_2db7a27eeea8bc93.txt"
OUTPUT = REPO_ROOT / "samples" / "besancon-2023-007093.pdf"

PAGE_WIDTH = A4[0]
MARGIN_X = 2 * cm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

# Helvetica (a base-14 font, not embedded) covers WinAnsi only; the few dingbats of the seed
# (✓, ➤) are drawn with an embedded subset of a TrueType font instead of turning into boxes.
FALLBACK_FONT = "Fallback"
FALLBACK_FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
)

# A paragraph ending with one of these is complete; anything else was cut by a page break.
SENTENCE_END = tuple(".!?:;»)…")
LIST_MARKERS = "-–•"


# --------------------------------------------------------------------------------------------
# Seed parsing
# --------------------------------------------------------------------------------------------


@dataclass
class TextBlock:
    lines: list[str]

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines)


@dataclass
class TableBlock:
    rows: list[list[str]] = field(default_factory=list)


Element = TextBlock | TableBlock


def parse_elements(seed: str) -> list[Element]:
    """Split the seed into text blocks and tables.

    Blank lines may occur inside a table (the original page break fell between two rows), so a
    table only ends at the next non-blank line without a tab."""
    elements: list[Element] = []
    lines: list[str] = []
    table: TableBlock | None = None

    def flush_text() -> None:
        if lines:
            elements.append(TextBlock(lines.copy()))
            lines.clear()

    for raw in seed.splitlines():
        if not raw.strip():
            flush_text()
            continue
        if "\t" in raw:
            flush_text()
            if table is None:
                table = TableBlock()
                elements.append(table)
            table.rows.append([cell.strip() for cell in raw.rstrip("\r\n").split("\t")])
            continue
        table = None
        lines.append(raw.rstrip())
    flush_text()
    return join_cut_paragraphs(elements)


def ends_mid_sentence(text: str) -> bool:
    plain = re.sub(r"<[^>]+>|\*", "", text).rstrip()
    return bool(plain) and not plain.endswith(SENTENCE_END)


def join_cut_paragraphs(elements: list[Element]) -> list[Element]:
    """Glue back running-text paragraphs that the original's page breaks cut mid-sentence
    ("… écoles, collèges," / "lycées, IRTS etc.) …"): a real text layer has them as one."""
    joined: list[Element] = []
    for element in elements:
        previous = joined[-1] if joined else None
        if (
            isinstance(element, TextBlock)
            and isinstance(previous, TextBlock)
            and ends_mid_sentence(previous.lines[-1])
            and element.lines[0][:1].islower()
        ):
            previous.lines[-1] = previous.lines[-1].rstrip() + " " + element.lines[0].strip()
            previous.lines.extend(element.lines[1:])
            continue
        joined.append(element)
    return joined


def fiche_rows(table: TableBlock) -> list[tuple[str, str]]:
    """(label, cell) pairs of a fiche-action table, with page-break continuations merged."""
    rows: list[tuple[str, str]] = []
    for cells in table.rows:
        label, cell = cells[0], " ".join(cells[1:]).strip()
        if not label and rows:
            rows[-1] = (rows[-1][0], join_continuation(rows[-1][1], cell))
        else:
            rows.append((label, cell))
    return rows


def join_continuation(before: str, after: str) -> str:
    """Rejoin a cell that a page break split; "\n" marks a paragraph boundary in bare text."""
    if ends_mid_sentence(before):
        # The cut fell inside one paragraph: drop the </p> … <p> the extraction put around it.
        return re.sub(r"</p>\s*$", "", before) + " " + re.sub(r"^\s*<p>", "", after)
    return before + "\n" + after


# --------------------------------------------------------------------------------------------
# Styles and inline markup
# --------------------------------------------------------------------------------------------


def register_fallback_font() -> bool:
    for path in FALLBACK_FONT_FILES:
        if Path(path).exists():
            pdfmetrics.registerFont(TTFont(FALLBACK_FONT, path))
            return True
    return False


HAS_FALLBACK = register_fallback_font()


def build_styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13,
                          alignment=TA_JUSTIFY, spaceAfter=6)
    s = {"body": base}
    s["small"] = ParagraphStyle("small", base, fontSize=8.5, leading=11)
    s["note"] = ParagraphStyle("note", s["small"], fontName="Helvetica-Oblique")
    s["label"] = ParagraphStyle("label", base, fontName="Helvetica-Bold", spaceAfter=2,
                                spaceBefore=4, alignment=TA_LEFT, keepWithNext=1)
    s["bold"] = ParagraphStyle("bold", base, fontName="Helvetica-Bold", keepWithNext=1)
    s["register"] = ParagraphStyle("register", base, fontName="Helvetica-Bold", fontSize=15,
                                   leading=19, alignment=TA_CENTER, spaceBefore=10, spaceAfter=8)
    s["center_bold"] = ParagraphStyle("center_bold", base, fontName="Helvetica-Bold",
                                      fontSize=11, leading=14, alignment=TA_CENTER)
    s["stamp"] = ParagraphStyle("stamp", base, fontName="Helvetica-Bold", fontSize=8,
                                leading=10, alignment=TA_CENTER, spaceAfter=0)
    s["published"] = ParagraphStyle("published", base, fontSize=8.5, alignment=TA_RIGHT)
    s["objet"] = ParagraphStyle("objet", base, fontName="Helvetica-Bold", fontSize=11,
                                leading=14, spaceBefore=10, alignment=TA_LEFT, keepWithNext=1)
    # OBJET, number and title of the act read as one heading: never split them across pages.
    s["numero"] = ParagraphStyle("numero", base, alignment=TA_LEFT, keepWithNext=1)
    s["act_title"] = ParagraphStyle("act_title", s["center_bold"], keepWithNext=1)
    s["section"] = ParagraphStyle("section", base, fontName="Helvetica-Bold", spaceBefore=6,
                                  alignment=TA_LEFT, keepWithNext=1)
    s["doc_title"] = ParagraphStyle("doc_title", base, fontName="Helvetica-Bold", fontSize=13,
                                    leading=17, alignment=TA_CENTER, spaceAfter=8, keepWithNext=1)
    s["caps_heading"] = ParagraphStyle("caps_heading", base, fontName="Helvetica-Bold",
                                       fontSize=10.5, spaceBefore=8, alignment=TA_LEFT,
                                       keepWithNext=1)
    s["subheading"] = ParagraphStyle("subheading", base, fontName="Helvetica-Bold",
                                     spaceBefore=4, alignment=TA_LEFT, keepWithNext=1)
    s["bullet"] = ParagraphStyle("bullet", base, leftIndent=18, bulletIndent=6, spaceAfter=3)
    s["bullet2"] = ParagraphStyle("bullet2", s["bullet"], leftIndent=32, bulletIndent=20)
    s["cell"] = ParagraphStyle("cell", base, fontSize=9, leading=11.5, spaceAfter=3)
    s["cell_label"] = ParagraphStyle("cell_label", s["cell"], fontName="Helvetica-Bold",
                                     alignment=TA_LEFT)
    s["cell_bullet"] = ParagraphStyle("cell_bullet", s["cell"], leftIndent=12, bulletIndent=2,
                                      spaceAfter=2)
    s["cell_bullet2"] = ParagraphStyle("cell_bullet2", s["cell_bullet"], leftIndent=24,
                                       bulletIndent=14)
    s["signature"] = ParagraphStyle("signature", base, alignment=TA_LEFT, spaceAfter=0)
    return s


STYLES = build_styles()


def in_winansi(text: str) -> bool:
    try:
        text.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def with_fallback_glyphs(markup: str) -> str:
    """Route characters Helvetica cannot encode to the embedded fallback font."""
    if not HAS_FALLBACK:
        return markup
    return "".join(ch if in_winansi(ch) else f'<font name="{FALLBACK_FONT}">{ch}</font>' for ch in markup)


def inline_markup(text: str) -> str:
    """Seed inline conventions -> reportlab paragraph markup (everything else escaped)."""
    markup = escape(text.strip())
    markup = re.sub(r"&lt;(/?)([iub])&gt;", r"<\1\2>", markup)
    markup = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", markup, flags=re.DOTALL)
    # A lone asterisk ("Abstention*") is a footnote call, not emphasis, hence the pairing rule.
    markup = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"<i>\1</i>", markup, flags=re.DOTALL)
    markup = re.sub(r"\^\{([^}]*)\}", r"<super>\1</super>", markup)
    markup = re.sub(r"\^(\w+)", r"<super>\1</super>", markup)
    return with_fallback_glyphs(markup)


def para(text: str, style: str) -> Paragraph:
    return Paragraph(inline_markup(text), STYLES[style])


def lines_para(lines: list[str], style: str) -> Paragraph:
    """A block whose single newlines are real line breaks (addresses, signatory lists)."""
    markup = inline_markup("\n".join(line.strip() for line in lines))
    if len(lines) > 1:
        # Justifying a line that ends in a hard break would stretch it across the page.
        style = ParagraphStyle(f"{style}_lines", STYLES[style], alignment=TA_LEFT)
    else:
        style = STYLES[style]
    return Paragraph(markup.replace("\n", "<br/>"), style)


def bullet_para(text: str, level: int, glyph: str | None = None, prefix: str = "") -> Paragraph:
    style = STYLES[f"{prefix}bullet{'2' if level else ''}"]
    glyph = glyph or ("–" if level else "•")
    if HAS_FALLBACK and not in_winansi(glyph):
        style = ParagraphStyle(f"{style.name}_dingbat", style, bulletFontName=FALLBACK_FONT)
    return Paragraph(inline_markup(text), style, bulletText=glyph)


# --------------------------------------------------------------------------------------------
# Free-text lines: bullets and headings
# --------------------------------------------------------------------------------------------

BULLET_LINE = re.compile(r"^(\s*)([-–➤])\s+(✓\s+)?(.*)$")


@dataclass
class BulletLine:
    indented: bool
    marker: str
    glyph: str | None
    text: str


def bullet_of(line: str) -> BulletLine | None:
    match = BULLET_LINE.match(line)
    if not match:
        return None
    indent, marker, check, text = match.groups()
    glyph = "✓" if check else ("➤" if marker == "➤" else None)
    return BulletLine(bool(indent), marker, glyph, text)


class ListMarkers:
    """Nesting of a free-text list, recovered from its markers: the seed flattens lists but keeps
    the original's alternation ("– Diversité des acteurs :" then "- Partenaires …" items).
    The first marker met is the outer level, a different one opens a sub-level, and meeting an
    outer marker again closes it. An indented marker is always a sub-item; an arrow (➤) marks a
    stand-alone topic line and starts afresh."""

    def __init__(self) -> None:
        self.markers: list[str] = []

    def reset(self) -> None:
        self.markers.clear()

    def level(self, item: BulletLine) -> int:
        if item.marker == "➤":
            self.reset()
            return 0
        if item.marker in self.markers:
            del self.markers[self.markers.index(item.marker) + 1:]
        else:
            self.markers.append(item.marker)
        return min(len(self.markers) - 1 + item.indented, 1)


def starts_list(element: Element) -> bool:
    return isinstance(element, TextBlock) and bullet_of(element.lines[0]) is not None


def block_flowables(block: TextBlock, style: str, markers: ListMarkers) -> list[Flowable]:
    """Bullet lines become list items; runs of other lines keep their hard line breaks."""
    flowables: list[Flowable] = []
    plain: list[str] = []
    for line in block.lines:
        item = bullet_of(line)
        if item is None:
            plain.append(line)
            markers.reset()
            continue
        if plain:
            flowables.append(lines_para(plain, style))
            plain = []
        flowables.append(bullet_para(item.text, markers.level(item), item.glyph))
    if plain:
        flowables.append(lines_para(plain, style))
    return flowables


def is_caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(text) < 90


# --------------------------------------------------------------------------------------------
# Fiche-action cells: <p>, <ul>, <ol> -> paragraphs and bullet lines
# --------------------------------------------------------------------------------------------

CELL_TOKEN = re.compile(r"(<p>|</p>|<ul\b[^>]*>|<ol\b[^>]*>|</ul>|</ol>|</?li>)")
UL_ITEM = re.compile(rf"(?:^|(?<=\s))([{LIST_MARKERS}])\s+")


@dataclass
class ListLevel:
    ordered: bool
    marker: str | None = None
    counter: int = 0


def cell_flowables(cell: str) -> list[Flowable]:
    """Render one cell's markup; lists stay open until the next <p> (the seed never closes them)."""
    flowables: list[Flowable] = []
    levels: list[ListLevel] = []
    in_paragraph = False
    for token in CELL_TOKEN.split(cell):
        if token == "<p>":
            levels, in_paragraph = [], True
        elif token == "</p>":
            in_paragraph = False
        elif token.startswith(("<ul", "<ol")):
            levels = [] if in_paragraph else levels
            levels.append(ListLevel(ordered=token.startswith("<ol")))
            in_paragraph = False
        elif token in ("</ul>", "</ol>"):
            levels = levels[:-1]
        elif token in ("<li>", "</li>") or not token.strip():
            continue
        elif in_paragraph or not levels:
            flowables += [para(chunk, "cell") for chunk in token.split("\n") if chunk.strip()]
        elif levels[-1].ordered:
            flowables += ordered_items(token, levels[-1])
        else:
            flowables += unordered_items(token, levels)
    return flowables or [Paragraph("", STYLES["cell"])]


def unordered_items(text: str, levels: list[ListLevel]) -> list[Flowable]:
    """Split bare list text on its item markers.

    The seed flattens nested lists, so depth is recovered from the markers: a nested <ul> takes
    the first marker it meets, and meeting an outer level's marker again closes the inner one."""
    flowables: list[Flowable] = []
    parts = UL_ITEM.split(text)
    if parts[0].strip():
        flowables.append(para(parts[0], "cell"))
    for marker, item in zip(parts[1::2], parts[2::2]):
        outer = [i for i, level in enumerate(levels[:-1]) if level.marker == marker]
        if levels[-1].marker not in (None, marker) and outer:
            del levels[outer[-1] + 1:]
        levels[-1].marker = levels[-1].marker or marker
        if item.strip():
            flowables.append(bullet_para(item, min(len(levels) - 1, 1), prefix="cell_"))
    return flowables


def ordered_items(text: str, level: ListLevel) -> list[Flowable]:
    """Split on the expected item numbers only, so a "2022. " inside an item is not a new item."""
    items: list[tuple[int, str]] = []
    rest = text
    while match := re.search(rf"(?:^|(?<=\s)){level.counter + 1}\.\s", rest):
        if items:
            items[-1] = (items[-1][0], rest[: match.start()])
        elif rest[: match.start()].strip():
            items.append((0, rest[: match.start()]))
        level.counter += 1
        rest = rest[match.end():]
        items.append((level.counter, ""))
    if not items:
        # The numbers were lost in extraction: item boundaries cannot be recovered.
        return [para(text, "cell")]
    items[-1] = (items[-1][0], rest)
    return [
        bullet_para(item, 0, glyph=f"{number}.", prefix="cell_") if number else para(item, "cell")
        for number, item in items
        if item.strip()
    ]


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


def fiche_table(table: TableBlock) -> Table:
    """Two-column bordered fiche-action table; rows (and long cells) may split across pages.

    splitInRow is reportlab's minimum height (pt) of a split piece: two lines of cell text, so a
    page break never leaves an empty sliver of a row on either page."""
    label_width = 4.2 * cm
    data = [
        [Paragraph(inline_markup(label), STYLES["cell_label"]), cell_flowables(cell)]
        for label, cell in fiche_rows(table)
    ]
    fiche = Table(data, colWidths=[label_width, FRAME_WIDTH - label_width],
                  splitByRow=1, splitInRow=24, repeatRows=0, spaceAfter=10)
    fiche.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#DCE6F0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]))
    return fiche


def grid_table(table: TableBlock) -> Table:
    """Small bordered table of the délibération (the commission opinion); first row is a header."""
    width = max(len(row) for row in table.rows)
    data = [
        [Paragraph(inline_markup(cell), STYLES["cell_label" if r == 0 else "cell"])
         for cell in row + [""] * (width - len(row))]
        for r, row in enumerate(table.rows)
    ]
    grid = Table(data, colWidths=[4.5 * cm, 3 * cm, 4.5 * cm][:width] or None, hAlign="LEFT", spaceAfter=8)
    grid.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return grid


def boxed(flowables: list[Flowable], width: float, align: str = "LEFT", padding: int = 6) -> Table:
    box = Table([[flowables]], colWidths=[width], hAlign=align)
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]))
    return box


# --------------------------------------------------------------------------------------------
# The délibération
# --------------------------------------------------------------------------------------------

VOTE_LINE = re.compile(r"^[^:]{1,40}:\s*\d+$")
ROMAN_HEADING = re.compile(r"^[IVX]+\.\s")


def split_deliberation(elements: list[Element]) -> tuple[list[Element], list[Element]]:
    """The délibération ends with its signature block; the annexes start at the first all-caps
    heading after "Pour extrait conforme"."""
    signed = False
    for index, element in enumerate(elements):
        if isinstance(element, TextBlock):
            signed = signed or element.text.startswith("Pour extrait conforme")
            if signed and is_caps_heading(element.text):
                return elements[:index], elements[index:]
    return elements, []


def deliberation_story(elements: list[Element]) -> list[Flowable]:
    story: list[Flowable] = []
    i = 0

    # The ACTES acknowledgement comes first in the seed: everything before "Publié le".
    stamp: list[str] = []
    while i < len(elements) and isinstance(elements[i], TextBlock) \
            and not elements[i].text.startswith("Publié le"):
        stamp.append(elements[i].text)
        i += 1
    if stamp:
        story.append(boxed([para(line, "stamp") for line in stamp], 7.2 * cm, align="RIGHT", padding=4))

    title_next = False
    markers = ListMarkers()
    while i < len(elements):
        element = elements[i]
        i += 1
        if not starts_list(element):
            markers.reset()
        if isinstance(element, TableBlock):
            story.append(grid_table(element))
            continue
        text = element.text
        if text.startswith("Publié le"):
            story.append(para(text, "published"))
        elif text.startswith("EXTRAIT DU REGISTRE"):
            # The register name is set on two lines, as on the municipal template.
            head, sep, tail = text.partition(" des ")
            story.append(Paragraph(inline_markup(head) + (f"<br/>{inline_markup(sep + tail)}" if sep else ""),
                                   STYLES["register"]))
        elif text.startswith("Séance du"):
            story.append(para(text, "center_bold"))
        elif text.endswith(":") and len(text) < 60:
            # "Étaient présents :", "Secrétaire :", "Résumé :"… label the block that follows.
            story.append(para(text, "label"))
        elif text.startswith("OBJET"):
            story.append(para(text, "objet"))
        elif text.startswith("Délibération n°"):
            story.append(para(text, "numero"))
            title_next = True
            continue
        elif title_next:
            story.append(para(text, "act_title"))
        elif ROMAN_HEADING.match(text):
            story.append(para(text, "section"))
        elif text.startswith("Rapport adopté"):
            votes = [text]
            while i < len(elements) and isinstance(elements[i], TextBlock) and VOTE_LINE.match(elements[i].text):
                votes.append(elements[i].text)
                i += 1
            story += [Spacer(1, 4), boxed([para(v, "bold" if n == 0 else "signature") for n, v in enumerate(votes)],
                                          8 * cm), Spacer(1, 6)]
        elif text.startswith("*"):
            story.append(para(text, "note"))
        elif text.startswith("La présente délibération peut faire l'objet"):
            story.append(para(text, "small"))
        elif text.startswith("La Secrétaire de séance"):
            story.append(signature_block(elements[i - 1:]))
            break
        else:
            story += block_flowables(element, "body", markers)
        title_next = False
    return story


def signature_block(elements: list[Element]) -> Flowable:
    """Secretary on the left, mayor on the right; the gaps are where the signatures went."""
    columns: list[list[Flowable]] = [[], []]
    side = 0
    for element in elements:
        if not isinstance(element, TextBlock):
            continue
        if element.text.startswith("Pour extrait conforme"):
            side = 1
        column = columns[side]
        if column:
            column.append(Spacer(1, 10 if side == 1 and len(column) == 1 else 28))
        column.append(lines_para(element.lines, "signature"))
    block = Table([columns], colWidths=[FRAME_WIDTH / 2] * 2)
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (1, 0), (1, 0), 3 * cm)]))
    return KeepTogether([Spacer(1, 14), block])


# --------------------------------------------------------------------------------------------
# The annexes: fiches action, training programmes, the pact itself
# --------------------------------------------------------------------------------------------

NEW_PAGE_HEADINGS = re.compile(r"^(PACTE POUR|FICHE ACTION|ANNEXE$|Annexe \d)")
MESURE_PREFIX = re.compile(r"^(Mesure \d+)(\s*[.:])")
ENUMERATED_HEADING = re.compile(r"^[A-Z]\s?[-–]\s")


def annex_story(elements: list[Element]) -> list[Flowable]:
    story: list[Flowable] = []
    page_is_fresh = False
    after_caps_heading = False

    def add(*flowables: Flowable, opens_page: bool = False) -> None:
        nonlocal page_is_fresh
        story.extend(flowables)
        page_is_fresh = page_is_fresh and opens_page

    markers = ListMarkers()
    for index, element in enumerate(elements):
        if not starts_list(element):
            markers.reset()
        if isinstance(element, TableBlock):
            add(fiche_table(element))
            after_caps_heading = False
            continue

        text = element.text
        # Each fiche, each appended programme and the pact itself starts on its own page.
        if NEW_PAGE_HEADINGS.match(text) and not page_is_fresh:
            story.append(PageBreak())
            page_is_fresh = True
        caps = is_caps_heading(text)

        if text.startswith(("PACTE POUR", "FICHE ACTION", "ANNEXE")) or (caps and len(text) <= 2):
            add(para(text, "doc_title"), opens_page=True)
        elif text.startswith("Axe "):
            add(para(text, "doc_title"))
        elif caps or text.startswith(("Annexe ", "Article ")):
            add(para(text, "caps_heading"))
        elif not after_caps_heading and is_subheading(element, next(iter(elements[index + 1:]), None)):
            add(para(text, "subheading"))
        elif MESURE_PREFIX.match(text) and len(element.lines) == 1:
            # Numbered measures are run-in headings of the pact's action plans.
            add(Paragraph(re.sub(r"^(Mesure \d+)", r"<b>\1</b>", inline_markup(text)), STYLES["body"]))
        else:
            add(*block_flowables(element, "body", markers))
        after_caps_heading = caps
    return story


def is_subheading(block: TextBlock, following: Element | None) -> bool:
    """A short single line that is not a sentence: "A- Contexte et enjeux :", "Dépression",
    "Les objectifs" above a list. Short lines that merely list names (signatories) stay plain."""
    text = block.text
    if len(block.lines) != 1 or len(text) > 70 or bullet_of(text) or MESURE_PREFIX.match(text):
        return False
    introduces_list = isinstance(following, TextBlock) and bullet_of(following.lines[0]) is not None
    return (
        text.rstrip(" »").endswith((":", "?", "!"))
        or ENUMERATED_HEADING.match(text) is not None
        or len(text.split()) <= 3
        or introduces_list
    )


# --------------------------------------------------------------------------------------------
# Page furniture and build
# --------------------------------------------------------------------------------------------


class NumberedCanvas(canvas.Canvas):
    """Defers page output until the end so every footer can say "Page N / M"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont("Helvetica", 8)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawRightString(PAGE_WIDTH - MARGIN_X, 1.1 * cm, f"Page {self._pageNumber} / {total}")
            super().showPage()
        super().save()


def render(seed_path: Path, output: Path) -> int:
    elements = parse_elements(seed_path.read_text(encoding="utf-8"))
    deliberation, annexes = split_deliberation(elements)
    objet = next((e.text for e in deliberation if isinstance(e, TextBlock) and e.text.startswith("OBJET")), "")
    doc = SimpleDocTemplate(
        str(output), pagesize=A4,
        leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=1.6 * cm, bottomMargin=1.8 * cm,
        title=objet, subject="Délibération du Conseil Municipal", creator="deliberata samples/render_besancon.py",
        invariant=1, pageCompression=1,
    )
    doc.build(deliberation_story(deliberation) + annex_story(annexes), canvasmaker=NumberedCanvas)
    return doc.page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED, help="seed text (default: %(default)s)")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="PDF to write (default: %(default)s)")
    args = parser.parse_args(argv)
    if not args.seed.exists():
        parser.error(f"seed text not found: {args.seed}")
    pages = render(args.seed, args.output)
    print(f"{args.output} ({pages} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
