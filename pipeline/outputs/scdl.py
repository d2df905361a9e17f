"""The SCDL "Délibérations" 2.1.5 dataset: one CSV row per délibération, the schema's columns in
the schema's order (UTF-8, comma, ISO dates).

Where each column comes from:
  COLL_NOM            seances.collectivite; not printed, the --collectivites file's name for the
                      séance's or ACTES id's SIREN ("named_by_siren")
  COLL_SIRET          the --collectivites file (by SIREN, then by name); empty without it
  DELIB_ID            deliberations.numero as printed, else the acte id's internal number, else (the
                      schema requires one; minutes often number nothing) made from the séance date and
                      the item: "20231117-03" (item 3, or the 3rd record of the document) — said in the
                      report ("made_ids")
  DELIB_DATE          the séance date, else the acte id's date (ACTES: the date of decision)
  DELIB_MATIERE_CODE  deliberations.matiere_code, cut to level 2 ("7.1.2" -> "7.1")
  DELIB_MATIERE_NOM   the nomenclature's "level 1/level 2" for that code, else matiere_label
  DELIB_OBJET         deliberations.objet
  BUDGET_ANNEE/_NOM   read from the objet of an act on a budget (pipeline.outputs.budget)
  PREF_ID             empty: SCDL means the control entity ("PREF038", "SPREF0383"), which a
                      document does not print; the acte id is something else
  PREF_DATE           deliberations.prefecture_received
  VOTE_EFFECTIF       seances.members_in_office; not printed, the members the item's attendance lists
                      (present + represented + absent, when not fewer than the votes: "counted_effectif").
                      The vote's five columns are filled together or not at all (a custom check): a vote
                      whose three counts or effectif are not all known is left out of the row, and the
                      report counts those rows ("votes_left_out"); the database keeps every count read
  VOTE_POUR/CONTRE/ABSTENTION  the printed counts, with zeros only where proven (vote_counts)
  VOTE_REEL           POUR + CONTRE + ABSTENTION (all three known)
  DELIB_URL           empty (not known)

Values are written as they are. Every column that has a non-string schema type (dates,
integers) comes from a typed database column, so each cell is readable by its type; nothing is
blanked. A value that breaks a constraint or a custom check is exported unchanged and reported by
pipeline.outputs.scdl_checks."""
from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from pipeline.outputs import open_read_only
from pipeline.outputs.budget import budget_of
from pipeline.french.lexicon import fold
from pipeline.outputs.nomenclature import scdl_matiere

SCHEMA_FILE = "data/scdl-deliberations-2.1.5.schema.json"

# Reconciliation anomalies that make a délibération's attendance untrustworthy as a count of
# votants (pipeline.stages.validate writes them).
ATTENDANCE_ANOMALIES = frozenset({
    "vote_vs_attendance", "members_in_office", "proxies_per_holder", "proxy_holder_not_present", "invalid_attendance",
})


@functools.cache
def scdl_schema() -> dict:
    """The Table Schema (with its custom_checks), from the package's copy."""
    text = resources.files("pipeline.outputs").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def scdl_columns() -> list[str]:
    return [f["name"] for f in scdl_schema()["fields"]]


# --- the collectivités file ---------------------------------------------------------------------

def _digits(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _name_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(name)).strip()


@dataclass
class Collectivites:
    """SIRET of each collectivité, found by SIREN or by name; and the name of a SIREN, for the
    documents that print an ACTES id but not the collectivité's name (a scanned header)."""

    by_siren: dict[str, str]
    by_name: dict[str, str]
    names_by_siren: dict[str, str] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> "Collectivites":
        return cls({}, {})

    @classmethod
    def read(cls, path: Path | str) -> "Collectivites":
        """A CSV file (UTF-8, comma) with a header holding `siret` and at least one of `siren`
        and `collectivite`; one collectivité a row. Spaces inside numbers are ignored. Raises
        ValueError on a missing column or a SIRET that does not start with its row's SIREN."""
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            header = {h.strip().casefold() for h in reader.fieldnames or []}
            if "siret" not in header or not header & {"siren", "collectivite"}:
                raise ValueError(f"{path}: the header must name 'siret' and 'siren' and/or 'collectivite'")
            by_siren, by_name, names_by_siren = {}, {}, {}
            for line, row in enumerate(reader, start=2):
                row = {k.strip().casefold(): (v or "").strip() for k, v in row.items() if k}
                siret, siren, name = _digits(row.get("siret")), _digits(row.get("siren")), row.get("collectivite", "")
                if not siret:
                    continue
                if siren and not siret.startswith(siren):
                    raise ValueError(f"{path}, line {line}: SIRET {siret} does not start with SIREN {siren}")
                if siren:
                    by_siren[siren] = siret
                if name:
                    by_name[_name_key(name)] = siret
                if siren and name:
                    names_by_siren[siren] = name
        return cls(by_siren, by_name, names_by_siren)

    def siret(self, siren: str | None, name: str | None) -> str | None:
        if siren and siren in self.by_siren:
            return self.by_siren[siren]
        if name:
            return self.by_name.get(_name_key(name))
        return None

    def name(self, siren: str | None) -> str | None:
        return self.names_by_siren.get(siren) if siren else None


# --- votes ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Votants:
    """Members who took part in an item's vote, counted from its attendance."""

    count: int  # present + represented - non-participation
    complete: bool  # the attendance lists exactly the members in office


def votants(present: int | None, represented: int | None, absent: int | None, non_participation: int | None,
            members_in_office: int | None, anomalies: list[str] | None) -> Votants | None:
    """The item's votants, or None when no one is listed present or its attendance failed a
    reconciliation check."""
    if not present or set(anomalies or ()) & ATTENDANCE_ANOMALIES:
        return None
    listed = present + (represented or 0) + (absent or 0)
    return Votants(present + (represented or 0) - (non_participation or 0),
                   members_in_office is not None and listed == members_in_office)


def vote_counts(pour: int | None, contre: int | None, abstention: int | None, unanimous: bool | None,
                voting: Votants | None) -> tuple[int | None, int | None, int | None]:
    """(pour, contre, abstention) for SCDL: the printed counts, completed with zeros only where
    the document proves them.
    - A unanimous vote has no contre and, unless printed, no abstention. Its pour is the printed
      one ("à l'unanimité des votants (31 voix)") or, when the item's attendance is complete
      (it lists every member in office), the votants minus the abstentions.
    - Otherwise a missing contre or abstention is 0 only when the printed counts already add up
      to the votants of the item's attendance (the equality is the proof).
    Zeros are only written beside a known pour: a lone "contre = 0" says nothing."""
    if unanimous:
        if pour is None and voting is not None and voting.complete:
            pour = voting.count - (abstention or 0) - (contre or 0)
            if pour < 0:
                pour = None
        if pour is None:
            return None, contre, abstention
        return pour, 0 if contre is None else contre, 0 if abstention is None else abstention
    if pour is not None and voting is not None and pour + (contre or 0) + (abstention or 0) == voting.count:
        return pour, 0 if contre is None else contre, 0 if abstention is None else abstention
    return pour, contre, abstention


# --- reading the database -------------------------------------------------------------------------

def _has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    return con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ? AND column_name = ?",
        [table, column],
    ).fetchone()[0] > 0


def _deliberations_query(con: duckdb.DuckDBPyConnection) -> str:
    # Databases written before the matière columns existed still export (with empty matières).
    matiere = ", ".join(
        f"d.{c}" if _has_column(con, "deliberations", c) else f"NULL AS {c}" for c in ("matiere_code", "matiere_label")
    )
    return f"""
        WITH presence AS (
            SELECT deliberation_id,
                   count(*) FILTER (WHERE status = 'present') AS present,
                   count(*) FILTER (WHERE status = 'represented') AS represented,
                   count(*) FILTER (WHERE status = 'absent') AS absent
            FROM attendance GROUP BY deliberation_id
        ), named_non_participation AS (
            SELECT deliberation_id, count(*) AS n FROM vote_names WHERE vote = 'non_participation' GROUP BY deliberation_id
        ), checks AS (
            SELECT deliberation_id, list(DISTINCT check_name ORDER BY check_name) AS anomalies
            FROM anomalies WHERE deliberation_id IS NOT NULL GROUP BY deliberation_id
        )
        SELECT d.deliberation_id, d.document_id, doc.source_path, d.numero, d.item_number, d.acte_number, d.acte_date, d.acte_siren,
               d.objet, {matiere}, d.prefecture_received,
               d.votes_pour, d.votes_contre, d.votes_abstention,
               greatest(coalesce(d.votes_non_participation, 0), coalesce(nnp.n, 0)) AS non_participation,
               d.unanimous, s.collectivite, s.siren, s.seance_date, s.members_in_office,
               p.present, p.represented, p.absent, c.anomalies
        FROM deliberations d
        LEFT JOIN seances s USING (seance_id)
        LEFT JOIN documents doc USING (document_id)
        LEFT JOIN presence p USING (deliberation_id)
        LEFT JOIN named_non_participation nnp USING (deliberation_id)
        LEFT JOIN checks c USING (deliberation_id)
        ORDER BY s.collectivite NULLS LAST, s.seance_date NULLS LAST, doc.source_path, d.page_start NULLS LAST,
                 d.item_number NULLS LAST, d.deliberation_id
    """


def read_deliberations(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    cursor = con.execute(_deliberations_query(con))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


# --- mapping ----------------------------------------------------------------------------------------

def made_id(record: dict[str, Any]) -> str:
    """An id for a délibération printed without a number: the séance date (else the document's id)
    and its item number (else its place among the document's records): "20231117-03"."""
    date = record.get("seance_date") or record.get("acte_date")
    prefix = date.strftime("%Y%m%d") if date else str(record.get("document_id") or "")[:8]
    index = str(record.get("deliberation_id") or "").rsplit("-", 1)[-1]
    place = record.get("item_number") or (int(index) + 1 if index.isdigit() else 0)
    return f"{prefix}-{place:02d}"


def export_notes(records: list[dict[str, Any]], rows: list[dict[str, Any]]) -> dict[str, int]:
    """How many rows carry a value the export made rather than read (said beside the validation)."""
    made = sum(1 for r in records if not (r.get("numero") or r.get("acte_number")))
    named = sum(1 for r, row in zip(records, rows) if row["COLL_NOM"] and not r.get("collectivite"))
    counted = sum(1 for r, row in zip(records, rows) if row["VOTE_EFFECTIF"] is not None and not r.get("members_in_office"))
    left_out = sum(1 for r, row in zip(records, rows)
                   if row["VOTE_POUR"] is None and any(r.get(k) is not None for k in ("votes_pour", "votes_contre", "votes_abstention")))
    return {"made_ids": made, "counted_effectif": counted, "votes_left_out": left_out, "named_by_siren": named}


def scdl_row(record: dict[str, Any], collectivites: Collectivites | None = None) -> dict[str, Any]:
    """One délibération (a row of read_deliberations) as SCDL values, keyed by column name."""
    collectivites = collectivites or Collectivites.empty()
    siren = record.get("siren") or record.get("acte_siren")
    matiere_code, matiere_nom = scdl_matiere(record.get("matiere_code"), record.get("matiere_label"))
    budget = budget_of(record.get("objet"))
    voting = votants(record.get("present"), record.get("represented"), record.get("absent"),
                     record.get("non_participation"), record.get("members_in_office"), record.get("anomalies"))
    pour, contre, abstention = vote_counts(record.get("votes_pour"), record.get("votes_contre"),
                                           record.get("votes_abstention"), record.get("unanimous"), voting)
    reel = pour + contre + abstention if None not in (pour, contre, abstention) else None
    # VOTE_EFFECTIF belongs to the vote's five columns: alone, without any count, it only
    # makes the row fail their "filled together" rule.
    # the five vote columns are filled together or not at all: all three counts known, and the members
    # in office (printed, else those the item's attendance lists, when they are not fewer than the votes)
    listed = sum(record.get(k) or 0 for k in ("present", "represented", "absent"))
    effectif = record.get("members_in_office") or (listed if reel is not None and listed >= reel else None)
    if reel is None or effectif is None:
        pour = contre = abstention = reel = effectif = None
    row = {
        # a name the document does not print: the --collectivites file's for the ACTES id's SIREN
        "COLL_NOM": record.get("collectivite") or collectivites.name(siren),
        "COLL_SIRET": collectivites.siret(siren, record.get("collectivite")),
        "DELIB_ID": record.get("numero") or record.get("acte_number") or made_id(record),
        "DELIB_DATE": record.get("seance_date") or record.get("acte_date"),
        "DELIB_MATIERE_CODE": matiere_code,
        "DELIB_MATIERE_NOM": matiere_nom,
        "DELIB_OBJET": record.get("objet"),
        "BUDGET_ANNEE": budget.annee if budget else None,
        "BUDGET_NOM": budget.nom if budget else None,
        "PREF_ID": None,
        "PREF_DATE": record.get("prefecture_received"),
        "VOTE_EFFECTIF": effectif,
        "VOTE_REEL": reel,
        "VOTE_POUR": pour,
        "VOTE_CONTRE": contre,
        "VOTE_ABSTENTION": abstention,
        "DELIB_URL": None,
    }
    columns = scdl_columns()
    if list(row) != columns:  # the package's schema copy and this mapping must agree
        raise RuntimeError(f"SCDL mapping columns {list(row)} differ from the schema's {columns}")
    return row


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(rows: list[dict[str, Any]], path: Path | str) -> None:
    """UTF-8 (no BOM), comma, a header row of the schema's column names, "\\r\\n" line ends
    (RFC 4180, what csv writes by default)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = scdl_columns()
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row[c]) for c in columns])


@dataclass
class ScdlExport:
    path: Path
    rows: list[dict[str, Any]]
    sources: list[dict[str, Any]]  # the database record behind each row (deliberation_id, source_path…)
    notes: dict[str, int] = field(default_factory=dict)  # values made rather than read (export_notes)


def export_scdl(db_path: Path | str, out_csv: Path | str, collectivites: Collectivites | None = None) -> ScdlExport:
    con = open_read_only(db_path)
    try:
        records = read_deliberations(con)
    finally:
        con.close()
    rows = [scdl_row(r, collectivites) for r in records]
    write_csv(rows, out_csv)
    return ScdlExport(Path(out_csv), rows, records, export_notes(records, rows))
