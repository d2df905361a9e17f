"""The ACTES prefecture stamp: acte id and the sent / received / published dates."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from models import ActeId
from pipeline.french.patterns import stamp as P
from pipeline.french.dates import date_after_label
from pipeline.document import Found


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


def _date(regex: re.Pattern, text: str) -> Found[dt.date] | None:
    hit = date_after_label(regex, text)
    if hit is None:
        return None
    value, m = hit
    return Found(value, m.start("date"), m.end("date"))


def extract_stamp(text: str) -> StampFindings:
    ids = find_acte_ids(text)
    return StampFindings(
        acte_id=ids[0] if ids else None,
        sent=_date(P.STAMP_SENT_RE, text),
        received=_date(P.STAMP_RECEIVED_RE, text),
        published=_date(P.STAMP_PUBLISHED_RE, text),
    )
