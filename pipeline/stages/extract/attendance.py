"""Attendance as printed: who is listed present, represented (and by whom) or absent, with the
agenda items each listing is limited to ("à compter de la question n° 7", "(pouvoir à X)").

The output is a list of claims; `pipeline.stages.resolve` turns them into one status per person for
each délibération's item."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from models import AttendanceStatus
from pipeline.french.patterns import attendance as P
from pipeline.french.patterns import vote as VP
from pipeline.french.names import NAME_CACHE_SIZE, clean_name, given_name_first, looks_like_name

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
    carried: str | None = None  # for a departure: whose proxy the leaving member takes along
    after_vote: bool = False  # for body events: printed as happening after the item's vote

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


_PAREN_RE = re.compile(r"\(([^()]*)\)")


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


def _strip_civilite(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = P.CIVILITE_RE.sub("", text)
    return text


def _fragment_words(fragment: str) -> list[str]:
    """The words of a list fragment once civilité, bullets and parentheses are removed."""
    fragment = P.LIST_BULLET_RE.sub("", _PAREN_RE.sub(" ", fragment))
    return _strip_civilite(fragment.strip()).split()


def _has_surname(text: str) -> bool:
    """A word printed in capitals (the NOM of 'Prénom NOM'), civilités aside."""
    return any(len(w) >= 2 and w.isupper() for w in re.findall(r"[^\W\d_]+", _strip_civilite(text.strip())))


@lru_cache(maxsize=NAME_CACHE_SIZE)  # the same entries in every list of a council (pure)
def _is_name_like(fragment: str, need_surname: bool = False) -> bool:
    """'Monsieur Antonio MENDES', 'DUBU Paulette', 'Mr X à Mr Y', 'Jean-Pierre (Pr*)': an entry of a list,
    not a title line or a sentence. Lists printing surnames in capitals need one in every entry;
    without one ('Anne-Marie', couthenans' first names) at most two words are accepted."""
    fragment = P.EXCUSED_RE.sub(" ", fragment)
    m = P.PROXY_GIVEN_RE.search(fragment)
    if m and m.start() > 0:  # "X à Y", "F.RUSSO : procuration à S.MEARY"
        return _is_name_like(fragment[: m.start()].rstrip(" :"), need_surname) and _is_name_like(fragment[m.end() :], need_surname)
    words = _fragment_words(fragment)
    if not 1 <= len(words) <= 5 or re.search(r"\d|:", " ".join(words)):
        return False
    if not all(P.NAME_WORD_RE.match(w.strip(".,;")) for w in words) or P.INSTITUTION_WORD_RE.match(words[0]):
        return False
    if _has_surname(" ".join(words)):
        # "Prénom NOM" / "NOM Prénom"; a line all in capitals is a title unless a civilité announces a person
        return (any(any(c.islower() for c in w) for w in words) or bool(P.CIVILITE_RE.match(P.LIST_BULLET_RE.sub("", fragment)))
                or bool(P.INITIAL_AND_SURNAME_RE.match(" ".join(words))))  # "C.FOROT": an initial and a surname
    return not need_surname and len([w for w in words if not P.NAME_PARTICLE_RE.search(" " + w)]) <= 2


def _join_lines(text: str, need_surname: bool = False) -> str:
    """Decide, at each line break of a list, whether the next line continues the same entry (a
    wrapped name: ' '), starts a new entry (';') or is no longer part of the list (cut there).
    Newlines are replaced one for one, so offsets into the kept part stay valid."""
    chars = list(text)
    last = ""  # last meaningful line
    offset = 0
    depth = 0  # open parentheses so far
    pending: list[int] = []  # newline positions since `last`
    for index, line in enumerate(text.split("\n")):
        line_start = offset
        offset += len(line) + 1
        if index:
            pending.append(line_start - 1)
            if not line.strip() or P.PAGE_NUMBER_LINE_RE.match(line):
                chars[line_start : line_start + len(line)] = " " * len(line)  # page furniture, not a name
                continue
            sep = " " if depth > 0 else _line_break(last, line, need_surname or _has_surname(text[:line_start]))
            if sep is None:
                return "".join(chars[: pending[0]])
            for position in pending:
                chars[position] = " "
            chars[pending[-1]] = sep
            pending = []
        depth = max(0, depth + line.count("(") - line.count(")"))
        last = line
    return "".join(chars)


def _line_break(prev: str, line: str, need_surname: bool) -> str | None:
    prev = prev.rstrip()
    fragment = P.DASH_SEPARATOR_RE.split(re.split(r"[,;]", prev)[-1])[-1]
    proxy = list(P.PROXY_GIVEN_RE.finditer(fragment))
    if proxy and proxy[-1].start() > 0:
        fragment = fragment[proxy[-1].end() :]  # "Mme X à M. Nathan" + "SOURISSEAU": the holder is wrapped
    next_first = P.DASH_SEPARATOR_RE.split(re.split(r"[,;({]", P.LIST_BULLET_RE.sub("", line))[0])[0]
    if not prev.strip() or prev.endswith(":"):
        # the label ended its line: the list starts here, if this line is a list at all
        return " " if _is_name_like(next_first, need_surname) or P.PROXY_GIVEN_END_RE.search(next_first) else None
    if prev.endswith(".") and not P.CIVILITE_END_RE.search(prev):
        return None
    if prev.endswith((",", ";", "-", "&", "/")) or P.CIVILITE_END_RE.search(prev) or P.PROXY_GIVEN_END_RE.search(prev):
        return " "
    if line.lstrip().startswith("("):
        return " "  # "Marc SAUGET" + "(pouvoir donné à Mario)": the entry's parenthesis
    if line.lstrip().startswith((",", ";")):
        return " "  # the line opens with the separator (after a role word blanked: "Henri\n  , Mme ...")
    if line.lstrip().startswith(":") or P.INITIAL_AND_SURNAME_RE.match(next_first):
        return ";"  # an entry whose name the scan lost (": procuration à T.BUSIN"), or "S.MEARY" opening a line
    if P.LIST_BULLET_RE.match(line) or P.CIVILITE_RE.match(line):
        return ";"
    words = _fragment_words(fragment)
    if not prev.endswith(")") and (len(words) <= 1 or P.NAME_PARTICLE_RE.search(fragment.strip())):
        return " "  # "Monsieur Michel" + "LEBLANC,": the name goes on
    if len(next_first.split()) == 1 and (next_first.strip().isupper() or need_surname and not _has_surname(fragment)):
        return " "  # a surname wrapped to the next line
    if _is_name_like(next_first, need_surname):
        return ";"
    return None


def _split_entries(text: str, base: int, need_surname: bool = False) -> list[tuple[str, int, int]]:
    """Split a list on commas/semicolons/bullets/'&' that are not inside parentheses."""
    text = _join_lines(text, need_surname)
    text = P.ENTRY_JOIN_RE.sub(lambda m: ";" + " " * (len(m.group(0)) - 1), text)
    dashed = text
    text = P.DASH_SEPARATOR_RE.sub(lambda m: ";" + " " * (len(m.group(0)) - 1), text)
    # two members by initial and surname with nothing between them ("N.VERDON W.AUGUSTE")
    text = P.INITIAL_NAMES_RUN_RE.sub(";", text)
    # two members "Prénom NOM" with nothing between them in a list that separates them ("... - Alessandra
    # STURANI Valérie UPPHOFF - ...": the dash lost by OCR); one character for one, offsets hold
    if text != dashed:
        text = P.GIVEN_FIRST_NAMES_RUN_RE.sub(lambda m: m.group(0)[: m.start("gap") - m.start()] + ";"
                                              + " " * (len(m["gap"]) - 1), text)
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
    entries = [(e, s, t) for e, s, t in entries if e.strip(" \n.")]
    return _rejoin_lone_surnames(entries, dashed, base)


def _rejoin_lone_surnames(entries: list[tuple[str, int, int]], original: str, base: int) -> list[tuple[str, int, int]]:
    """A dash inside a compound surname ("Philippe ROUVIER – COROUGE") looks like a separator: a
    lone surname in capitals that a dash cut from the entry before it is that entry's end."""
    out: list[tuple[str, int, int]] = []
    for entry, start, end in entries:
        head = P.PROXY_GIVEN_RE.split(entry, maxsplit=1)[0].split()  # "COROUGE donne procuration à ..."
        lead = len(entry) - len(entry.lstrip())
        cut_by_dash = bool(out) and bool(re.search(r"[—–-]", original[out[-1][2] - base : start - base + lead]))
        if (out and cut_by_dash and len(head) == 1 and head[0].isupper() and len(head[0]) >= 2
                and "." not in head[0] and len(out[-1][0].split()) >= 2):
            _, p_start, _ = out[-1]
            out[-1] = (original[p_start - base : end - base], p_start, end)
        else:
            out.append((entry, start, end))
    return out


@lru_cache(maxsize=NAME_CACHE_SIZE)  # the same entries in every list of a council (pure)
def person_name(raw: str, initials: bool = False) -> str:
    """'MM. PICHONNIER Jean -Paul' -> 'Jean-Paul PICHONNIER'; 'Sébastien LEROUX Mme' -> 'Sébastien LEROUX'."""
    text = re.sub(r"(?<=[a-zé])-\s+(?=[a-zé])", "", raw)  # "Ma-\ndame": a word hyphenated at a line end
    text = P.LIST_BULLET_RE.sub("", text.replace("\n", " "))
    text = re.sub(r"(?<=\w)\s*-\s+(?=\w)|(?<=\w)\s+-\s*(?=\w)", "-", text)  # "Jean -Paul", "Jean - Paul"
    name = clean_name(text, initials)
    return given_name_first(P.CIVILITE_END_RE.sub("", name).strip())


def _parse_entry(raw: str, status: AttendanceStatus, start: int, end: int, need_surname: bool = False,
                 initials: bool = False) -> AttendanceClaim | None:
    code_match = P.PROXY_CODE_RE.search(raw)
    code = re.sub(r"\s+", "", (code_match["code"] or code_match["star"])).lower() if code_match else None
    if code_match:
        raw = raw[: code_match.start()] + raw[code_match.end() :]
    conditions = " ".join(_PAREN_RE.findall(raw))
    outside = _PAREN_RE.sub(" ", raw)
    proxy = None
    # "X à Y", "X (pouvoir à Y)", "X représenté par Y", "X a donné procuration à Y"
    for text in (outside, conditions):
        m = P.PROXY_GIVEN_RE.search(text)
        if m and (m.start() > 0 or text is conditions):
            holder_name = person_name(P.HOLDER_END_RE.split(text[m.end() :])[0], initials)
            if looks_like_name(holder_name):
                proxy = holder_name
                if text is outside:
                    outside = outside[: m.start()]
                status = AttendanceStatus.REPRESENTED
                break
    name = person_name(P.EXCUSED_RE.sub(" ", outside), initials)
    if not looks_like_name(name) or not _is_name_like(name, need_surname):
        return None
    return AttendanceClaim(
        person=name, status=status, start=start, end=end, proxy=proxy,
        ranges=parse_item_ranges(conditions) if conditions else None, code=code,
    )


def _complete_holders(claims: list[AttendanceClaim]) -> None:
    """A holder printed shorter than in the lists ("à M. JEANROY", "à Nelly") gets the listed name
    when exactly one listed member carries all its words."""
    listed = {c.person for c in claims}
    for claim in claims:
        if claim.proxy and claim.proxy not in listed:
            words = set(claim.proxy.casefold().split())
            matches = [name for name in listed if words <= set(name.casefold().split())]
            if len(matches) == 1:
                claim.proxy = matches[0]


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
    sections = _sections(header)
    # a document printing surnames in capitals does so in every list
    need_surname = bool(sections) and _has_surname(header[sections[0].start : sections[0].end][:400])
    # names by initial and surname ("C.FOROT —T.BUSIN — M.DENISE"): "M." is then an initial
    initials = {m["initial"] for m in P.INITIALS_IN_LIST_RE.finditer(header)}
    by_initials = len(initials) >= 3
    header = P.OCR_BAR_INITIAL_RE.sub("I", header)  # "|.MEJEAN": one character for one, offsets hold
    header = VP.OCR_OPEN_BRACKET_RE.sub("(", header)  # "W.AUGUSTE {arrivé en retard à 19h50)"
    for section in sections:
        # role words between names ("M.CHARRIER Jean-Paul Maire, M.THOREAU Gérard, ... M. ROBERT Henri
        # Adjoints, Mme DEBERNE Yolande"): blanked, so they neither end the list nor join a name
        listed = P.ROLE_WORD_RE.sub(lambda m: " " * len(m.group(0)), header[section.start : section.end])
        for raw, start, end in _split_entries(listed, section.start, need_surname):
            claim = _parse_entry(raw, section.status, start, end, need_surname, by_initials)
            if claim is not None:
                claims.append(claim)
    _pair_codes(claims)
    _complete_holders(claims)
    return claims


# ---------------------------------------------------------------- events in a procès-verbal body
def extract_item_events(text: str, base: int) -> list[AttendanceClaim]:
    """Arrivals and departures printed inside an item of a procès-verbal, in text order."""
    events: list[AttendanceClaim] = []
    for m in P.LEAVES_RE.finditer(text):
        sentence_end = text.find(".", m.end())
        sentence = text[m.start() : sentence_end if sentence_end >= 0 else len(text)]
        temporary = bool(m["temporary"]) or bool(P.NOT_VOTING_NAMED_RE.search(m.group(0)))
        carried = P.CARRIED_PROXY_RE.search(sentence)
        events.append(AttendanceClaim(
            person_name(m["name"]), AttendanceStatus.ABSENT, base + m.start(), base + m.end(), temporary=temporary,
            carried=person_name(carried["name"]) if carried else None, after_vote=bool(P.AFTER_VOTE_RE.search(sentence)),
        ))
    for m in P.WITHDRAWS_RE.finditer(text):
        events.append(AttendanceClaim(person_name(m["name"] or m["name2"]), AttendanceStatus.ABSENT, base + m.start(), base + m.end(), temporary=True))
    for regex in P.ARRIVES_RES:
        for m in regex.finditer(text):
            sentence_end = text.find(".", m.end())
            sentence = text[m.start() : sentence_end if sentence_end >= 0 else len(text)]
            events.append(AttendanceClaim(person_name(m["name"]), AttendanceStatus.PRESENT, base + m.start(), base + m.end(),
                                          after_vote=bool(P.AFTER_VOTE_RE.search(sentence))))
    events.sort(key=lambda e: e.start)
    return events
