"""A contract's web page (Contrat Local de Santé, contrat de ville ...) saved as text or HTML ->
one `Agreement` on a DocumentResult, through the same records and tables as the PDFs.

What is read, by the page's structure only:
- title: the first line naming an agreement (contrat, pacte, convention ...); its period
  ("2020-2024") by parse_period;
- the signing date: "signé ... le 16 janvier 2020";
- the sections: after a heading listing them ("Les 5 ambitions du CLS", "Les axes"), each
  numbered heading ("1 – Déployer ...") is one; its actions are its first-level bullet items,
  or without bullets its lead-in lines ending with ":", or else the first sentence of its first
  paragraph after the subtitle;
- the signatories: the bullet items under "Les 10 partenaires signataires".
A count printed in a heading ("5 ambitions", "10 partenaires") is checked against what was read;
a difference is an anomaly. Nothing raises: an unreadable page is a failed DocumentResult."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from models import Agreement, Anomaly, DocumentResult, DocumentStatus, FailureKind, Provenance, Section, Signatory
from pipeline.backends.html_text import page_text
from pipeline.french.calendar import exact_date, parse_period
from pipeline.french.patterns import annexes as P
from pipeline.store.ids import document_id_for

TITLE_SEARCH_LINES = 10
SECTION_KINDS = {"ambition": "ambition", "axe": "axe", "orientation": "axe", "priorit": "axe"}


# --------------------------------------------------------------------------------------------
# Reading the page
# --------------------------------------------------------------------------------------------


@dataclass
class _Line:
    start: int
    end: int
    text: str  # stripped


@dataclass
class ContractFindings:
    title: _Line | None = None
    kind: str | None = None
    signed: tuple[int, int, object] | None = None  # (start, end, date)
    sections: list[tuple[str, _Line, list[_Line]]] = field(default_factory=list)  # (kind, heading, actions)
    expected_sections: int | None = None
    signatories: list[_Line] = field(default_factory=list)
    expected_signatories: int | None = None
    signatories_heading: _Line | None = None


def _lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        lines.append(_Line(offset + lead, offset + lead + len(stripped), stripped))
        offset += len(raw) + 1
    return lines


def _paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    paragraphs, current = [], []
    for line in lines:
        if line.text:
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _first_sentence(text: str) -> str:
    m = P.SENTENCE_END_RE.search(text)
    return (text[: m.start()] if m else text).strip().rstrip(" .:;,")


def _section_actions(text: str, lines: list[_Line]) -> list[_Line]:
    """Actions of one section's lines (its heading excluded)."""
    content = [ln for ln in lines if ln.text and not P.LINK_LINE_RE.match(ln.text)]
    bullets = []
    for ln in content:
        raw = text[text.rfind("\n", 0, ln.start) + 1 : ln.end]
        m = P.PAGE_BULLET_RE.match(raw)
        if m:
            bullets.append((len(m["indent"].expandtabs(4)), ln, m))
    if bullets:
        top = min(indent for indent, _, _ in bullets)
        found = []
        for indent, ln, m in bullets:
            if indent == top:
                item = _first_sentence(m["text"])
                start = ln.start + (len(ln.text) - len(m["text"]))
                found.append(_Line(start, start + len(item), item))
        return found
    paragraphs = [p for p in _paragraphs(lines) if not P.LINK_LINE_RE.match(p[0].text)]
    body = paragraphs[1:] if len(paragraphs) > 1 else paragraphs  # the first is the section's subtitle
    lead_ins = [p[-1] for p in body if len(p) == 1 and p[0].text.endswith(":") and len(p[0].text) < 160]
    if lead_ins:
        return [_Line(ln.start, ln.start + len(ln.text.rstrip(" :")), ln.text.rstrip(" :")) for ln in lead_ins]
    if body:
        first = body[0][0]
        sentence = _first_sentence(first.text)
        return [_Line(first.start, first.start + len(sentence), sentence)] if sentence else []
    return []


def read_contract(text: str) -> ContractFindings:
    lines = _lines(text)
    found = ContractFindings()
    for ln in [ln for ln in lines if ln.text][:TITLE_SEARCH_LINES]:
        m = P.AGREEMENT_KIND_RE.search(ln.text)
        if m:
            found.title, found.kind = ln, m["kind"].lower()
            break
    for m in P.SIGNED_RE.finditer(text):
        signed_on = exact_date(m["date"])
        if signed_on is not None:
            found.signed = (m.start(), m.end(), signed_on)
            break
    # sections: numbered headings after the heading that announces them
    signatories_at = next((i for i, ln in enumerate(lines) if ln.text and P.SIGNATORIES_HEADING_RE.match(ln.text)), None)
    end_index = signatories_at if signatories_at is not None else len(lines)
    for index, ln in enumerate(lines[:end_index]):
        m = P.SECTION_LIST_HEADING_RE.match(ln.text) if ln.text else None
        if not m:
            continue
        kind = next(v for k, v in SECTION_KINDS.items() if m["kind"].lower().startswith(k))
        found.expected_sections = int(m["count"]) if m["count"] else None
        headings = [(i, lines[i]) for i in range(index + 1, end_index)
                    if lines[i].text and P.NUMBERED_HEADING_RE.match(lines[i].text)
                    and not P.PAGE_BULLET_RE.match(lines[i].text)]
        # keep the run numbered 1, 2, 3 ... (a numbered line inside a section is not a heading)
        expected, chain = 1, []
        for i, heading in headings:
            if int(P.NUMBERED_HEADING_RE.match(heading.text)["number"]) == expected:
                chain.append((i, heading))
                expected += 1
        for position, (i, heading) in enumerate(chain):
            stop = chain[position + 1][0] if position + 1 < len(chain) else end_index
            found.sections.append((kind, heading, _section_actions(text, lines[i + 1 : stop])))
        break
    if signatories_at is not None:
        heading = lines[signatories_at]
        found.signatories_heading = heading
        m = P.SIGNATORIES_HEADING_RE.match(heading.text)
        found.expected_signatories = int(m["count"]) if m["count"] else None
        for ln in lines[signatories_at + 1 :]:
            if not ln.text:
                continue  # blank lines may separate items; the list ends at the first other line
            b = P.PAGE_BULLET_RE.match(ln.text)
            if not b:
                if found.signatories:
                    break
                continue
            start = ln.start + (len(ln.text) - len(b["text"]))
            found.signatories.append(_Line(start, start + len(b["text"]), b["text"]))
    return found


def _provenance(text: str, start: int, end: int) -> Provenance:
    return Provenance(page=1, char_start=start, char_end=max(start, end), text=text[start:end][:300])


def _clean_organisation(name: str) -> str:
    # "Bourgogne- Franche Comté": a hyphen followed by a space is a typing artefact
    return re.sub(r"(?<=\w)-\s+(?=\w)", "-", " ".join(name.split())).strip(" .;,")


def build_contract(text: str, anomalies: list[Anomaly]) -> Agreement | None:
    found = read_contract(text)
    if found.kind is None and not found.signatories:
        return None
    title = found.title.text if found.title else None
    values: dict = {"kind": found.kind or "contrat", "title": title, "page_start": 1}
    provenance = {}
    if found.title:
        provenance["title"] = _provenance(text, found.title.start, found.title.end)
        period = parse_period(title)
        if period is not None:
            values.update(period_start=period.start, period_end=period.end, period_precision=period.precision)
            provenance["period"] = _provenance(text, found.title.start + period.span[0], found.title.start + period.span[1])
    if found.signed:
        start, end, date = found.signed
        values["signed_on"] = date
        provenance["signed_on"] = _provenance(text, start, end)
    values["sections"] = [
        Section(kind=kind, number=P.NUMBERED_HEADING_RE.match(h.text)["number"],
                title=P.NUMBERED_HEADING_RE.match(h.text)["title"].strip().rstrip("."),
                actions=[a.text for a in actions], provenance=_provenance(text, h.start, h.end))
        for kind, h, actions in found.sections
    ]
    values["signatories"] = [Signatory(organisation=_clean_organisation(s.text), provenance=_provenance(text, s.start, s.end))
                             for s in found.signatories]
    if found.expected_sections is not None and found.expected_sections != len(found.sections):
        anomalies.append(Anomaly(check_name="contract_section_count",
                                 message=f"the page announces {found.expected_sections} sections, {len(found.sections)} read"))
    if found.expected_signatories is not None and found.expected_signatories != len(found.signatories):
        anomalies.append(Anomaly(check_name="contract_signatory_count",
                                 message=f"the page announces {found.expected_signatories} signatories, {len(found.signatories)} read"))
    try:
        return Agreement(**values, provenance=provenance)
    except ValidationError as exc:
        first = exc.errors()[0]
        anomalies.append(Anomaly(check_name="invalid_contract", message=f"{'.'.join(map(str, first['loc']))}: {first['msg']}"))
        return None


def process_contract_page(path: Path) -> DocumentResult:
    """A saved contract page (.txt, .html) -> DocumentResult with one agreement; never raises."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        digest = hashlib.sha256(str(path).encode()).hexdigest()
        result = DocumentResult(document_id=document_id_for(digest), source_path=str(path), sha256="")
        return result.fail("load", f"cannot read file: {exc.strerror or exc}", FailureKind.UNREADABLE_FILE)
    digest = hashlib.sha256(data).hexdigest()
    result = DocumentResult(document_id=document_id_for(digest), source_path=str(path), sha256=digest, page_count=1)
    try:
        text = page_text(path, data)
        result.has_text_layer = bool(text.strip())
        if not result.has_text_layer:
            return result.fail("load", "empty page", FailureKind.NO_TEXT, DocumentStatus.NO_TEXT)
        contract = build_contract(text, result.anomalies)
        if contract is None:
            return result.fail("extract", "no contract on this page (no agreement title, no signatory list)", FailureKind.NOT_A_CONTRACT)
        result.agreements.append(contract)
        result.stage_reached = "validate"
        return result
    except Exception as exc:  # an unforeseen page must not stop a batch
        return result.fail("extract", f"{type(exc).__name__} in contract page: {exc}", FailureKind.INTERNAL_ERROR)
