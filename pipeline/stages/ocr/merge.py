"""Reading order of a page read by OCR that also carries real text (an ACTES stamp printed over the
scan, a typed footer) or an annotation stamp: every line once, in the order a person reads them.

Tesseract's own line order is the backbone (its layout analysis separates a sidebar and columns);
each block of real-text lines is inserted before the first OCR line whose top edge lies below the
block's top edge: a stamp at the top right comes first, a footer last, and no OCR line is split.

The page is rendered for OCR without its text objects and without annotations
(pipeline.backends.pdf_render), so the OCR does not see the stamp. An OCR word is still dropped
when it lies in a real-text line and repeats one of its words: the same glyphs printed on the
paper *and* given as text. When the text could not be hidden, every OCR word lying in a real-text
line is dropped (the stamp is read from its text, not from its picture)."""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Callable, Hashable

from pipeline.backends.tesseract import OcrWord
from pipeline.document import BBox, LineStyle


@dataclass(frozen=True)
class MergeSettings:
    # Two real-text lines belong to one block when the gap between them is under this many times
    # the taller line's height and their x ranges overlap: the 4 lines of an ACTES stamp (5-7 pt
    # high, 6-8 pt apart) make one block, a footer 700 pt lower does not join it.
    block_gap_factor: float = 2.0
    # An OCR word lies in a real-text line when its centre is inside the line's box grown by this
    # many points (glyph boxes and OCR boxes differ by a point or two).
    inside_pad: float = 2.0
    # ... and repeats one of the line's words when they are this similar (difflib ratio, case
    # aside): OCR reads "préfecture" as "prefecture" or "préfecturé".
    same_word: float = 0.8


MERGE = MergeSettings()


@dataclass
class PlacedLine:
    text: str
    bbox: BBox
    key: Hashable  # lines of one block share it (TextBuilder starts a block where it changes)
    style: LineStyle

    def as_page_line(self) -> tuple:
        return (self.text, self.bbox, self.key, self.style)


def _grown(box: BBox, pad: float) -> BBox:
    return (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)


def _centre_in(box: BBox, area: BBox) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return area[0] <= cx <= area[2] and area[1] <= cy <= area[3]


def _repeats(word: str, line: str, settings: MergeSettings) -> bool:
    word = word.casefold()
    return any(SequenceMatcher(None, word, token.casefold()).ratio() >= settings.same_word for token in line.split())


def drop_double_reads(words: list[OcrWord], text_lines: list[PlacedLine], text_hidden: bool,
                      settings: MergeSettings = MERGE) -> tuple[list[OcrWord], list[OcrWord]]:
    """(kept, dropped) OCR words; see the module docstring. Boxes in one space (display)."""
    kept, dropped = [], []
    for word in words:
        inside = [line for line in text_lines if _centre_in(word.bbox, _grown(line.bbox, settings.inside_pad))]
        if inside and (not text_hidden or any(_repeats(word.text, line.text, settings) for line in inside)):
            dropped.append(word)
        else:
            kept.append(word)
    return kept, dropped


def text_blocks(lines: list[PlacedLine], shown: Callable[[BBox], BBox] = lambda box: box,
                settings: MergeSettings = MERGE) -> list[list[PlacedLine]]:
    """Real-text lines clustered into blocks, top to bottom (see MergeSettings.block_gap_factor).
    `shown` gives a line's box as shown (display space) when its own box is in another space."""
    blocks: list[list[PlacedLine]] = []
    for line in sorted(lines, key=lambda ln: -shown(ln.bbox)[3]):
        box = shown(line.bbox)
        for block in blocks:
            last = shown(block[-1].bbox)
            tall = max(box[3] - box[1], last[3] - last[1], 1.0)
            if last[1] - box[3] < settings.block_gap_factor * tall and min(last[2], box[2]) > max(last[0], box[0]):
                block.append(line)
                break
        else:
            blocks.append([line])
    return blocks


def merge_reading_order(backbone: list[PlacedLine], blocks: list[list[PlacedLine]],
                        shown: Callable[[BBox], BBox] = lambda box: box) -> list[PlacedLine]:
    """`backbone` in its own order, each block inserted before the first backbone line whose top
    edge is below the block's top edge (blocks below every line come last). `shown` gives a box
    as shown on the page (display space) when the lines' boxes are in another space."""
    pending = sorted(blocks, key=lambda block: -max(shown(line.bbox)[3] for line in block))
    merged: list[PlacedLine] = []
    for line in backbone:
        while pending and shown(line.bbox)[3] < max(shown(ln.bbox)[3] for ln in pending[0]):
            merged.extend(pending.pop(0))
        merged.append(line)
    for block in pending:
        merged.extend(block)
    return merged
