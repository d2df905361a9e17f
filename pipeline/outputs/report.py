"""`delib report DB --out report.html`: one self-contained HTML file for a journalist.

Per collectivité: its séances, its délibérations (a filterable table), each member's attendance
(a table and a member × séance heatmap), who holds whose proxy and how often, the votes that were
not unanimous with the names of those who voted against or abstained, and the anomalies the
checks found. Every row links to the PDF page it was read from (file://…#page=N). Plots are
matplotlib SVG embedded in the page; the only script is a few lines of filtering and sorting.

The database is opened read-only. Members are `persons` (pipeline.store.persons): a database
made before persons existed needs `python -m pipeline.store.persons DB` once."""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb
import pyarrow as pa

from pipeline.outputs._db import open_read_only
from pipeline.outputs.report_html import Column, e, page, pdf_link, slug, table
from pipeline.outputs import report_plots as plots
from pipeline.store.persons import PERSON_COLUMNS, seance_councils


class MissingPersons(RuntimeError):
    """The database predates persons: its person_id columns are not there."""


# --- what the report reads ----------------------------------------------------------------------

SEANCES_SQL = """
SELECT c.council_key, s.seance_id, s.seance_date, coalesce(pp.display_name, s.president) AS president,
       coalesce(ps.display_name, s.secretaire) AS secretaire, s.members_in_office,
       count(DISTINCT d.deliberation_id) AS deliberations, count(DISTINCT d.document_id) AS documents,
       arg_min(struct_pack(path := doc.source_path, page := d.page_start), struct_pack(p := doc.source_path, n := d.page_start)) AS first
FROM _report_councils c JOIN seances s USING (seance_id) JOIN deliberations d USING (seance_id)
JOIN documents doc ON doc.document_id = d.document_id
LEFT JOIN persons pp ON pp.person_id = s.president_person_id LEFT JOIN persons ps ON ps.person_id = s.secretaire_person_id
GROUP BY ALL ORDER BY c.council_key, s.seance_date NULLS LAST, s.seance_id
"""
DELIBERATIONS_SQL = """
SELECT c.council_key, d.deliberation_id, d.seance_id, s.seance_date, d.numero, d.item_number, d.objet,
       coalesce(pr.display_name, d.rapporteur) AS rapporteur, d.votes_pour, d.votes_contre, d.votes_abstention,
       d.votes_non_participation, d.unanimous, d.outcome, d.page_start, doc.source_path,
       count(a.person) FILTER (WHERE a.status = 'present') AS present,
       count(a.person) FILTER (WHERE a.status = 'represented') AS represented,
       count(a.person) FILTER (WHERE a.status = 'absent') AS absent
FROM _report_councils c JOIN deliberations d USING (seance_id) JOIN documents doc ON doc.document_id = d.document_id
LEFT JOIN seances s ON s.seance_id = d.seance_id LEFT JOIN persons pr ON pr.person_id = d.rapporteur_person_id
LEFT JOIN attendance a ON a.deliberation_id = d.deliberation_id
GROUP BY ALL ORDER BY c.council_key, s.seance_date NULLS LAST, doc.source_path, d.page_start, d.item_number, d.deliberation_id
"""
# rate = present / délibérations the member is listed for (present, represented or absent)
MEMBERS_SQL = """
SELECT c.council_key, a.person_id, p.display_name, p.variants, count(*) AS listed,
       count(*) FILTER (WHERE a.status = 'present') AS present,
       count(*) FILTER (WHERE a.status = 'represented') AS represented,
       count(*) FILTER (WHERE a.status = 'absent') AS absent,
       round(100.0 * count(*) FILTER (WHERE a.status = 'present') / count(*), 1) AS present_pct,
       count(DISTINCT d.seance_id) AS seances,
       arg_max(struct_pack(path := doc.source_path, page := a.page), struct_pack(d := s.seance_date, p := doc.source_path, n := a.page)) AS last
FROM attendance a JOIN deliberations d ON d.deliberation_id = a.deliberation_id JOIN _report_councils c ON c.seance_id = d.seance_id
JOIN documents doc ON doc.document_id = d.document_id LEFT JOIN seances s ON s.seance_id = d.seance_id
JOIN persons p ON p.person_id = a.person_id
GROUP BY ALL ORDER BY c.council_key, p.display_name, a.person_id
"""
PRESENCE_SQL = """
SELECT c.council_key, a.person_id, d.seance_id, count(*) FILTER (WHERE a.status = 'present') / count(*) AS rate
FROM attendance a JOIN deliberations d ON d.deliberation_id = a.deliberation_id JOIN _report_councils c ON c.seance_id = d.seance_id
WHERE a.person_id IS NOT NULL GROUP BY ALL
"""
# a holder is a person when the name could be read as one, else the name as printed
PROXIES_SQL = """
SELECT c.council_key, a.person_id AS giver_id, coalesce(pg.display_name, a.person) AS giver,
       coalesce(a.proxy_person_id, 'printed:' || a.proxy) AS holder_id, coalesce(ph.display_name, a.proxy) AS holder,
       count(*) AS deliberations, count(DISTINCT d.seance_id) AS seances,
       arg_min(struct_pack(path := doc.source_path, page := a.page), struct_pack(d := s.seance_date, p := doc.source_path, n := a.page)) AS first
FROM attendance a JOIN deliberations d ON d.deliberation_id = a.deliberation_id JOIN _report_councils c ON c.seance_id = d.seance_id
JOIN documents doc ON doc.document_id = d.document_id LEFT JOIN seances s ON s.seance_id = d.seance_id
LEFT JOIN persons pg ON pg.person_id = a.person_id LEFT JOIN persons ph ON ph.person_id = a.proxy_person_id
WHERE a.status = 'represented' AND a.proxy IS NOT NULL
GROUP BY ALL ORDER BY c.council_key, deliberations DESC, giver, holder
"""
VOTE_NAMES_SQL = """
SELECT v.deliberation_id, v.vote, coalesce(p.display_name, v.person) AS name
FROM vote_names v LEFT JOIN persons p USING (person_id) ORDER BY v.deliberation_id, v.vote, name
"""
# not unanimous: someone voted against or abstained, by count or by name, or the motion fell
CONTESTED_SQL = """
SELECT c.council_key, d.deliberation_id, s.seance_date, d.numero, d.objet, d.votes_pour, d.votes_contre,
       d.votes_abstention, d.votes_non_participation, d.outcome, doc.source_path,
       coalesce(vp.page, d.page_end, d.page_start) AS page
FROM _report_councils c JOIN deliberations d USING (seance_id) JOIN documents doc ON doc.document_id = d.document_id
LEFT JOIN seances s ON s.seance_id = d.seance_id
LEFT JOIN (SELECT deliberation_id, min(page) AS page FROM provenance
           WHERE field IN ('votes_contre', 'votes_abstention', 'votes_pour', 'votes_non_participation') GROUP BY ALL) vp
       ON vp.deliberation_id = d.deliberation_id
WHERE coalesce(d.votes_contre, 0) > 0 OR coalesce(d.votes_abstention, 0) > 0 OR d.outcome = 'rejected'
   OR d.deliberation_id IN (SELECT deliberation_id FROM vote_names WHERE vote IN ('contre', 'abstention'))
ORDER BY c.council_key, s.seance_date NULLS LAST, doc.source_path, d.page_start, d.deliberation_id
"""
DISSENT_SQL = """
SELECT c.council_key, coalesce(v.person_id, 'printed:' || v.person) AS person_key, coalesce(p.display_name, v.person) AS name,
       count(*) FILTER (WHERE v.vote = 'contre') AS contre, count(*) FILTER (WHERE v.vote = 'abstention') AS abstention,
       count(*) FILTER (WHERE v.vote = 'non_participation') AS non_participation
FROM vote_names v JOIN deliberations d ON d.deliberation_id = v.deliberation_id JOIN _report_councils c ON c.seance_id = d.seance_id
LEFT JOIN persons p ON p.person_id = v.person_id
GROUP BY ALL ORDER BY c.council_key, abstention + contre DESC, name
"""
ANOMALIES_SQL = """
WITH council_documents AS (
    SELECT DISTINCT d.document_id, c.council_key FROM deliberations d JOIN _report_councils c USING (seance_id)
)
SELECT coalesce(dc.council_key, cd.council_key) AS council_key, an.check_name, an.message, d.numero, d.objet,
       coalesce(d.page_start, 1) AS page, doc.source_path
FROM anomalies an JOIN documents doc ON doc.document_id = an.document_id
LEFT JOIN deliberations d ON d.deliberation_id = an.deliberation_id
LEFT JOIN _report_councils dc ON dc.seance_id = d.seance_id
LEFT JOIN council_documents cd ON cd.document_id = an.document_id AND d.deliberation_id IS NULL
WHERE coalesce(dc.council_key, cd.council_key) IS NOT NULL
ORDER BY 1, doc.source_path, page, an.check_name
"""
UNREAD_SQL = """
SELECT doc.source_path, doc.status, doc.error, doc.page_count FROM documents doc
WHERE NOT EXISTS (SELECT 1 FROM deliberations d WHERE d.document_id = doc.document_id)
ORDER BY doc.status, doc.source_path
"""


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _by_council(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row["council_key"]].append(row)
    return grouped


@dataclass
class Council:
    key: str
    name: str
    seances: list[dict] = field(default_factory=list)
    deliberations: list[dict] = field(default_factory=list)
    members: list[dict] = field(default_factory=list)
    presence: dict[tuple[str, str], float] = field(default_factory=dict)
    proxies: list[dict] = field(default_factory=list)
    contested: list[dict] = field(default_factory=list)
    dissent: list[dict] = field(default_factory=list)
    anomalies: list[dict] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slug(self.key)


@dataclass
class ReportData:
    db_path: str
    councils: list[Council]
    unread: list[dict]
    vote_names: dict[str, dict[str, list[str]]]  # deliberation_id -> vote -> names


def has_persons(con: duckdb.DuckDBPyConnection) -> bool:
    columns = {(t, c) for t, c in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'").fetchall()}
    return ("persons", "person_id") in columns and all((t, c) in columns for t, _, c in PERSON_COLUMNS)


def read_report_data(con: duckdb.DuckDBPyConnection, db_path: str = "") -> ReportData:
    if not has_persons(con):
        raise MissingPersons(f"{db_path or 'the database'} has no persons yet: run `python -m pipeline.store.persons "
                             f"{db_path or 'DB'}` once (or ingest with this version), then the report again")
    keys, labels = seance_councils(con)
    con.register("_report_councils", pa.table({"seance_id": list(keys), "council_key": list(keys.values())},
                                              schema=pa.schema([("seance_id", pa.string()), ("council_key", pa.string())])))
    try:
        parts = {name: _by_council(_rows(con, sql)) for name, sql in (
            ("seances", SEANCES_SQL), ("deliberations", DELIBERATIONS_SQL), ("members", MEMBERS_SQL),
            ("proxies", PROXIES_SQL), ("contested", CONTESTED_SQL), ("dissent", DISSENT_SQL), ("anomalies", ANOMALIES_SQL),
        )}
        presence = _by_council(_rows(con, PRESENCE_SQL))
    finally:
        con.unregister("_report_councils")
    vote_names: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in _rows(con, VOTE_NAMES_SQL):
        vote_names[row["deliberation_id"]][row["vote"]].append(row["name"])
    councils = []
    for key in set(keys.values()):
        council = Council(key, labels.get(key) or _unnamed(parts["seances"].get(key, [])),
                          **{name: rows.get(key, []) for name, rows in parts.items()})
        council.presence = {(r["person_id"], r["seance_id"]): r["rate"] for r in presence.get(key, [])}
        councils.append(council)
    councils.sort(key=lambda c: (c.name.startswith("unnamed"), c.name.casefold(), c.key))
    return ReportData(db_path, councils, _rows(con, UNREAD_SQL), vote_names)


def _unnamed(seances: list[dict]) -> str:
    first = seances[0] if seances else {}
    when = first.get("seance_date")
    where = Path(first["first"]["path"]).name if first.get("first") else "?"
    return f"unnamed collectivité ({when.isoformat() if when else 'undated'}, {where})"


# --- rendering ----------------------------------------------------------------------------------

def _first_link(field_name: str) -> Callable[[dict], str]:
    def cell(row: dict) -> str:
        where = row.get(field_name) or {}
        return pdf_link(where.get("path"), where.get("page"))
    return cell


def _date(row: dict, key: str = "seance_date") -> str:
    return e(row[key].isoformat()) if row.get(key) else '<span class="note">undated</span>'


def _variants_cell(row: dict) -> str:
    variants = json.loads(row["variants"] or "[]")
    others = [v for v in variants if v["rule"] != "canonical"]
    if not others:
        return ""
    explained = "\n".join(f"{v['name']} ({v['mentions']}×): {v['rule']}" for v in others)
    return f'<span class="variants" title="{e(explained)}">{e(", ".join(v["name"] for v in others))}</span>'


def _names_cell(vote_names: dict, vote: str) -> Callable[[dict], str]:
    def cell(row: dict) -> str:
        return e(", ".join(vote_names.get(row["deliberation_id"], {}).get(vote, [])))
    return cell


def render_council(council: Council, vote_names: dict) -> str:
    s = council.slug
    seance_list = [(r["seance_id"], r["seance_date"]) for r in council.seances]
    out = [f'<section class="council" id="c-{e(s)}"><h2>{e(council.name)}</h2>',
           f'<p class="note">key {e(council.key)} · {len(council.seances)} séances · {len(council.deliberations)} délibérations · '
           f'{len(council.members)} members</p>']

    out.append("<h3>Séances</h3>")
    out.append(table(f"seances-{s}", [
        Column("seance_date", "date", lambda r: _date(r)),
        Column("deliberations", "délibérations", numeric=True),
        Column("documents", "documents", numeric=True),
        Column("members_in_office", "in office", numeric=True),
        Column("president", "président"),
        Column("secretaire", "secrétaire"),
        Column("first", "PDF", _first_link("first")),
    ], council.seances, row_attrs=lambda r: {"seance-id": r["seance_id"]}))

    out.append("<h3>Délibérations</h3>")
    out.append(table(f"delibs-{s}", [
        Column("seance_date", "séance", lambda r: _date(r)),
        Column("numero", "n°"),
        Column("item_number", "item", numeric=True),
        Column("objet", "objet"),
        Column("rapporteur", "rapporteur"),
        Column("present", "present", numeric=True),
        Column("represented", "repr.", numeric=True),
        Column("absent", "absent", numeric=True),
        Column("votes_pour", "pour", numeric=True),
        Column("votes_contre", "contre", numeric=True),
        Column("votes_abstention", "abst.", numeric=True),
        Column("outcome", "outcome"),
        Column("page_start", "PDF", lambda r: pdf_link(r["source_path"], r["page_start"])),
    ], council.deliberations, searchable=True, row_attrs=lambda r: {"deliberation-id": r["deliberation_id"]}))

    out.append("<h3>Attendance</h3>")
    members = [(m["person_id"], m["display_name"]) for m in council.members]
    heatmap = plots.attendance_heatmap(members, seance_list, council.presence, f"heat{s}")
    if heatmap:
        out.append(f"<figure>{heatmap}<figcaption>Each member's presence per séance: the share of the séance's "
                   "délibérations they were present for (blank: not listed).</figcaption></figure>")
    averages = _seance_averages(council)
    bars = plots.seance_attendance_bars(seance_list, averages, f"bars{s}")
    if bars:
        out.append(f"<figure>{bars}<figcaption>Members present, represented and absent per délibération, "
                   "averaged over each séance.</figcaption></figure>")
    out.append('<p class="note">present % = délibérations the member was present for ÷ délibérations they are '
               "listed for (present, represented or absent). The PDF link is the last séance that lists them.</p>")
    out.append(table(f"members-{s}", [
        Column("display_name", "member"),
        Column("present_pct", "present %", numeric=True),
        Column("present", "present", numeric=True),
        Column("represented", "represented", numeric=True),
        Column("absent", "absent", numeric=True),
        Column("listed", "listed", numeric=True),
        Column("seances", "séances", numeric=True),
        Column("variants", "also printed as", _variants_cell),
        Column("last", "PDF", _first_link("last")),
    ], council.members, searchable=True, row_attrs=lambda r: {"person-id": r["person_id"]}))

    out.append("<h3>Proxies (procurations)</h3>")
    edges = [(p["giver_id"] or f"printed:{p['giver']}", p["giver"], p["holder_id"], p["holder"], p["deliberations"])
             for p in council.proxies]
    network = plots.proxy_network(edges, f"net{s}")
    if network:
        out.append(f"<figure>{network}<figcaption>Arrow from the absent member to the member holding their proxy; "
                   "thicker for more délibérations.</figcaption></figure>")
    out.append(table(f"proxies-{s}", [
        Column("giver", "absent member"),
        Column("holder", "proxy held by"),
        Column("deliberations", "délibérations", numeric=True),
        Column("seances", "séances", numeric=True),
        Column("first", "first, PDF", _first_link("first")),
    ], council.proxies, searchable=True, empty="no proxy holder printed",
        row_attrs=lambda r: {"giver-id": r["giver_id"], "holder-id": r["holder_id"]}))

    out.append("<h3>Votes not unanimous</h3>")
    out.append(table(f"votes-{s}", [
        Column("seance_date", "séance", lambda r: _date(r)),
        Column("numero", "n°"),
        Column("objet", "objet"),
        Column("votes_pour", "pour", numeric=True),
        Column("votes_contre", "contre", numeric=True),
        Column("votes_abstention", "abst.", numeric=True),
        Column("contre_names", "against", _names_cell(vote_names, "contre")),
        Column("abstention_names", "abstained", _names_cell(vote_names, "abstention")),
        Column("non_participation_names", "did not vote", _names_cell(vote_names, "non_participation")),
        Column("outcome", "outcome"),
        Column("page", "PDF", lambda r: pdf_link(r["source_path"], r["page"])),
    ], council.contested, searchable=True, empty="every vote read was unanimous",
        row_attrs=lambda r: {"deliberation-id": r["deliberation_id"]}))

    out.append("<h3>Against, abstentions and non-participation by member</h3>")
    unnamed = sum(1 for r in council.contested if (r["votes_abstention"] or 0) > 0
                  and not vote_names.get(r["deliberation_id"], {}).get("abstention"))
    if unnamed:
        out.append(f'<p class="note">{unnamed} délibération(s) count abstentions without printing who abstained.</p>')
    out.append(table(f"dissent-{s}", [
        Column("name", "member"),
        Column("contre", "against", numeric=True),
        Column("abstention", "abstained", numeric=True),
        Column("non_participation", "did not vote", numeric=True),
    ], council.dissent, empty="no dissenter named", row_attrs=lambda r: {"person-key": r["person_key"]}))

    out.append("<h3>Anomalies</h3>")
    out.append(table(f"anomalies-{s}", [
        Column("check_name", "check"),
        Column("message", "message"),
        Column("numero", "n°"),
        Column("objet", "objet"),
        Column("page", "PDF", lambda r: pdf_link(r["source_path"], r["page"])),
    ], council.anomalies, searchable=True, empty="no check failed"))
    out.append("</section>")
    return "\n".join(out)


def _seance_averages(council: Council) -> dict[str, tuple[float, float, float]]:
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for d in council.deliberations:
        if d["present"] + d["represented"] + d["absent"]:
            total = sums[d["seance_id"]]
            total[0] += d["present"]
            total[1] += d["represented"]
            total[2] += d["absent"]
            total[3] += 1
    return {sid: (p / n, r / n, a / n) for sid, (p, r, a, n) in sums.items()}


def render_report(data: ReportData, generated: dt.datetime | None = None) -> str:
    generated = generated or dt.datetime.now()
    title = "deliberata report"
    summary = table("councils", [
        Column("name", "collectivité", lambda r: f'<a href="#c-{e(r["slug"])}">{e(r["name"])}</a>'),
        Column("seances", "séances", numeric=True),
        Column("deliberations", "délibérations", numeric=True),
        Column("members", "members", numeric=True),
        Column("first", "from", lambda r: e(r["first"])),
        Column("last", "to", lambda r: e(r["last"])),
    ], [_summary_row(c) for c in data.councils], searchable=True, row_attrs=lambda r: {"council-key": r["key"]})
    unread = table("unread", [
        Column("source_path", "document", lambda r: pdf_link(r["source_path"], None, r["source_path"])),
        Column("status", "status"),
        Column("error", "why"),
        Column("page_count", "pages", numeric=True),
    ], data.unread, searchable=True, empty="every document gave délibérations")
    body = [
        f"<h1>{e(title)}</h1>",
        f'<p class="note">{e(data.db_path)} · generated {e(generated.strftime("%Y-%m-%d %H:%M"))} · '
        f"{len(data.councils)} collectivités. Links open the PDF at the page the value was read from "
        "(file:// links: keep the PDFs where they were ingested from).</p>",
        "<nav><h2>Collectivités</h2>", summary, "</nav>",
        *(render_council(c, data.vote_names) for c in data.councils),
        '<section id="unread"><h2>Documents without délibérations</h2>', unread, "</section>",
    ]
    return page(title, "\n".join(body))


def _summary_row(c: Council) -> dict:
    dates = [r["seance_date"] for r in c.seances if r["seance_date"]]
    return {"key": c.key, "slug": c.slug, "name": c.name, "seances": len(c.seances), "deliberations": len(c.deliberations),
            "members": len(c.members), "first": min(dates).isoformat() if dates else "",
            "last": max(dates).isoformat() if dates else ""}


def write_report(db_path: Path | str, out: Path | str) -> ReportData:
    """Read `db_path` (read-only) and write the report to `out`; returns what was read."""
    con = open_read_only(db_path)
    try:
        data = read_report_data(con, str(db_path))
    finally:
        con.close()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(data), encoding="utf-8")
    return data
