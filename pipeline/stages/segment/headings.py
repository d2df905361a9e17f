"""Candidate item headings, from any numbering a council prints and from the typography of the page.

A line is a candidate when it could open an item: it carries a numbering of any shape
(patterns.segment.ITEM_NUMBERING_RE), or it stands out by its typography (bold, underlined,
capitals, larger than the body, in a drawn box), or it repeats an entry of the printed agenda, or
it is the first title-like line after a decision. Each candidate carries a small quality score;
which candidates really open items is decided with the decisions (pipeline.stages.segment.chain)."""
from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache

from pipeline.document import DocumentText, Line
from pipeline.french.lexicon import ROMAN_NUMERALS, fold
from pipeline.french.patterns import attendance as AP
from pipeline.french.patterns import segment as P


@dataclass(frozen=True)
class HeadingSettings:
    # a title is at most this long (a longer line is a sentence of the body)
    max_title_chars: int = 220
    # lines a heading may continue over (a wrapped title)
    max_continuation_lines: int = 4
    # a line this much taller than the body's median line is set in a larger font
    larger_font_ratio: float = 1.15
    # the share of bold characters that makes a line bold
    bold_share: float = 0.6
    # a style (bold, underlined, capitals) sets headings apart only when fewer than this share of
    # the body's lines carry it (some minutes are printed all in bold)
    distinctive_below: float = 0.35
    # words (stemmed) a body line must share with an agenda entry, and the share of the entry they cover
    agenda_min_words: int = 3
    agenda_min_share: float = 0.6
    # a heading line reaching this share of its page's text measure (the right edge of its widest
    # lines) was wrapped: the next line goes on with the title — on pages without typography (OCR'd
    # scans), where nothing else tells a title's second line from the body's first
    measure_share: float = 0.92
    # a heading followed by at most this many lines before the next one is an entry of a list
    list_entry_lines: int = 1


SETTINGS = HeadingSettings()
# Minutes print the same lines again and again (formulas, labels, the members' names): most
# lines met by the per-line tests below were met before, in this document or an earlier one of
# the batch (60 to 80% on the Montpellier corpus), so their answers are kept (pure functions).
LINE_CACHE_SIZE = 8192


@dataclass
class Candidate:
    line: int  # index in doc.lines of its first line
    start: int  # offsets in the document text: the heading's first character ...
    end: int  # ... and the end of its last line (continuation lines included)
    kind: str | None  # numbering: numero | arabic | roman | letter | objet | None
    number: int | None
    numero: str | None
    title: str
    quality: float
    signature: tuple  # (bold, underlined, capitals, boxed): headings of one document share it
    in_agenda: bool = False  # printed inside the agenda itself
    agenda_entry: int | None = None  # the agenda entry it repeats

    @property
    def key(self) -> tuple:
        if self.kind == "numero":
            return ("numero", *numero_key(self.numero or ""))
        return (self.kind, self.number)


def numero_key(numero: str) -> tuple:
    """'2019-03-12BIS' -> (2019, 3, 12, 'BIS'); '2020-038' -> (2020, 38); the digits in order."""
    return tuple(int(n) for n in re.findall(r"\d+", numero)) + tuple(re.findall(r"[A-Z]+$", numero))


@lru_cache(maxsize=LINE_CACHE_SIZE)
def mostly_upper(text: str) -> bool:
    letters = list(filter(str.isalpha, text))
    return len(letters) >= 3 and sum(map(str.isupper, letters)) >= 0.7 * len(letters)


def stems(text: str) -> set[str]:
    return {w[:-1] if w.endswith(("s", "x")) and len(w) > 3 else w for w in re.findall(r"[a-z0-9]{2,}", fold(text))}


@lru_cache(maxsize=LINE_CACHE_SIZE)
def title_like(text: str, settings: HeadingSettings = SETTINGS) -> bool:
    """Could be a title: short, has words, does not open a body sentence, does not end a clause."""
    text = text.strip()
    if not 3 <= len(text) <= settings.max_title_chars or sum(map(str.isalpha, text)) < 3:
        return False
    if text.endswith((",", ";")) or P.TITLE_NEVER_STARTS_RE.match(text):
        return False
    if AP.ATTENDANCE_SECTION_RE.match("\n" + text) or P.AGENDA_LABEL_RE.match(text):
        return False
    return not P.DECISION_CLOSE_RE.search(text) or bool(P.ITEM_NUMBERING_RE.match(text))


# entries a line must list, all names of members, to be a line of an attendance list
NAMES_LIST_MIN_ENTRIES = 3


def names_list_line(text: str) -> bool:
    """A line of members' names separated by dashes or commas ("M.MERLIN - M.CECCHINI - S.ROUSSIN -
    ..."), the rest of an attendance list: never a heading, whatever its capitals."""
    entries = [e for e in AP.LIST_SEPARATOR_RE.split(text) if e and e.strip(" -")]
    return len(entries) >= NAMES_LIST_MIN_ENTRIES and all(AP.LIST_ENTRY_NAME_RE.match(e.strip(" -")) for e in entries)


def _opens_like_a_title(text: str) -> bool:
    """An unnumbered title starts with a capital, a digit or a quote ("Zones d'accélération ...",
    "M57 – Dépenses ..."), not in the middle of a sentence ("commune et d'en fixer ...")."""
    first = next((c for c in text if c.isalnum() or c in "«\"'"), "")
    return bool(first) and not first.islower()


@lru_cache(maxsize=LINE_CACHE_SIZE)
def numbering(text: str) -> tuple[str | None, int | None, str | None, str]:
    """(kind, number, numero, title) of a line's numbering, (None, None, None, text) without one."""
    objet = P.OBJET_HEADING_RE.match(text)
    if objet:
        inner = numbering(objet["title"] or "")
        if inner[0] in ("arabic", "numero"):
            return inner
        return "objet", None, None, (objet["title"] or "").strip()
    m = P.ITEM_NUMBERING_RE.match(text)
    if not m or (m["title"] or "")[:1].isdigit():  # "2.740,89 EXCEDENT": an amount, not a numbering
        return None, None, None, text
    if P.TABLE_ROW_RE.search(text) or (m["arabic"] and P.ACCOUNT_CODE_RE.match(m["arabic"])):
        return None, None, None, text  # a row of a table: "12. UNA 322,00", "011 CHARGES A CARACTERE GENERAL"
    title = (m["title"] or "").strip()
    # a drop capital read twice: "A ADRESSAGE COMMUNAL", "V VOIRIE" (not "A AJOUTER": "à" before an infinitive)
    title = re.sub(r"^([A-ZÉÈÀ])\s+(?=\1[A-ZÉÈÀ'’])(?!A[A-Z]*(?:ER|IR|RE)\b)", "", title)
    if m["numero"]:
        numero = re.sub(r"\s+", "", m["numero"])
        numero = re.sub(r"^N°", "", numero)
        return "numero", None, numero, title
    if m["arabic"]:
        return "arabic", int(m["arabic"]), None, title
    if m["roman"] and m["roman"] in ROMAN_NUMERALS:
        return "roman", ROMAN_NUMERALS[m["roman"]], None, title
    if m["letter"]:
        if P.INITIAL_AND_SURNAME_LINE_RE.match(text):
            return None, None, None, text  # "B.DUBOIS": a member, not item B
        return "letter", ord(m["letter"].lower()) - ord("a") + 1, None, title
    return None, None, None, text


def _signature(line: Line, text: str, body: BodyStyle, settings: HeadingSettings) -> tuple:
    """The distinctive typography of a line: (bold, underlined, capitals, boxed)."""
    return (line.style.bold >= settings.bold_share and body.bold_distinct, line.style.underlined and body.underline_distinct,
            mostly_upper(text) and body.caps_distinct, line.style.boxed)


@dataclass(frozen=True)
class BodyStyle:
    """The body's own typography: what a heading must differ by."""

    height: float  # median height of the body's lines
    bold_distinct: bool  # bold sets a line apart (the body is not in bold)
    underline_distinct: bool
    caps_distinct: bool


def body_style(doc: DocumentText, settings: HeadingSettings = SETTINGS) -> BodyStyle:
    body = [ln for ln in doc.lines if ln.end - ln.start > 40]
    if not body:
        return BodyStyle(0.0, True, True, True)
    share = len(body)
    return BodyStyle(
        height=statistics.median(ln.height for ln in body),
        bold_distinct=sum(ln.style.bold >= settings.bold_share for ln in body) < settings.distinctive_below * share,
        underline_distinct=sum(ln.style.underlined for ln in body) < settings.distinctive_below * share,
        caps_distinct=sum(mostly_upper(doc.line_text(ln)) for ln in body) < settings.distinctive_below * share,
    )


def _typography(line: Line, text: str, body: BodyStyle, settings: HeadingSettings) -> float:
    """How much a line stands out from the body, 0 for body text."""
    score = 0.0
    if line.style.bold >= settings.bold_share and body.bold_distinct:
        score += 0.9
    if line.style.underlined and body.underline_distinct:
        score += 0.6
    if mostly_upper(text) and body.caps_distinct:
        score += 0.5
    if body.height and line.height >= settings.larger_font_ratio * body.height:
        score += 0.4
    if line.style.boxed:
        score += 0.3
    return score


def continues(title: str, line_text: str, same_style: bool, entry_words: set[str] | None = None,
              wrapped: bool = False) -> str | None:
    """The text a line adds to a heading `title`, or None when it starts the body. `wrapped`: the
    title's last line filled the measure, so its words go on over this line."""
    line = line_text.strip()
    if sum(c.isalnum() for c in line) < 2:
        return None  # a lone letter (a drop capital, a glyph out of place) adds nothing to a title
    bare = P.DASH_BULLET_RE.sub("", line)
    if (not line or P.BODY_START_RE.match(bare) or P.TITLE_NEVER_STARTS_RE.match(bare) or P.ITEM_NUMBERING_RE.match(line)
            or line.endswith((",", ";"))):  # a clause of a sentence, not the rest of a title
        return None
    if title.rstrip().endswith(".") and not P.DASH_BULLET_RE.match(line):
        return None
    if P.DASH_BULLET_RE.match(line):
        # "Classe de découverte 2018 :" + "− Accord de principe" -> "... 2018 - Accord de principe"
        return " - " + P.DASH_BULLET_RE.sub("", line)
    if title.rstrip().endswith(":") and not same_style:
        return None  # "... DEFFERRE :" goes on only over a line set apart like it ("Désignation des délégués")
    announces_more = title.rstrip().endswith(":") or bool(P.TITLE_END_CONNECTOR_RE.search(title))
    if (announces_more or line[0].islower() or (mostly_upper(title) and mostly_upper(line))
            or (same_style and len(line) <= 12)  # "... DE L'EXERCICE" + "2015"
            or (entry_words and stems(line) <= entry_words)
            or (wrapped and not title.rstrip().endswith((".", ":")))):
        return " " + line
    return None


def right_edges(doc: DocumentText) -> dict[int, float]:
    """Per page, the right edge of its text measure: the 90th percentile of its lines' right ends
    (0 where lines carry no positions)."""
    ends: dict[int, list[float]] = {}
    for line in doc.lines:
        if not line.style.running:
            ends.setdefault(line.page, []).append(line.bbox[2])
    return {page: sorted(values)[int(0.9 * (len(values) - 1))] for page, values in ends.items()}


def find_candidates(doc: DocumentText, agenda: list[str], agenda_span: tuple[int, int] | None,
                    after_decision: set[int], settings: HeadingSettings = SETTINGS) -> list[Candidate]:
    """Every line that could open an item, in document order, with its continuation lines.
    `after_decision`: indexes of lines following a decision's result."""
    lines = doc.lines
    body = body_style(doc, settings)
    typographic = any(ln.style.bold or ln.style.underlined for ln in lines)  # a scan's OCR gives none
    agenda_stems = [stems(entry) for entry in agenda]
    edges = {} if typographic else right_edges(doc)  # a wrapped title is told by its measure only where no typography is
    found: list[Candidate] = []
    for index, line in enumerate(lines):
        text = doc.line_text(line).strip()
        if not text or line.style.running:
            continue
        kind, number, numero, title = numbering(text)
        typography = _typography(line, text, body, settings)
        in_agenda = agenda_span is not None and agenda_span[0] <= line.start < agenda_span[1]
        if kind is not None and not title and index + 1 < len(lines) and not lines[index + 1].style.running:
            # "Délibération n° 2021-060" over its title, set apart like a title (or short, where the page
            # gives no typography: a scan) — not the first sentence of the body
            below = lines[index + 1]
            below_text = doc.line_text(below).strip()
            if _typography(below, below_text, body, settings) > 0 or (not typographic and len(below_text) <= 120):
                title = below_text
        if not title_like(title or text, settings) or names_list_line(text):
            continue
        entry = None
        if agenda_stems and not in_agenda:
            own = stems(title)
            words = own | (stems(doc.line_text(lines[index + 1])) if index + 1 < len(lines) else set())
            for position, wanted in enumerate(agenda_stems):
                common = len(words & wanted)
                # most of the entry is printed, and most of the line is the entry (not a sentence citing it)
                if (common >= settings.agenda_min_words and common >= settings.agenda_min_share * len(wanted)
                        and len(own & wanted) >= settings.agenda_min_share * len(own)):
                    entry = position
                    break
        after = index in after_decision and len(text) <= 160
        if kind is None and ((typography < 0.5 and entry is None and not after) or not _opens_like_a_title(title)
                             or _continues_a_sentence(doc, index)):
            continue
        quality = 0.2 + (0.5 if kind in ("numero", "arabic", "roman", "objet") else 0.3 if kind else 0.0)
        quality += 0.25 * min(typography, 2.0) + (0.7 if entry is not None else 0.0) + (0.3 if after else 0.0)
        signature = _signature(line, text, body, settings)
        candidate = Candidate(index, line.start, line.end, kind, number, numero, title, quality, signature, in_agenda, entry)
        _extend(doc, candidate, body, settings, agenda_stems[entry] if entry is not None else None, edges)
        found.append(candidate)
    return _after_the_seance_preamble(doc, found)


def _after_the_seance_preamble(doc: DocumentText, found: list[Candidate]) -> list[Candidate]:
    """The séance's preamble (its reference, date, president and attendance lists) precedes the
    items: a line with no numbering above the first attendance list ("Réf. : CP/ML", "FOROT, MAIRE.")
    opens no item when numbered headings follow it."""
    lists = AP.ATTENDANCE_SECTION_RE.search(doc.text)
    if lists is None or not any(c.kind and c.start > lists.start() for c in found):
        return found
    return [c for c in found if c.kind or c.agenda_entry is not None or c.start > lists.start()]


SAME_COLUMN_TOLERANCE = 30.0  # points: lines of one sentence start at the same left margin (a sidebar does not)


# a line of the body this long, ended by a word, is cut by the measure: its sentence goes on below
WRAPPED_SENTENCE_MIN_CHARS = 60


def _continues_a_sentence(doc: DocumentText, index: int) -> bool:
    """The line before (page furniture aside, on the same page, in the same column) ends on a
    connector ("... de la Communauté de" / "Communes du Pont du Gard ..."), or is a long line ended
    by a word over a line that closes a sentence ("... sous la présidence de Christine" / "FOROT,
    MAIRE."): this line goes on with its sentence. A result ("Vote : 3 ABSTENTIONS / 7 POUR") ends
    its item, whatever its last word."""
    line = doc.lines[index]
    for previous in reversed(doc.lines[max(0, index - 8) : index]):
        if previous.style.running:
            continue
        text = doc.line_text(previous)
        if (previous.page != line.page or abs(previous.bbox[0] - line.bbox[0]) > SAME_COLUMN_TOLERANCE
                or P.DECISION_CLOSE_RE.search(text)):
            return False
        closes_a_sentence = doc.line_text(line).rstrip().endswith(".")
        return bool(P.TITLE_END_CONNECTOR_RE.search(text)) or (
            closes_a_sentence and len(text.strip()) >= WRAPPED_SENTENCE_MIN_CHARS and text.rstrip()[-1:].isalpha())
    return False


def _extend(doc: DocumentText, candidate: Candidate, body: BodyStyle, settings: HeadingSettings,
            entry_words: set[str] | None = None, edges: dict[int, float] | None = None) -> None:
    """Take the continuation lines of a heading (a wrapped title): same typography, a connector
    at the end of the line, capitals continued, a dash-bullet sub-title, words of the agenda entry
    the heading repeats."""
    lines = doc.lines
    first = lines[candidate.line]
    title = candidate.title
    first_text = doc.line_text(first).strip()
    numbered = P.ITEM_NUMBERING_RE.match(first_text)
    # a number alone on its line ("Délibération n° 2021-060"): its title is the next line, when there is one
    skip_title_line = (candidate.kind is not None and numbered is not None and not (numbered["title"] or "").strip()
                       and candidate.line + 1 < len(lines))
    start = candidate.line + (2 if skip_title_line else 1)
    if skip_title_line:
        candidate.end = lines[candidate.line + 1].end
    previous = lines[start - 1]
    block = _title_block(doc, candidate.line + 1, settings) if skip_title_line else []
    for line in lines[start : start + settings.max_continuation_lines]:
        if line.style.running:
            continue
        if line in block:  # the title's own block (set apart, above and below, from its number and the body)
            title += " " + doc.line_text(line).strip()
            candidate.end = line.end
            previous = line
            continue
        # set apart like the heading: both lines in bold, or both underlined, where the body is not
        own = _signature(line, doc.line_text(line), body, settings)
        same_style = (own[0] and candidate.signature[0]) or (own[1] and candidate.signature[1])
        edge = (edges or {}).get(previous.page, 0.0)
        wrapped = edge > 0 and line.page == previous.page and previous.bbox[2] >= settings.measure_share * edge
        more = continues(title, doc.line_text(line), same_style, entry_words, wrapped)
        if more is None:
            break
        title = title.rstrip(" :") + more if more.startswith(" - ") else title + more
        candidate.end = line.end
        previous = line
    candidate.title = title


def _title_block(doc: DocumentText, first: int, settings: HeadingSettings) -> list[Line]:
    """The lines after `first` in its block, when that block is a title's: a block of its own
    (not its number's, not the next line's), short, every line title-like. A number printed alone
    ("Délibération n° 2023_037_D") over a title wrapped in a narrow column ("Demande de
    subvention" / "D.E.T.R./D.S.I.L. remplacement," / ... / "(suite)"): the block is what a reader
    sees set apart by white space, where no line's width or wording tells the title goes on."""
    lines = doc.lines
    head = lines[first]
    if first == 0 or lines[first - 1].block == head.block:
        return []
    block = []
    for line in lines[first + 1 :]:
        if line.block != head.block:
            break
        block.append(line)
    else:
        return []  # the document ends in the block: nothing closes it
    if not block or len(block) > settings.max_continuation_lines:
        return []
    texts = [doc.line_text(line).strip() for line in block]
    # inside the block a line may end on a comma (a title listing things); the block may not
    if (any(line.page != head.page or len(text) > settings.max_title_chars or P.BODY_START_RE.match(text)
            for line, text in zip(block, texts)) or not title_like(texts[-1], settings)):
        return []
    return block


def fill_numbering_gaps(doc: DocumentText, chain: list[Candidate], found: list[tuple[int, int, bool]]) -> list[Candidate]:
    """Items numbered n and n + 2 with, between them, a title in capitals like theirs behind one to
    three characters (OCR read the number "7." as "LÈ"), a decision before it and one after it:
    item n + 1, its number damaged. A gap without such a line stays (items are withdrawn)."""
    filled: list[Candidate] = []
    for index, heading in enumerate(chain):
        filled.append(heading)
        following = chain[index + 1] if index + 1 < len(chain) else None
        if (following is None or heading.kind != "arabic" or following.kind != "arabic" or heading.number is None
                or following.number != heading.number + 2 or not mostly_upper(heading.title)):
            continue
        for position in range(heading.line + 1, len(doc.lines)):
            line = doc.lines[position]
            if line.start >= following.start:
                break
            m = P.DAMAGED_NUMBER_HEADING_RE.match(doc.line_text(line))
            if not m or not title_like(m["title"]) or P.ITEM_NUMBERING_RE.match(doc.line_text(line)) and numbering(doc.line_text(line))[0]:
                continue
            before = any(heading.end <= a[0] < line.start for a in found)
            after = any(line.end <= a[0] < following.start for a in found)
            if before and after:
                filled.append(Candidate(line=position, start=line.start, end=line.end, kind="arabic",
                                        number=heading.number + 1, numero=None, title=m["title"].strip(),
                                        quality=0.0, signature=heading.signature))
                break
    return filled


def mark_listed_twins(doc: DocumentText, candidates: list[Candidate], found: list[tuple[int, int, bool]],
                      settings: HeadingSettings = SETTINGS) -> None:
    """A numbered heading printed twice — once as an entry of a list (the agenda, even unlabelled,
    or a closing list: the next numbered heading follows within a line, nothing decided before it) and
    once over the item's text — is an agenda entry where it stands in the list: marked
    `in_agenda`, so the chain takes the body's."""
    starts = [line.start for line in doc.lines]
    anchor_starts = sorted(a[0] for a in found)
    own = [stems(c.title) for c in candidates]
    for index, candidate in enumerate(candidates):
        following = next((c for c in candidates[index + 1 :] if c.kind is not None), None)
        if candidate.in_agenda or candidate.kind is None or following is None or len(own[index]) < 2:
            continue
        lines_between = bisect.bisect_left(starts, following.start) - bisect.bisect_left(starts, candidate.end)
        decided = bisect.bisect_left(anchor_starts, following.start) > bisect.bisect_left(anchor_starts, candidate.start)
        if lines_between > settings.list_entry_lines or decided:
            continue
        for other, words in zip(candidates, own):
            if other is candidate or other.start < following.start and other.start >= candidate.start:
                continue
            common = len(own[index] & words)
            if own[index] == words or (common >= settings.agenda_min_words
                                       and common >= settings.agenda_min_share * min(len(own[index]), len(words))):
                candidate.in_agenda = True
                break
