"""Stage 5 — extract: typed findings from the segmented text, each with its character span.

`extract(segmented, tables)` reads the ACTES stamp, the séance header and attendance once for
the document, then identity, vote, attendance events and listed mesures for each délibération
segment, and the annexes (agreements; fiche-action tables when a table reader is given, see
extract.annexes). Nothing here links one item to another: that is the resolve stage's job."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.backends.pdf_tables import RuledTableReader
from pipeline.document import Found, Segment, SegmentedDocument
from pipeline.french.matieres import Guess, classify, printed_matiere
from pipeline.stages.extract.annexes import AnnexFindings, MesureFinding, body_mesures, extract_annexes
from pipeline.stages.extract.attendance import AttendanceClaim, extract_attendance, extract_item_events
from pipeline.stages.extract.identity import DeliberationIdentity, extract_identity
from pipeline.stages.extract.seance import SeanceFindings, extract_seance
from pipeline.stages.extract.stamp import StampFindings, extract_stamp
from pipeline.stages.extract.vote import VoteFindings, extract_vote


@dataclass
class SegmentFindings:
    segment: Segment
    identity: DeliberationIdentity
    vote: VoteFindings
    events: list[AttendanceClaim] = field(default_factory=list)
    stamp: StampFindings | None = None
    mesures: list[MesureFinding] = field(default_factory=list)
    matiere: Found[Guess] | None = None


@dataclass
class Extraction:
    kind: str  # the segmented document's kind: single | multi
    stamp: StampFindings
    seance: SeanceFindings
    attendance: list[AttendanceClaim]
    segments: list[SegmentFindings]
    annexes: AnnexFindings | None = None


def extract(segmented: SegmentedDocument, tables: RuledTableReader | None = None) -> Extraction:
    text = segmented.doc.text
    header = segmented.header
    seance = extract_seance(text, header_end=segmented.header_end, own_text=segmented.doc.text_without_running(),
                            item_titles=segmented.item_title_spans())
    attendance = extract_attendance(header)
    stamp = extract_stamp(text, segmented.doc, seance.seance_date.value if seance.seance_date else None)
    try:
        annexes = extract_annexes(segmented, tables)
        listed = body_mesures(segmented, annexes)
    except Exception as exc:  # an unreadable annex must not lose the délibération itself
        annexes = AnnexFindings(problems=[("annex_unreadable", f"annexes not read: {type(exc).__name__}: {exc}"[:300])])
        listed = [[] for _ in segmented.segments]
    findings = []
    for seg, mesures in zip(segmented.segments, listed):
        seg_text = segmented.text_of(seg)
        identity = extract_identity(seg, seg_text, whole_document=segmented.kind == "single", header=header)
        vote = extract_vote(seg_text, base=seg.start)
        events = extract_item_events(seg_text, base=seg.start) if segmented.kind == "multi" else []
        findings.append(SegmentFindings(segment=seg, identity=identity, vote=vote, events=events, mesures=mesures,
                                        matiere=_matiere(seg, seg_text, identity)))
    return Extraction(kind=segmented.kind, stamp=stamp, seance=seance, attendance=attendance, segments=findings,
                      annexes=annexes)


def _matiere(seg: Segment, text: str, identity: DeliberationIdentity) -> Found[Guess] | None:
    """The ACTES matière: printed in the délibération ("Classification : 4.1"), else inferred from
    its objet and body by the French matières lexicon."""
    printed = printed_matiere(text)
    if printed is not None:
        return Found(printed, seg.start, seg.end)
    objet = identity.objet
    guess = classify(objet.value if objet else None, text)
    return Found(guess, objet.start, objet.end) if objet else Found(guess, seg.start, seg.end)


__all__ = ["Extraction", "Found", "SegmentFindings", "extract"]
