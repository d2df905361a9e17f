"""Which candidate headings open the items: the chain that gives each item one decision.

A dynamic programme over the candidates in document order. A chain scores
- per item: +ONE_DECISION when its text holds exactly one decision, a penalty when it holds none
  (an information item, or a heading that is not one: a numbered point inside a body, a theme
  title grouping items) — smaller when the text only words a decision weakly — and a smaller
  reward per extra decision (two items merged, or one item printing several results);
- per heading: its quality (numbering, typography, agenda entry, place after a decision);
- per pair of consecutive headings: the numbering running on (1 then 2, a numero increasing),
  or the same typography for unnumbered titles; numbers going back are penalised, not forbidden
  (items taken out of order);
- decisions in the séance header (before the first item) cost a little.
The best chain is the one the document's decisions support."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from pipeline.stages.segment.decisions import Decision, clusters
from pipeline.stages.segment.headings import Candidate


@dataclass(frozen=True)
class ChainSettings:
    one_decision: float = 3.0  # an item holding exactly one decision
    no_decision: float = -2.0  # an item deciding nothing
    weak_decision: float = -1.0  # ... but wording a decision weakly ("autorise", "accepte")
    list_entry: float = -4.5  # an "item" whose title is followed by one line at most, deciding nothing:
    # an entry of a list (the agenda, a closing list, a table)
    extra_decision: float = -1.0  # each decision beyond the first in one item
    header_decision: float = -0.6  # each decision before the first item (approval of the minutes)
    next_number: float = 2.5  # numbering running on by one: a long run of it is no accident
    skipped_numbers: float = 0.2  # numbering running on with a gap (a withdrawn item)
    number_back: float = -6.0  # numbering going back (an item taken out of order, or a list restarting)
    letter_restart: float = -0.3  # lettered items restart under each theme ("a)" after "c)")
    numero_up: float = 0.5  # a printed numero increasing
    numero_down: float = -1.5
    mixed_numbering: float = -0.8  # two numbering shapes in one chain
    numbered_and_not: float = -0.4
    same_typography: float = 0.3  # unnumbered titles printed alike
    other_typography: float = -0.3
    agenda_item: float = -3.0  # a heading printed inside the agenda is the agenda's, not the body's
    window: int = 200  # candidates looked back at (bounds the cost on very long minutes)


SETTINGS = ChainSettings()


def _transition(a: Candidate, b: Candidate, s: ChainSettings) -> float:
    if a.kind and b.kind:
        if a.kind != b.kind:
            return s.mixed_numbering
        if a.kind == "numero":
            return s.numero_up if b.key > a.key else s.numero_down
        if a.number is None or b.number is None:
            return 0.0
        step = b.number - a.number
        if step == 1:
            return s.next_number
        if step > 1:
            return s.skipped_numbers
        return s.letter_restart if a.kind == "letter" else s.number_back
    if a.kind or b.kind:
        return s.numbered_and_not
    return s.same_typography if a.signature == b.signature else s.other_typography


def family(candidate: Candidate) -> str:
    """Headings of one document share one numbering shape, or none: a chain is built within one
    family, so that a list numbered inside an item (a table of subsidies "1. ADMR 60,00", the
    points of a decision) competes with the items' own numbering, and typography alone opens items
    only in minutes that number none."""
    return candidate.kind if candidate.kind in ("numero", "arabic", "roman", "letter") else "plain"


def best_chain(candidates: list[Candidate], anchors: list[tuple[int, int, bool]], weak: list[int], body_end: int,
               newlines: list[int], settings: ChainSettings = SETTINGS) -> tuple[list[Candidate], list[Decision]]:
    """The headings opening the items, in order (empty when no chain beats a single item): the
    best chain of the best numbering family, and the decisions as that family's headings cut them.
    `anchors`: decision anchors; `newlines`: positions of the line breaks of the text."""
    families: dict[str, list[Candidate]] = {}
    for c in candidates:
        families.setdefault(family(c), []).append(c)
    best_score, best, best_decisions = None, [], clusters(anchors, [])
    for members in families.values():
        # a decision does not run over a heading of this family (those printed inside the agenda aside)
        decisions = clusters(anchors, [c.start for c in members if not c.in_agenda])
        score, chain = best_in_family(members, decisions, weak, body_end, newlines, settings)
        if chain and (best_score is None or score > best_score):
            best_score, best, best_decisions = score, chain, decisions
    return best, best_decisions


def best_in_family(candidates: list[Candidate], decisions: list[Decision], weak: list[int], body_end: int,
             newlines: list[int], settings: ChainSettings) -> tuple[float, list[Candidate]]:
    """The best chain among `candidates` (one family): (its score, the chain)."""
    s = settings
    ends = [d.end for d in decisions]
    weak = sorted(weak)

    def decisions_in(start: int, end: int) -> int:
        return bisect.bisect_left(ends, end) - bisect.bisect_left(ends, start)

    def item(start: int, end: int) -> float:
        count = decisions_in(start, end)
        if count == 0:
            worded = bisect.bisect_left(weak, end) > bisect.bisect_left(weak, start)
            if worded:
                return s.weak_decision
            return s.list_entry if bisect.bisect_left(newlines, end) - bisect.bisect_left(newlines, start) <= 2 else s.no_decision
        return s.one_decision + s.extra_decision * (count - 1)

    best: list[tuple[float, int]] = []  # per candidate: (score of the best chain ending there, previous index)
    for i, c in enumerate(candidates):
        own = c.quality + (s.agenda_item if c.in_agenda else 0.0)
        options = [(own + s.header_decision * decisions_in(0, c.start), -1)]
        for j in range(max(0, i - s.window), i):
            p = candidates[j]
            if p.end > c.start:
                continue
            options.append((best[j][0] + item(p.end, c.start) + _transition(p, c, s) + own, j))
        best.append(max(options))
    single = item(0, body_end)  # the whole document as one item
    finals = [(best[i][0] + item(c.end, body_end), i) for i, c in enumerate(candidates)]
    if not finals:
        return single, []
    score, last = max(finals)
    if score <= single:
        return single, []
    chain = []
    while last >= 0:
        chain.append(candidates[last])
        last = best[last][1]
    return score, chain[::-1]
