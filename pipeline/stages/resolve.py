"""Stage 5 — resolve: one attendance status per person for each délibération's own item.

Claims from the header carry item ranges; body events (departures, arrivals) of a
procès-verbal take effect from the item where they are printed (from the next one when printed
after that item's vote), or for that item only ("quitte la pièce le temps de son examen"). A
member who leaves takes along the proxies they hold; a member whose arrival is printed later
was not there before it."""
from __future__ import annotations

from dataclasses import dataclass, field

from models import AttendanceStatus
from pipeline.stages.extract import Extraction, SegmentFindings
from pipeline.stages.extract.attendance import AttendanceClaim
from pipeline.french.names import same_person

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
    matches = {k for k in known if same_person(name, k)}
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


@dataclass
class _Event:
    claim: AttendanceClaim
    person: str
    position: int  # the segment where it is printed
    effective: int  # the first segment it applies to


def _vote_start(seg: SegmentFindings) -> int | None:
    """Where the item's vote is printed (its counts or unanimity), if anywhere."""
    starts = [f.start for name in ("pour", "contre", "abstention", "unanimous")
              if (f := getattr(seg.vote, name, None)) is not None and getattr(f, "start", None) is not None]
    return min(starts) if starts else None


def _events(extraction: Extraction) -> list[_Event]:
    known = [c.person for c in extraction.attendance]
    events = []
    for position, seg in enumerate(extraction.segments):
        vote_start = _vote_start(seg)
        for claim in seg.events:
            after = claim.after_vote or (not claim.temporary and vote_start is not None and claim.start > vote_start)
            events.append(_Event(claim, _canonical(claim.person, known), position, position + 1 if after else position))
    return events


def _apply_events(statuses: dict[str, ResolvedAttendance], events: list[_Event], position: int, known: list[str]) -> None:
    def set_status(person: str, status: AttendanceStatus, claim: AttendanceClaim) -> None:
        statuses[person] = ResolvedAttendance(person, status, None, claim)

    arrived: set[str] = set()
    for event in events:
        claim = event.claim
        if claim.status is AttendanceStatus.PRESENT:
            if event.effective <= position:
                set_status(event.person, AttendanceStatus.PRESENT, claim)
                arrived.add(event.person)
            elif event.person not in arrived and not any(
                e.person == event.person and e.claim.status is AttendanceStatus.ABSENT and e.effective <= position for e in events
            ):
                current = statuses.get(event.person)
                if current is None or current.status is AttendanceStatus.PRESENT:
                    set_status(event.person, AttendanceStatus.ABSENT, claim)  # arrives later
                arrived.add(event.person)
            continue
        applies = event.effective == position if claim.temporary else event.effective <= position
        if not applies:
            continue
        set_status(event.person, AttendanceStatus.ABSENT, claim)
        givers = [p for p, r in statuses.items() if r.status is AttendanceStatus.REPRESENTED and r.proxy and same_person(r.proxy, event.person)]
        if claim.carried:
            givers.append(_canonical(claim.carried, known))
        for giver in givers:  # the proxy leaves with its holder
            set_status(giver, AttendanceStatus.ABSENT, claim)


def resolve(extraction: Extraction) -> Resolution:
    deliberations = []
    president = extraction.seance.president.value if extraction.seance.president else None
    events = _events(extraction)
    known = [c.person for c in extraction.attendance]
    for position, seg in enumerate(extraction.segments):
        item = seg.identity.item_number.value if seg.identity.item_number else None
        statuses = {r.person: r for r in resolve_item(extraction.attendance, item)}
        if events:
            _apply_events(statuses, events, position, known)
        rapporteur = None
        if seg.identity.rapporteur is not None:
            rapporteur = president if seg.identity.rapporteur_is_president else seg.identity.rapporteur.value
            if seg.identity.rapporteur_is_president and rapporteur is None:
                rapporteur = "Monsieur le Maire"
        deliberations.append(
            ResolvedDeliberation(findings=seg, item_number=item, attendance=list(statuses.values()), rapporteur=rapporteur)
        )
    return Resolution(extraction=extraction, deliberations=deliberations)
