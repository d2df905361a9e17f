"""Stage 4 — segment: the séance header, one span per délibération, and the annexes.

A PDF holds one délibération (an extract of the registre), several (a procès-verbal or compte
rendu) or a délibération followed by annexes. One general mechanism finds the items, whatever the
council's layout:
1. candidate headings (headings.py): any numbering ("1.", "IV", "a)", "2020-038", "Point n° 3",
   "OBJET :"), the typography of the page (bold, underlined, capitals, larger, boxed), the entries
   of the printed agenda repeated in the body (agenda.py), the first title after a decision;
2. decisions (decisions.py): results ("Vote : unanimité", "12 voix POUR", "ADOPTÉ") and decisions
   being taken ("Après en avoir délibéré", "DÉCIDE"), grouped when close together;
3. the chain of headings (chain.py) such that each item holds one decision, numbering runs on and
   titles look alike; a number missing from the chain is looked for where OCR damaged it.
   Fewer than two items: the document is one délibération.
Then, for minutes: an abbreviated body heading takes the agenda's spelled-out wording; minutes whose
numbered délibérations are only listed at the end are cut at the body headings matching that list;
an item printing two or more results on their own lines is one délibération per result; items
deciding nothing, and reports of decisions taken under delegation, are left out."""
from __future__ import annotations

from pipeline.document import DocumentText, Segment, SegmentedDocument
from pipeline.french.lexicon import fold
from pipeline.french.patterns import segment as P
from pipeline.stages.segment.agenda import agenda_title, closing_list_segments, find_agenda, line_spans
import bisect

from pipeline.stages.segment.chain import SETTINGS as CHAIN, best_chain, best_in_family
from pipeline.stages.segment.decisions import anchors, clusters, decisions_only, lines_after_results, split_bullets, split_decisions
from pipeline.stages.segment.headings import Candidate, fill_numbering_gaps, find_candidates, mark_listed_twins

def _item_number(c: Candidate) -> int | None:
    return c.number if c.kind in ("arabic", "roman") else None


def split_by_subheadings(seg: Segment, candidates: list[Candidate], found: list[tuple[int, int, bool]],
                         newlines: list[int]) -> list[Segment]:
    """An item grouping several decisions of one kind, each under a title of its own set apart by
    its typography, the titles opening alike, and each with its own result
    ("8. DECISIONS MODIFICATIVES BUDGETS" over "DECISION MODIFICATIVE N°2 BUDGET EAU/ASSAINISSEMENT ...
    DM adoptée à l'unanimité", "DECISION MODIFICATIVE N°2 BUDGET PRINCIPAL ... DM adoptée ..."): one
    délibération per sub-title, when each sub-title holds exactly one decision and none comes before
    the first. Numbered like the item, titled by its sub-title."""
    subs = [c for c in candidates if seg.start < c.start < seg.end and c.kind is None and any(c.signature[:3])]
    inside = clusters([a for a in found if seg.start <= a[0] < seg.end], [c.start for c in subs])
    if len(inside) < 2:
        return [seg]
    _, chain = best_in_family(subs, inside, [], seg.end, newlines, CHAIN)
    ends = [d.end for d in inside]

    def count(start: int, end: int) -> int:
        return bisect.bisect_left(ends, end) - bisect.bisect_left(ends, start)

    if len(chain) < 2 or count(seg.start, chain[0].start) > 0:
        return [seg]
    if len({tuple(fold(c.title).split()[:2]) for c in chain}) > 1:
        return [seg]  # sub-titles of one kind read alike ("DECISION MODIFICATIVE N°2 ...", "DECISION MODIFICATIVE N° 4 ...")
    parts = []
    for i, heading in enumerate(chain):
        end = chain[i + 1].start if i + 1 < len(chain) else seg.end
        if count(heading.end, end) != 1 or not any(heading.end <= d.end < end and d.closed for d in inside):
            return [seg]  # each part must state its own result, not only "le conseil municipal fixe ..."
        parts.append(Segment(index=seg.index, start=seg.start if i == 0 else heading.start, end=end,
                             heading_end=heading.end, item_number=seg.item_number, numero=seg.numero, title=heading.title))
    return parts


# headings repeating entries of the printed agenda make a procès-verbal, whatever its first page
# announces: a single délibération prints no agenda of several items
MIN_AGENDA_HEADINGS = 3
# ... and so do headings each holding a result of their own, on an OCR'd document (an extract's numbered
# sections hold no result each: its decision closes it)
MIN_ITEMS_DECIDING = 3


def _items_each_decide(chain: list, decisions: list, text_end: int) -> bool:
    ends = [c.start for c in chain[1:]] + [text_end]
    deciding = sum(1 for heading, end in zip(chain, ends)
                   if any(d.closed and heading.start <= d.end < end for d in decisions))
    return deciding >= MIN_ITEMS_DECIDING and deciding * 3 >= len(chain) * 2


def segment(doc: DocumentText) -> SegmentedDocument:
    if doc.text and not doc.lines:
        doc = DocumentText.from_text(doc.text)  # text without positions (a test, a text source)
    text = doc.text
    agenda, agenda_span = find_agenda(doc)
    candidates = find_candidates(doc, agenda, agenda_span, lines_after_results(doc))
    found = anchors(text)
    mark_listed_twins(doc, candidates, found)
    weak = [m.start() for m in P.DECISION_RE.finditer(text)]
    newlines = [line.end for line in doc.lines]
    chain, decisions = best_chain(candidates, found, weak, len(text), newlines)
    chain = fill_numbering_gaps(doc, chain, found)
    first_numbered = next((c for c in chain if c.kind), chain[0] if chain else None)
    # a single délibération (an extract of the registre) announces itself before its numbered sections
    # (a sidebar repeating "Objet : Compte rendu ..." on every page announces nothing)
    own_text = doc.text_without_running()
    marker = P.SINGLE_MARKERS_RE.search(own_text, 0, first_numbered.start) if first_numbered else None
    if marker is not None and (sum(c.agenda_entry is not None for c in chain) >= MIN_AGENDA_HEADINGS
                               or (any(doc.ocr_pages) and _items_each_decide(chain, decisions, len(text)))):
        # an "Objet :" box OCR could not tell as page furniture: the headings repeat an agenda, or each holds
        # a result of its own (on a text layer furniture is told exactly, and the marker is trusted)
        marker = None
    annex = P.ANNEX_RE.search(text, pos=min(len(text), 200))
    if len(chain) >= 2 and marker is None:
        # a procès-verbal: an annex printed inside an item belongs to it; only one after the last item ends the body
        annex_start = annex.start() if annex and annex.start() > chain[-1].end else None
        body_end = annex_start if annex_start is not None else len(text)
        segments = []
        for index, heading in enumerate(chain):
            end = chain[index + 1].start if index + 1 < len(chain) else body_end
            twins = [agenda[heading.agenda_entry]] if heading.agenda_entry is not None else []
            twins += [c.title for c in candidates if c.in_agenda and c.kind and c.key == heading.key]
            segments.append(Segment(index=index, start=heading.start, end=end, heading_end=heading.end,
                                    item_number=_item_number(heading), numero=heading.numero,
                                    title=agenda_title(heading.title, twins)))
        listed = closing_list_segments(text, line_spans(text), segments, body_end)
        if listed:
            segments = listed
        segments = [part for s in segments for part in split_by_subheadings(s, candidates, found, newlines)]
        segments = [part for s in segments for part in split_bullets(text, s)]
        segments = decisions_only(text, [part for s in segments for part in split_decisions(text, s)])
        for index, s in enumerate(segments):
            s.index = index
        return SegmentedDocument(doc=doc, header_end=segments[0].start, segments=segments, annex_start=annex_start,
                                 kind="multi", agenda_span=agenda_span)
    annex_start = annex.start() if annex and P.SINGLE_MARKERS_RE.search(text[: annex.start()]) else None
    body_end = annex_start if annex_start is not None else len(text)
    single = Segment(index=0, start=0, end=body_end, heading_end=0)
    # the délibération's own heading ("Délibération n° 2021-060" over "Approbation du plan local d'urbanisme"):
    # the one heading found, or the numbered / "Objet :" heading announcing it before its numbered sections
    heading = chain[0] if len(chain) == 1 and chain[0].kind in ("numero", "objet") and chain[0].title else None
    if heading is None and marker is not None:
        heading = next((c for c in candidates if c.kind in ("numero", "objet") and c.title and not c.in_agenda
                        and marker.start() <= c.start < first_numbered.start), None)
    if heading is not None:
        single.title, single.numero = heading.title, heading.numero
    return SegmentedDocument(doc=doc, header_end=body_end, segments=[single], annex_start=annex_start, kind="single",
                             agenda_span=agenda_span)
