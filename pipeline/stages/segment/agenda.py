"""The agenda (ordre du jour) printed before the body, and the list of délibérations some minutes
print after it: both name the items, and body headings are aligned with them."""
from __future__ import annotations

import re

from pipeline.document import DocumentText, Segment
from pipeline.french.patterns import segment as P
from pipeline.stages.segment.headings import mostly_upper, numbering, stems

MAX_AGENDA_LINES = 60  # an agenda longer than this is not a list of items


def line_spans(text: str) -> list[tuple[int, int, str]]:
    spans, offset = [], 0
    for line in text.split("\n"):
        spans.append((offset, offset + len(line), line.strip()))
        offset += len(line) + 1
    return spans


def find_agenda(doc: DocumentText) -> tuple[list[str], tuple[int, int] | None]:
    """The agenda's entries and its span: the lines after an "ORDRE DU JOUR" label, each entry
    opened by a numbering or a bullet (wrapped lines join their entry) or, without marks, one per
    line, up to the first line that opens a sentence of the body or states a decision."""
    lines = doc.lines
    for index, line in enumerate(lines):
        if not P.AGENDA_LABEL_RE.match(doc.line_text(line)):
            continue
        entries: list[str] = []
        end = line.end
        last_number = 0
        marked = False
        for following in lines[index + 1 : index + 1 + MAX_AGENDA_LINES]:
            text = doc.line_text(following).strip()
            if not text or following.style.running:
                continue
            if (P.TITLE_NEVER_STARTS_RE.match(text) or P.DECISION_CLOSE_RE.search(text) or P.DECISION_OPEN_RE.search(text)
                    or P.SEPARATOR_LINE_RE.match(text)):
                break
            kind, number, _, _ = numbering(text)
            if number is not None and kind in ("arabic", "roman"):
                if number <= last_number:
                    break  # the numbering starts again: the body's first item
                last_number = number
            opened = kind is not None or P.AGENDA_BULLET_RE.match(text)
            marked = marked or bool(opened)
            entry = P.AGENDA_BULLET_RE.sub("", text).strip(" :")
            # entries marked (numbers, bullets): an unmarked line wraps the entry before; an agenda without
            # marks (or whose bullets OCR lost) has one entry per line, a line going on in small letters
            # or after a connector ("... de la Communauté" / "de Communes du Pont du Gard") aside
            wraps = entries and (marked or entry[:1].islower() or P.TITLE_END_CONNECTOR_RE.search(entries[-1]))
            if opened or not wraps:
                entries.append(entry)
            else:
                entries[-1] += " " + entry
            end = following.end
        if len(entries) >= 2:
            return entries, (line.start, end)
    return [], None


def agenda_title(title: str, twins: list[str]) -> str:
    """The agenda's wording of an item whose body heading abbreviates it (the body prints "PADD.",
    the agenda "PADD (Plan d’Aménagement et de Développement Durable).") or spaces it oddly."""
    short = title.strip().rstrip(" .:")
    for other in twins:
        if re.sub(r"\s+(?=[.,;:])", "", other.strip()) == re.sub(r"\s+(?=[.,;:])", "", title.strip()):
            return other.strip()  # the same title, as typed in the agenda ("personnel ." / "personnel.")
        longer = other.strip().rstrip(" .:")
        rest = longer[len(short) :].strip() if longer.casefold().startswith(short.casefold()) else ""
        if short and rest.startswith("(") and rest.endswith(")"):
            return longer
    return title


def _similar(a: str, b: str) -> bool:
    wa, wb = set(re.findall(r"\w+", a.casefold())), set(re.findall(r"\w+", b.casefold()))
    return bool(wa and wb) and len(wa & wb) >= 0.5 * min(len(wa), len(wb))


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


def closing_list_segments(text: str, spans: list, segments: list[Segment], body_end: int) -> list[Segment] | None:
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
        if mostly_upper(line) and not any(regex.match(line) for regex in P.HEADING_RES.values()):
            readings = [(end, stems(line))]
            if index + 1 < len(spans) and mostly_upper(spans[index + 1][2]):
                readings.append((spans[index + 1][1], stems(line + " " + spans[index + 1][2])))
            candidates.append((start, [(e, words) for e, words in readings if words]))
    found: list[tuple[int, int, int, str]] = []  # (start, heading end, item number, title) of each délibération
    cursor = 0
    for number, parts in entries:
        for subject in parts[1:] or parts:
            want = stems(subject)
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
