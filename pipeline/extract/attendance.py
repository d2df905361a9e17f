"""Attendance as printed: who is listed present, represented (and by whom) or absent, with the
agenda items each listing is limited to ("à compter de la question n° 7", "(pouvoir à X)").

The output is a list of claims; `pipeline.resolve` turns them into one status per person for
each délibération's item."""
from __future__ import annotations

import re
from dataclasses import dataclass

from models import AttendanceStatus
from pipeline import patterns as P
from pipeline.names import clean_name, looks_like_name

ItemRange = tuple[int | None, int | None]  # inclusive; None is open-ended


@dataclass
class AttendanceClaim:
    person: str
    status: AttendanceStatus
    start: int
    end: int
    proxy: str | None = None
    ranges: list[ItemRange] | None = None  # None: the whole séance
    code: str | None = None  # a marker pairing an absent member with the proxy holder ("Pr**")
    temporary: bool = False  # for body events: only the item where it is printed

    def applies_to(self, item: int | None) -> bool:
        if self.ranges is None or item is None:
            return True
        return any((lo is None or lo <= item) and (hi is None or item <= hi) for lo, hi in self.ranges)


@dataclass
class _Section:
    status: AttendanceStatus
    start: int
    end: int
    label: str


_PROXY_CODE_RE = re.compile(r"\(\s*(?P<code>Pr\s*\*+|\*+)\s*\)|(?P<star>\*+)$", re.I)
_PAREN_RE = re.compile(r"\(([^()]*)\)")
_BULLET_SPLIT_RE = re.compile(r"\n\s*[−\-–•·▪]\s*|\n\s*\+\s+")


def parse_item_ranges(condition: str) -> list[ItemRange] | None:
    """'jusqu'à la question n° 7 incluse et à compter de la question n° 9' -> [(None, 7), (9, None)].
    None when the text names no agenda item."""
    ranges: list[ItemRange] = []
    rest = condition
    for m in P.BETWEEN_ITEMS_RE.finditer(condition):
        ranges.append((int(m["a"]), int(m["b"])))
    rest = P.BETWEEN_ITEMS_RE.sub(" ", rest)
    for m in P.FROM_ITEM_RE.finditer(rest):
        ranges.append((int(m["n"]), None))
    for m in P.UNTIL_ITEM_RE.finditer(rest):
        ranges.append((None, int(m["n"])))
    for m in P.ONLY_ITEM_RE.finditer(rest):
        ranges.append((int(m["n"]), int(m["n"])))
    return ranges or None


def _sections(header: str) -> list[_Section]:
    labels = list(P.ATTENDANCE_SECTION_RE.finditer(header))
    sections = []
    for index, m in enumerate(labels):
        if m["present"]:
            status = AttendanceStatus.PRESENT
        elif m["represented"]:
            status = AttendanceStatus.REPRESENTED
        else:
            status = AttendanceStatus.ABSENT
        end = labels[index + 1].start() if index + 1 < len(labels) else len(header)
        stop = P.ATTENDANCE_STOP_RE.search(header, m.end(), end)
        if stop:
            end = stop.start()
        sections.append(_Section(status, m.end(), end, m.group(0)))
    return sections


def _split_entries(text: str, base: int) -> list[tuple[str, int, int]]:
    """Split a list on commas/semicolons/bullets that are not inside parentheses."""
    text = _BULLET_SPLIT_RE.sub(lambda m: ";" + " " * (len(m.group(0)) - 1), text)
    entries, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
            entries.append((text[start:i], base + start, base + i))
            start = i + 1
    entries.append((text[start:], base + start, base + len(text)))
    return [(e, s, t) for e, s, t in entries if e.strip(" \n.")]


def _parse_entry(raw: str, status: AttendanceStatus, start: int, end: int) -> AttendanceClaim | None:
    code_match = _PROXY_CODE_RE.search(raw)
    code = re.sub(r"\s+", "", (code_match["code"] or code_match["star"])).lower() if code_match else None
    if code_match:
        raw = raw[: code_match.start()] + raw[code_match.end() :]
    conditions = " ".join(_PAREN_RE.findall(raw))
    outside = _PAREN_RE.sub(" ", raw)
    proxy = None
    # "X à Y", "X (pouvoir à Y)", "X représenté par Y", "X a donné procuration à Y"
    for text in (outside, conditions):
        m = P.PROXY_GIVEN_RE.search(text)
        if m and m.start() > 0 or (m and text is conditions):
            holder = text[m.end() :]
            holder = re.split(r"\s+\(|\)|\s+(?:jusqu|[àa]\s+compter|de\s+la\s+question|pour\s+la)", holder)[0]
            holder_name = clean_name(holder)
            if looks_like_name(holder_name):
                proxy = holder_name
                if text is outside:
                    outside = outside[: m.start()]
                status = AttendanceStatus.REPRESENTED
                break
    if status is AttendanceStatus.REPRESENTED and proxy is None and not code:
        pass  # holder not printed (Montpellier's "absents ayant voté par procuration")
    name = clean_name(P.EXCUSED_RE.sub(" ", outside))
    if not looks_like_name(name):
        return None
    return AttendanceClaim(
        person=name, status=status, start=start, end=end, proxy=proxy,
        ranges=parse_item_ranges(conditions) if conditions else None, code=code,
    )


def _pair_codes(claims: list[AttendanceClaim]) -> None:
    """Couthenans marks 'Jean-Pierre (Pr*)' present and 'David (Pr*)' excused: David gave his
    proxy to Jean-Pierre."""
    holders = {c.code: c.person for c in claims if c.code and c.status is AttendanceStatus.PRESENT}
    for claim in claims:
        if claim.code and claim.status is not AttendanceStatus.PRESENT and claim.code in holders:
            claim.status = AttendanceStatus.REPRESENTED
            claim.proxy = holders[claim.code]


def extract_attendance(header: str) -> list[AttendanceClaim]:
    claims: list[AttendanceClaim] = []
    for section in _sections(header):
        for raw, start, end in _split_entries(header[section.start : section.end], section.start):
            claim = _parse_entry(raw, section.status, start, end)
            if claim is not None:
                claims.append(claim)
    _pair_codes(claims)
    return claims


# ---------------------------------------------------------------- events in a procès-verbal body
def extract_item_events(text: str, base: int) -> list[AttendanceClaim]:
    """Arrivals and departures printed inside an item of a procès-verbal."""
    events: list[AttendanceClaim] = []
    for m in P.LEAVES_RE.finditer(text):
        temporary = bool(m["temporary"]) or bool(P.NOT_VOTING_NAMED_RE.search(m.group(0)))
        events.append(AttendanceClaim(clean_name(m["name"]), AttendanceStatus.ABSENT, base + m.start(), base + m.end(), temporary=temporary))
    for regex in P.ARRIVES_RES:
        for m in regex.finditer(text):
            events.append(AttendanceClaim(clean_name(m["name"]), AttendanceStatus.PRESENT, base + m.start(), base + m.end()))
    return events
