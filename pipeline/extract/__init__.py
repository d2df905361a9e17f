"""Stage 4 — extract: typed findings from the segmented text, each with its character span.

`extract(segmented)` reads the ACTES stamp, the séance header and attendance once for the
document, then identity and vote for each délibération segment."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.extract.attendance import AttendanceClaim, extract_attendance, extract_item_events
from pipeline.extract.common import Found
from pipeline.extract.identity import DeliberationIdentity, extract_identity
from pipeline.extract.seance import SeanceFindings, extract_seance
from pipeline.extract.stamp import StampFindings, extract_stamp
from pipeline.extract.vote import VoteFindings, extract_vote
from pipeline.segment import Segment, SegmentedDocument


@dataclass
class SegmentFindings:
    segment: Segment
    identity: DeliberationIdentity
    vote: VoteFindings
    events: list[AttendanceClaim] = field(default_factory=list)
    stamp: StampFindings | None = None


@dataclass
class Extraction:
    segmented: SegmentedDocument
    stamp: StampFindings
    seance: SeanceFindings
    attendance: list[AttendanceClaim]
    segments: list[SegmentFindings]


def extract(segmented: SegmentedDocument) -> Extraction:
    text = segmented.doc.text
    header = segmented.header
    seance = extract_seance(text, header_end=segmented.header_end)
    attendance = extract_attendance(header)
    stamp = extract_stamp(text)
    findings = []
    for seg in segmented.segments:
        seg_text = segmented.text_of(seg)
        identity = extract_identity(seg, seg_text, whole_document=segmented.kind == "single", header=header)
        vote = extract_vote(seg_text, base=seg.start)
        events = extract_item_events(seg_text, base=seg.start) if segmented.kind == "multi" else []
        findings.append(SegmentFindings(segment=seg, identity=identity, vote=vote, events=events))
    return Extraction(segmented=segmented, stamp=stamp, seance=seance, attendance=attendance, segments=findings)


__all__ = ["Extraction", "Found", "SegmentFindings", "extract"]
