"""The vote: counts, unanimity, outcome and the names of dissenters when printed.

One mechanism: find every *mark* of a vote in the item's text (a category with its count, a
unanimity, a majority), group adjacent marks into *tallies*, drop tallies that are not this
council's vote (a residents' poll, a rule), and read as the decision the last tally the minutes
announce ("Vote :", "Après en avoir délibéré", "ADOPTÉ") — or the last one if none is announced,
so that a vote quoted in running prose (a complaint citing another sitting) does not win. Counts are
what is printed, never computed — except that a category naming people without a number counts
those names. The outcome comes from the counts when both pour and contre are printed, otherwise
from a rejection or adoption sentence, a unanimity or majority, or the council's operative verb."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.french.lexicon import count_value
from pipeline.french.patterns import vote as P
from pipeline.french.patterns import attendance as AP
from pipeline.document import Found
from pipeline.french.names import clean_name

CATEGORIES = ("pour", "contre", "abstention", "non_participation")
NAMED_CATEGORIES = ("contre", "abstention", "non_participation")
LABEL_BEFORE = 40  # a lone count is a vote when "Vote :" stands this close before it ...
CONTEXT_BEFORE = 120  # ... or, printed with "voix" / "Label :", when a vote is spoken of this close before it
ANNOUNCE_BEFORE = 150  # "Vote :" / "Après en avoir délibéré, le Conseil Municipal," stands this close before the counts
POLL_REACH = 600  # how far back a poll heading ("Résultats des sondages") governs the counts below it


@dataclass
class VoteFindings:
    pour: Found[int] | None = None
    contre: Found[int] | None = None
    abstention: Found[int] | None = None
    non_participation: Found[int] | None = None
    unanimous: Found[bool] | None = None
    outcome: Found[str] | None = None
    names: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Mark:
    """One piece of a printed vote. `start`/`end` delimit the piece (with any names or trailing
    explanation) for grouping; `value_start`/`value_end` the count itself."""

    kind: str  # count | unanimity | majority | leftover (an unfilled "à l'unanimité/ou non")
    start: int
    end: int  # the piece with its names and reason, to the end of its line for a listed category
    category: str | None = None
    value: int | None = None
    value_start: int = 0
    value_end: int = 0
    names: list[str] = field(default_factory=list)
    explicit: bool = False  # printed with "voix", "votes" or a "Label :" — a vote without context
    core_end: int = -1  # end of the printed mark itself (two marks overlap only by their cores)

    def __post_init__(self) -> None:
        if self.core_end < 0:
            self.core_end = self.end


@dataclass
class Tally:
    marks: list[Mark]

    @property
    def start(self) -> int:
        return self.marks[0].start

    @property
    def end(self) -> int:
        return self.marks[-1].end

    def first(self, category: str) -> Mark | None:
        return next((m for m in self.marks if m.kind == "count" and m.category == category), None)

    def of_kind(self, kind: str) -> Mark | None:
        return next((m for m in self.marks if m.kind == kind), None)


def _category(m: re.Match) -> str:
    return next(c for c in CATEGORIES if m.groupdict().get(c))


def _names_in(text: str) -> list[str]:
    names = []
    pieces = P.VOTE_NAME_SPLIT_RE.split(text)
    # members named by an initial ("C.BOURRETTE/M.DENISE"): there "M." is an initial, not "Monsieur"
    by_initials = any(AP.INITIALS_IN_LIST_RE.match(piece.strip()) and not piece.strip().startswith("M") for piece in pieces)
    for piece in pieces:
        name = clean_name(piece, initials=by_initials)
        if name and name not in names:
            names.append(name)
    return names


def _person_names(text: str) -> list[str]:
    return [n for n in (clean_name(m.group(0)) for m in P.VOTE_NAME_RE.finditer(text)) if n]


def _item_end(text: str, pos: int) -> int:
    """End of a listed category: its line, and the lines continuing it — a reason or a list of
    names that runs on ("... en raison du montant\ncommercial de la manifestation",
    "Mme LAMBRE, Mme\nSMESSAERT")."""
    while True:
        end = text.find("\n", pos)
        if end < 0:
            return len(text)
        line = text[pos:end].rstrip()
        following = text[end + 1: end + 2]
        if P.VOTE_LINE_CONTINUES_RE.search(line) or following.islower():
            pos = end + 1
            continue
        return end


def _parenthesised_names(text: str, pos: int) -> tuple[list[str], int]:
    m = P.VOTE_PARENTHESIS_RE.match(text, pos)
    if not m or not P.VOTE_NAME_RE.search(m["inside"]):
        return [], pos
    return _names_in(m["inside"]), m.end()


def _count_marks(text: str) -> list[Mark]:
    marks = []
    for m in P.VOTE_LABEL_FIRST_RE.finditer(text):
        category = _category(m)
        names_match = P.VOTE_NAME_LIST_RE.match(text, m.end())
        names = _person_names(names_match["names"]) if names_match else []
        core_end = names_match.end("names") if names else m.end()
        if not names:
            names, core_end = _parenthesised_names(text, m.end())
            core_end = max(core_end, m.end())
        if m["n"] is not None:
            value, value_start, value_end = count_value(m["n"]), m.start("n"), m.end("n")
        elif names and names_match:  # "Contre : M. X et Mme Y" — the names are the count
            value, value_start, value_end = len(names), names_match.start("names"), names_match.end("names")
        else:
            continue
        # a listed category runs to the end of its line: names, then maybe a reason ("car ...")
        marks.append(Mark("count", m.start(), _item_end(text, m.end()), category, value, value_start, value_end,
                          names, explicit=True, core_end=core_end))
    for m in P.VOTE_COUNT_FIRST_RE.finditer(text):
        names, end = _parenthesised_names(text, m.end())
        explicit = bool(m["voix"]) or (_category(m) == "abstention" and m["n"].isdigit())
        marks.append(Mark("count", m.start(), end, _category(m), count_value(m["n"]), m.start("n"), m.end("n"),
                          names, explicit=explicit))
    for m in P.VOTE_FOR_AGAINST_RE.finditer(text):
        marks.append(Mark("count", m.start(), m.start("contre"), "pour", count_value(m["pour"]), m.start("pour"),
                          m.end("pour"), explicit=True))
        marks.append(Mark("count", m.start("contre"), m.end(), "contre", count_value(m["contre"]), m.start("contre"),
                          m.end("contre"), explicit=True))
    for m in P.VOTE_COUNT_FIRST_NPPV_RE.finditer(text):
        marks.append(Mark("count", m.start(), m.end(), "non_participation", count_value(m["n"]), m.start("n"),
                          m.end("n"), explicit=True))
    return marks


def _unanimity_marks(text: str) -> list[Mark]:
    marks = []
    for m in P.VOTE_UNANIMITY_RE.finditer(text):
        if P.VOTE_NOT_ASSERTED_BEFORE_RE.search(text[max(0, m.start() - 80): m.start()]):
            continue
        leftover = P.VOTE_TEMPLATE_LEFTOVER_RE.match(text, m.end())
        if leftover:
            marks.append(Mark("leftover", m.start(), leftover.end()))
            continue
        mark = Mark("unanimity", m.start(), m.end(), explicit=True)
        marks.append(mark)
        if m["n"]:  # "A L'UNANIMITE des votants (31 voix)": the votants are the pour
            marks.append(Mark("count", m.start("n"), m.end(), "pour", int(m["n"]), m.start("n"), m.end("n"),
                              explicit=True))
            mark.end = mark.core_end = m.start("n")
    for m in P.VOTE_MAJORITY_RE.finditer(text):
        if not P.VOTE_NOT_ASSERTED_BEFORE_RE.search(text[max(0, m.start() - 80): m.start()]):
            marks.append(Mark("majority", m.start(), m.end(), explicit=True))
    return marks


def find_marks(text: str) -> list[Mark]:
    """Every vote mark, in reading order, overlapping ones dropped (the earlier and longer wins)."""
    marks = sorted(_count_marks(text) + _unanimity_marks(text), key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mark] = []
    for mark in marks:
        if kept and mark.start < kept[-1].core_end:
            continue
        kept.append(mark)
    return kept


def group_tallies(text: str, marks: list[Mark]) -> list[Tally]:
    tallies: list[Tally] = []
    for mark in marks:
        if tallies and P.VOTE_TALLY_GAP_RE.match(text[tallies[-1].end: mark.start]):
            tallies[-1].marks.append(mark)
        elif tallies and mark.start < tallies[-1].end:
            tallies[-1].marks.append(mark)
        else:
            tallies.append(Tally([mark]))
    return tallies


def is_council_vote(text: str, tally: Tally) -> bool:
    """A tally is a vote of this council: a unanimity or a majority, two categories ("14 pour /
    0 contre"), or a lone count announced as a vote; never a residents' poll. (The audit asks the same.)"""
    before = text[max(0, tally.start - POLL_REACH): tally.start]
    polls = list(P.VOTE_POLL_RE.finditer(before))
    if polls and not P.VOTE_COUNCIL_RE.search(before[polls[-1].end():]):
        return False  # a residents' poll: "Résultats des sondages ... Pour : 49 / Contre : 33"
    if {m.kind for m in tally.marks} & {"unanimity", "majority", "leftover"}:
        return True
    if len({m.category for m in tally.marks}) >= 2:  # "14 pour / 0 contre"
        return True
    # a lone count: "Vote :\n− Pour : 15", "ADOPTÉ 14 votes pour" — not "1 pour 1000" in an exposé
    if P.VOTE_LABEL_RE.search(text, max(0, tally.start - LABEL_BEFORE), tally.start):
        return True
    explicit = any(m.explicit for m in tally.marks)
    return explicit and bool(P.VOTE_CONTEXT_RE.search(text, max(0, tally.start - CONTEXT_BEFORE), tally.end))


def _is_announced(text: str, tally: Tally) -> bool:
    """The minutes announce this vote ("Vote :", "Après en avoir délibéré", "ADOPTÉ", a unanimity)
    rather than quote one in running prose."""
    if tally.of_kind("unanimity") or tally.of_kind("majority") or tally.of_kind("leftover"):
        return True
    return bool(P.VOTE_ANNOUNCE_RE.search(text, max(0, tally.start - ANNOUNCE_BEFORE), tally.end))


def _found(value, start: int, end: int, base: int) -> Found:
    return Found(value, base + start, base + end)


def _outcome(body: str, tally: Tally | None, findings: VoteFindings, base: int) -> Found[str] | None:
    pour, contre = findings.pour, findings.contre
    if pour is not None and contre is not None and pour.value != contre.value:
        decided = "adopted" if pour.value > contre.value else "rejected"
        return _found(decided, tally.start, tally.end, base)
    first_decision = P.VOTE_DECISION_RE.search(body)  # the last one is looked for only when needed, below
    # a rejection counts where the council decides, not in the account of the matter before
    starts = ([tally.start - 200] if tally else []) + ([first_decision.start()] if first_decision else [])
    zone = max(0, min(starts)) if starts else 0
    rejected = P.VOTE_REJECTED_RE.search(body, zone)
    if rejected:
        return _found("rejected", rejected.start(), rejected.end(), base)
    if tally is not None:
        if tally.of_kind("unanimity") or tally.of_kind("majority") or (pour is not None and pour.value > 0 and contre is None):
            return _found("adopted", tally.start, tally.end, base)
    adopted = P.VOTE_ADOPTED_RE.search(body)
    if adopted:
        return _found("adopted", adopted.start(), adopted.end(), base)
    if first_decision:
        *_, last = P.VOTE_DECISION_RE.finditer(body)
        return _found("adopted", last.start(), last.end(), base)
    if tally is not None and tally.of_kind("leftover"):
        return _found("adopted", tally.start, tally.end, base)
    return None


def _prose_non_participants(body: str) -> list[str]:
    names = []
    for m in P.VOTE_NPPV_PROSE_RE.finditer(body):
        subject = P.VOTE_NPPV_SUBJECT_RE.search(body[max(0, m.start() - 200): m.start()])
        if subject is None:
            continue
        for name in _names_in(subject["names"]):
            if name not in names:
                names.append(name)
    return names


def extract_vote(text: str, base: int) -> VoteFindings:
    findings = VoteFindings()
    text = P.OCR_OPEN_BRACKET_RE.sub("(", text)  # one character for one: offsets hold
    text = P.OCR_LOST_BRACKET_RE.sub(lambda m: m["category"] + "(", text)
    closing = P.VOTE_CLOSING_RE.search(text)
    body = text[: closing.start()] if closing else text
    tallies = [t for t in group_tallies(body, find_marks(body)) if is_council_vote(body, t)]
    # the decision is the last vote the minutes announce; failing that, the last vote printed
    announced = [t for t in tallies if _is_announced(body, t)]
    decision = (announced or tallies or [None])[-1]
    if decision is not None:
        for category in CATEGORIES:
            mark = decision.first(category)
            if mark is not None:
                setattr(findings, category, _found(mark.value, mark.value_start, mark.value_end, base))
                if category in NAMED_CATEGORIES and mark.names:
                    findings.names[category] = list(mark.names)
        unanimity = decision.of_kind("unanimity")
        if unanimity is not None:
            findings.unanimous = _found(True, unanimity.start, unanimity.end, base)
    prose = _prose_non_participants(body)
    if prose:
        names = findings.names.setdefault("non_participation", [])
        names.extend(n for n in prose if n not in names)
    findings.outcome = _outcome(body, decision, findings, base)
    return findings
