"""Stage 7 — load_db: the only code that touches DuckDB.

Rows are keyed by document: loading a document first deletes whatever an earlier load of the
same file (same sha256 -> same document_id) wrote, in one transaction, so re-ingesting
replaces and never duplicates."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import duckdb

from models import DocumentResult
from pipeline import PIPELINE_VERSION

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    document_id VARCHAR PRIMARY KEY, source_path VARCHAR, sha256 VARCHAR, page_count INTEGER,
    has_text_layer BOOLEAN, ocr BOOLEAN, status VARCHAR, error VARCHAR, stage_reached VARCHAR,
    pipeline_version VARCHAR, ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS seances (
    seance_id VARCHAR PRIMARY KEY, collectivite VARCHAR, siren VARCHAR, seance_date DATE,
    convocation_date DATE, president VARCHAR, secretaire VARCHAR, members_in_office INTEGER
);
CREATE TABLE IF NOT EXISTS deliberations (
    deliberation_id VARCHAR PRIMARY KEY, document_id VARCHAR, seance_id VARCHAR, numero VARCHAR,
    item_number INTEGER, objet VARCHAR, rapporteur VARCHAR, commission VARCHAR, commission_date DATE,
    commission_avis VARCHAR, acte_id VARCHAR, acte_departement VARCHAR, acte_siren VARCHAR, acte_date DATE,
    acte_number VARCHAR, acte_nature VARCHAR, prefecture_sent DATE, prefecture_received DATE, published DATE,
    votes_pour INTEGER, votes_contre INTEGER, votes_abstention INTEGER, votes_non_participation INTEGER,
    unanimous BOOLEAN, outcome VARCHAR, page_start INTEGER, page_end INTEGER
);
CREATE TABLE IF NOT EXISTS attendance (
    deliberation_id VARCHAR, person VARCHAR, status VARCHAR, proxy VARCHAR, page INTEGER
);
CREATE TABLE IF NOT EXISTS anomalies (
    deliberation_id VARCHAR, document_id VARCHAR, check_name VARCHAR, message VARCHAR
);
CREATE TABLE IF NOT EXISTS provenance (
    document_id VARCHAR, deliberation_id VARCHAR, field VARCHAR, page INTEGER, char_start INTEGER,
    char_end INTEGER, x0 DOUBLE, y0 DOUBLE, x1 DOUBLE, y1 DOUBLE, text VARCHAR
);
CREATE INDEX IF NOT EXISTS attendance_deliberation ON attendance (deliberation_id);
CREATE INDEX IF NOT EXISTS deliberations_document ON deliberations (document_id);
"""

_DOCUMENT_TABLES = ("provenance", "anomalies", "attendance", "deliberations")


def connect(db_path: Path | str) -> duckdb.DuckDBPyConnection:
    if str(db_path) != ":memory:":
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path))
    con.execute(SCHEMA)
    return con


def seance_id_for(result: DocumentResult) -> str:
    s = result.seance
    owner = s.siren or re.sub(r"\W+", "", (s.collectivite or "").casefold())
    if not owner or s.seance_date is None:
        key = f"document:{result.document_id}"
    else:
        key = f"{owner}:{s.seance_date.isoformat()}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _delete_document(con: duckdb.DuckDBPyConnection, document_id: str) -> None:
    for table in ("provenance", "anomalies"):
        con.execute(f"DELETE FROM {table} WHERE document_id = ?", [document_id])
    con.execute(
        "DELETE FROM attendance WHERE deliberation_id IN (SELECT deliberation_id FROM deliberations WHERE document_id = ?)",
        [document_id],
    )
    con.execute("DELETE FROM deliberations WHERE document_id = ?", [document_id])
    con.execute("DELETE FROM documents WHERE document_id = ?", [document_id])


def _rows(result: DocumentResult) -> dict[str, list[tuple]]:
    rows: dict[str, list[tuple]] = {name: [] for name in ("deliberations", "attendance", "anomalies", "provenance")}
    doc_id = result.document_id
    seance_id = seance_id_for(result)
    for field, prov in result.seance_provenance.items():
        bbox = prov.bbox or (None, None, None, None)
        rows["provenance"].append((doc_id, None, f"seance.{field}", prov.page, prov.char_start, prov.char_end, *bbox, prov.text))
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
        for field, prov in d.provenance.items():
            bbox = prov.bbox or (None, None, None, None)
            rows["provenance"].append((doc_id, delib_id, field, prov.page, prov.char_start, prov.char_end, *bbox, prov.text))
    for anomaly in result.anomalies:
        delib_id = f"{doc_id}-{anomaly.deliberation_index}" if anomaly.deliberation_index is not None else None
        rows["anomalies"].append((delib_id, doc_id, anomaly.check_name, anomaly.message))
    return rows


def write_result(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> None:
    """Replace everything known about this document with `result`, atomically."""
    con.execute("BEGIN TRANSACTION")
    try:
        _delete_document(con, result.document_id)
        con.execute(
            "INSERT INTO documents (document_id, source_path, sha256, page_count, has_text_layer, ocr, status, error, "
            "stage_reached, pipeline_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [result.document_id, result.source_path, result.sha256, result.page_count, result.has_text_layer,
             result.ocr, result.status.value, result.error, result.stage_reached, PIPELINE_VERSION],
        )
        if result.deliberations:
            s = result.seance
            con.execute(
                "INSERT OR REPLACE INTO seances VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [seance_id_for(result), s.collectivite, s.siren, s.seance_date, s.convocation_date, s.president,
                 s.secretaire, s.members_in_office],
            )
        for table, rows in _rows(result).items():
            if rows:
                placeholders = ", ".join("?" * len(rows[0]))
                con.executemany(f"INSERT INTO {table} VALUES ({placeholders})", rows)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
