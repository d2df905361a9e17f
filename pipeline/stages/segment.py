"""Stage 3 — segment: find the séance header, each délibération's span and the annexes.

A PDF holds one délibération (an extract of the registre), several (a procès-verbal or compte
rendu listing numbered items) or a délibération followed by annexes. Item headings are numbered
lines ("1. Titre", "2019-03-01 TITRE", "IV Titre", "OBJET : 27. Titre"), possibly continued on
the next lines ("− sous-titre", a wrapped title). The same headings often appear twice: in an
agenda before the body or a closing list after it. One occurrence per item is chosen so that the
chain of items is in order and each item has a body: agenda entries follow each other closely,
body headings are separated by the text of the délibération.

Then, for minutes: an abbreviated body heading takes the agenda's spelled-out wording; minutes
whose numbered délibérations are only listed at the end ("Liste des délibérations") are cut at
the capitalised body headings matching that list; an item printing two or more results on their
own lines is one délibération per result; items where nothing is decided are left out."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from pipeline.french.lexicon import ROMAN_NUMERALS, fold
from pipeline.french.patterns import segment as P
from pipeline.document import DocumentText, Segment, SegmentedDocument

TWIN_BONUS = 3.0  # an occurrence whose title is repeated elsewhere (agenda / closing list) is a real item


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
    if not line or P.BODY_START_RE.match(line) or any(regex.match(line) for regex in P.HEADING_RES.values()):
        return None
    if title.rstrip().endswith(".") and not P.DASH_BULLET_RE.match(line):
        return None
    if P.DASH_BULLET_RE.match(line):
        # "Classe de découverte 2018 :" + "− Accord de principe" -> "... 2018 - Accord de principe"
        return " - " + P.DASH_BULLET_RE.sub("", line)
    if title.rstrip().endswith(":"):
        return None
    words = set(re.findall(r"\w+", line.casefold()))
    if (
        P.TITLE_END_CONNECTOR_RE.search(title)
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
        for style, regex in P.HEADING_RES.items():
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
            elif m["roman"] in ROMAN_NUMERALS:
                found.append(_Heading(start, end, ("roman", ROMAN_NUMERALS[m["roman"]]), ROMAN_NUMERALS[m["roman"]], None, title, style, index))
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
                        item_number=heading.number, numero=heading.numero, title=_agenda_title(heading, by_key[heading.key]))
            )
        listed = _closing_list_segments(text, spans, segments, body_end)
        if listed:
            segments = listed
        segments = _decisions_only(text, [part for s in segments for part in _split_decisions(text, s)])
        for index, s in enumerate(segments):
            s.index = index
        return SegmentedDocument(doc=doc, header_end=segments[0].start, segments=segments, annex_start=annex_start, kind="multi")
    annex_start = annex.start() if annex and P.SINGLE_MARKERS_RE.search(text[: annex.start()]) else None
    body_end = annex_start if annex_start is not None else len(text)
    single = Segment(index=0, start=0, end=body_end, heading_end=0)
    return SegmentedDocument(doc=doc, header_end=body_end, segments=[single], annex_start=annex_start, kind="single")


def _following(spans: list, heading: _Heading, limit: int = 4) -> str:
    """The lines after a heading, up to the next heading-like line (an agenda entry's wrapped title)."""
    lines = []
    for _, _, line in spans[heading.line_index + 1 : heading.line_index + 1 + limit]:
        if not line or any(regex.match(line) for regex in P.HEADING_RES.values()):
            break
        lines.append(line)
    return " ".join(lines)


def _agenda_title(heading: _Heading, twins: list[_Heading]) -> str:
    """The agenda's wording of an item whose body heading abbreviates it: the body prints "PADD.",
    the agenda "PADD (Plan d’Aménagement et de Développement Durable)." """
    short = heading.title.strip().rstrip(" .:")
    for other in twins:
        if other is heading or other.start > heading.start:
            continue
        longer = other.title.strip().rstrip(" .:")
        rest = longer[len(short) :].strip() if longer.casefold().startswith(short.casefold()) else ""
        if short and rest.startswith("(") and rest.endswith(")"):
            return longer
    return heading.title


def _decision_lines(text: str, seg: Segment) -> list[re.Match]:
    return list(P.VOTE_LINE_RE.finditer(text, seg.heading_end, seg.end))


def _sub_title(block: str, vote_line: str) -> str:
    """The title of one of several decisions in an item: the subject printed on the result line
    ("DM1 pour budget communal approuvé : Vote : ..."), else the first line of its paragraph, cut
    after a parenthesised expansion ("ACCDM (Association de ...) sollicite ...")."""
    labelled = P.VOTE_LINE_LABEL_RE.match(vote_line)
    if labelled:
        return labelled["label"].strip()
    for line in block.split("\n"):
        line = line.strip()
        if not line:
            continue
        expansion = P.ACRONYM_EXPANSION_RE.match(line)
        if expansion:
            return expansion.group(0)
        return P.SENTENCE_END_RE.split(line)[0].rstrip(" .:")
    return ""


def _split_decisions(text: str, seg: Segment) -> list[Segment]:
    """An item whose body holds two or more results printed on their own lines ("ADOPTÉ à
    l’unanimité." ... "ADOPTÉ 9 voix pour, 5 abstentions.") is one délibération per result, each
    titled "<item title> - <its own title>" and numbered like the item."""
    lines = _decision_lines(text, seg)
    if len(lines) < 2:
        return [seg]
    parts, start, body_start = [], seg.start, seg.heading_end
    for index, m in enumerate(lines):
        end = seg.end if index == len(lines) - 1 else min(seg.end, m.end() + 1)
        own = _sub_title(text[body_start : m.start()], m.group(0))
        title = f"{seg.title.rstrip(' .:')} - {own}" if seg.title and own else seg.title
        parts.append(Segment(index=seg.index, start=start, end=end, heading_end=seg.heading_end if index == 0 else start,
                             item_number=seg.item_number, numero=seg.numero, title=title))
        start = body_start = end
    return parts


def _decisions_only(text: str, segments: list[Segment]) -> list[Segment]:
    """Items of a procès-verbal where nothing is decided are not délibérations: an item whose body
    words no decision is left out when its title announces information ("Questions diverses",
    "INFORMATION SUR ...", "pas de délibération"), or when the minutes print each decision's result
    on its own line ("ADOPTÉ à l’unanimité.", "Vote : 14 pour / 0 contre") in most items. Decisions
    worded elsewhere for several items ("Pour chacune des 9 communes ...") keep those items."""
    results = sum(1 for s in segments if P.VOTE_LINE_RE.search(text, s.heading_end, s.end))
    results_printed = results * 2 > len(segments)
    kept = [
        s for s in segments
        if P.DECISION_RE.search(text, s.heading_end, s.end)
        or not (results_printed or P.NO_DECISION_TITLE_RE.search(s.title or ""))
    ]
    return kept or segments


def _stems(text: str) -> set[str]:
    return {w[:-1] if w.endswith(("s", "x")) and len(w) > 3 else w for w in re.findall(r"[a-z0-9]{2,}", fold(text))}


def _closing_list(text: str, spans: list, label: re.Match) -> list[tuple[int, list[str]]]:
    """Entries of a closing "Liste des délibérations": (number, titles); an entry ending with ":"
    that holds lettered sub-entries ("4. Questions diverses :" / "a) Budgets annexes") is titled
    by them."""
    entries: list[tuple[int, list[str]]] = []
    first = next(i for i, (start, _, _) in enumerate(spans) if start >= label.end()) if label.end() < len(text) else len(spans)
    for _, _, line in spans[first:]:
        if not line or P.PAGE_FURNITURE_LINE_RE.fullmatch(line):
            continue
        numbered = P.LIST_ENTRY_NUMBERED_RE.match(line)
        lettered = P.LIST_ENTRY_LETTERED_RE.match(line)
        if numbered:
            entries.append((int(numbered[1]), [numbered[2]]))
        elif lettered and entries and entries[-1][1][0].rstrip().endswith(":"):
            entries[-1][1].append(lettered[1])
        elif entries:
            entries[-1][1][-1] += " " + line
        else:
            return []
    return entries


def _closing_list_segments(text: str, spans: list, segments: list[Segment], body_end: int) -> list[Segment] | None:
    """Minutes whose body headings are unnumbered capitals and whose numbered délibérations are
    only listed at the end ("Liste des délibérations", "1. Indemnités de fonction ..."): each entry
    is found, in order, as the capitalised body line sharing most of its words. Used only when the
    numbered items chosen otherwise are not those of the list."""
    label = None
    for m in P.CLOSING_LIST_RE.finditer(text):
        label = m
    if label is None or (segments and segments[-1].start > label.start()):
        return None
    entries = _closing_list(text, spans, label)
    if len(entries) < 2 or [n for n, _ in entries] != list(range(1, len(entries) + 1)):
        return None
    titles = {n: t[-1] for n, t in entries}
    agree = sum(1 for s in segments if s.item_number in titles and _similar(s.title or "", titles[s.item_number]))
    if agree * 2 >= len(segments):
        return None
    # capitalised lines above the list: (start, [(heading end, word stems)]) for the line alone and
    # joined with a capitalised next line (a wrapped heading)
    candidates: list[tuple[int, list[tuple[int, set[str]]]]] = []
    for index, (start, end, line) in enumerate(spans):
        if start >= label.start():
            break
        if _mostly_upper(line) and not any(regex.match(line) for regex in P.HEADING_RES.values()):
            readings = [(end, _stems(line))]
            if index + 1 < len(spans) and _mostly_upper(spans[index + 1][2]):
                readings.append((spans[index + 1][1], _stems(line + " " + spans[index + 1][2])))
            candidates.append((start, [(e, words) for e, words in readings if words]))
    found: list[tuple[int, int, int, str]] = []  # (start, heading end, item number, title) of each délibération
    cursor = 0
    for number, parts in entries:
        for subject in parts[1:] or parts:
            want = _stems(subject)
            best = None
            for start, readings in candidates:
                if start < cursor or not want:
                    continue
                for end, words in readings:
                    score = len(want & words) / len(want | words)
                    if score >= 0.5 and (best is None or score > best[0]):
                        best = (score, start, end)
            if best is None:
                return None
            found.append((best[1], best[2], number, subject))
            cursor = best[2]
    out = []
    for index, (start, end, number, title) in enumerate(found):
        stop = found[index + 1][0] if index + 1 < len(found) else min(body_end, label.start())
        out.append(Segment(index=index, start=start, end=stop, heading_end=end, item_number=number, title=title))
    return out
