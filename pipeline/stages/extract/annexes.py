"""Annexes of a délibération: fiche-action tables, the mesures a délibération lists, and the
agreements (pacts, conventions) annexed to it with their signatories and articles.

Fiche-action tables are read by the table backend (pipeline.backends.pdf_tables) from the table
geometry. Only pages that look like fiche pages are read: a page whose text has lines starting
with at least `MIN_LABELS_PER_PAGE` different fiche labels, and the page after it (a table
continued on the next page). Each fiche becomes an `ActionFinding`: its rows by label, its
number, its euro amounts (pipeline.french.amounts) and its period (pipeline.french.calendar),
each with where it was read.

A fiche is one or more tables: a table at the top of a page continues the fiche of the last
table of the previous page when its first row has an empty label (a row cut by the page break)
or a label the fiche does not have yet (the break fell between two rows)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from models import Provenance
from pipeline.backends.pdf_tables import RuledTable, RuledTableReader
from pipeline.document import DocumentText, SegmentedDocument
from pipeline.french.amounts import Amount, parse_amounts
from pipeline.french.patterns import annexes as P

if TYPE_CHECKING:  # annotations only: see _parse_period
    from pipeline.french.calendar import Period

MIN_LABELS_PER_PAGE = 3  # different fiche labels starting lines of a page: a fiche page


def _parse_period(text: str) -> Period | None:
    """pipeline.french.calendar.parse_period, its module imported on first use: compiling its date
    regexes cost every worker ~0.12 s of start-up (measured), and only the documents with fiches
    actions or agreements read a period."""
    from pipeline.french.calendar import parse_period

    return parse_period(text)


# --------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------


@dataclass
class Cell:
    """One row of a fiche: its label and content, with where each part was read (a row cut by a
    page break has one part per page)."""

    field: str | None
    label: str
    content: str
    parts: list[tuple[int, tuple[float, float, float, float]]] = field(default_factory=list)  # (page, bbox)

    def extend(self, content: str, page: int, bbox) -> None:
        if content:
            self.content = f"{self.content}\n{content}" if self.content else content
        self.parts.append((page, bbox))


@dataclass
class Fiche:
    axe: str | None = None
    axe_number: str | None = None
    axe_part: tuple[int, tuple] | None = None
    cells: list[Cell] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)

    def cell(self, name: str) -> Cell | None:
        return next((c for c in self.cells if c.field == name), None)

    def has(self, name: str) -> bool:
        return self.cell(name) is not None


@dataclass
class ActionFinding:
    """One fiche read: its values by field (text as printed, one line where the field is short),
    the number, euro amounts and period parsed from them, where each was read, and what could not
    be read (check name, message)."""

    fiche: Fiche
    values: dict = field(default_factory=dict)
    provenance: dict[str, Provenance] = field(default_factory=dict)
    amounts: list[Amount] = field(default_factory=list)
    period: Period | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.values.get("name") or self.values.get("number") or f"fiche on page {self.fiche.pages[0]}"


@dataclass
class MesureFinding:
    number: str
    text: str
    start: int
    end: int
    source: str = "deliberation"
    axis: str | None = None


@dataclass
class SignatoryFinding:
    organisation: str
    representative: str | None
    role: str | None
    start: int
    end: int


@dataclass
class ArticleFinding:
    number: str | None
    title: str
    start: int
    end: int


@dataclass
class AgreementFinding:
    kind: str
    title: str | None
    start: int  # where its title (or signatory block) starts in the document text
    signatories: list[SignatoryFinding] = field(default_factory=list)
    articles: list[ArticleFinding] = field(default_factory=list)
    mesures: list[MesureFinding] = field(default_factory=list)
    title_span: tuple[int, int] | None = None
    period: Period | None = None  # from its duration article
    period_span: tuple[int, int] | None = None


@dataclass
class AnnexFindings:
    fiche_pages: list[int] = field(default_factory=list)
    actions: list[ActionFinding] | None = None  # None: the tables were not read (no table reader given)
    agreements: list[AgreementFinding] = field(default_factory=list)
    body_end: int | None = None  # where the délibérations' own text ends (first annex page)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (check name, message): what could not be read


# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------


def one_line(text: str) -> str:
    """Wrapped lines joined: "Franche-" + "Comté" -> "Franche-Comté", others with a space."""
    out = ""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha():
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out


def label_field(label: str) -> str | None:
    text = one_line(label).strip(" :")
    for name, regex in P.ACTION_LABELS:
        if regex.search(text):
            return name
    return None


def action_number(label: str, content: str) -> str | None:
    """"Mesure 42" -> "42"; "Mesure 43 Action n°2" -> "43.2"; "Action n°" + "34" -> "34"."""
    text = one_line(f"{label} {content}")
    mesure = P.MESURE_NUMBER_RE.search(text)
    action = P.ACTION_NUMBER_RE.search(text)
    action_n = (action["n"] or action["m"]) if action else None
    if mesure and action_n:
        return f"{mesure['n']}.{action_n}"
    if mesure:
        return mesure["n"]
    if action_n:
        return action_n
    bare = P.BARE_NUMBER_RE.match(one_line(content))
    return bare["n"] if bare else None


def axe_of(heading: str) -> tuple[str | None, str | None]:
    """The last "Axe N : title" line of the text above a fiche -> (title, number)."""
    found = None
    for m in P.AXE_RE.finditer(heading):
        found = m
    if found is None:
        return None, None
    title = found["title"].strip().rstrip(".…").strip()
    title = title[:1].upper() + title[1:] if title else title
    number = found["number"] if found["number"] and found["number"].isdigit() else None
    return (title or None), number


# --------------------------------------------------------------------------------------------
# Which pages hold fiches
# --------------------------------------------------------------------------------------------


def fiche_pages(doc: DocumentText) -> list[int]:
    """Pages whose lines start with at least MIN_LABELS_PER_PAGE different fiche labels, and
    the page after each (a table continued there may carry no label at all)."""
    pages: set[int] = set()
    for page in doc.pages:
        fields = {label_field(line) for line in doc.page_text(page).split("\n") if 2 < len(line.strip()) < 80}
        fields.discard(None)
        if len(fields) >= MIN_LABELS_PER_PAGE:
            pages.add(page)
            if page + 1 in doc.pages:
                pages.add(page + 1)
    return sorted(pages)


# --------------------------------------------------------------------------------------------
# Tables -> fiches
# --------------------------------------------------------------------------------------------


def _continues(fiche: Fiche | None, previous: RuledTable | None, table: RuledTable) -> bool:
    if fiche is None or previous is None or not previous.last_on_page or not table.first_on_page:
        return False
    if table.page != previous.page + 1 or not table.rows or P.AXE_RE.search(table.heading):
        return False
    first = table.rows[0]
    name = label_field(first.label)
    return not first.label.strip() or (name is not None and name != "name" and not fiche.has(name))


def assemble_fiches(tables: list[RuledTable]) -> list[Fiche]:
    fiches: list[Fiche] = []
    fiche: Fiche | None = None
    previous: RuledTable | None = None
    for table in tables:
        fields = [label_field(row.label) for row in table.rows]
        continuing = _continues(fiche, previous, table)
        if not continuing and len(set(fields) - {None}) < 2:
            previous = table  # not a fiche (a commission table, a budget grid)
            fiche = None
            continue
        if not continuing:
            fiche = None
        for row, name in zip(table.rows, fields):
            if fiche is None or (name == "name" and fiche.has("name")):
                axe, axe_number = axe_of(table.heading) if fiche is None or name == "name" else (None, None)
                fiche = Fiche(axe=axe, axe_number=axe_number,
                              axe_part=(table.page, table.heading_bbox) if axe else None)
                fiches.append(fiche)
            if table.page not in fiche.pages:
                fiche.pages.append(table.page)
            if not row.label.strip() and fiche.cells:
                fiche.cells[-1].extend(row.content, table.page, row.bbox)
            elif not row.label.strip() and not row.content.strip():
                continue
            else:
                fiche.cells.append(Cell(name, one_line(row.label), row.content, [(table.page, row.bbox)]))
        previous = table
    return [f for f in fiches if f.cells]


def read_fiches(tables: RuledTableReader, pages: list[int]) -> list[Fiche]:
    return assemble_fiches(tables.two_column_tables(pages)) if pages else []


def locate(doc: DocumentText, page: int, text: str) -> tuple[int, int]:
    """Character span in the document text of a cell read from `page`: from its first line to
    its last, as the layout stage read them; the page start (empty span) when not found."""
    base = doc.page_start(page)
    page_text = doc.page_text(page) if page in doc.pages else ""
    lines = [line for line in text.split("\n") if len(line) >= 3]
    if not lines:
        return base, base
    first = page_text.find(lines[0][:60])
    if first < 0:
        return base, base
    end = first + len(lines[0][:60])
    last = page_text.find(lines[-1][-60:], first)
    if last >= 0 and len(lines) > 1:
        end = last + len(lines[-1][-60:])
    return base + first, base + end


def cell_provenance(doc: DocumentText, cell: Cell, text: str | None = None) -> Provenance:
    page, bbox = cell.parts[0]
    start, end = locate(doc, page, cell.content if text is None else text)
    return Provenance(page=page, char_start=start, char_end=end, bbox=tuple(round(v, 1) for v in bbox),
                      text=(cell.content if text is None else text)[:300])


def read_action(doc: DocumentText, fiche: Fiche) -> ActionFinding:
    """One fiche -> its values: every row by its label, the number from "Mesure N Action n°M",
    the euro amounts of the financing cell and the first explicit period of the calendar cell."""
    found = ActionFinding(fiche, values={"axe": fiche.axe, "axe_number": fiche.axe_number, "other": {}})
    values, provenance = found.values, found.provenance
    for cell in fiche.cells:
        if cell.field is None:
            values["other"][cell.label or "?"] = cell.content
            continue
        if cell.field == "number":
            values["number"] = action_number(cell.label, cell.content)
            provenance["number"] = cell_provenance(doc, cell, f"{cell.label}\n{cell.content}".strip())
            continue
        text = one_line(cell.content) if cell.field in P.ONE_LINE_FIELDS else cell.content
        if values.get(cell.field):
            text = f"{values[cell.field]}\n{text}" if text else values[cell.field]
        values[cell.field] = text or None
        if text:
            provenance.setdefault(cell.field, cell_provenance(doc, cell))
    if fiche.axe and fiche.axe_part and fiche.axe_part[1]:
        page, bbox = fiche.axe_part
        start, end = locate(doc, page, fiche.axe)
        provenance["axe"] = Provenance(page=page, char_start=start, char_end=end, bbox=tuple(round(v, 1) for v in bbox), text=fiche.axe)
    if not values.get("name"):
        found.problems.append(("action_without_name", f"fiche action on page {fiche.pages[0]} has no name row"))
    if values.get("financing"):
        try:
            found.amounts = parse_amounts(one_line(values["financing"]))
        except Exception as exc:  # the parser's failure is one anomaly, not a lost document
            found.problems.append(("action_amounts_unreadable", f"{found.label}: {type(exc).__name__}: {exc}"))
        for position, _ in enumerate(found.amounts):
            provenance[f"amounts[{position}]"] = provenance["financing"]
    if values.get("calendar"):
        try:
            found.period = _parse_period(one_line(values["calendar"]))
        except Exception as exc:
            found.problems.append(("action_calendar_unreadable", f"{found.label}: {type(exc).__name__}: {exc}"))
        if found.period is not None:
            provenance["calendar_period"] = provenance["calendar"]
    return found


# --------------------------------------------------------------------------------------------
# Mesures
# --------------------------------------------------------------------------------------------


def _line_index(doc: DocumentText) -> dict[int, int]:
    return {line.start: i for i, line in enumerate(doc.lines)}


def _page_right_edge(doc: DocumentText, page: int) -> float:
    return max((ln.bbox[2] for ln in doc.lines if ln.page == page), default=0.0)


def first_sentence(text: str) -> str:
    """A mesure's title: its first sentence, without the list punctuation that ends it."""
    m = P.SENTENCE_END_RE.search(text)
    if m:
        text = text[: m.start()]
    return text.strip().rstrip(",;.").strip()


def _item_end(doc: DocumentText, line_at: dict[int, int], start: int, limit: int, edges: dict[int, float]) -> int:
    """End of the paragraph / list item starting at offset `start`: the following lines are
    taken while the previous line runs to the right margin (a justified line that wraps) and
    the next line does not start another item."""
    index = line_at.get(start)
    if index is None:
        return doc.text.find("\n", start) if "\n" in doc.text[start:limit] else limit
    end = doc.lines[index].end
    while index + 1 < len(doc.lines):
        current, following = doc.lines[index], doc.lines[index + 1]
        if following.start >= limit:
            break
        right = edges.setdefault(current.page, _page_right_edge(doc, current.page))
        next_text = doc.text[following.start : following.end]
        if following.page != current.page and current.bbox[2] < right - 15:
            break
        if current.bbox[2] < right - 15 or P.LIST_ITEM_START_RE.match(next_text) or P.MESURE_ITEM_RE.match(next_text):
            break
        if following.page != current.page and P.PAGE_FOOTER_RE.match(doc.text[current.start:current.end]):
            break
        end = following.end
        index += 1
    return end


def extract_mesures(doc: DocumentText, start: int, end: int, source: str = "deliberation") -> list[MesureFinding]:
    """Every "Mesure N : title" item of doc.text[start:end], first sentence as its text."""
    found: list[MesureFinding] = []
    line_at = _line_index(doc)
    edges: dict[int, float] = {}
    seen: set[str] = set()
    for m in P.MESURE_ITEM_RE.finditer(doc.text, start, end):
        line_start = doc.text.rfind("\n", 0, m.start()) + 1
        item_end = _item_end(doc, line_at, line_start, end, edges)
        body = one_line(doc.text[m.start("text") : max(item_end, m.end("text"))])
        text = first_sentence(body)
        if not text or m["number"] in seen:
            continue
        seen.add(m["number"])
        item_start = m.end("bullet") if m["bullet"] else m.start() + len(m[0]) - len(m[0].lstrip())
        found.append(MesureFinding(number=m["number"], text=text, start=item_start,
                                   end=m.start("text") + len(text), source=source))
    return found


# --------------------------------------------------------------------------------------------
# Agreements annexed to a délibération (pacts, conventions)
# --------------------------------------------------------------------------------------------


def _person_and_role(clause: str) -> tuple[str | None, str | None]:
    """"le préfet du Doubs, Jean-François COLOMBET" -> ("Jean-François COLOMBET", "préfet du Doubs")."""
    clause = P.ALSO_CALLED_RE.sub("", " ".join(clause.split())).strip(" ,;")
    parts = [p.strip() for p in re.split(r",\s*", clause) if p.strip()]
    person, roles = None, []
    for part in parts:
        bare = P.SIGNATORY_CIVILITE_RE.sub("", part)
        if person is None and (bare != part or P.SURNAME_RE.search(bare)):
            person = bare
        else:
            roles.append(P.LEADING_ARTICLE_RE.sub("", P.ROLE_DETERMINER_RE.sub("", part)))
    return person, (", ".join(roles) or None)


def _split_representative(segment: str) -> tuple[str, str]:
    """Text between two "représenté par": the first representative (and role), then the next
    organisation. Each party usually starts a line: the last line starting with an article
    ("le Ministère", "la Ville") or a capital ("Pôle emploi") opens the organisation. Failing
    that, its article after the representative's last comma does (", et le Conseil régional")."""
    inline = [m for m in P.ORGANISATION_START_RE.finditer(segment) if m.start("start") > 0]
    at_line_start = [m.start("start") for m in inline if "\n" in segment[m.start() : m.start("start")]]
    at_line_start += [m.end() for m in P.CAPITALISED_LINE_START_RE.finditer(segment)]
    if at_line_start:
        cut = max(at_line_start)
    else:
        last_comma = segment.rfind(",")
        starts = [m.start("start") for m in inline]
        after_comma = [c for c in starts if c > last_comma]
        cut = (after_comma or starts or [None])[0]
    if cut is None:
        return segment, ""
    return P.TRAILING_JOINER_RE.sub("", segment[:cut]), segment[cut:]


def _organisation(text: str) -> str:
    text = " ".join(text.split())
    text = P.LEADING_JOINER_RE.sub("", text)
    text = P.LEADING_JOINER_RE.sub("", text)
    text = P.LEADING_ET_RE.sub("", text)
    return P.LEADING_ARTICLE_RE.sub("", text).strip(" ,;")


def extract_signatories(text: str, base: int) -> list[SignatoryFinding]:
    """"Entre A représenté par X, rôle ... et B représentée par Y" -> one finding per party."""
    marks = list(P.REPRESENTED_BY_RE.finditer(text))
    if not marks:
        return []
    found = []
    organisation_start, organisation = 0, text[: marks[0].start()]
    for index, mark in enumerate(marks):
        following = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        if index + 1 < len(marks):
            clause, next_organisation = _split_representative(text[mark.end() : following])
        else:
            clause, next_organisation = text[mark.end() : following], ""
        name = _organisation(organisation)
        person, role = _person_and_role(clause)
        if name:
            lead = len(organisation) - len(organisation.lstrip(" \n\t,;"))
            found.append(SignatoryFinding(name, person, role, base + organisation_start + lead,
                                          base + mark.end() + len(clause.rstrip())))
        organisation_start = mark.end() + len(clause)
        organisation = next_organisation
    return found


def extract_agreements(doc: DocumentText, start: int, end: int, skip_pages: set[int]) -> list[AgreementFinding]:
    """Agreements in doc.text[start:end]: a signatory block ("Entre ... représenté par ...")
    under a title naming the kind (pacte, contrat, convention ...), then its articles and
    mesures up to the next agreement (pages holding fiche tables are not its text)."""
    text = doc.text
    blocks = []
    for m in P.SIGNATORY_BLOCK_START_RE.finditer(text, start, end):
        stop = P.SIGNATORY_BLOCK_END_RE.search(text, m.end(), end)
        block_end = stop.start() if stop else min(end, m.end() + 2000)
        if doc.page_of(m.start()) in skip_pages:
            continue
        if P.REPRESENTED_BY_RE.search(text, m.start(), min(block_end, m.end() + P.SIGNATORY_FIRST_PARTY_MAX_CHARS)):
            blocks.append((m.start(), block_end))
    agreements = []
    for index, (block_start, block_end) in enumerate(blocks):
        # the title: the nearest line above the block naming an agreement kind
        title, kind, title_span = None, None, None
        lines_above = text[max(start, block_start - 400) : block_start].split("\n")
        offset = block_start
        for line in reversed(lines_above):
            offset -= len(line) + 1
            k = P.AGREEMENT_KIND_RE.search(line)
            if k and len(line.strip()) < 200:
                title, kind = " ".join(line.split()), k["kind"].lower()
                title_span = (offset + 1 + (len(line) - len(line.lstrip())), offset + 1 + len(line.rstrip()))
                break
        if kind is None:
            k = P.AGREEMENT_KIND_RE.search(text, block_start, block_end)
            kind = k["kind"].lower() if k else "convention"
        agreement = AgreementFinding(kind=kind, title=title, start=title_span[0] if title_span else block_start,
                                     title_span=title_span)
        agreement.signatories = extract_signatories(text[block_start:block_end], block_start)
        body_end = blocks[index + 1][0] if index + 1 < len(blocks) else end
        articles = [m for m in P.ARTICLE_RE.finditer(text, block_end, body_end) if doc.page_of(m.start()) not in skip_pages]
        for position, m in enumerate(articles):
            article_end = articles[position + 1].start() if position + 1 < len(articles) else body_end
            title_text = (m["title"] or "").strip(" :.–-")
            agreement.articles.append(ArticleFinding(m["number"], title_text or f"Article {m['number']}", m.start(), article_end))
        for mesure in extract_mesures(doc, block_end, body_end, source="annex"):
            if doc.page_of(mesure.start) in skip_pages:
                continue
            article = next((a for a in agreement.articles if a.start <= mesure.start < a.end), None)
            mesure.axis = article.title if article else None
            agreement.mesures.append(mesure)
        duration = next((a for a in agreement.articles if P.DURATION_TITLE_RE.search(a.title)), None)
        if duration is not None:
            try:
                agreement.period = _parse_period(" ".join(text[duration.start : duration.end].split()))
            except Exception:
                agreement.period = None
            if agreement.period is not None:
                agreement.period_span = (duration.start, duration.end)
        agreements.append(agreement)
    return agreements


# --------------------------------------------------------------------------------------------
# The whole annex
# --------------------------------------------------------------------------------------------


def extract_annexes(segmented: SegmentedDocument, tables: RuledTableReader | None = None) -> AnnexFindings:
    """Fiche tables (read by `tables` when given), agreements and where the body ends."""
    doc = segmented.doc
    findings = AnnexFindings(fiche_pages=fiche_pages(doc))
    starts = []
    if segmented.annex_start is not None:
        starts.append(doc.page_start(doc.page_of(segmented.annex_start)))
    if findings.fiche_pages:
        starts.append(doc.page_start(findings.fiche_pages[0]))
    findings.body_end = min(starts) if starts else None
    if findings.body_end is not None:
        findings.agreements = extract_agreements(doc, findings.body_end, len(doc.text), set(findings.fiche_pages))
    if tables is not None and findings.fiche_pages:
        try:
            fiches = read_fiches(tables, findings.fiche_pages)
        except Exception as exc:  # pdfplumber on a damaged page: the rest of the document stands
            findings.problems.append(("annex_tables_unreadable", f"{type(exc).__name__}: {exc}"[:300]))
        else:
            findings.actions = [read_action(doc, fiche) for fiche in fiches]
    return findings


def body_mesures(segmented: SegmentedDocument, annexes: AnnexFindings) -> list[list[MesureFinding]]:
    """The mesures each délibération lists in its own text (annex pages excluded)."""
    doc = segmented.doc
    limit = annexes.body_end if annexes.body_end is not None else len(doc.text)
    return [extract_mesures(doc, seg.start, min(seg.end, limit)) if seg.start < limit else [] for seg in segmented.segments]
