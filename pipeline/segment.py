"""Stage 3 — segment: find the séance header, each délibération's span and the annexes.

A PDF holds one délibération (an extract of the registre), several (a procès-verbal or compte
rendu listing numbered items) or a délibération followed by annexes. Item headings are numbered
lines ("1. Titre", "2019-03-01 TITRE", "IV Titre", "OBJET : 27. Titre"); when an agenda lists the
titles first and the body repeats them, the body's occurrence is kept."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.layout import DocumentText

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
         "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19, "XX": 20}

HEADING_RES = {
    # "2019-03-01 REPARATION VITRAUX" (numero printed as the heading)
    "numero": re.compile(r"^(?P<numero>(?:19|20)\d{2}\s*-\s*\d{1,2}\s*-\s*\d\s?\d?\s?[A-Z]{0,3})\s+(?P<title>[A-ZÉÈÀ«\"].{3,})$"),
    # "1. Renouvellement ...", "12) Budget ..."
    "arabic": re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s*[-–]?\s*(?P<title>[A-ZÉÈÀÂÎ«\"].{3,})$"),
    # "IV Plan de sauvegarde communal."
    "roman": re.compile(r"^(?P<roman>[IVX]{1,5})\s*[.)\-–]?\s+(?P<title>[A-ZÉÈÀÂÎ].{3,})$"),
}
SINGLE_MARKERS_RE = re.compile(r"(?:^|\n)\s*(?:OBJET\s*:|D[ée]lib[ée]ration\s+n\s*°|Extrait\s+du\s+registre)", re.I)
ANNEX_RE = re.compile(r"(?:^|\n)(?=\s*(?:ANNEXE\b|Annexe\s*(?:n\s*°\s*)?\d|Annexe\s*:|Fiche[\s-]+action\b))", re.I)


@dataclass
class Segment:
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
    header_end: int
    segments: list[Segment] = field(default_factory=list)
    annex_start: int | None = None
    kind: str = "single"

    @property
    def header(self) -> str:
        return self.doc.text[: self.header_end]

    def text_of(self, segment: Segment) -> str:
        return self.doc.text[segment.start : segment.end]


def _line_spans(text: str) -> list[tuple[int, int, str]]:
    spans, offset = [], 0
    for line in text.split("\n"):
        spans.append((offset, offset + len(line), line.strip()))
        offset += len(line) + 1
    return spans


def _headings(text: str) -> list[tuple[int, int, int | None, str | None, str, str]]:
    """(line start, line end, number, numero, title, style) for every heading-like line."""
    found = []
    for start, end, line in _line_spans(text):
        for style, regex in HEADING_RES.items():
            m = regex.match(line)
            if not m:
                continue
            if style == "numero":
                numero = re.sub(r"\s+", "", m["numero"])
                found.append((start, end, None, numero, m["title"], style))
            elif style == "arabic":
                found.append((start, end, int(m["n"]), None, m["title"], style))
            elif m["roman"] in ROMAN:
                found.append((start, end, ROMAN[m["roman"]], None, m["title"], style))
            break
    return found


def _body_chain(headings: list) -> list:
    """Keep one occurrence per item, the last one consistent with increasing order (the body,
    not the agenda), walking back from the highest item."""
    by_style: dict[str, list] = {}
    for h in headings:
        by_style.setdefault(h[5], []).append(h)
    best: list = []
    for style, items in by_style.items():
        if style == "numero":
            chain = items
        else:
            chain = []
            limit = None
            numbers = sorted({h[2] for h in items}, reverse=True)
            expected = None
            for number in numbers:
                if expected is not None and number != expected:
                    break
                candidates = [h for h in items if h[2] == number and (limit is None or h[0] < limit)]
                if not candidates:
                    break
                chosen = candidates[-1]
                chain.append(chosen)
                limit = chosen[0]
                expected = number - 1
            chain.reverse()
            if not chain or chain[0][2] != 1:
                chain = []
        if len(chain) > len(best):
            best = chain
    return best


def segment(doc: DocumentText) -> SegmentedDocument:
    text = doc.text
    annex = ANNEX_RE.search(text, pos=min(len(text), 200))
    annex_start = annex.start() if annex and SINGLE_MARKERS_RE.search(text[: annex.start()]) else None
    body_end = annex_start if annex_start is not None else len(text)
    chain = _body_chain(_headings(text[:body_end]))
    if len(chain) >= 2:
        segments = []
        for index, heading in enumerate(chain):
            end = chain[index + 1][0] if index + 1 < len(chain) else body_end
            segments.append(
                Segment(index=index, start=heading[0], end=end, heading_end=heading[1],
                        item_number=heading[2], numero=heading[3], title=heading[4])
            )
        return SegmentedDocument(doc=doc, header_end=chain[0][0], segments=segments, annex_start=annex_start, kind="multi")
    single = Segment(index=0, start=0, end=body_end, heading_end=0)
    return SegmentedDocument(doc=doc, header_end=body_end, segments=[single], annex_start=annex_start, kind="single")
