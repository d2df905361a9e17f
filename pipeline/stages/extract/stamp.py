"""The ACTES prefecture stamp: acte id and the sent / received / published dates.

On pages read by OCR the id is also looked for in its garbled forms and repaired where the
document proves the repair (pipeline.french.acte_ids); text-layer pages are read as printed."""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from models import ActeId
from pipeline.document import DocumentText, Found
from pipeline.french import acte_ids
from pipeline.french.dates import date_after_label
from pipeline.french.patterns import stamp as P
from pipeline.french.patterns.identity import NUMERO_RES


@dataclass
class StampFindings:
    acte_id: Found[ActeId] | None = None
    sent: Found[dt.date] | None = None
    received: Found[dt.date] | None = None
    published: Found[dt.date] | None = None


def find_acte_ids(text: str) -> list[Found[ActeId]]:
    found = []
    for m in P.ACTE_ID_RE.finditer(text):
        try:
            acte = ActeId.parse(m.group("id"))
        except ValueError:
            continue
        found.append(Found(acte, m.start("id"), m.end("id")))
    return found


def _printed_numbers(page_text: str) -> list[str]:
    """The délibération numbers printed as headings on a page ("Délibération n° 2023_040_D")."""
    return ["".join(m.group("numero").split()) for regex in NUMERO_RES for m in regex.finditer(page_text)]


def find_ocr_acte_ids(doc: DocumentText, seance_date: dt.date | None = None) -> list[Found[ActeId]]:
    """Acte ids of a document some of whose pages were read by OCR: as printed on text pages; on OCR
    pages every id-shaped reading, repaired from what the document's readings agree on, the séance
    date and the numbers printed on the same page, then one value per id by majority over its
    readings. Readings no evidence can complete are dropped."""
    text = doc.text
    exact = find_acte_ids(text)
    printed = [found for found in exact if not doc.read_by_ocr(doc.page_of(found.start))]
    readings = [r for r in acte_ids.readings_in(text) if doc.read_by_ocr(doc.page_of(r.start))]
    # an exact id on an OCR page that the loose shape does not cover (spaces inside its digits)
    printed += [found for found in exact if doc.read_by_ocr(doc.page_of(found.start))
                and not any(r.start < found.end and found.start < r.end for r in readings)]
    if not readings:
        return sorted(printed, key=lambda found: found.start)
    context = acte_ids.context_from_readings(readings + acte_ids.readings_in("\n".join(f.value.value for f in printed)),
                                             seance_date)
    repaired: list[Found[ActeId]] = []
    for reading in readings:
        fixed = acte_ids.repair_acte_id(reading, context, _printed_numbers(doc.page_text(doc.page_of(reading.start))))
        try:
            acte = ActeId.parse(fixed.value) if fixed else None
        except ValueError:
            continue
        if acte is not None:
            repaired.append(Found(acte, reading.start, reading.end))
    by_number: dict[str, list[Found[ActeId]]] = defaultdict(list)
    for found in repaired:
        by_number[found.value.number].append(found)
    for readings_of_one in by_number.values():
        try:
            agreed = ActeId.parse(acte_ids.majority([f.value.value for f in readings_of_one]))
        except ValueError:
            continue
        for found in readings_of_one:
            found.value = agreed
    return sorted(printed + repaired, key=lambda found: found.start)


def _date(regex: re.Pattern, text: str) -> Found[dt.date] | None:
    hit = date_after_label(regex, text)
    if hit is None:
        return None
    value, m = hit
    return Found(value, m.start("date"), m.end("date"))


def extract_stamp(text: str, doc: DocumentText | None = None, seance_date: dt.date | None = None) -> StampFindings:
    """The stamp of `text`; given the DocumentText (the same text) whose pages were read by OCR, and
    the séance date when known, acte ids on OCR pages are repaired (see find_ocr_acte_ids)."""
    ids = find_ocr_acte_ids(doc, seance_date) if doc is not None and any(doc.ocr_pages) else find_acte_ids(text)
    return StampFindings(
        acte_id=ids[0] if ids else None,
        sent=_date(P.STAMP_SENT_RE, text),
        received=_date(P.STAMP_RECEIVED_RE, text),
        published=_date(P.STAMP_PUBLISHED_RE, text),
    )
