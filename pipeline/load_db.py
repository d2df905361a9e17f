"""Stage 7 — load_db: the only code that touches DuckDB.

Rows are keyed by document: loading a document first deletes whatever an earlier load of the
same file (same sha256 -> same document_id) wrote, in the same transaction, so re-ingesting
replaces and never duplicates.

Writing is split in two so that a batch has a single, cheap writer:
- `document_rows(result)` turns a DocumentResult into plain tuples per table. It is pure Python and
  runs wherever the document was processed (a worker process, a Dask worker).
- `write_rows(con, batch)` / `write_tables(con, tables)` insert a batch of documents as Arrow tables,
  one INSERT per table, in one transaction. DuckDB's executemany costs ~0.3 ms per row (a
  procès-verbal has hundreds of attendance rows), an Arrow insert ~1 µs, so the writer stays far
  ahead of the workers. A transaction holds whole documents only: a crash loses whole documents,
  which the ingest_log then reports as not done."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import uuid
from pathlib import Path
from typing import Iterable

import duckdb
import pyarrow as pa

import pipeline
from models import DocumentResult

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    document_id VARCHAR PRIMARY KEY, source_path VARCHAR, sha256 VARCHAR, page_count INTEGER,
    has_text_layer BOOLEAN, ocr BOOLEAN, status VARCHAR, error VARCHAR, stage_reached VARCHAR,
    pipeline_version VARCHAR, ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS seances (
    seance_id VARCHAR PRIMARY KEY, collectivite VARCHAR, siren VARCHAR, seance_date DATE,
    convocation_date DATE, president VARCHAR, secretaire VARCHAR, members_in_office INTEGER,
    president_person_id VARCHAR, secretaire_person_id VARCHAR
);
CREATE TABLE IF NOT EXISTS deliberations (
    deliberation_id VARCHAR PRIMARY KEY, document_id VARCHAR, seance_id VARCHAR, numero VARCHAR,
    item_number INTEGER, objet VARCHAR, rapporteur VARCHAR, commission VARCHAR, commission_date DATE,
    commission_avis VARCHAR, acte_id VARCHAR, acte_departement VARCHAR, acte_siren VARCHAR, acte_date DATE,
    acte_number VARCHAR, acte_nature VARCHAR, prefecture_sent DATE, prefecture_received DATE, published DATE,
    votes_pour INTEGER, votes_contre INTEGER, votes_abstention INTEGER, votes_non_participation INTEGER,
    unanimous BOOLEAN, outcome VARCHAR, page_start INTEGER, page_end INTEGER,
    rapporteur_person_id VARCHAR
);
CREATE TABLE IF NOT EXISTS attendance (
    deliberation_id VARCHAR, person VARCHAR, status VARCHAR, proxy VARCHAR, page INTEGER,
    person_id VARCHAR, proxy_person_id VARCHAR
);
CREATE TABLE IF NOT EXISTS vote_names (
    deliberation_id VARCHAR, document_id VARCHAR, person VARCHAR, vote VARCHAR,
    person_id VARCHAR
);
CREATE TABLE IF NOT EXISTS anomalies (
    deliberation_id VARCHAR, document_id VARCHAR, check_name VARCHAR, message VARCHAR
);
CREATE TABLE IF NOT EXISTS provenance (
    document_id VARCHAR, deliberation_id VARCHAR, field VARCHAR, page INTEGER, char_start INTEGER,
    char_end INTEGER, x0 DOUBLE, y0 DOUBLE, x1 DOUBLE, y1 DOUBLE, text VARCHAR
);
CREATE INDEX IF NOT EXISTS deliberations_document ON deliberations (document_id);
-- Persons across séances, and the *_person_id columns above (DERIVED_COLUMNS): derived from the rows
-- of every document by pipeline.store.persons.rebuild_persons after each ingest; a document's own
-- rows leave them null.
CREATE TABLE IF NOT EXISTS persons (
    person_id VARCHAR, collectivite_key VARCHAR, collectivite VARCHAR, display_name VARCHAR, given_name VARCHAR,
    surname VARCHAR, variants VARCHAR, notes VARCHAR, mentions INTEGER, seances INTEGER, first_seance DATE,
    last_seance DATE, present INTEGER, represented INTEGER, absent INTEGER, proxies_held INTEGER,
    named_in_votes INTEGER, rapporteur INTEGER
);

-- Bookkeeping for batch ingest: one row per document (its last attempt), one row per invocation.
CREATE TABLE IF NOT EXISTS ingest_log (
    document_id VARCHAR PRIMARY KEY, sha256 VARCHAR, source_path VARCHAR, stage_reached VARCHAR, status VARCHAR,
    error VARCHAR, pipeline_version VARCHAR, run_id VARCHAR, logged_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, pipeline_version VARCHAR,
    executor VARCHAR, workers INTEGER, files INTEGER, ingested INTEGER, skipped INTEGER, failed INTEGER,
    no_text INTEGER, pages INTEGER
);

-- Annexes: fiches action (with their euro amounts), mesures, and agreements (annexed pacts,
-- contract pages) with their sections, the actions of each section and their signatories.
CREATE TABLE IF NOT EXISTS actions (
    action_id VARCHAR, document_id VARCHAR, deliberation_id VARCHAR, position INTEGER, number VARCHAR,
    axe VARCHAR, axe_number VARCHAR, name VARCHAR, status VARCHAR, owner VARCHAR, description VARCHAR,
    partners VARCHAR, financing VARCHAR, calendar VARCHAR, indicators VARCHAR, annexes VARCHAR,
    calendar_start DATE, calendar_end DATE, calendar_precision VARCHAR, page_start INTEGER, page_end INTEGER
);
CREATE TABLE IF NOT EXISTS action_amounts (
    action_id VARCHAR, document_id VARCHAR, deliberation_id VARCHAR, action_number VARCHAR, position INTEGER,
    amount_eur DECIMAL(14,2), label VARCHAR, per_year BOOLEAN, page INTEGER
);
CREATE TABLE IF NOT EXISTS mesures (
    document_id VARCHAR, deliberation_id VARCHAR, contract_id VARCHAR, number VARCHAR, text VARCHAR,
    source VARCHAR, axis VARCHAR, page INTEGER
);
CREATE TABLE IF NOT EXISTS contracts (
    contract_id VARCHAR, document_id VARCHAR, deliberation_id VARCHAR, kind VARCHAR, title VARCHAR,
    period_start DATE, period_end DATE, period_precision VARCHAR, signed_on DATE, page INTEGER
);
CREATE TABLE IF NOT EXISTS contract_axes (
    contract_id VARCHAR, document_id VARCHAR, position INTEGER, kind VARCHAR, number VARCHAR, title VARCHAR
);
CREATE TABLE IF NOT EXISTS contract_actions (
    contract_id VARCHAR, document_id VARCHAR, axis_position INTEGER, position INTEGER, text VARCHAR
);
CREATE TABLE IF NOT EXISTS signatories (
    document_id VARCHAR, contract_id VARCHAR, organisation VARCHAR, representative VARCHAR, role VARCHAR, page INTEGER
);
"""
ANNEX_TABLES = ("actions", "action_amounts", "mesures", "contracts", "contract_axes", "contract_actions", "signatories")

# Tables a document owns, children first (the order rows are deleted in).
DOCUMENT_TABLES = ANNEX_TABLES + ("provenance", "anomalies", "vote_names", "attendance", "deliberations", "documents")
# Tables a batch inserts into, parents first; seances are shared between documents.
ROW_TABLES = ("documents", "seances", "deliberations", "attendance", "vote_names", "anomalies", "provenance") + ANNEX_TABLES
DocumentRows = dict[str, list[tuple]]
# Columns no document writes (its row tuples stop before them): they link rows across documents and
# are filled by pipeline.store.persons.rebuild_persons.
DERIVED_COLUMNS = frozenset({"person_id", "proxy_person_id", "rapporteur_person_id", "president_person_id",
                             "secretaire_person_id"})

_ARROW_TYPES = {
    "VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
    "DECIMAL(14,2)": pa.decimal128(14, 2),
}


def connect(db_path: Path | str) -> duckdb.DuckDBPyConnection:
    if str(db_path) != ":memory:":
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path))
    con.execute(SCHEMA)
    # Earlier versions indexed attendance(deliberation_id). DuckDB answers scans, joins and
    # aggregates from its column zone maps, not ART indexes; at 22M attendance rows that index
    # made the file 4× larger and inserts 2× slower for no faster query. Drop it where it exists.
    con.execute("DROP INDEX IF EXISTS attendance_deliberation")
    return con


@functools.cache
def arrow_schemas() -> dict[str, pa.Schema]:
    """Arrow schema of each row table, read from SCHEMA itself (one source of truth); columns
    filled by a DEFAULT (ingested_at) are left out, rows never carry them."""
    con = duckdb.connect(":memory:")
    con.execute(SCHEMA)
    schemas = {}
    for table in ROW_TABLES:
        columns = con.execute(f"DESCRIBE {table}").fetchall()
        schemas[table] = pa.schema([(name, _ARROW_TYPES[kind]) for name, kind, _, _, default, _ in columns if default is None])
    con.close()
    return schemas


def seance_id_for(result: DocumentResult) -> str:
    s = result.seance
    owner = s.siren or re.sub(r"\W+", "", (s.collectivite or "").casefold())
    if not owner or s.seance_date is None:
        key = f"document:{result.document_id}"
    else:
        key = f"{owner}:{s.seance_date.isoformat()}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _provenance_row(doc_id: str, delib_id: str | None, field: str, prov) -> tuple:
    bbox = prov.bbox or (None, None, None, None)
    return (doc_id, delib_id, field, prov.page, prov.char_start, prov.char_end, *bbox, prov.text)


def document_rows(result: DocumentResult) -> DocumentRows:
    """Every row this document contributes, per table, in each table's column order."""
    doc_id = result.document_id
    seance_id = seance_id_for(result)
    rows: DocumentRows = {name: [] for name in ROW_TABLES}
    rows["documents"].append((
        doc_id, result.source_path, result.sha256, result.page_count, result.has_text_layer, result.ocr,
        result.status.value, result.error, result.stage_reached, pipeline.PIPELINE_VERSION,
    ))
    if result.deliberations:
        s = result.seance
        rows["seances"].append((seance_id, s.collectivite, s.siren, s.seance_date, s.convocation_date, s.president,
                                s.secretaire, s.members_in_office))
    for field, prov in result.seance_provenance.items():
        rows["provenance"].append(_provenance_row(doc_id, None, f"seance.{field}", prov))
    for d in result.deliberations:
        delib_id = f"{doc_id}-{d.index}"
        acte = d.stamp.acte_id
        commission = d.commission
        rows["deliberations"].append((
            delib_id, doc_id, seance_id, d.numero, d.item_number, d.objet, d.rapporteur,
            commission.name if commission else None, commission.date if commission else None,
            commission.avis if commission else None,
            acte.value if acte else None, acte.departement if acte else None, acte.siren if acte else None,
            acte.date if acte else None, acte.number if acte else None, acte.nature if acte else None,
            d.stamp.prefecture_sent, d.stamp.prefecture_received, d.stamp.published,
            d.vote.pour, d.vote.contre, d.vote.abstention, d.vote.non_participation, d.vote.unanimous, d.vote.outcome,
            d.page_start, d.page_end,
        ))
        for a in d.attendance:
            rows["attendance"].append((delib_id, a.person, a.status.value, a.proxy, a.provenance.page if a.provenance else None))
        for vote, names in (("contre", d.vote.contre_names), ("abstention", d.vote.abstention_names),
                            ("non_participation", d.vote.non_participation_names)):
            rows["vote_names"].extend((delib_id, doc_id, person, vote) for person in names)
        for field, prov in d.provenance.items():
            rows["provenance"].append(_provenance_row(doc_id, delib_id, field, prov))
    for anomaly in result.anomalies:
        delib_id = f"{doc_id}-{anomaly.deliberation_index}" if anomaly.deliberation_index is not None else None
        rows["anomalies"].append((delib_id, doc_id, anomaly.check_name, anomaly.message))
    annex_rows(result, rows)
    return rows


def annex_rows(result: DocumentResult, rows: DocumentRows) -> None:
    """Rows of the annex tables: actions and their amounts, mesures, agreements and their parts;
    each value's provenance goes to the provenance table under a field naming its record."""
    doc_id = result.document_id
    for d in result.deliberations:
        delib_id = f"{doc_id}-{d.index}"
        for m in d.mesures:
            rows["mesures"].append((doc_id, delib_id, None, m.number, m.text, m.source, m.axis,
                                    m.provenance.page if m.provenance else None))
            if m.provenance:
                rows["provenance"].append(_provenance_row(doc_id, delib_id, f"mesures[{m.number}]", m.provenance))
        for position, a in enumerate(d.actions):
            action_id = f"{delib_id}-a{position}"
            rows["actions"].append((
                action_id, doc_id, delib_id, position, a.number, a.axe, a.axe_number, a.name, a.status, a.owner,
                a.description, a.partners, a.financing, a.calendar, a.indicators, a.annexes,
                a.calendar_start, a.calendar_end, a.calendar_precision, a.page_start, a.page_end,
            ))
            for k, amount in enumerate(a.amounts):
                prov = a.provenance.get(f"amounts[{k}]")
                rows["action_amounts"].append((action_id, doc_id, delib_id, a.number, k, amount.amount_eur, amount.label,
                                               amount.per_year, prov.page if prov else a.page_start))
            for field, prov in a.provenance.items():
                rows["provenance"].append(_provenance_row(doc_id, delib_id, f"actions[{position}].{field}", prov))
    for position, c in enumerate(result.agreements):
        contract_id = f"{doc_id}-c{position}"
        delib_id = f"{doc_id}-{c.deliberation_index}" if c.deliberation_index is not None else None
        rows["contracts"].append((contract_id, doc_id, delib_id, c.kind, c.title, c.period_start, c.period_end,
                                  c.period_precision, c.signed_on, c.page_start))
        for k, section in enumerate(c.sections):
            rows["contract_axes"].append((contract_id, doc_id, k, section.kind, section.number, section.title))
            for j, text in enumerate(section.actions):
                rows["contract_actions"].append((contract_id, doc_id, k, j, text))
        for s in c.signatories:
            rows["signatories"].append((doc_id, contract_id, s.organisation, s.representative, s.role,
                                        s.provenance.page if s.provenance else None))
        for m in c.mesures:
            rows["mesures"].append((doc_id, delib_id, contract_id, m.number, m.text, m.source, m.axis,
                                    m.provenance.page if m.provenance else None))
        for field, prov in c.provenance.items():
            rows["provenance"].append(_provenance_row(doc_id, delib_id, f"contracts[{position}].{field}", prov))


def rows_to_arrow(batch: Iterable[DocumentRows]) -> dict[str, pa.Table]:
    """One Arrow table per row table for a batch of documents. A document given twice keeps its
    last rows; a séance shared by several documents is kept once (its last version), since a
    single INSERT OR REPLACE statement may not carry the same key twice."""
    by_document = {rows["documents"][0][0]: rows for rows in batch}
    columns = {table: [] for table in ROW_TABLES}
    for rows in by_document.values():
        for table in ROW_TABLES:
            columns[table].extend(rows.get(table, ()))
    columns["seances"] = list({row[0]: row for row in columns["seances"]}.values())
    tables = {}
    for table, schema in arrow_schemas().items():
        written = [f for f in schema if f.name not in DERIVED_COLUMNS]
        values = list(zip(*columns[table])) or [()] * len(written)
        arrays = {f.name: pa.array(v, type=f.type) for v, f in zip(values, written)}
        count = len(columns[table])
        tables[table] = pa.Table.from_arrays([arrays.get(f.name, pa.nulls(count, f.type)) for f in schema], schema=schema)
    return tables


def unwritable_reason(rows: DocumentRows) -> str | None:
    """Why these rows would make the batch's INSERT fail, or None. Checked where the document
    was processed, so that one odd document is recorded as failed instead of failing a batch."""
    delib_ids = [row[0] for row in rows["deliberations"]]
    if len(set(delib_ids)) != len(delib_ids):
        return "cannot be written to DuckDB: two délibérations share one id"
    try:
        rows_to_arrow([rows])
    except (pa.ArrowException, ValueError, TypeError, OverflowError) as exc:
        return f"cannot be written to DuckDB: {type(exc).__name__}: {exc}"
    return None


def loaded_documents(con: duckdb.DuckDBPyConnection, document_ids: list[str]) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT document_id FROM documents WHERE document_id IN (SELECT unnest(?::VARCHAR[]))", [document_ids]
    ).fetchall()]


def delete_documents(con: duckdb.DuckDBPyConnection, document_ids: list[str]) -> None:
    """Remove every row of these documents (call inside a transaction)."""
    ids = [document_ids]
    con.execute(
        "DELETE FROM attendance WHERE deliberation_id IN "
        "(SELECT deliberation_id FROM deliberations WHERE document_id IN (SELECT unnest(?::VARCHAR[])))", ids,
    )
    for table in DOCUMENT_TABLES:
        if table != "attendance":
            con.execute(f"DELETE FROM {table} WHERE document_id IN (SELECT unnest(?::VARCHAR[]))", ids)


def write_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], run_id: str | None = None) -> None:
    """Replace everything known about the batch's documents with `tables`, atomically, and log
    each document in ingest_log in the same transaction (so the log never claims a document
    whose rows are missing, nor misses one whose rows are there)."""
    document_ids = tables["documents"].column("document_id").to_pylist()
    if not document_ids:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        # Deleting scans the big tables, so only documents loaded before pay for it.
        previously_loaded = loaded_documents(con, document_ids)
        if previously_loaded:
            delete_documents(con, previously_loaded)
        for table in ROW_TABLES:
            incoming = tables[table]
            if incoming.num_rows:
                verb = "INSERT OR REPLACE" if table == "seances" else "INSERT"
                con.register("incoming", incoming)
                con.execute(f"{verb} INTO {table} BY NAME SELECT * FROM incoming")
                con.unregister("incoming")
        con.register("incoming", tables["documents"])
        con.execute(
            "INSERT OR REPLACE INTO ingest_log BY NAME SELECT document_id, sha256, source_path, stage_reached, status, "
            "error, pipeline_version, ?::VARCHAR AS run_id, current_timestamp AS logged_at FROM incoming", [run_id],
        )
        con.unregister("incoming")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def write_rows(con: duckdb.DuckDBPyConnection, batch: list[DocumentRows], run_id: str | None = None) -> None:
    write_tables(con, rows_to_arrow(batch), run_id)


def write_result(con: duckdb.DuckDBPyConnection, result: DocumentResult, run_id: str | None = None) -> None:
    """Replace everything known about this document with `result`, atomically."""
    write_rows(con, [document_rows(result)], run_id)


# --- batch bookkeeping -------------------------------------------------------------------------

def done_documents(con: duckdb.DuckDBPyConnection, document_ids: list[str], retry_failed: bool = False) -> set[str]:
    """Those of `document_ids` already ingested by this pipeline version (and, with
    retry_failed, successfully), i.e. the ones a resumed or repeated batch skips."""
    status_filter = " AND status = 'ok'" if retry_failed else ""
    return {r[0] for r in con.execute(
        "SELECT document_id FROM ingest_log WHERE document_id IN (SELECT unnest(?::VARCHAR[])) "
        f"AND pipeline_version = ?{status_filter}", [document_ids, pipeline.PIPELINE_VERSION],
    ).fetchall()}


def start_run(con: duckdb.DuckDBPyConnection, executor: str, workers: int) -> str:
    run_id = uuid.uuid4().hex[:12]
    con.execute(
        "INSERT INTO runs (run_id, started_at, pipeline_version, executor, workers) VALUES (?, ?, ?, ?, ?)",
        [run_id, dt.datetime.now(), pipeline.PIPELINE_VERSION, executor, workers],
    )
    return run_id


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, counts: dict[str, int]) -> None:
    con.execute(
        "UPDATE runs SET finished_at = ?, files = ?, ingested = ?, skipped = ?, failed = ?, no_text = ?, pages = ? "
        "WHERE run_id = ?",
        [dt.datetime.now(), counts.get("files", 0), counts.get("ingested", 0), counts.get("skipped", 0),
         counts.get("failed", 0), counts.get("no_text", 0), counts.get("pages", 0), run_id],
    )
