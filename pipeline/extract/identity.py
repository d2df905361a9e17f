"""A délibération's identity: numero, item number, objet, rapporteur, commission opinion."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline import patterns as P
from pipeline.dates import parse_date
from pipeline.extract.common import Found, first_match, squash
from pipeline.names import clean_name, looks_like_name
from pipeline.segment import Segment


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


def clean_objet(text: str) -> str:
    text = squash(text.replace("\n", " "))
    text = re.sub(r"\s*[-–]\s*$", "", text)
    return text.rstrip(" .;:")


def _rapporteur(text: str, base: int) -> tuple[Found[str] | None, bool]:
    for regex in P.RAPPORTEUR_RES:
        for m in regex.finditer(text):
            raw = m["name"]
            if re.match(r"(?i)\s*(?:Monsieur|Madame)\s+l[ea]\s+Maire\b", raw):
                return Found("", base + m.start("name"), base + m.end("name")), True
            name = clean_name(raw)
            if looks_like_name(name):
                return Found(name, base + m.start("name"), base + m.end("name")), False
    return None, False


def _title_before_rapporteur(text: str, base: int) -> Found[str] | None:
    """Montpellier prints the objet as a heading line just above "Monsieur X rapporte :"."""
    m = re.search(r"\n(?P<title>[^\n]{3,200})\n\s*(?:Monsieur|Madame|M\.|Mme)[^\n]{0,60}\brapporte\b", text)
    if m and not P.ATTENDANCE_SECTION_RE.match("\n" + m["title"]):
        return Found(clean_objet(m["title"]), base + m.start("title"), base + m.end("title"))
    return None


def extract_identity(segment: Segment, text: str, *, whole_document: bool, header: str) -> DeliberationIdentity:
    base = segment.start
    identity = DeliberationIdentity()
    if segment.numero:
        identity.numero = Found(segment.numero, base, segment.heading_end)
    if segment.item_number is not None:
        identity.item_number = Found(segment.item_number, base, segment.heading_end)
    if segment.title:
        # a heading may continue on the next lines until the first sentence of the body
        identity.objet = Found(clean_objet(segment.title), base, segment.heading_end)
    if whole_document:
        m = first_match(P.NUMERO_RES, text, "numero")
        if m:
            identity.numero = Found(re.sub(r"\s+", "", m["numero"]).rstrip("-."), base + m.start("numero"), base + m.end("numero"))
        objet = P.OBJET_RE.search(text)
        if objet:
            identity.objet = Found(clean_objet(objet["objet"]), base + objet.start("objet"), base + objet.end("objet"))
            if objet["item"]:
                identity.item_number = Found(int(objet["item"]), base + objet.start("item"), base + objet.end("item"))
        elif identity.numero and (after := re.match(r"\s*[-–]\s*(?P<t>[^\n]+(?:\n[^\n:]{1,40}\n)?)", text[identity.numero.end - base :])):
            start = identity.numero.end + after.start("t")
            identity.objet = Found(clean_objet(after["t"]), start, identity.numero.end + after.end("t"))
        else:
            identity.objet = _title_before_rapporteur(text, base)
    identity.rapporteur, identity.rapporteur_is_president = _rapporteur(text, base)
    row = P.COMMISSION_ROW_RE.search(text)
    if row:
        identity.commission_name = Found(squash(row["name"]), base + row.start("name"), base + row.end("name"))
        date = parse_date(row["date"])
        if date:
            identity.commission_date = Found(date, base + row.start("date"), base + row.end("date"))
        identity.commission_avis = Found(squash(row["avis"]), base + row.start("avis"), base + row.end("avis"))
    return identity
