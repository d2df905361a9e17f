"""Stage 6 — resolve: what holds across items, decided once the whole document is extracted.

- Attendance: one status per person for each délibération's own item. Claims from the header
  carry item ranges; body events (departures, arrivals) of a procès-verbal take effect from the
  item where they are printed (from the next one when printed after that item's vote), or for
  that item only ("quitte la pièce le temps de son examen"). A member who leaves takes along the
  proxies they hold; a member whose arrival is printed later was not there before it.
- Rapporteurs: speakers linked across the items of a procès-verbal (`link_speakers`); "Monsieur
  le Maire" becomes the président's name when the document prints it.
- Annexes: each fiche action and annexed agreement belongs to the délibération it follows."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from models import AttendanceStatus
from pipeline.document import Found
from pipeline.french.names import same_person
from pipeline.stages.extract import Extraction, SegmentFindings
from pipeline.stages.extract.annexes import ActionFinding, AgreementFinding, AnnexFindings
from pipeline.stages.extract.attendance import AttendanceClaim
from pipeline.stages.extract.identity import DeliberationIdentity, Speaker
from pipeline.stages.extract.seance import SeanceFindings
from pipeline.stages.extract.stamp import StampFindings
from pipeline.stages.extract.vote import VoteFindings

PRESIDENT_BY_TITLE = "Monsieur le Maire"  # the rapporteur when the maire presents and no name is printed

_PRIORITY = {AttendanceStatus.PRESENT: 0, AttendanceStatus.REPRESENTED: 1, AttendanceStatus.ABSENT: 2}


@dataclass
class ResolvedAttendance:
    person: str
    status: AttendanceStatus
    proxy: str | None
    claim: AttendanceClaim


@dataclass
class RapporteurChoice:
    """Who presents an item: the speaker's name as read (empty for the maire), whether it is the
    président, and whether they keep the floor for the next items."""

    found: Found[str] | None = None
    is_president: bool = False
    hands_over: bool = False


@dataclass
class ResolvedDeliberation:
    findings: SegmentFindings
    item_number: int | None
    attendance: list[ResolvedAttendance] = field(default_factory=list)
    rapporteur: str | None = None
    rapporteur_found: Found[str] | None = None  # where the rapporteur was read


@dataclass
class ResolvedAnnexes:
    """Annex findings with the index of the délibération each belongs to (None: no délibération)."""

    findings: AnnexFindings
    actions: list[tuple[ActionFinding, int | None]] = field(default_factory=list)
    agreements: list[tuple[AgreementFinding, int | None]] = field(default_factory=list)


@dataclass
class Resolution:
    stamp: StampFindings
    seance: SeanceFindings
    deliberations: list[ResolvedDeliberation]
    annexes: ResolvedAnnexes | None = None


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


def _choice(speaker: Speaker) -> RapporteurChoice:
    # a member given the floor, or presenting, keeps it for the next items; the maire presiding does not
    return RapporteurChoice(Found(speaker.name or "", speaker.start, speaker.end), speaker.name is None,
                            speaker.handover or speaker.name is not None)


def link_speakers(identities: list[DeliberationIdentity]) -> list[RapporteurChoice]:
    """Items of one procès-verbal in order. An item is presented by the speaker printed just under
    its heading; else by the speaker named after the previous item's decision (minutes printing the
    exposé before the numbered heading); else by the first speaker before its own decision. In
    minutes of that exposé-first kind, where one exposé may cover several items, an item naming
    no speaker keeps the member who had the floor for the previous item ("donne la parole à X")."""
    expose_first = sum(i.trailing_speaker is not None for i in identities) > sum(i.early_speaker is not None for i in identities)
    choices: list[RapporteurChoice] = []
    previous: DeliberationIdentity | None = None
    for identity in identities:
        chosen = choices[-1] if choices else None
        if identity.early_speaker is not None:
            choice = _choice(identity.early_speaker)
        elif previous is not None and previous.trailing_speaker is not None:
            choice = _choice(previous.trailing_speaker)
        elif identity.opening_speaker is not None:
            choice = _choice(identity.opening_speaker)
        elif expose_first and chosen is not None and chosen.found is not None and chosen.hands_over:
            choice = RapporteurChoice(chosen.found, chosen.is_president, True)
        elif (previous is not None and chosen is not None and chosen.found is not None and identity.item_number is not None
              and previous.item_number is not None and identity.item_number.value == previous.item_number.value):
            # one item deciding twice ("DM1 pour budget communal", "DM1 pour budget assainissement"): one presenter
            choice = chosen
        else:
            choice = RapporteurChoice()
        choices.append(choice)
        previous = identity
    return choices


def _own_choice(identity: DeliberationIdentity) -> RapporteurChoice:
    return RapporteurChoice(identity.rapporteur, identity.rapporteur_is_president, identity.speaker_hands_over)


def _owner(starts: list[int], offset: int) -> int | None:
    """The délibération an annex belongs to: the last one starting before it (else the last one)."""
    owners = [index for index, start in enumerate(starts) if start <= offset]
    return owners[-1] if owners else (len(starts) - 1 if starts else None)


def resolve_annexes(annexes: AnnexFindings, segment_starts: list[int], page_start: Callable[[int], int]) -> ResolvedAnnexes:
    resolved = ResolvedAnnexes(annexes)
    for action in annexes.actions or []:
        resolved.actions.append((action, _owner(segment_starts, page_start(action.fiche.pages[0]))))
    for agreement in annexes.agreements:
        resolved.agreements.append((agreement, _owner(segment_starts, agreement.start)))
    return resolved


def presiding_member(extraction: Extraction) -> list[AttendanceClaim]:
    """The président presided, so was present: when the lists leave them out and the printed count
    of members present is exactly one more than the members listed present ("Présents : 12" over
    11 names, the maire not among them), their presence is the one missing."""
    seance = extraction.seance
    if seance.president is None or seance.members_present is None:
        return []
    president = seance.president
    claims = extraction.attendance
    if any(same_person(c.person, president.value) for c in claims):
        return []
    present = {c.person for c in claims if c.status is AttendanceStatus.PRESENT and c.ranges is None}
    if len(present) + 1 != seance.members_present.value:
        return []
    return [AttendanceClaim(president.value, AttendanceStatus.PRESENT, president.start, president.end)]


def counted_non_participants(vote: VoteFindings, attendance: list[ResolvedAttendance],
                             voting: Found[int] | None) -> VoteFindings:
    """Members named in prose as not taking part ("Considérant que M. X n'a pas pris part au vote")
    count as non-participation when the arithmetic printed in the header confirms them: votants =
    present + represented − those named. Without that check a name in prose is not a count."""
    named = vote.names.get("non_participation") or []
    if vote.non_participation is not None or not named or voting is None:
        return vote
    taking_part = sum(a.status in (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED) for a in attendance)
    if taking_part - len(named) != voting.value:
        return vote
    return replace(vote, non_participation=Found(len(named), voting.start, voting.end))


def resolve(extraction: Extraction, page_start: Callable[[int], int]) -> Resolution:
    """`page_start(page)`: where a page starts in the document text (annexes are owned by page)."""
    deliberations = []
    president = extraction.seance.president.value if extraction.seance.president else None
    claims = extraction.attendance + presiding_member(extraction)
    events = _events(extraction)
    known = [c.person for c in claims]
    identities = [seg.identity for seg in extraction.segments]
    choices = link_speakers(identities) if extraction.kind == "multi" else [_own_choice(i) for i in identities]
    for position, (seg, choice) in enumerate(zip(extraction.segments, choices)):
        item = seg.identity.item_number.value if seg.identity.item_number else None
        statuses = {r.person: r for r in resolve_item(claims, item)}
        if events:
            _apply_events(statuses, events, position, known)
        rapporteur = None
        if choice.found is not None:
            rapporteur = president if choice.is_president else choice.found.value
            if choice.is_president and rapporteur is None:
                rapporteur = PRESIDENT_BY_TITLE
        attendance = list(statuses.values())
        seg = replace(seg, vote=counted_non_participants(seg.vote, attendance, extraction.seance.members_voting))
        deliberations.append(ResolvedDeliberation(findings=seg, item_number=item, attendance=attendance,
                                                  rapporteur=rapporteur, rapporteur_found=choice.found))
    annexes = None
    if extraction.annexes is not None:
        annexes = resolve_annexes(extraction.annexes, [seg.segment.start for seg in extraction.segments], page_start)
    return Resolution(stamp=extraction.stamp, seance=extraction.seance, deliberations=deliberations, annexes=annexes)
