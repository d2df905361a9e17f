"""The séance header: collectivité, dates, président, secrétaire, members in office."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline.french.patterns import seance as P
from pipeline.french.patterns.stamp import STAMP_LABEL_LINE_RE
from pipeline.french.dates import date_after_label, parse_date
from pipeline.french.lexicon import month_number, words_to_int
from pipeline.document import Found, blank_spans
from pipeline.french.names import clean_name, join_broken_name, looks_like_name

HEADER_SCAN = 6000
REFERENCE_LOOKBEHIND = 60


@dataclass
class SeanceFindings:
    collectivite: Found[str] | None = None
    seance_date: Found[dt.date] | None = None
    convocation_date: Found[dt.date] | None = None
    president: Found[str] | None = None
    secretaire: Found[str] | None = None
    members_in_office: Found[int] | None = None
    members_present: Found[int] | None = None  # printed beside the lists, to check them
    members_voting: Found[int] | None = None


def _labelled_seance_date(text: str) -> Found[dt.date] | None:
    """The first "Séance du <date>" / "Conseil municipal du <date>" in reading order that is not a
    mention of another sitting ("le compte rendu de la séance du ...")."""
    best: Found[dt.date] | None = None
    for regex in P.SEANCE_DATE_RES:
        for m in regex.finditer(text):
            if best is not None and m.start() >= best.start:
                break
            before = text[max(0, m.start() - REFERENCE_LOOKBEHIND) : m.start()]
            if P.SEANCE_REFERENCE_RE.search(before):
                continue
            value = parse_date(m["date"])
            if value:
                best = Found(value, m.start("date"), m.end("date"))
                break
    return best


def _preamble_date(text: str) -> Found[dt.date] | None:
    """ "L'an deux mille quinze, le 15 octobre" / "L'an deux mil dix neuf, le onze mars"."""
    for m in P.YEAR_IN_WORDS_RE.finditer(text):
        year = words_to_int(m["year"])
        day_month = P.DAY_MONTH_AFTER_YEAR_RE.search(text[m.end() : m.end() + 80])
        if year and day_month:
            day = int(day_month["day"]) if day_month["day"].isdigit() else words_to_int(day_month["day"])
            month = month_number(day_month["month"])
            if day and month and 1900 < year < 2100:
                try:
                    return Found(dt.date(year, month, day), m.start(), m.end() + day_month.end())
                except ValueError:
                    continue
    return None


def _line_start_date(text: str) -> Found[dt.date] | None:
    found = []
    for regex in (P.LINE_START_DATE_RE, P.LINE_START_WRITTEN_DATE_RE):
        for m in regex.finditer(text):
            value = parse_date(m["date"])
            line_start = text.rfind("\n", 0, m.start("date"))
            above = text[text.rfind("\n", 0, max(0, line_start)) + 1 : max(0, line_start)]
            if value and not re.search(r"\d", above) and (STAMP_LABEL_LINE_RE.search(above) or (
                    above.rstrip().endswith(":") and not P.SEANCE_WORD_RE.search(above))):
                # the value of a label left without its date on the line above: a stamp's ("RECU EN
                # PREFECTURE" / "Le 02 mars 2023"), the convocation's ("Date de la convocation :" /
                # "21 mars 2022"); under "Envoi Préfecture : 25/04/2014" the label has its date, the next line is free
                continue
            if value:
                found.append(Found(value, m.start("date"), m.end("date")))
                break
    return min(found, key=lambda f: f.start) if found else None


def _seance_date(text: str) -> Found[dt.date] | None:
    """The sitting's date: the first in reading order of "Séance du <date>", "L'an deux mille ...,
    le ..." and a date opening a line ("Le 6 décembre 2022 à vingt heures"), so that a later
    mention of another sitting ("le débat au sein du conseil municipal du 29/05/2018") loses."""
    found = [f for f in (_labelled_seance_date(text), _preamble_date(text), _line_start_date(text)) if f]
    return min(found, key=lambda f: f.start) if found else None


def _convocation(text: str) -> Found[dt.date] | None:
    hit = date_after_label(P.CONVOCATION_RE, text)
    if hit:
        value, m = hit
        return Found(value, m.start("date"), m.end("date"))
    for m in P.CONVOCATION_WRITTEN_RE.finditer(text):
        value = parse_date(m["rest"])
        if value:
            return Found(value, m.start("rest"), m.end("rest"))
    return None


def _name(regexes: list[re.Pattern], text: str) -> Found[str] | None:
    for regex in regexes:
        for m in regex.finditer(text):
            name = clean_name(join_broken_name(m["name"]))
            if looks_like_name(name) and not P.NOT_A_NAME_START_RE.match(name):
                return Found(name, m.start("name"), m.end("name"))
    return None


def clean_place(raw: str) -> str:
    """'PUTANGES -LE -LAC' / 'PUTANGES-\\nLE-LAC' -> 'PUTANGES-LE-LAC'; spacing squashed."""
    text = re.sub(r"\s*-\s*", "-", raw)
    return " ".join(text.split()).strip(" -,")


def _collectivite(text: str, item_titles: list[tuple[int, int]] = ()) -> Found[str] | None:
    """The collectivité named in the document's first pages. A name inside the agenda or an item's
    heading ("Demande de retrait de la commune de Castillon du Gard ...") is what an item is about,
    not who sits: it is taken only when the document names no other."""
    head = text[:HEADER_SCAN]
    outside_titles = blank_spans(head, item_titles)
    for searched in (outside_titles, head) if item_titles else (head,):
        for regex in P.COLLECTIVITE_RES:
            m = regex.search(searched)
            if m:
                return Found(clean_place(head[m.start("name") : m.end("name")]), m.start("name"), m.end("name"))
    return None


def extract_seance(text: str, header_end: int, own_text: str | None = None,
                   item_titles: list[tuple[int, int]] = ()) -> SeanceFindings:
    """`own_text`: the text with page furniture blanked (same offsets): the sitting's date is looked for
    there first — a sidebar repeated on every page may caption another sitting ("Compte rendu conseil
    municipal du 22 septembre 2023" over the minutes of 17 November). `item_titles`: the spans of the
    agenda and of the items' headings (SegmentedDocument.item_title_spans)."""
    head = text[: max(header_end, min(len(text), HEADER_SCAN))]
    own_head = own_text[: len(head)] if own_text is not None else None
    members = P.MEMBERS_IN_OFFICE_RE.search(head) or P.COUNCIL_SEATS_RE.search(head)
    secretaire = _name(P.SECRETAIRE_RES, head)
    return SeanceFindings(
        collectivite=_collectivite(text, item_titles),
        seance_date=(_seance_date(own_head) if own_head is not None else None) or _seance_date(head),
        convocation_date=_convocation(head),
        president=_name(P.PRESIDENT_RES, head),
        secretaire=secretaire,
        members_in_office=_members_in_office(members),
        members_present=_count(P.PRESENT_COUNT_RE, head),
        members_voting=_count(P.VOTING_COUNT_RE, head),
    )


def _members_in_office(m: re.Match | None) -> Found[int] | None:
    if m is None:
        return None
    group = "n" if m["n"] is not None else "ocr"  # digits as OCR read them ("il" for 11)
    return Found(int(m[group].translate(P.OCR_COUNT_DIGITS)), m.start(group), m.end(group))


def _count(regex: re.Pattern, text: str) -> Found[int] | None:
    m = regex.search(text)
    return Found(int(m["n"]), m.start("n"), m.end("n")) if m else None
