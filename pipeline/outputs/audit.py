"""`delib audit`: where the reading is doubtful, without gold.

Pure functions over what the pipeline returns for one document — its `DocumentResult` and its
`DocumentText` (`pipeline.run.read_document`) — and, optionally, a few facts about each PDF page
(`PageFacts`: is it a scan, how much text its text layer holds). Each check returns typed `Doubt`s
with page numbers and a short excerpt, so that a person can open the page and decide.

The checks:

1. decisions not covered (`uncovered_decision`, `merged_decisions`). *Anchors* are the phrasings
   of a decision found anywhere in the text: tallies and unanimity (patterns.vote, grouped into
   tallies as the vote extractor does), outcome sentences ("ADOPTÉ", "Le Conseil adopte"), "Vote :",
   result lines and results (patterns.segment VOTE_LINE_RE, DECISION_CLOSE_RE: "Accord du conseil",
   "prend acte"), the council deliberating ("Après en avoir délibéré"), operative clauses opening a
   line ("DÉCIDE", "APPROUVE"), and the formula closing an item (patterns.segment
   DECISION_FORMULA_RE: "Délibération prise en ce sens", "Ainsi fait et délibéré"). "Le Conseil Municipal fixe ..." in running text counts only beside
   another anchor: alone it is as often the exposé describing what the council may do.
   Which text belongs to which record: the segment it was read from (its `item` provenance);
   for a record without one (a result stored by an older version), a span rebuilt from its
   provenance — it starts at its objet (else its numero, else its earliest value read on its
   first page, else the top of its first page) and runs to the start of the next record in
   document order, but never past the end of its last page (`page_end`). An anchor outside every
   such span is not covered. Within one stretch (a record's span, or text between records),
   anchors less than DECISION_GAP characters apart are one *decision* (`group_decisions`); a
   record whose span holds two decisions or more may be two items merged. Decisions about the
   sitting itself (minutes approved, the way of voting, an item added to the agenda) outside
   the records are `procedural_decision`, listed but not counted as doubts.
2. records with no decision (`no_decision`): no count, no unanimity, no outcome. Items whose title
   announces information ("Questions diverses", "Informations") are not doubts.
3. printed counts against the lists (`count_mismatch`): members printed present / votants / in
   office against every record's present / present + represented / all listed; a doubt when no
   record agrees (arrivals and departures change the lists from item to item, the opening
   lists should agree). The pipeline's own anomalies on the same subject (`pipeline_flag`:
   printed_present_count, printed_voting_count, members_in_office, vote_vs_attendance) are
   counted too.
4. vote sums (`vote_sum`): pour + contre + abstention against present + represented −
   non-participation (or, without lists, against the votants printed).
5. fields left empty (`empty_field`): the séance's collectivité, date and président once per
   document; each record's objet, present list and outcome.
6. pages not read (`page_not_read`): pages with no text even after OCR, scanned pages whose text is
   nearly empty (a stamp printed over the scan holds a text layer, so the page is not OCR'd).
A document that failed gives one `document_failed` doubt (and its pages as not read)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from models import AttendanceStatus, Deliberation, DocumentResult, DocumentStatus
from pipeline.document import DocumentText
from pipeline.french.patterns import audit as PA
from pipeline.french.patterns import segment as PS
from pipeline.french.patterns import vote as PV
from pipeline.stages.extract.vote import find_marks, group_tallies, is_council_vote
from pipeline.stages.layout import SETTINGS as LAYOUT

# anchors closer than this (characters) belong to one decision ("à l'unanimité, DÉCIDE : ... AUTORISE"):
# on the hand-checked corpus, 400 gives the number of gold records best (200: too many, 600+: too few)
DECISION_GAP = 400
# how far before a decision's line its procedural subject may be worded ("... le compte rendu de la séance du
# 15 septembre ... conserver le mode de vote à main levée.\nVote : Pour à l'unanimité.")
PROCEDURAL_CONTEXT = 300
# operative clauses or a closing formula alone this close after a decision are its end ("... Charge Monsieur le Maire")
CONTINUATION_REACH = 1000
EXCERPT_CHARS = 160
# fewer non-blank characters than this on a scanned page: a stamp or a header, not the page's body
NEARLY_EMPTY_PAGE_CHARS = 200
# the sitting's own decisions: minutes approved, secrétaire named (segment) and what the audit adds (way of voting, agenda)
PROCEDURAL_RES = (PS.PROCEDURAL_RE, PA.PROCEDURAL_DECISION_RE)
# the pipeline's anomalies comparing printed counts and vote sums with the lists
PIPELINE_COUNT_CHECKS = ("printed_present_count", "printed_voting_count", "members_in_office", "vote_vs_attendance")


class DoubtKind(StrEnum):
    UNCOVERED_DECISION = "uncovered_decision"
    MERGED_DECISIONS = "merged_decisions"
    PROCEDURAL_DECISION = "procedural_decision"  # not a doubt: shown so that a person sees it was seen
    NO_DECISION = "no_decision"
    COUNT_MISMATCH = "count_mismatch"
    PIPELINE_FLAG = "pipeline_flag"
    VOTE_SUM = "vote_sum"
    EMPTY_FIELD = "empty_field"
    PAGE_NOT_READ = "page_not_read"
    DOCUMENT_FAILED = "document_failed"


@dataclass(frozen=True)
class Doubt:
    kind: DoubtKind
    message: str
    pages: tuple[int, ...] = ()
    excerpt: str = ""
    deliberation_index: int | None = None

    def as_dict(self) -> dict:
        return {"kind": str(self.kind), "message": self.message, "pages": list(self.pages),
                "excerpt": self.excerpt, "deliberation_index": self.deliberation_index}


@dataclass(frozen=True)
class PageFacts:
    """What the PDF says about one page, beside the text read from it."""

    scanned: bool  # an image covers most of the page
    text_layer_chars: int  # characters of the page's own text layer (before any OCR)


@dataclass
class DocumentAudit:
    path: str
    status: str
    error: str | None
    pages: int
    records: int
    decisions: int = 0  # decisions seen in the text (about the sitting itself apart), beside the records read
    doubts: list[Doubt] = field(default_factory=list)

    def count(self, kind: DoubtKind) -> int:
        return sum(1 for d in self.doubts if d.kind is kind)

    def as_dict(self) -> dict:
        return {"path": self.path, "status": self.status, "error": self.error, "pages": self.pages,
                "records": self.records, "decisions_in_text": self.decisions, "counts": {str(k): self.count(k) for k in DoubtKind},
                "doubts": [d.as_dict() for d in self.doubts]}


# --- anchors and decisions ------------------------------------------------------------------

class Role(StrEnum):
    OPEN = "open"  # the council deliberates: "Après en avoir délibéré"
    CLAUSE = "clause"  # an operative clause opening a line: "DÉCIDE", "APPROUVE", "Charge Monsieur le Maire"
    RESULT = "result"  # a vote's result: a tally, a unanimity, "ADOPTÉ", "Accord du conseil"
    CLOSE = "close"  # the item is closed: "Délibération prise en ce sens"
    # "le Conseil Municipal fixe ..." in running text: with a result it is the decision's wording; alone,
    # it is as often the exposé speaking of the council ("le Conseil Municipal est appelé à proposer")
    PROSE = "prose"


@dataclass(frozen=True)
class Anchor:
    role: Role
    start: int
    end: int
    tally: tuple[int | None, int | None, int | None] | None = None  # (pour, contre, abstention) when counted


@dataclass
class Decision:
    """Anchors close to each other: one decision, as far as the text shows."""

    anchors: list[Anchor]
    closed: bool = False

    @property
    def start(self) -> int:
        return self.anchors[0].start

    @property
    def end(self) -> int:
        return max(a.end for a in self.anchors)

    @property
    def stands(self) -> bool:
        """It is a decision, not only prose naming the council."""
        return any(a.role is not Role.PROSE for a in self.anchors)

    @property
    def continues(self) -> bool:
        """Only operative clauses ("Charge Monsieur le Maire de ...", "AUTORISE") or the closing formula
        ("Ainsi fait et délibéré ..."): after a decision, its end rather than a decision of its own."""
        return all(a.role in (Role.CLAUSE, Role.PROSE, Role.CLOSE) for a in self.anchors)

    @property
    def has_result(self) -> bool:
        """It prints a result or closes an item (not only "DÉCIDE" wording)."""
        return any(a.role in (Role.RESULT, Role.CLOSE) for a in self.anchors)

    @property
    def tally(self) -> tuple | None:
        counted = [a.tally for a in self.anchors if a.tally and sum(v is not None for v in a.tally) >= 2]
        return counted[0] if counted else None


def _quoted_adoption(matched: str) -> bool:
    """A bare "adoptée" in running prose ("la Convention adoptée par l'Assemblée de l'ONU") is no
    result; printed in capitals ("ADOPTÉ") or within a sentence ("a été adopté") it is."""
    return " " not in matched.strip() and not matched.isupper()


def find_anchors(text: str) -> list[Anchor]:
    """Every decision phrasing of `text`, in reading order."""
    anchors: list[Anchor] = []
    for tally in group_tallies(text, find_marks(text)):
        if is_council_vote(text, tally):
            counts = {m.category: m.value for m in tally.marks if m.kind == "count"}
            signature = (counts.get("pour"), counts.get("contre"), counts.get("abstention"))
            anchors.append(Anchor(Role.RESULT, tally.start, tally.end, signature if any(v is not None for v in signature) else None))
    for regex in (PV.VOTE_ADOPTED_RE, PV.VOTE_REJECTED_RE, PS.VOTE_LINE_RE, PV.VOTE_LABEL_RE, PS.DECISION_CLOSE_RE):
        anchors.extend(Anchor(Role.RESULT, m.start(), m.end()) for m in regex.finditer(text) if not _quoted_adoption(m[0]))
    for m in PV.VOTE_DECISION_RE.finditer(text):
        if PA.DELIBERATED_RE.search(m[0]):
            role = Role.OPEN
        else:
            role = Role.PROSE if PA.COUNCIL_SUBJECT_RE.match(m[0]) else Role.CLAUSE
        anchors.append(Anchor(role, m.start(), m.end()))
    anchors.extend(Anchor(Role.CLOSE, m.start(), m.end()) for m in PS.DECISION_FORMULA_RE.finditer(text))
    return sorted(anchors, key=lambda a: (a.start, a.end))


def group_decisions(anchors: list[Anchor]) -> list[Decision]:
    """Anchors (of one stretch of text, in order) grouped into decisions: an anchor standing more
    than DECISION_GAP characters after the current decision's last one starts a new decision, and
    so does any anchor after a closing ("Délibération prise en ce sens") but the closing repeated.
    Wording alone ("DECLARE que ...", with no tally) is a decision too: many minutes print no
    result for a unanimous item."""
    decisions: list[Decision] = []
    for anchor in anchors:
        current = decisions[-1] if decisions else None
        if current is not None:
            if current.closed:
                over = not (anchor.role is Role.CLOSE and anchor.start - current.end <= DECISION_GAP)
            else:
                over = anchor.start - current.end > DECISION_GAP
            if not over:
                current.anchors.append(anchor)
                current.closed = current.closed or anchor.role is Role.CLOSE
                continue
        decisions.append(Decision([anchor], closed=anchor.role is Role.CLOSE))
    return _join_continuations(decisions)


def _join_continuations(decisions: list[Decision]) -> list[Decision]:
    """A group of operative clauses or a closing formula alone, up to CONTINUATION_REACH characters
    after a decision that is not closed, is that decision's end ("Après en avoir délibéré, ... DÉCIDE
    ... [long articles] ... Charge Monsieur le Maire", "... Ainsi fait et délibéré les jour, mois, an")."""
    joined: list[Decision] = []
    for decision in decisions:
        if joined and decision.continues and not joined[-1].closed and decision.start - joined[-1].end <= CONTINUATION_REACH:
            joined[-1].anchors.extend(decision.anchors)
            joined[-1].closed = decision.closed
        else:
            joined.append(decision)
    return joined


# --- which text belongs to which record --------------------------------------------------------

@dataclass(frozen=True)
class RecordSpan:
    index: int  # the record's position in result.deliberations
    start: int
    end: int
    page_start: int
    page_end: int


def _page_end_offset(doc: DocumentText, page: int) -> int:
    return doc.page_starts[page] if page < len(doc.page_starts) else len(doc.text)


def _record_start(record: Deliberation, doc: DocumentText) -> int:
    for name in ("item", "objet", "numero"):
        if name in record.provenance:
            return record.provenance[name].char_start
    first_page = record.page_start or 1
    on_first_page = [p.char_start for p in record.provenance.values() if p.page == first_page]
    if on_first_page:
        return min(on_first_page)
    return doc.page_starts[min(first_page, len(doc.page_starts)) - 1] if doc.page_starts else 0


def record_spans(result: DocumentResult, doc: DocumentText) -> list[RecordSpan]:
    """Each record's stretch of text (see the module's docstring), in document order."""
    starts = sorted((_record_start(record, doc), position) for position, record in enumerate(result.deliberations))
    spans = []
    for order, (start, position) in enumerate(starts):
        record = result.deliberations[position]
        item = record.provenance.get("item")
        if item is not None:  # the segment the record was read from, exactly
            spans.append(RecordSpan(position, item.char_start, item.char_end, doc.page_of(item.char_start),
                                    doc.page_of(max(item.char_start, item.char_end - 1))))
            continue
        page_start = record.page_start or doc.page_of(start)
        page_end = max(record.page_end or page_start, page_start, doc.page_of(start))
        end = _page_end_offset(doc, min(page_end, len(doc.page_starts)))
        if order + 1 < len(starts):
            end = min(end, max(start, starts[order + 1][0]))
        spans.append(RecordSpan(position, start, end, page_start, page_end))
    return spans


def covering_span(spans: list[RecordSpan], doc: DocumentText, offset: int) -> RecordSpan | None:
    page = doc.page_of(offset)
    return next((s for s in spans if s.start <= offset < s.end and s.page_start <= page <= s.page_end), None)


# --- the checks ---------------------------------------------------------------------------------

def excerpt(doc: DocumentText, start: int, end: int | None = None) -> str:
    """The line holding `start` (and what follows up to `end`), on one line, cut short."""
    line_start = doc.text.rfind("\n", 0, start) + 1
    stop = end if end is not None and end > start else start
    line_end = doc.text.find("\n", stop)
    line_end = len(doc.text) if line_end < 0 else line_end
    text = " ".join(doc.text[line_start:line_end].replace("\f", " ").split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def _pages(doc: DocumentText, start: int, end: int) -> tuple[int, ...]:
    first, last = doc.page_of(start), doc.page_of(max(start, end - 1))
    return tuple(range(first, last + 1))


def decisions_by_record(result: DocumentResult, doc: DocumentText) -> dict[int | None, list[Decision]]:
    """The decisions of each record's span (key: the record's index in result.deliberations) and
    of the text outside every record (key None). Anchors are grouped within one stretch only, so
    that one decision never spans two records."""
    spans = record_spans(result, doc)
    stretches: dict[int | None, list[list[Anchor]]] = {}
    last_key: object = object()
    for anchor in find_anchors(doc.text):
        span = covering_span(spans, doc, anchor.start)
        key = span.index if span else None
        if key != last_key:
            stretches.setdefault(key, []).append([])
            last_key = key
        stretches[key][-1].append(anchor)
    return {key: [d for run in runs for d in group_decisions(run) if d.stands] for key, runs in stretches.items()}


def _objet(record: Deliberation) -> str:
    return (record.objet or "(no objet)")[:80]


def is_procedural(doc: DocumentText, decision: Decision) -> bool:
    """A decision about the sitting itself (minutes approved, way of voting, agenda), worded on its
    line or in the PROCEDURAL_CONTEXT characters before it."""
    line_start = doc.text.rfind("\n", 0, decision.start) + 1
    start = max(0, line_start - PROCEDURAL_CONTEXT)
    return any(regex.search(doc.text, start, decision.end) for regex in PROCEDURAL_RES)


def _where(spans: list[RecordSpan], offset: int) -> str:
    before = [s for s in spans if s.start <= offset]
    if not spans:
        return "no record read"
    if not before:
        return "before the first record"
    if len(before) == len(spans):
        return f"after the last record's span (record {before[-1].index}, pages {before[-1].page_start}-{before[-1].page_end})"
    return f"between records {before[-1].index} and {spans[len(before)].index}"


def check_decisions(result: DocumentResult, doc: DocumentText,
                    by_record: dict[int | None, list[Decision]] | None = None) -> list[Doubt]:
    """Decisions outside every record (those about the sitting itself apart), and records holding
    several decisions (not counting those about the sitting)."""
    doubts = []
    by_record = decisions_by_record(result, doc) if by_record is None else by_record
    spans = record_spans(result, doc)
    for decision in by_record.get(None, []):
        pages, shown = _pages(doc, decision.start, decision.end), excerpt(doc, decision.start)
        if is_procedural(doc, decision):
            doubts.append(Doubt(DoubtKind.PROCEDURAL_DECISION, "a decision about the sitting (minutes, agenda, way of voting), "
                                f"outside every record ({_where(spans, decision.start)})", pages, shown))
            continue
        result_note = "" if decision.has_result else ", no result printed"
        doubts.append(Doubt(DoubtKind.UNCOVERED_DECISION,
                            f"decision outside every record ({_where(spans, decision.start)}{result_note})", pages, shown))
    for index, decisions in sorted((k, v) for k, v in by_record.items() if k is not None):
        decisions = [d for d in decisions if not is_procedural(doc, d)]
        if len(decisions) < 2:
            continue
        record = result.deliberations[index]
        tallies = [d.tally for d in decisions if d.tally is not None]
        repeated = " (the same tally printed again?)" if len(tallies) >= 2 and len(set(tallies)) == 1 else ""
        doubts.append(Doubt(DoubtKind.MERGED_DECISIONS,
                            f"{len(decisions)} decisions inside one record ({_objet(record)}): items merged?{repeated}",
                            tuple(sorted({p for d in decisions for p in _pages(doc, d.start, d.end)})),
                            " | ".join(excerpt(doc, d.start) for d in decisions[:4]), record.index))
    return doubts


def _has_decision(record: Deliberation) -> bool:
    vote = record.vote
    counted = any(v is not None for v in (vote.pour, vote.contre, vote.abstention))
    return counted or vote.unanimous is not None or vote.outcome is not None


def check_no_decision(result: DocumentResult, doc: DocumentText | None) -> list[Doubt]:
    spans = {s.index: s for s in record_spans(result, doc)} if doc is not None else {}
    doubts = []
    for position, record in enumerate(result.deliberations):
        if _has_decision(record) or PS.NO_DECISION_TITLE_RE.search(record.objet or ""):
            continue
        span = spans.get(position)
        pages = tuple(range(record.page_start, (record.page_end or record.page_start) + 1)) if record.page_start else ()
        message = f"no vote, unanimity nor outcome read ({_objet(record)})"
        shown = ""
        if span is not None:
            worded = PS.DECISION_RE.search(doc.text, span.start, span.end)
            if worded:
                message += "; the text words a decision"
                shown = excerpt(doc, worded.start())
        doubts.append(Doubt(DoubtKind.NO_DECISION, message, pages, shown, record.index))
    return doubts


def _listed(record: Deliberation) -> tuple[int, int, int]:
    return tuple(len(record.people(s)) for s in (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED, AttendanceStatus.ABSENT))


def _seance_pages(result: DocumentResult, name: str) -> tuple[int, ...]:
    provenance = result.seance_provenance.get(name)
    return (provenance.page,) if provenance else ()


def _line_of(doc: DocumentText | None, provenance) -> str:
    """The line a value was read on (its provenance text alone is often only the number)."""
    if provenance is None:
        return ""
    if doc is None:
        return " ".join(provenance.text.split())[:EXCERPT_CHARS]
    return excerpt(doc, provenance.char_start, provenance.char_end)


def check_printed_counts(result: DocumentResult, doc: DocumentText | None = None) -> list[Doubt]:
    """The counts printed for the séance against the lists of every record: a doubt when no record
    agrees (records without any list are left to the empty-field check)."""
    listed = [_listed(r) for r in result.deliberations if any(_listed(r))]
    if not listed:
        return []
    seance = result.seance
    comparisons = (
        ("members_present", seance.members_present, "present", [p for p, _, _ in listed]),
        ("members_voting", seance.members_voting, "present + represented", [p + r for p, r, _ in listed]),
        ("members_in_office", seance.members_in_office, "present + represented + absent", [p + r + a for p, r, a in listed]),
    )
    doubts = []
    for name, printed, what, values in comparisons:
        if printed is not None and printed not in values:
            doubts.append(Doubt(DoubtKind.COUNT_MISMATCH,
                                f"{name} printed {printed}, the lists read give {what} = {sorted(set(values))}",
                                _seance_pages(result, name), _line_of(doc, result.seance_provenance.get(name))))
    return doubts


# the séance value each document-level anomaly of the pipeline is about: its page is where to look
PIPELINE_CHECK_FIELDS = {"printed_present_count": "members_present", "printed_voting_count": "members_voting"}


def check_pipeline_flags(result: DocumentResult, doc: DocumentText | None = None) -> list[Doubt]:
    doubts = []
    for anomaly in result.anomalies:
        if anomaly.check_name not in PIPELINE_COUNT_CHECKS:
            continue
        record = next((r for r in result.deliberations if r.index == anomaly.deliberation_index), None)
        provenance = result.seance_provenance.get(PIPELINE_CHECK_FIELDS.get(anomaly.check_name, ""))
        if provenance is not None:
            pages, shown = (provenance.page,), _line_of(doc, provenance)
        else:
            pages, shown = ((record.page_start,) if record is not None and record.page_start else ()), ""
        doubts.append(Doubt(DoubtKind.PIPELINE_FLAG, f"{anomaly.check_name}: {anomaly.message}", pages, shown,
                            anomaly.deliberation_index))
    return doubts


def check_vote_sums(result: DocumentResult, doc: DocumentText | None = None) -> list[Doubt]:
    """pour + contre + abstention against those who could vote: present + represented −
    non-participation when the lists were read, else the votants printed for the séance."""
    doubts = []
    for record in result.deliberations:
        vote = record.vote
        if vote.pour is None:
            continue
        present, represented, _ = _listed(record)
        non_participation = vote.non_participation or 0
        if present or represented:
            voters, basis = present + represented - non_participation, f"present {present} + represented {represented}"
        elif result.seance.members_voting is not None:
            voters, basis = result.seance.members_voting - non_participation, f"votants printed {result.seance.members_voting}"
        else:
            continue
        if vote.expressed != voters:
            provenance = record.provenance.get("votes_pour")
            doubts.append(Doubt(
                DoubtKind.VOTE_SUM,
                f"pour {vote.pour} + contre {vote.contre or 0} + abstention {vote.abstention or 0} = {vote.expressed}, "
                f"but {basis} - non-participation {non_participation} = {voters} ({_objet(record)})",
                (provenance.page,) if provenance else ((record.page_start,) if record.page_start else ()),
                _line_of(doc, provenance), record.index))
    return doubts


SEANCE_FIELDS = ("collectivite", "seance_date", "president")
RECORD_FIELDS = ("objet", "present list", "outcome")


def check_empty_fields(result: DocumentResult) -> list[Doubt]:
    """Fields every délibération prints, left empty: the séance's once per document, the rest per record."""
    if not result.deliberations:
        return []
    doubts = [Doubt(DoubtKind.EMPTY_FIELD, f"séance {name} empty") for name in SEANCE_FIELDS
              if getattr(result.seance, name) is None]
    for record in result.deliberations:
        values = {"objet": record.objet, "present list": record.people(AttendanceStatus.PRESENT) or None,
                  "outcome": record.vote.outcome}
        pages = (record.page_start,) if record.page_start else ()
        doubts.extend(Doubt(DoubtKind.EMPTY_FIELD, f"{name} empty ({_objet(record)})", pages, "", record.index)
                      for name in RECORD_FIELDS if values[name] is None)
    return doubts


def _visible_chars(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def page_doubt(result: DocumentResult, doc: DocumentText, page: int, facts: PageFacts | None) -> Doubt | None:
    """Why page `page` (1-based) was not read, or None when it was. A page that is not a scan was
    read whole from its text layer, however short (a last page holding "Publiée le ..."); a scanned
    page is doubtful when it gives fewer than NEARLY_EMPTY_PAGE_CHARS characters. Without the page
    facts, a page counts as unread when it carries no text."""
    text = doc.page_text(page)
    chars = _visible_chars(text)
    shown = " ".join(text.split())[:EXCERPT_CHARS]
    if facts is None:
        carries_text = doc.text_pages[page - 1] if page - 1 < len(doc.text_pages) else chars > 0
        return None if carries_text else Doubt(DoubtKind.PAGE_NOT_READ, f"no text ({chars} characters)", (page,), shown)
    if not facts.scanned or chars >= NEARLY_EMPTY_PAGE_CHARS:
        return None
    if facts.text_layer_chars >= LAYOUT.min_chars_for_text_page:
        # its text layer (a stamp printed over the scan) made the page count as text: it was not OCR'd
        reason = f"scanned page not OCR'd: its text layer holds only {facts.text_layer_chars} characters (a stamp?)"
    elif result.ocr:
        reason = f"scanned page: OCR read only {chars} characters"
    elif result.status is DocumentStatus.NO_TEXT:
        reason = f"scanned page not OCR'd: {result.error}"
    else:
        reason = "scanned page not OCR'd"
    return Doubt(DoubtKind.PAGE_NOT_READ, reason, (page,), shown)


def check_pages(result: DocumentResult, doc: DocumentText, facts: list[PageFacts] | None = None) -> list[Doubt]:
    doubts = []
    for page in range(1, doc.page_count + 1):
        page_facts = facts[page - 1] if facts is not None and page - 1 < len(facts) else None
        doubt = page_doubt(result, doc, page, page_facts)
        if doubt is not None:
            doubts.append(doubt)
    return doubts


def audit_document(result: DocumentResult, doc: DocumentText | None, facts: list[PageFacts] | None = None) -> DocumentAudit:
    """Every doubt about one document; a failed document gives its failure and its pages unread."""
    audit = DocumentAudit(result.source_path, str(result.status), result.error, result.page_count or 0,
                          len(result.deliberations))
    if result.status is DocumentStatus.FAILED:
        audit.doubts.append(Doubt(DoubtKind.DOCUMENT_FAILED, f"{result.failure_kind}: {result.error}"))
    if doc is None:
        audit.doubts.extend(Doubt(DoubtKind.PAGE_NOT_READ, f"document not read: {result.error}", (page,))
                            for page in range(1, (result.page_count or 0) + 1))
        return audit
    audit.doubts.extend(check_pages(result, doc, facts))
    if result.status is not DocumentStatus.OK:
        return audit
    by_record = decisions_by_record(result, doc)
    audit.decisions = sum(1 for decisions in by_record.values() for d in decisions if not is_procedural(doc, d))
    audit.doubts.extend(check_decisions(result, doc, by_record))
    audit.doubts.extend(check_no_decision(result, doc))
    audit.doubts.extend(check_printed_counts(result, doc))
    audit.doubts.extend(check_pipeline_flags(result, doc))
    audit.doubts.extend(check_vote_sums(result, doc))
    audit.doubts.extend(check_empty_fields(result))
    return audit


def totals(audits: list[DocumentAudit]) -> dict:
    counts = Counter()
    for audit in audits:
        for kind in DoubtKind:
            counts[str(kind)] += audit.count(kind)
    return {"documents": len(audits), "records": sum(a.records for a in audits), "pages": sum(a.pages for a in audits),
            "decisions_in_text": sum(a.decisions for a in audits),
            "not_ok": sum(1 for a in audits if a.status != str(DocumentStatus.OK)), **{str(k): counts[str(k)] for k in DoubtKind}}
