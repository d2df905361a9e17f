"""Decisions: where the council decides something, the anchor of every délibération.

A délibération ends in a decision: a result ("Vote : unanimité", "12 voix POUR", "ADOPTÉ",
"Délibération prise en ce sens", "prend acte") or a decision being taken ("Après en avoir
délibéré", "DÉCIDE", "le conseil municipal approuve"). Anchors close together, with no item heading
between them, are one decision (a cluster). The segmentation chooses its headings so that each
item holds one decision; an item printing several results on their own lines is split per result
(`split_decisions`), and items deciding nothing are left out (`decisions_only`)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.document import DocumentText, Segment
from pipeline.french.patterns import segment as P
from pipeline.french.patterns import vote as VP

# anchors further apart than this, or with a heading between them, are two decisions
CLUSTER_GAP = 900
POLL_REACH = 600  # how far back a poll heading ("Résultats des sondages") governs the counts below it


@dataclass(frozen=True)
class Decision:
    start: int  # its first anchor
    end: int  # its last anchor (the result, when one is printed)
    closed: bool  # a result is printed (not only "après en avoir délibéré")


PROCEDURE_LINES_BACK = 4  # the procedure a decision settles is named this many lines above it at most ...


def _procedural(text: str, position: int, since: int = 0) -> bool:
    """The decision is the procedure of the sitting (approving the minutes, naming the secrétaire),
    as said in its sentence or in the lines before ("Approbation du procès-verbal du ..." / "Monsieur
    le Maire demande s'il y a des observations." / ... / "Vote : Unanimité") — not before `since`,
    the previous decision's result (... whose text belongs to the decision before)."""
    start = position
    for _ in range(PROCEDURE_LINES_BACK + 1):
        start = text.rfind("\n", 0, max(0, start - 1)) + 1 if start > 0 else 0
    start = max(start, since)
    end = text.find(".", position)
    return bool(P.PROCEDURAL_RE.search(text, start, end if end >= 0 else len(text)))


def _poll(text: str, position: int) -> bool:
    """A count under a residents' poll ("Résultats des sondages ... Pour : 49") is not the council's."""
    before = text[max(0, position - POLL_REACH) : position]
    polls = list(VP.VOTE_POLL_RE.finditer(before))
    return bool(polls) and not VP.VOTE_COUNCIL_RE.search(before, polls[-1].end())


def anchors(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is a result) of every decision anchor, in order; the sitting's own procedure
    (approving the minutes, naming the secrétaire) is not a délibération, nor a residents' poll."""
    found = [(m.start(), m.end(), True) for m in P.DECISION_CLOSE_RE.finditer(text)]
    found += [(m.start(), m.end(), False) for m in P.DECISION_OPEN_RE.finditer(text)]
    kept, since, bound = [], 0, 0
    for anchor in sorted(found):
        if since <= anchor[0]:  # a result closes what came before it; anchors on its own line share its bound
            bound = since
        if not _procedural(text, anchor[0], bound) and not _poll(text, anchor[0]):
            kept.append(anchor)
        if anchor[2]:
            since = max(since, text.find("\n", anchor[1]) + 1 or len(text))
    found = kept
    # "Délibération prise en ce sens" confirms the decisions stated since the previous formula; it
    # stands for a decision only where none was stated
    kept, previous = [], 0
    for m in P.DECISION_FORMULA_RE.finditer(text):
        if not any(previous <= a[0] < m.start() for a in found):
            kept.append((m.start(), m.end(), True))
        previous = m.end()
    return sorted(found + kept)


def clusters(found: list[tuple[int, int, bool]], breaks: list[int]) -> list[Decision]:
    """Anchors grouped into decisions: a new decision starts after a gap of CLUSTER_GAP characters
    or at a break (a likely heading) between two anchors."""
    decisions: list[Decision] = []
    breaks = sorted(breaks)
    current: list[tuple[int, int, bool]] = []

    def close() -> None:
        if current:
            decisions.append(Decision(current[0][0], current[-1][1], any(closed for _, _, closed in current)))

    for anchor in found:
        if current and (anchor[0] - current[-1][1] > CLUSTER_GAP
                        or any(current[-1][1] <= b < anchor[0] for b in breaks)):
            close()
            current = []
        current.append(anchor)
    close()
    return decisions


def lines_after_results(doc: DocumentText) -> set[int]:
    """Indexes of the lines that follow a line holding a result: where the next item's title is
    printed in minutes that set titles apart by nothing else."""
    after: set[int] = set()
    previous_was_result = False
    for index, line in enumerate(doc.lines):
        text = doc.line_text(line).strip()
        result = bool(P.DECISION_CLOSE_RE.search(text))
        # page furniture is passed over, but a result printed alike under every item ("Vote : Unanimité")
        # reads as a running line and still closes its item
        if not text or (line.style.running and not result):
            continue
        if previous_was_result:
            after.add(index)
        # "Le conseil municipal après en avoir délibéré à l'unanimité" + "demande le bénéfice ...": a result
        # stated while the decision opens goes on with what is decided, not with the next title
        # (looked for only on a result line: most lines hold none)
        opens_decision = result and not text.endswith((".", "!")) and bool(P.DECISION_OPEN_RE.search(text))
        previous_was_result = result and not opens_decision
    return after


def _result_lines(text: str, seg: Segment) -> list[re.Match]:
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


def split_decisions(text: str, seg: Segment) -> list[Segment]:
    """An item whose body holds two or more results printed on their own lines ("ADOPTÉ à
    l’unanimité." ... "ADOPTÉ 9 voix pour, 5 abstentions.") is one délibération per result, each
    titled "<item title> - <its own title>" and numbered like the item."""
    lines = _result_lines(text, seg)
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


def split_bullets(text: str, seg: Segment) -> list[Segment]:
    """An item that lists two or more dash-bulleted sub-items, each followed by its own result,
    and decides nothing before the first ("c. Création de 3 postes :" / "- Emploi permanent
    d'adjoint administratif (stagiaire) ..." / "Le conseil approuve à l'unanimité ..." / "- ..."),
    is one délibération per sub-item, titled by its bullet line and numbered like the item. The
    first bullet may have been read as the heading's continuation: bullets are looked for from the
    heading's first line on."""
    first_line_end = text.find("\n", seg.start, seg.end)
    if first_line_end < 0:
        return [seg]
    bullets = [m for m in re.finditer(r"(?m)^[^\n]*$", text[first_line_end + 1 : seg.end])
               if P.DASH_BULLET_RE.match(m.group(0))]
    if len(bullets) < 2:
        return [seg]
    base = first_line_end + 1
    starts = [base + m.start() for m in bullets]
    ends = starts[1:] + [seg.end]
    def has_result(start: int, end: int) -> bool:  # "approuve à l'unanimité", "4 Abstention 7 Contre 0 Pour"
        return bool(P.DECISION_CLOSE_RE.search(text, start, end) or VP.VOTE_COUNT_FIRST_RE.search(text, start, end))

    if P.DECISION_RE.search(text, seg.start, starts[0]) or not all(
            has_result(base + m.end(), end) for m, end in zip(bullets, ends)):
        return [seg]  # a list inside one decision ("DÉCIDE :" over its articles, the lines of a budget)
    parts = []
    for index, (m, start, end) in enumerate(zip(bullets, starts, ends)):
        title = P.DASH_BULLET_RE.sub("", m.group(0)).strip()
        parts.append(Segment(index=seg.index, start=seg.start if index == 0 else start, end=end,
                             heading_end=base + m.end(), item_number=seg.item_number, numero=None, title=title))
    return parts


def reports_delegated_decisions(text: str, seg: Segment) -> bool:
    """Decisions of the maire (the président, the bureau) reported to the council, not taken by it;
    an item granting a delegation ("Délégation du conseil au maire pour ...") that is voted on is
    a délibération."""
    title = seg.title or ""
    if not P.DELEGATION_TITLE_RE.search(title):
        return False
    return bool(P.DELEGATION_REPORT_TITLE_RE.search(title)) or not P.VOTED_RE.search(text, seg.heading_end, seg.end)


def decisions_only(text: str, segments: list[Segment]) -> list[Segment]:
    """Items of a procès-verbal where nothing is decided are not délibérations: a report of the
    decisions taken under delegation ("Décisions du Maire prises par délégation") is left out; an
    item whose body words no decision is left out when its title announces information ("Questions diverses",
    "INFORMATION SUR ...", "pas de délibération"), or when the minutes print each decision's result
    ("ADOPTÉ à l’unanimité.", "Vote : 14 pour / 0 contre", "Le conseil approuve à l'unanimité") in most items. Decisions
    worded elsewhere for several items ("Pour chacune des 9 communes ...") keep those items."""
    results = sum(1 for s in segments if P.VOTE_LINE_RE.search(text, s.heading_end, s.end)
                  or P.DECISION_CLOSE_RE.search(text, s.heading_end, s.end))
    results_printed = results * 2 > len(segments)

    def decides(s: Segment) -> bool:
        # "(pas de délibération – voir compte rendu)" under a heading words "délibération" without deciding
        body = P.NO_DELIBERATION_RE.sub(" ", text[s.heading_end : s.end])
        # a result ("Accord du conseil par 3 ABSTENTIONS et 10 POUR") or the registre's formula
        # ("Délibération prise en ce sens.") says a decision was taken as much as its wording does
        return bool(P.DECISION_RE.search(body) or P.DECISION_CLOSE_RE.search(body) or P.DECISION_FORMULA_RE.search(body))

    def informs(s: Segment) -> bool:
        return bool(P.NO_DECISION_TITLE_RE.search(s.title or "") or P.NO_DELIBERATION_RE.search(text, s.heading_end, min(s.end, s.heading_end + 120)))

    found = anchors(text)  # the sitting's own procedure left out

    def results_in(s: Segment) -> int:
        return len({text.count("\n", 0, m.start()) for m in P.DECISION_CLOSE_RE.finditer(text, s.heading_end, s.end)})

    def only_procedure(s: Segment) -> bool:
        """Its only decisions are about the sitting ("Ouverture de la séance": the agenda changed, the secrétaire named)."""
        return (not any(s.heading_end <= a[0] < s.end for a in found)
                and bool(P.PROCEDURAL_RE.search(text, s.heading_end, s.end)))

    kept = [
        s for s in segments
        if (decides(s) or not (results_printed or informs(s))) and not only_procedure(s)
        and not reports_delegated_decisions(text, s)
        and not (P.PROCEDURAL_RE.search(s.title or "") and results_in(s) <= 1)  # the minutes approved, the secrétaire
        # named; one holding several results holds items whose headings were not found, and is kept
    ]
    return kept or segments


