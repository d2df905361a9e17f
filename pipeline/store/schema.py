"""The DuckDB schema: every table and its columns, in one place, and the Arrow schema of each
table a document's rows are inserted into (read from the SQL itself: one source of truth)."""
from __future__ import annotations

import functools
import re

import pyarrow as pa

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    document_id VARCHAR PRIMARY KEY, source_path VARCHAR, sha256 VARCHAR, page_count INTEGER,
    has_text_layer BOOLEAN, ocr BOOLEAN, status VARCHAR, failure_kind VARCHAR, error VARCHAR, stage_reached VARCHAR,
    pipeline_version VARCHAR, ocr_pages INTEGER, unread_pages INTEGER, ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS seances (
    seance_id VARCHAR PRIMARY KEY, collectivite VARCHAR, siren VARCHAR, seance_date DATE,
    convocation_date DATE, president VARCHAR, secretaire VARCHAR, members_in_office INTEGER,
    members_present INTEGER, members_voting INTEGER,
    president_person_id VARCHAR, secretaire_person_id VARCHAR
);
CREATE TABLE IF NOT EXISTS deliberations (
    deliberation_id VARCHAR PRIMARY KEY, document_id VARCHAR, seance_id VARCHAR, numero VARCHAR,
    item_number INTEGER, objet VARCHAR, rapporteur VARCHAR, commission VARCHAR, commission_date DATE,
    commission_avis VARCHAR, acte_id VARCHAR, acte_departement VARCHAR, acte_siren VARCHAR, acte_date DATE,
    acte_number VARCHAR, acte_nature VARCHAR, prefecture_sent DATE, prefecture_received DATE, published DATE,
    votes_pour INTEGER, votes_contre INTEGER, votes_abstention INTEGER, votes_non_participation INTEGER,
    unanimous BOOLEAN, outcome VARCHAR, page_start INTEGER, page_end INTEGER,
    matiere_code VARCHAR, matiere_label VARCHAR, matiere_confidence DOUBLE,
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
    char_end INTEGER, x0 DOUBLE, y0 DOUBLE, x1 DOUBLE, y1 DOUBLE, text VARCHAR, ocr BOOLEAN
);
CREATE INDEX IF NOT EXISTS deliberations_document ON deliberations (document_id);
-- Persons across séances, and the *_person_id columns above: derived from the rows of every
-- document by pipeline.store.persons.rebuild_persons after each ingest; a document's own rows
-- leave them null.
CREATE TABLE IF NOT EXISTS persons (
    person_id VARCHAR, collectivite_key VARCHAR, collectivite VARCHAR, display_name VARCHAR, given_name VARCHAR,
    surname VARCHAR, variants VARCHAR, notes VARCHAR, mentions INTEGER, seances INTEGER, first_seance DATE,
    last_seance DATE, present INTEGER, represented INTEGER, absent INTEGER, proxies_held INTEGER,
    named_in_votes INTEGER, rapporteur INTEGER
);

-- Bookkeeping for batch ingest: one row per document (its last attempt), one row per invocation.
CREATE TABLE IF NOT EXISTS ingest_log (
    document_id VARCHAR PRIMARY KEY, sha256 VARCHAR, source_path VARCHAR, stage_reached VARCHAR, status VARCHAR,
    failure_kind VARCHAR, error VARCHAR, pipeline_version VARCHAR, run_id VARCHAR, logged_at TIMESTAMP DEFAULT current_timestamp
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
# Columns added after a table was first released: an older database gets them on connect.
MIGRATIONS = (
    "ALTER TABLE documents ADD COLUMN IF NOT EXISTS failure_kind VARCHAR",
    "ALTER TABLE ingest_log ADD COLUMN IF NOT EXISTS failure_kind VARCHAR",
    "ALTER TABLE deliberations ADD COLUMN IF NOT EXISTS matiere_code VARCHAR",
    "ALTER TABLE deliberations ADD COLUMN IF NOT EXISTS matiere_label VARCHAR",
    "ALTER TABLE deliberations ADD COLUMN IF NOT EXISTS matiere_confidence DOUBLE",
    "ALTER TABLE deliberations ADD COLUMN IF NOT EXISTS rapporteur_person_id VARCHAR",
    "ALTER TABLE attendance ADD COLUMN IF NOT EXISTS person_id VARCHAR",
    "ALTER TABLE attendance ADD COLUMN IF NOT EXISTS proxy_person_id VARCHAR",
    "ALTER TABLE vote_names ADD COLUMN IF NOT EXISTS person_id VARCHAR",
    "ALTER TABLE seances ADD COLUMN IF NOT EXISTS president_person_id VARCHAR",
    "ALTER TABLE seances ADD COLUMN IF NOT EXISTS members_present INTEGER",
    "ALTER TABLE seances ADD COLUMN IF NOT EXISTS members_voting INTEGER",
    "ALTER TABLE seances ADD COLUMN IF NOT EXISTS secretaire_person_id VARCHAR",
    "ALTER TABLE provenance ADD COLUMN IF NOT EXISTS ocr BOOLEAN",
    "ALTER TABLE documents ADD COLUMN IF NOT EXISTS ocr_pages INTEGER",
    "ALTER TABLE documents ADD COLUMN IF NOT EXISTS unread_pages INTEGER",
)
ANNEX_TABLES = ("actions", "action_amounts", "mesures", "contracts", "contract_axes", "contract_actions", "signatories")

# Tables a document owns, children first (the order rows are deleted in).
DOCUMENT_TABLES = ANNEX_TABLES + ("provenance", "anomalies", "vote_names", "attendance", "deliberations", "documents")
# Tables a batch inserts into, parents first; seances are shared between documents.
ROW_TABLES = ("documents", "seances", "deliberations", "attendance", "vote_names", "anomalies", "provenance") + ANNEX_TABLES
DocumentRows = dict[str, list[tuple]]

_ARROW_TYPES = {
    "VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
    "DECIMAL(14,2)": pa.decimal128(14, 2),
}


@functools.cache
def arrow_schemas() -> dict[str, pa.Schema]:
    """Arrow schema of each row table, read from SCHEMA itself (one source of truth); columns
    filled by a DEFAULT (ingested_at) are left out, rows never carry them."""
    import duckdb  # here, not at import: a worker checks its rows against row_columns() alone

    con = duckdb.connect(":memory:")
    con.execute(SCHEMA)
    schemas = {}
    for table in ROW_TABLES:
        columns = con.execute(f"DESCRIBE {table}").fetchall()
        schemas[table] = pa.schema([(name, _ARROW_TYPES[kind]) for name, kind, _, _, default, _ in columns if default is None])
    con.close()
    return schemas


_TABLE_RE = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", re.S)
# "name TYPE[(p,s)] [PRIMARY KEY | DEFAULT ...]", up to the comma closing it
_COLUMN_RE = re.compile(r"(?P<name>\w+) [A-Z]+(?:\(\d+,\s*\d+\))?(?P<rest>[^,]*)")


@functools.cache
def row_columns() -> dict[str, tuple[str, ...]]:
    """The column names of each row table as arrow_schemas() has them, read from the SQL text
    without DuckDB: a worker checks a document's rows against them, and loading DuckDB for that
    cost each batch ~0.2 s of start-up (measured). tests/test_load_db.py holds the two equal."""
    tables = {name: body for name, body in _TABLE_RE.findall(SCHEMA)}
    return {table: tuple(m["name"] for m in _COLUMN_RE.finditer(tables[table]) if "DEFAULT" not in m["rest"])
            for table in ROW_TABLES}
