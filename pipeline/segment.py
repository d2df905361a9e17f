"""Stage 3 — segment: find the séance header, each délibération's span and the annexes.

A PDF holds one délibération (an extract of the registre), several (a procès-verbal or compte
rendu listing numbered items) or a délibération followed by annexes. Item headings are numbered
lines ("1. Titre", "2019-03-01 TITRE", "IV Titre", "OBJET : 27. Titre"), possibly continued on
the next lines ("− sous-titre", a wrapped title). The same headings often appear twice: in an
agenda before the body or a closing list after it. One occurrence per item is chosen so that the
chain of items is in order and each item has a body: agenda entries follow each other closely,
body headings are separated by the text of the délibération."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from pipeline.patterns import segment as P
from pipeline.layout import DocumentText

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
         "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19, "XX": 20}

HEADING_RES = {
    # "2019-03-01 REPARATION VITRAUX", "2019-03-12BIS ...", "2020-11 -01 A ADRESSAGE" (a stray drop capital),
    # "2019-03-1 1 ..." (a damaged closing list)
    "numero": re.compile(
        r"^(?P<numero>(?:19|20)\d{2}\s*-\s*\d{1,2}\s*-\s*\d(?:\s?\d)?(?:[A-Z]{1,3}\b)?)(?:\s+(?P<stray>[A-Z]))?\s+(?P<title>[A-ZÉÈÀ«\"].{3,})$"
    ),
    # "1. Renouvellement ...", "12) Budget ...", "1 Subventions associatives"
    "arabic": re.compile(r"^(?P<n>\d{1,2})\s*(?:[.)]\s*[-–]?\s*|\s(?=[A-ZÉÈÀÂÎ][a-zéèêàâîôûç]))(?P<title>[A-ZÉÈÀÂÎ«\"].{3,})$"),
    # "IV Plan de sauvegarde communal."
    "roman": re.compile(r"^(?P<roman>[IVX]{1,5})\s*[.)\-–]?\s+(?P<title>[A-ZÉÈÀÂÎ].{3,})$"),
}
_DASH_BULLET_RE = re.compile(r"^\s*[−–\-•]\s*(?=\S)")
_TITLE_END_CONNECTOR_RE = re.compile(
    r"(?:\b(?:de|du|des|d[’']|l[’']|la|le|les|et|ou|à|a|au|aux|pour|en|sur|par|avec|dans|entre|sous)|[–\-«,:/(])\s*$", re.I
)
TWIN_BONUS = 3.0  # an occurrence whose title is repeated elsewhere (agenda / closing list) is a real item


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


@dataclass
class _Heading:
    start: int  # line start
    end: int  # end of the heading, continuation lines included
    key: tuple  # ordering key of the item
    number: int | None
    numero: str | None
    title: str
    style: str
    line_index: int


def _line_spans(text: str) -> list[tuple[int, int, str]]:
    spans, offset = [], 0
    for line in text.split("\n"):
        spans.append((offset, offset + len(line), line.strip()))
        offset += len(line) + 1
    return spans


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _continues(title: str, line: str, twin_words: set[str] | None) -> str | None:
    """The text `line` adds to a heading `title`, or None when `line` starts the body."""
    if not line or P.BODY_START_RE.match(line) or any(regex.match(line) for regex in HEADING_RES.values()):
        return None
    if title.rstrip().endswith(".") and not _DASH_BULLET_RE.match(line):
        return None
    if _DASH_BULLET_RE.match(line):
        # "Classe de découverte 2018 :" + "− Accord de principe" -> "... 2018 - Accord de principe"
        return " - " + _DASH_BULLET_RE.sub("", line)
    if title.rstrip().endswith(":"):
        return None
    words = set(re.findall(r"\w+", line.casefold()))
    if (
        _TITLE_END_CONNECTOR_RE.search(title)
        or line[0].islower()
        or (_mostly_upper(title) and _mostly_upper(line))
        or (twin_words is not None and words and words <= twin_words)
    ):
        return " " + line
    return None


def _extend(heading: _Heading, spans: list, twin_words: set[str] | None, limit: int) -> None:
    """Take the continuation lines of a heading (at most `limit` lines)."""
    title = heading.title
    for start, end, line in spans[heading.line_index + 1 : heading.line_index + 1 + limit]:
        if not line:
            continue
        more = _continues(title, line, twin_words)
        if more is None:
            break
        title = title.rstrip(" :") + more if more.startswith(" - ") else title + more
        heading.end = end
    heading.title = title


def _numero_key(numero: str) -> tuple:
    m = re.match(r"(\d{4})-(\d{1,2})-(\d+)([A-Z]*)", numero)
    return (int(m[1]), int(m[2]), int(m[3]), m[4]) if m else (numero,)


def _headings(text: str) -> tuple[list[_Heading], list]:
    """Every heading-like line, with its style and ordering key."""
    spans = _line_spans(text)
    found = []
    for index, (start, end, line) in enumerate(spans):
        for style, regex in HEADING_RES.items():
            m = regex.match(line)
            if not m:
                continue
            title = m["title"]
            if style == "numero":
                numero = re.sub(r"\s+", "", m["numero"])
                if m["stray"] and not title.startswith(m["stray"]):
                    title = m["stray"] + " " + title
                found.append(_Heading(start, end, ("numero",) + _numero_key(numero), None, numero, title, style, index))
            elif style == "arabic":
                found.append(_Heading(start, end, ("arabic", int(m["n"])), int(m["n"]), None, title, style, index))
            elif m["roman"] in ROMAN:
                found.append(_Heading(start, end, ("roman", ROMAN[m["roman"]]), ROMAN[m["roman"]], None, title, style, index))
            break
    return found, spans


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _similar(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) >= 0.5 * min(len(wa), len(wb))


def _best_chain(items: list[_Heading], body_end: int, consecutive: bool) -> list[_Heading]:
    """One occurrence per item key, in increasing position: the longest chain, and among those the
    one maximising the sum of log gaps between chosen headings (bodies are long, agenda entries
    short) plus a bonus for items printed twice. Numbered items must run 1, 2, 3 …; printed
    numeros ("2019-03-01") only increase."""
    keys = sorted({h.key for h in items})
    by_key = {k: [h for h in items if h.key == k] for k in keys}
    bonus = {id(h): TWIN_BONUS if any(o is not h and _similar(o.title, h.title) for o in by_key[h.key]) else 0.0 for h in items}
    best: dict[int, tuple[int, float, list[_Heading]]] = {}  # id(h) -> (length, score, chain ending at h)
    overall: tuple[int, float, list[_Heading]] = (0, -math.inf, [])
    for index, key in enumerate(keys):
        if consecutive:
            previous_keys = [k for k in keys[:index] if k[-1] == key[-1] - 1]
            if key[-1] != 1 and not previous_keys:
                continue
        else:
            previous_keys = keys[:index]
        for h in by_key[key]:
            options = [(1, bonus[id(h)], [h])] if not consecutive or key[-1] == 1 else []
            for prev_key in previous_keys:
                for p in by_key[prev_key]:
                    if id(p) in best and p.start < h.start:
                        length, score, chain = best[id(p)]
                        options.append((length + 1, score + math.log(h.start - p.start + 1) + bonus[id(h)], chain + [h]))
            if not options:
                continue
            best[id(h)] = max(options, key=lambda o: (o[0], o[1]))
            length, score, chain = best[id(h)]
            total = score + math.log(body_end - h.start + 1)
            if (length, total) > (overall[0], overall[1]):
                overall = (length, total, chain)
    return overall[2]


def _body_chain(headings: list[_Heading], body_end: int) -> list[_Heading]:
    by_style: dict[str, list[_Heading]] = {}
    for h in headings:
        by_style.setdefault(h.style, []).append(h)
    best: list[_Heading] = []
    for style, items in by_style.items():
        chain = _best_chain(items, body_end, consecutive=style != "numero")
        if len(chain) > len(best):
            best = chain
    return best


def segment(doc: DocumentText) -> SegmentedDocument:
    text = doc.text
    headings, spans = _headings(text)
    by_key: dict[tuple, list[_Heading]] = {}
    for h in headings:
        by_key.setdefault(h.key, []).append(h)
    for h in headings:
        twin_words = set().union(*[_words(o.title) | _words(_following(spans, o)) for o in by_key[h.key] if o is not h]) if len(by_key[h.key]) > 1 else None
        _extend(h, spans, twin_words, limit=4)
    chain = _body_chain(headings, len(text))
    marker = P.SINGLE_MARKERS_RE.search(text, 0, chain[0].start) if chain else None
    annex = P.ANNEX_RE.search(text, pos=min(len(text), 200))
    if len(chain) >= 2 and marker is None:
        # a procès-verbal: an annex printed inside an item belongs to it; only one after the last item ends the body
        annex_start = annex.start() if annex and annex.start() > chain[-1].end else None
        body_end = annex_start if annex_start is not None else len(text)
        segments = []
        for index, heading in enumerate(chain):
            end = chain[index + 1].start if index + 1 < len(chain) else body_end
            segments.append(
                Segment(index=index, start=heading.start, end=end, heading_end=heading.end,
                        item_number=heading.number, numero=heading.numero, title=heading.title)
            )
        return SegmentedDocument(doc=doc, header_end=chain[0].start, segments=segments, annex_start=annex_start, kind="multi")
    annex_start = annex.start() if annex and P.SINGLE_MARKERS_RE.search(text[: annex.start()]) else None
    body_end = annex_start if annex_start is not None else len(text)
    single = Segment(index=0, start=0, end=body_end, heading_end=0)
    return SegmentedDocument(doc=doc, header_end=body_end, segments=[single], annex_start=annex_start, kind="single")


def _following(spans: list, heading: _Heading, limit: int = 4) -> str:
    """The lines after a heading, up to the next heading-like line (an agenda entry's wrapped title)."""
    lines = []
    for _, _, line in spans[heading.line_index + 1 : heading.line_index + 1 + limit]:
        if not line or any(regex.match(line) for regex in HEADING_RES.values()):
            break
        lines.append(line)
    return " ".join(lines)
