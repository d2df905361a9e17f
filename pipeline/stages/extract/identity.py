"""A délibération's identity: numero, item number, objet, rapporteur, commission opinion."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline.french.patterns import attendance as AP
from pipeline.french.patterns import identity as P
from pipeline.french.dates import parse_date
from pipeline.document import Found
from pipeline.stages.extract.common import first_match, squash
from pipeline.french.names import clean_name, join_broken_name, looks_like_name
from pipeline.french.nlp import names_a_person
from pipeline.document import Segment


@dataclass
class DeliberationIdentity:
    numero: Found[str] | None = None
    item_number: Found[int] | None = None
    objet: Found[str] | None = None
    rapporteur: Found[str] | None = None
    rapporteur_is_president: bool = False
    commission_name: Found[str] | None = None
    commission_date: Found[dt.date] | None = None
    commission_avis: Found[str] | None = None
    # a speaker named after this item's decision introduces the next item (procès-verbaux printing
    # the exposé before the numbered heading); the resolve stage links speakers across items
    early_speaker: "Speaker | None" = None  # printed just under the heading
    opening_speaker: "Speaker | None" = None  # first one before the decision
    trailing_speaker: "Speaker | None" = None
    speaker_hands_over: bool = False


def _rejoin_broken_words(title: str, heading: str) -> str:
    """Words the heading breaks at a line end ("PUTANGES-\\nPONT", "l’ac-\\ncueil") come back whole:
    a compound keeps its hyphen, a word split between two lower-case syllables loses it."""
    for m in re.finditer(r"(\w+)-[ \t]*\n[ \t]*(\w+)", heading):
        left, right = m.group(1), m.group(2)
        joined = left + right if left[-1].islower() and right[0].islower() else f"{left}-{right}"
        title = re.sub(rf"{re.escape(left)}-\s+{re.escape(right)}", joined, title, count=1)
    return re.sub(r"\s[-–]\s+[-–]\s", " - ", title)


def clean_objet(text: str) -> str:
    text = squash(text.replace("\n", " "))
    text = P.OBJET_REFERENCE_RE.sub("", text)
    text = re.sub(r"\s*[-–]\s*$", "", text)
    return text.rstrip(" .;:")


EARLY_LINES = 3  # a speaker printed this close under an item's heading presents that item


@dataclass
class Speaker:
    """Someone presenting an item, as printed: a name, or the maire (`name` None)."""

    name: str | None
    start: int
    end: int
    handover: bool = False  # "donne la parole à X": X keeps the floor for the next items


def _speaker(raw: str, start: int, end: int, *, handover: bool = False) -> Speaker | None:
    if P.MAIRE_RE.match(raw):
        return Speaker(None, start, end, handover)
    # "Monsieur le Maire, Philippe SAUREL," -> the name after the title
    titled = P.MAIRE_THEN_NAME_RE.match(raw)
    name = clean_name(join_broken_name(titled["name"] if titled else raw))
    if looks_like_name(name) and not P.ARTICLE_START_RE.match(name):
        return Speaker(name, start, end, handover)
    return None


def speakers(text: str, base: int = 0) -> list[Speaker]:
    """Every speaker statement of `text`, in order: "Rapporteur : X", "X rapporte :", "... donne la
    parole à X", "Madame le maire rappelle ...", "Monsieur X présente ..."."""
    found: list[Speaker] = []
    for regex in P.RAPPORTEUR_RES:
        for m in regex.finditer(text):
            if (sp := _speaker(m["name"], base + m.start("name"), base + m.end("name"))) is not None:
                found.append(sp)
    for m in P.HANDOVER_RE.finditer(text):
        if (sp := _speaker(m["name"], base + m.start("name"), base + m.end("name"), handover=True)) is not None:
            found.append(sp)
    for regex in (P.MAIRE_STATEMENT_RE, P.MEMBER_STATEMENT_RE):
        for m in regex.finditer(text):
            if (sp := _speaker(m["name"], base + m.start("name"), base + m.end("name"))) is not None:
                found.append(sp)
    found.sort(key=lambda sp: sp.start)
    return found


def listed_given_names(text: str) -> set[str]:
    """The given names opening the "Prénom NOM" entries of the lists in `text`."""
    return set(P.LISTED_GIVEN_NAME_RE.findall(text))


def _is_list_line(line: str, next_line: str, given_names: set[str]) -> bool:
    """A line of names under an attendance label, not the first line of the objet's title block.
    A single "Prénom NOM"-shaped line is ambiguous ("Association FESTIVAL RADIO FRANCE"). The
    layout decides first: a line the next one carries on in lower case ("... RADIO FRANCE\net
    Montpellier") is a phrase wrapped, which a list of names never is; a line whose first word
    opens an entry of the document's own lists above (a given name it prints) names a person.
    Only when neither tells does the French model decide whether it names an organisation."""
    if line.count(",") >= 2 or line.endswith(","):
        return True
    if not P.NAME_LIST_LINE_RE.match(line):
        return False
    if next_line[:1].islower():
        return False
    if line.split(maxsplit=1)[0] in given_names:
        return True
    return names_a_person(line) is not False


def _line_text(text: str, spans: list[tuple[int, int]], index: int) -> str:
    """The stripped text of spans[index], "" past the last one."""
    return text[spans[index][0] : spans[index][1]].strip() if index < len(spans) else ""


def _title_before_speaker(text: str, base: int) -> Found[str] | None:
    """The objet printed as a title block just above "Monsieur X rapporte :", below the attendance
    lists: the lines after the last list label ("Absents :") and the names listed under it."""
    m = P.SPEAKER_LINE_RE.search(text)
    if not m:
        return None
    spans: list[tuple[int, int]] = []  # lines above the speaker line, nearest first
    cursor = m.start("line") - 1
    label_found = False
    while cursor > 0 and len(spans) < 12:
        line_start = text.rfind("\n", 0, cursor) + 1
        line = text[line_start:cursor].strip()
        if not line or line == "\f" or line.endswith(":") or AP.ATTENDANCE_SECTION_RE.match("\n" + line):
            label_found = bool(line) and line != "\f"
            break
        spans.append((line_start, cursor))
        cursor = line_start - 1
    spans.reverse()
    if label_found:
        given_names = listed_given_names(text[: cursor])
        while spans and _is_list_line(text[spans[0][0] : spans[0][1]].strip(), _line_text(text, spans, 1), given_names):
            spans.pop(0)
    else:
        # no label above: keep the lines up to the first one closing a sentence
        kept = []
        for span in reversed(spans):
            if text[span[0] : span[1]].strip().endswith((".", ";")):
                break
            kept.append(span)
        spans = list(reversed(kept))[-6:]
    if not spans or len(spans) > 6:
        return None
    start, stop = spans[0][0], spans[-1][1]
    return Found(clean_objet(text[start:stop]), base + start, base + stop)


def _set_rapporteur(identity: DeliberationIdentity, text: str, base: int, *, whole_document: bool) -> None:
    """A single délibération: its first speaker. An item of a procès-verbal: the speaker printed
    just under its heading; else (the resolve stage links the items) the one printed after the
    previous item's decision, or the first one before its own decision, or the member who kept the
    floor. Here each item records those candidates and its own first speaker before its decision."""
    found = speakers(text, base)
    if whole_document:
        if found:
            _assign(identity, found[0])
        return
    body_start = text.find("\n") + 1 if "\n" in text else len(text)
    early_end = body_start
    for _ in range(EARLY_LINES):
        nl = text.find("\n", early_end)
        early_end = len(text) if nl < 0 else nl + 1
    decision = P.DECISION_START_RE.search(text, max(0, body_start - 1))
    cut = base + (decision.start() if decision else len(text))
    # the speaker closing the item: named after the decision, or handed the floor at the end of
    # an item whose decision is not worded recognisably
    after = [sp for sp in found if sp.start >= cut]
    trailing = after[-1] if after else (found[-1] if found and decision is None and found[-1].handover else None)
    early = next((sp for sp in found if sp.start < base + early_end and sp.start < cut), None)
    if early is trailing:
        trailing = None
    identity.early_speaker = early
    identity.opening_speaker = next((sp for sp in found if sp.start < cut and sp is not trailing), None)
    identity.trailing_speaker = trailing
    if identity.opening_speaker is not None:
        _assign(identity, identity.opening_speaker)


def _assign(identity: DeliberationIdentity, sp: Speaker) -> None:
    identity.rapporteur = Found(sp.name or "", sp.start, sp.end)
    identity.rapporteur_is_president = sp.name is None
    # a member given the floor, or presenting, keeps it for the next items; the maire presiding does not
    identity.speaker_hands_over = sp.handover or sp.name is not None


def _numero(printed: str) -> str:
    """The number as printed, spaces removed; groups a scan spaced out ("2023 034 D", printed with
    underscores) joined by "_"."""
    printed = printed.strip()
    if re.fullmatch(r"\d{4}[ _]+\d+(?:[ _]+[A-Z])?", printed):
        return re.sub(r"[ _]+", "_", printed)
    return re.sub(r"\s+", "", printed).rstrip("-.")


def extract_identity(segment: Segment, text: str, *, whole_document: bool, header: str) -> DeliberationIdentity:
    base = segment.start
    identity = DeliberationIdentity()
    if segment.numero:
        identity.numero = Found(segment.numero, base, segment.heading_end)
    elif segment.title and (named := P.NUMERO_IN_TITLE_RE.search(segment.title)):
        # an item of a procès-verbal naming its délibération ("... - Délibération n° 2023_033_D - ...")
        identity.numero = Found(re.sub(r"\s+", "", named["numero"]), base, segment.heading_end)
    if segment.item_number is not None:
        identity.item_number = Found(segment.item_number, base, segment.heading_end)
    if segment.title:
        # a heading may continue on the next lines until the first sentence of the body
        heading = text[: max(0, segment.heading_end - base)]
        identity.objet = Found(clean_objet(_rejoin_broken_words(segment.title, heading)), base, segment.heading_end)
    if whole_document:
        m = first_match(P.NUMERO_RES, text, "numero")
        if m:
            identity.numero = Found(_numero(m["numero"]), base + m.start("numero"), base + m.end("numero"))
        objet = P.OBJET_RE.search(text)
        if objet:
            identity.objet = Found(clean_objet(objet["objet"]), base + objet.start("objet"), base + objet.end("objet"))
            if objet["item"]:
                identity.item_number = Found(int(objet["item"]), base + objet.start("item"), base + objet.end("item"))
        elif identity.numero and (after := re.match(r"\s*[-–]\s*(?P<t>[^\n]+(?:\n[^\n:]{1,40}\n)?)", text[identity.numero.end - base :])):
            start = identity.numero.end + after.start("t")
            identity.objet = Found(clean_objet(after["t"]), start, identity.numero.end + after.end("t"))
        else:  # the title block above "X rapporte :", else the heading the segmentation found
            identity.objet = _title_before_speaker(text, base) or identity.objet
    _set_rapporteur(identity, text, base, whole_document=whole_document)
    row = P.COMMISSION_ROW_RE.search(text)
    if row:
        identity.commission_name = Found(squash(row["name"]), base + row.start("name"), base + row.end("name"))
        date = parse_date(row["date"])
        if date:
            identity.commission_date = Found(date, base + row.start("date"), base + row.end("date"))
        identity.commission_avis = Found(squash(row["avis"]), base + row.start("avis"), base + row.end("avis"))
    return identity
