"""Stage 5 — resolve: one attendance status per person for each délibération's own item.

Claims from the header carry item ranges; body events (departures, arrivals) of a
procès-verbal apply from the item where they are printed, or to that item only."""
from __future__ import annotations

from dataclasses import dataclass, field

from models import AttendanceStatus
from pipeline.extract import Extraction, SegmentFindings
from pipeline.extract.attendance import AttendanceClaim
from pipeline.names import same_person

_PRIORITY = {AttendanceStatus.PRESENT: 0, AttendanceStatus.REPRESENTED: 1, AttendanceStatus.ABSENT: 2}


@dataclass
class ResolvedAttendance:
    person: str
    status: AttendanceStatus
    proxy: str | None
    claim: AttendanceClaim


@dataclass
class ResolvedDeliberation:
    findings: SegmentFindings
    item_number: int | None
    attendance: list[ResolvedAttendance] = field(default_factory=list)
    rapporteur: str | None = None


@dataclass
class Resolution:
    extraction: Extraction
    deliberations: list[ResolvedDeliberation]


def _canonical(name: str, known: list[str]) -> str:
    """Map a surname-only mention ("LEBLANC") to the full listed name ("Michel LEBLANC")."""
    matches = [k for k in known if same_person(name, k)]
    return max(matches, key=len) if len(matches) == 1 else name


def resolve_item(claims: list[AttendanceClaim], item: int | None) -> list[ResolvedAttendance]:
    """Each person's status for `item`: the best claim that applies; a member listed only for
    other items is absent for this one."""
    people: dict[str, list[AttendanceClaim]] = {}
    for claim in claims:
        people.setdefault(claim.person, []).append(claim)
    resolved = []
    for person, own in people.items():
        applying = [c for c in own if c.applies_to(item)]
        if applying:
            best = min(applying, key=lambda c: _PRIORITY[c.status])
            resolved.append(ResolvedAttendance(person, best.status, best.proxy if best.status is AttendanceStatus.REPRESENTED else None, best))
        else:
            resolved.append(ResolvedAttendance(person, AttendanceStatus.ABSENT, None, own[0]))
    return resolved


def _apply_events(base: list[AttendanceClaim], segments: list[SegmentFindings], position: int) -> list[AttendanceClaim]:
    """Header claims, overridden by departures/arrivals printed in earlier items (lasting) or in
    this item (lasting or temporary)."""
    claims = list(base)
    known = [c.person for c in base]
    for index, seg in enumerate(segments[: position + 1]):
        for event in seg.events:
            if event.temporary and index != position:
                continue
            person = _canonical(event.person, known)
            claims = [c for c in claims if c.person != person] + [
                AttendanceClaim(person, event.status, event.start, event.end)
            ]
    return claims


def resolve(extraction: Extraction) -> Resolution:
    deliberations = []
    president = extraction.seance.president.value if extraction.seance.president else None
    for position, seg in enumerate(extraction.segments):
        item = seg.identity.item_number.value if seg.identity.item_number else None
        claims = _apply_events(extraction.attendance, extraction.segments, position) if seg.events or position else extraction.attendance
        rapporteur = None
        if seg.identity.rapporteur is not None:
            rapporteur = president if seg.identity.rapporteur_is_president else seg.identity.rapporteur.value
            if seg.identity.rapporteur_is_president and rapporteur is None:
                rapporteur = "Monsieur le Maire"
        deliberations.append(
            ResolvedDeliberation(findings=seg, item_number=item, attendance=resolve_item(claims, item), rapporteur=rapporteur)
        )
    return Resolution(extraction=extraction, deliberations=deliberations)
