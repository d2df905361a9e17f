"""The séance header: collectivité, dates, président, secrétaire, members in office."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline import patterns as P
from pipeline.dates import date_after_label, parse_date, words_to_int
from pipeline.extract.common import Found, squash
from pipeline.names import clean_name, looks_like_name

HEADER_SCAN = 6000


@dataclass
class SeanceFindings:
    collectivite: Found[str] | None = None
    seance_date: Found[dt.date] | None = None
    convocation_date: Found[dt.date] | None = None
    president: Found[str] | None = None
    secretaire: Found[str] | None = None
    members_in_office: Found[int] | None = None


def _seance_date(text: str) -> Found[dt.date] | None:
    for regex in P.SEANCE_DATE_RES:
        hit = date_after_label(regex, text)
        if hit:
            value, m = hit
            return Found(value, m.start("date"), m.end("date"))
    # "L'an deux mille quinze, le 15 octobre" / "le onze mars": the year is written out
    m = P.YEAR_IN_WORDS_RE.search(text)
    if m:
        year = words_to_int(m["year"])
        tail = text[m.end() : m.end() + 120]
        day_month = re.search(rf"le\s+(?P<day>\d{{1,2}}|{P.WORDS_NUMBER})\s*(?:er)?\s+(?P<month>{P.MONTH})", tail, re.I)
        if year and day_month:
            value = parse_date(f"{day_month['day']} {day_month['month']} {year}")
            if value:
                return Found(value, m.start(), m.end() + day_month.end())
    return None


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
            name = clean_name(m["name"])
            if looks_like_name(name) and not re.match(r"(?i)(?:le|la|l['’]|monsieur|madame)\b", name):
                return Found(name, m.start("name"), m.end("name"))
    return None


def _collectivite(text: str) -> Found[str] | None:
    for regex in P.COLLECTIVITE_RES:
        m = regex.search(text[:HEADER_SCAN])
        if m:
            return Found(squash(m["name"]).rstrip(" -,"), m.start("name"), m.end("name"))
    return None


def extract_seance(text: str, header_end: int) -> SeanceFindings:
    head = text[: max(header_end, min(len(text), HEADER_SCAN))]
    members = P.MEMBERS_IN_OFFICE_RE.search(head)
    secretaire = _name([P.SECRETAIRE_RE], head)
    return SeanceFindings(
        collectivite=_collectivite(text),
        seance_date=_seance_date(head),
        convocation_date=_convocation(head),
        president=_name(P.PRESIDENT_RES, head),
        secretaire=secretaire,
        members_in_office=Found(int(members["n"]), members.start("n"), members.end("n")) if members else None,
    )
